/**
 * The key derived from the learner's passphrase with WebCrypto: PBKDF2-HMAC-SHA-256 (600,000 iterations by
 * default, OWASP's 2023 figure) into an AES-256-GCM key. It seals the lock's check value, the wallet's data key
 * (data-key.ts, which seals the rows) and backups. Every sealed value names what it is (`context`, bound as
 * additional authenticated data), so one cannot pass for another. Opening with the wrong passphrase or
 * tampered data yields nothing.
 */
import { bufferSource, fromBase64Url, randomBytes, toBase64Url, utf8 } from "@learnbridge/core";

/** The parameters a sealing key was derived with; stored beside what it sealed. */
export interface KdfParams {
  readonly name: "PBKDF2";
  readonly hash: "SHA-256";
  readonly iterations: number;
  /** base64url of 16 random bytes. */
  readonly salt: string;
}

/** Seals and opens bytes under one AES-256-GCM key. */
export interface Sealer {
  /** AES-GCM with a fresh 96-bit nonce; returns `v1.<nonce>.<ciphertext>` in base64url. */
  seal(plaintext: Uint8Array, context: string): Promise<string>;
  /** The plaintext, or undefined when the key, the context or the data is wrong. */
  open(sealed: string, context: string): Promise<Uint8Array | undefined>;
}

/** A sealer whose key was derived from the learner's passphrase, with the parameters it was derived with. */
export interface SealingKey extends Sealer {
  readonly params: KdfParams;
}

/** OWASP's 2023 recommendation for PBKDF2-HMAC-SHA-256. */
export const DEFAULT_KDF_ITERATIONS = 600_000;
/** Below this a passphrase-derived key is too cheap to guess at; tests may go down to it, never lower. */
export const MIN_KDF_ITERATIONS = 1_000;

/** Fresh parameters with a random salt. */
export function newKdfParams(iterations = DEFAULT_KDF_ITERATIONS): KdfParams {
  if (!Number.isInteger(iterations) || iterations < MIN_KDF_ITERATIONS) {
    throw new TypeError(`KDF iterations must be an integer of at least ${MIN_KDF_ITERATIONS}`);
  }
  return { name: "PBKDF2", hash: "SHA-256", iterations, salt: toBase64Url(randomBytes(16)) };
}

/** Reads stored parameters; undefined when they are not ones this wallet can use. */
export function readKdfParams(value: unknown): KdfParams | undefined {
  const v = value as Partial<KdfParams> | null;
  if (v?.name !== "PBKDF2" || v.hash !== "SHA-256") return undefined;
  if (!Number.isInteger(v.iterations) || (v.iterations ?? 0) < MIN_KDF_ITERATIONS) return undefined;
  if (typeof v.salt !== "string" || !/^[A-Za-z0-9_-]{16,}$/.test(v.salt)) return undefined;
  return { name: "PBKDF2", hash: "SHA-256", iterations: v.iterations as number, salt: v.salt };
}

/** Derives the sealing key of `passphrase` under `params` (takes a few hundred milliseconds by design). */
export async function deriveSealingKey(passphrase: string, params: KdfParams): Promise<SealingKey> {
  if (typeof passphrase !== "string" || passphrase.length === 0) {
    throw new TypeError("a passphrase is required");
  }
  const material = await crypto.subtle.importKey(
    "raw",
    bufferSource(utf8(passphrase.normalize("NFC"))),
    "PBKDF2",
    false,
    ["deriveKey"],
  );
  const key = await crypto.subtle.deriveKey(
    {
      name: "PBKDF2",
      hash: "SHA-256",
      iterations: params.iterations,
      salt: bufferSource(fromBase64Url(params.salt)),
    },
    material,
    { name: "AES-GCM", length: 256 },
    false,
    ["encrypt", "decrypt"],
  );
  return { params, ...aesGcmSealer(key) };
}

/** Seals under an AES-GCM `key`, binding each sealed value to its `context` (additional authenticated data). */
function aesGcmSealer(key: CryptoKey): Sealer {
  return {
    async seal(plaintext, context) {
      const iv = randomBytes(12);
      const ciphertext = await crypto.subtle.encrypt(
        { name: "AES-GCM", iv: bufferSource(iv), additionalData: bufferSource(utf8(context)) },
        key,
        bufferSource(plaintext),
      );
      return `v1.${toBase64Url(iv)}.${toBase64Url(new Uint8Array(ciphertext))}`;
    },
    async open(sealed, context) {
      const [version, iv, ciphertext] = String(sealed).split(".");
      if (version !== "v1" || !iv || !ciphertext) return undefined;
      try {
        const plaintext = await crypto.subtle.decrypt(
          {
            name: "AES-GCM",
            iv: bufferSource(fromBase64Url(iv)),
            additionalData: bufferSource(utf8(context)),
          },
          key,
          bufferSource(fromBase64Url(ciphertext)),
        );
        return new Uint8Array(plaintext);
      } catch {
        return undefined;
      }
    },
  };
}
