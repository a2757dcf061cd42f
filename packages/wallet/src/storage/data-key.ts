/**
 * The wallet's data key, which seals every personal row of the wallet file (credentials, DIDs, keys).
 *
 * A random 256-bit secret is made for a wallet (and again on each passphrase change, which re-seals every
 * row: see change-passphrase.ts) and kept wrapped (sealed) under the passphrase key in `wallet_settings`,
 * rather than derived from the passphrase key, because: the passphrase key is a non-extractable WebCrypto
 * key, so there is no key material to derive from without exporting it; and the secret has full entropy
 * whatever the passphrase. HKDF-SHA-256 splits the secret into two keys with one job each: AES-256-GCM for a
 * row's contents, HMAC-SHA-256 for its id.
 */
import { bufferSource, concatBytes, fromUtf8, randomBytes, toBase64Url, utf8 } from "@learnbridge/core";
import type { SealingKey } from "./sealing-key.ts";

/** What the wallet keeps sealed, one kind per Veramo store plus the credentials. */
export type RecordKind = "credential" | "did" | "key" | "private-key";

/** Seals and opens the wallet's rows; made from the data key once the wallet is unlocked. */
export interface WalletVault {
  /**
   * The row id of `key` (a credential id, a DID, a kid, an alias): a keyed hash, so the store can find a row
   * by its key and refuse a duplicate without the key ever being written in clear.
   */
  rowId(kind: RecordKind, key: string): Promise<string>;
  /**
   * Seals a JSON value for the row `rowId` (bound to it as additional data, so rows cannot be swapped):
   * a version byte, the 96-bit nonce, the AES-GCM ciphertext. Bytes, not text: a list opens every row, and
   * decoding base64 was a third of its time.
   */
  seal(kind: RecordKind, rowId: string, value: unknown): Promise<Uint8Array>;
  /** The value sealed for this row, or undefined when it does not open (another wallet, a changed row). */
  open(kind: RecordKind, rowId: string, sealed: Uint8Array): Promise<unknown>;
}

const WRAP_CONTEXT = "learnbridge-wallet:data-key";
const SECRET_BYTES = 32;
/** The first byte of a sealed row: how it was sealed (AES-256-GCM, 96-bit nonce, 128-bit tag). */
const ROW_FORMAT = 1;
const NONCE_BYTES = 12;

/** A fresh random data key secret. */
export const newDataSecret = (): Uint8Array => randomBytes(SECRET_BYTES);

/** Wraps the secret under the passphrase key, for `wallet_settings`. */
export const wrapDataSecret = (sealingKey: SealingKey, secret: Uint8Array): Promise<string> =>
  sealingKey.seal(secret, WRAP_CONTEXT);

/** Unwraps the secret; undefined when this passphrase key did not wrap it or the value was changed. */
export async function unwrapDataSecret(
  sealingKey: SealingKey,
  wrapped: string,
): Promise<Uint8Array | undefined> {
  const secret = await sealingKey.open(wrapped, WRAP_CONTEXT);
  return secret?.length === SECRET_BYTES ? secret : undefined;
}

const hkdf = (info: string) => ({
  name: "HKDF",
  hash: "SHA-256",
  // A zero salt is fine: the secret is already uniformly random (RFC 5869, section 3.1).
  salt: new Uint8Array(32),
  info: bufferSource(utf8(`learnbridge-wallet:${info}`)),
});

/** The vault of a data key secret. */
export async function vaultFromSecret(secret: Uint8Array): Promise<WalletVault> {
  if (!(secret instanceof Uint8Array) || secret.length !== SECRET_BYTES) {
    throw new TypeError(`a data key secret is ${SECRET_BYTES} bytes`);
  }
  const base = await crypto.subtle.importKey("raw", bufferSource(secret), "HKDF", false, ["deriveKey"]);
  const rowKey = await crypto.subtle.deriveKey(
    hkdf("row-contents"),
    base,
    { name: "AES-GCM", length: 256 },
    false,
    ["encrypt", "decrypt"],
  );
  const idKey = await crypto.subtle.deriveKey(
    hkdf("row-id"),
    base,
    { name: "HMAC", hash: "SHA-256", length: 256 },
    false,
    ["sign"],
  );
  const gcm = (kind: RecordKind, rowId: string, iv: Uint8Array) => ({
    name: "AES-GCM",
    iv: bufferSource(iv),
    additionalData: bufferSource(utf8(`learnbridge-wallet:${kind}:${rowId}`)),
  });
  return {
    async rowId(kind, key) {
      if (typeof key !== "string" || key.length === 0) throw new TypeError(`a ${kind} needs a key`);
      // The kind is part of the hashed input, so ids of different kinds never collide.
      const mac = await crypto.subtle.sign("HMAC", idKey, bufferSource(utf8(`${kind}\n${key}`)));
      return toBase64Url(new Uint8Array(mac));
    },
    async seal(kind, rowId, value) {
      const iv = randomBytes(NONCE_BYTES);
      const plaintext = bufferSource(utf8(JSON.stringify(value)));
      const ciphertext = await crypto.subtle.encrypt(gcm(kind, rowId, iv), rowKey, plaintext);
      return concatBytes(Uint8Array.of(ROW_FORMAT), iv, new Uint8Array(ciphertext));
    },
    async open(kind, rowId, sealed) {
      if (!(sealed instanceof Uint8Array) || sealed[0] !== ROW_FORMAT) return undefined;
      const iv = sealed.subarray(1, 1 + NONCE_BYTES);
      try {
        const ciphertext = bufferSource(sealed.subarray(1 + NONCE_BYTES));
        const plaintext = await crypto.subtle.decrypt(gcm(kind, rowId, iv), rowKey, ciphertext);
        return JSON.parse(fromUtf8(new Uint8Array(plaintext)));
      } catch {
        return undefined;
      }
    },
  };
}
