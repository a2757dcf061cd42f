/**
 * Public keys and signers over WebCrypto. Ed25519 and P-256 (ES256) are supported; keys travel as
 * Multikey (multibase + multicodec) in Data Integrity and did:key, and as JWK in JOSE.
 *
 * Keys never leave a signer: signing code receives a `Signer`, a function closing over a `CryptoKey`.
 */

import {
  bufferSource,
  concatBytes,
  fromBase64Url,
  fromMultibase,
  toBase64Url,
  toMultibaseBase58,
} from "./encoding.ts";
import { LearnbridgeError } from "./errors.ts";

/** The signature algorithms a node speaks, named as JOSE names them. */
export type SignatureAlgorithm = "EdDSA" | "ES256";

/** A public key, raw bytes in the curve's usual form (Ed25519: 32 bytes; P-256: 33-byte compressed point). */
export interface PublicKey {
  readonly algorithm: SignatureAlgorithm;
  readonly bytes: Uint8Array;
}

/** Signs bytes with a key it never reveals. `keyId` is the verification method URL a proof names. */
export interface Signer {
  readonly algorithm: SignatureAlgorithm;
  readonly keyId: string;
  sign(data: Uint8Array): Promise<Uint8Array>;
}

export interface KeyPair {
  readonly publicKey: PublicKey;
  readonly privateKey: CryptoKey;
}

const ED25519_PUB = Uint8Array.of(0xed, 0x01);
const ED25519_PRIV = Uint8Array.of(0x80, 0x26);
const P256_PUB = Uint8Array.of(0x80, 0x24);

const webCryptoAlgorithm = {
  EdDSA: { name: "Ed25519" },
  ES256: { name: "ECDSA", namedCurve: "P-256" },
} as const;
const signParams = { EdDSA: { name: "Ed25519" }, ES256: { name: "ECDSA", hash: "SHA-256" } } as const;

const startsWith = (bytes: Uint8Array, prefix: Uint8Array) => prefix.every((b, i) => bytes[i] === b);

/** Encodes a public key as a Multikey `publicKeyMultibase` (`z6Mk…` for Ed25519, `zDn…` for P-256). */
export function publicKeyToMultibase(key: PublicKey): string {
  const prefix = key.algorithm === "EdDSA" ? ED25519_PUB : P256_PUB;
  return toMultibaseBase58(concatBytes(prefix, key.bytes));
}

/** Decodes a Multikey `publicKeyMultibase`; throws a KEY_UNSUPPORTED error for other key types or sizes. */
export function publicKeyFromMultibase(multibase: string): PublicKey {
  let bytes: Uint8Array;
  try {
    bytes = fromMultibase(multibase);
  } catch (cause) {
    throw new LearnbridgeError(
      "KEY_UNSUPPORTED",
      "public key is not valid multibase",
      { multibase },
      { cause },
    );
  }
  if (startsWith(bytes, ED25519_PUB) && bytes.length === 34)
    return { algorithm: "EdDSA", bytes: bytes.slice(2) };
  if (startsWith(bytes, P256_PUB) && bytes.length === 35)
    return { algorithm: "ES256", bytes: bytes.slice(2) };
  throw new LearnbridgeError("KEY_UNSUPPORTED", "only Ed25519 and P-256 Multikeys are supported", {
    multibase,
  });
}

/** A public JWK (`OKP`/`Ed25519` or `EC`/`P-256`). */
export function publicKeyToJwk(key: PublicKey): JsonWebKey {
  if (key.algorithm === "EdDSA") return { kty: "OKP", crv: "Ed25519", x: toBase64Url(key.bytes) };
  const point = decompressP256(key.bytes);
  return { kty: "EC", crv: "P-256", x: toBase64Url(point.slice(1, 33)), y: toBase64Url(point.slice(33)) };
}

/** Reads a public JWK; throws KEY_UNSUPPORTED for other key types, and refuses JWKs carrying private parts. */
export function publicKeyFromJwk(jwk: unknown): PublicKey {
  const k = jwk as Record<string, unknown> | null;
  if (!k || typeof k !== "object") throw new LearnbridgeError("KEY_UNSUPPORTED", "JWK must be an object");
  if ("d" in k)
    throw new LearnbridgeError("KEY_UNSUPPORTED", "a public key must not carry private key material");
  try {
    if (k.kty === "OKP" && k.crv === "Ed25519" && typeof k.x === "string") {
      const bytes = fromBase64Url(k.x);
      if (bytes.length === 32) return { algorithm: "EdDSA", bytes };
    }
    if (k.kty === "EC" && k.crv === "P-256" && typeof k.x === "string" && typeof k.y === "string") {
      const x = fromBase64Url(k.x);
      const y = fromBase64Url(k.y);
      if (x.length === 32 && y.length === 32) {
        return { algorithm: "ES256", bytes: concatBytes(Uint8Array.of(2 + ((y[31] ?? 0) & 1)), x) };
      }
    }
  } catch (cause) {
    throw new LearnbridgeError("KEY_UNSUPPORTED", "JWK coordinates are not valid base64url", {}, { cause });
  }
  throw new LearnbridgeError("KEY_UNSUPPORTED", "only Ed25519 (OKP) and P-256 (EC) JWKs are supported", {
    kty: k.kty,
    crv: k.crv,
  });
}

const importedKeys = new WeakMap<Uint8Array, Promise<CryptoKey>>();

/** Imports a public key into WebCrypto (memoised per key object). */
export function importPublicKey(key: PublicKey): Promise<CryptoKey> {
  let imported = importedKeys.get(key.bytes);
  if (!imported) {
    const raw = key.algorithm === "EdDSA" ? key.bytes : decompressP256(key.bytes);
    imported = crypto.subtle.importKey("raw", bufferSource(raw), webCryptoAlgorithm[key.algorithm], true, [
      "verify",
    ]);
    importedKeys.set(key.bytes, imported);
  }
  return imported;
}

/** Verifies a signature (Ed25519, or ES256 as raw r||s); false for any mismatch or malformed input. */
export async function verifySignature(
  key: PublicKey,
  data: Uint8Array,
  signature: Uint8Array,
): Promise<boolean> {
  if (signature.length !== 64) return false; // Ed25519 and raw ES256 (r || s) signatures are both 64 bytes
  try {
    return await crypto.subtle.verify(
      signParams[key.algorithm],
      await importPublicKey(key),
      bufferSource(signature),
      bufferSource(data),
    );
  } catch {
    return false;
  }
}

/** Generates a key pair. The private key is extractable only when asked, so that it can be stored encrypted. */
export async function generateKeyPair(algorithm: SignatureAlgorithm, extractable = false): Promise<KeyPair> {
  const pair = (await crypto.subtle.generateKey(webCryptoAlgorithm[algorithm], extractable, [
    "sign",
    "verify",
  ])) as CryptoKeyPair;
  return { privateKey: pair.privateKey, publicKey: await exportPublicKey(pair.publicKey, algorithm) };
}

async function exportPublicKey(key: CryptoKey, algorithm: SignatureAlgorithm): Promise<PublicKey> {
  const raw = new Uint8Array(await crypto.subtle.exportKey("raw", key));
  if (algorithm === "EdDSA") return { algorithm, bytes: raw };
  // WebCrypto exports P-256 uncompressed (0x04 || x || y); Multikey carries the compressed point.
  const y = raw.slice(33);
  return { algorithm, bytes: concatBytes(Uint8Array.of(2 + ((y[31] ?? 0) & 1)), raw.slice(1, 33)) };
}

/** Imports a private JWK (as stored, decrypted) and returns the key pair. */
export async function importPrivateJwk(jwk: JsonWebKey, extractable = false): Promise<KeyPair> {
  const algorithm: SignatureAlgorithm | undefined =
    jwk.kty === "OKP" && jwk.crv === "Ed25519"
      ? "EdDSA"
      : jwk.kty === "EC" && jwk.crv === "P-256"
        ? "ES256"
        : undefined;
  if (!algorithm || typeof jwk.d !== "string") {
    throw new LearnbridgeError("KEY_UNSUPPORTED", "expected a private Ed25519 or P-256 JWK");
  }
  const privateKey = await crypto.subtle.importKey("jwk", jwk, webCryptoAlgorithm[algorithm], extractable, [
    "sign",
  ]);
  const { d: _d, key_ops: _ops, ext: _ext, ...publicJwk } = jwk;
  return { privateKey, publicKey: publicKeyFromJwk(publicJwk) };
}

/** Exports an extractable private key as JWK, for encrypted storage. */
export async function exportPrivateJwk(pair: KeyPair): Promise<JsonWebKey> {
  const { key_ops: _ops, ext: _ext, ...jwk } = await crypto.subtle.exportKey("jwk", pair.privateKey);
  return jwk;
}

/**
 * Imports an Ed25519 key pair given as Multikey `privateKeyMultibase` (`z3u2…`, the seed) and
 * `publicKeyMultibase`, the form the W3C test vectors publish.
 */
export async function importEd25519Multikey(
  privateKeyMultibase: string,
  publicKeyMultibase: string,
  extractable = false,
): Promise<KeyPair> {
  const secret = fromMultibase(privateKeyMultibase);
  if (!startsWith(secret, ED25519_PRIV) || secret.length !== 34) {
    throw new LearnbridgeError("KEY_UNSUPPORTED", "expected an Ed25519 private Multikey");
  }
  const publicKey = publicKeyFromMultibase(publicKeyMultibase);
  const jwk = {
    kty: "OKP",
    crv: "Ed25519",
    d: toBase64Url(secret.slice(2)),
    x: toBase64Url(publicKey.bytes),
  };
  return importPrivateJwk(jwk, extractable);
}

/** Makes a signer from a private key; `keyId` is the verification method the signatures will name. */
export function createSigner(pair: KeyPair, keyId: string): Signer {
  const { algorithm } = pair.publicKey;
  return {
    algorithm,
    keyId,
    async sign(data) {
      return new Uint8Array(
        await crypto.subtle.sign(signParams[algorithm], pair.privateKey, bufferSource(data)),
      );
    },
  };
}

// P-256 point decompression: y^2 = x^3 - 3x + b (mod p); p = 3 (mod 4), so sqrt(a) = a^((p+1)/4).
const P = 0xffffffff00000001000000000000000000000000ffffffffffffffffffffffffn;
const B = 0x5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604bn;

function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  let b = base % modulus;
  let e = exponent;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % modulus;
    b = (b * b) % modulus;
    e >>= 1n;
  }
  return result;
}

const bytesToBigInt = (bytes: Uint8Array) => bytes.reduce((n, b) => (n << 8n) | BigInt(b), 0n);
function bigIntTo32Bytes(n: bigint): Uint8Array {
  const out = new Uint8Array(32);
  for (let i = 31, v = n; i >= 0; i--, v >>= 8n) out[i] = Number(v & 0xffn);
  return out;
}

/** Returns the uncompressed SEC1 point (65 bytes) for a compressed (33) or uncompressed P-256 key. */
function decompressP256(bytes: Uint8Array): Uint8Array {
  if (bytes.length === 65 && bytes[0] === 4) return bytes;
  if (bytes.length !== 33 || (bytes[0] !== 2 && bytes[0] !== 3)) {
    throw new LearnbridgeError("KEY_UNSUPPORTED", "P-256 key must be a 33-byte compressed point");
  }
  const x = bytesToBigInt(bytes.slice(1));
  if (x >= P) throw new LearnbridgeError("KEY_UNSUPPORTED", "P-256 x coordinate out of range");
  const rhs = (((x * x) % P) * x - 3n * x + B + 3n * P) % P;
  let y = modPow(rhs, (P + 1n) / 4n, P);
  if ((y * y) % P !== rhs) throw new LearnbridgeError("KEY_UNSUPPORTED", "P-256 point is not on the curve");
  if ((y & 1n) !== BigInt((bytes[0] ?? 2) & 1)) y = P - y;
  return concatBytes(Uint8Array.of(4), bytes.slice(1), bigIntTo32Bytes(y));
}
