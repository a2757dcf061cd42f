/**
 * Byte encodings that appear on the wire: base64url (JOSE), base58btc and multibase (Data Integrity,
 * did:key), hex (test vectors), UTF-8.
 */
import { base58, base64, base64urlnopad, hex } from "@scure/base";

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder("utf-8", { fatal: true });

/** UTF-8 bytes of a string. */
export const utf8 = (text: string): Uint8Array => utf8Encoder.encode(text);
/** A string from UTF-8 bytes; throws a TypeError on invalid UTF-8. */
export const fromUtf8 = (bytes: Uint8Array): string => utf8Decoder.decode(bytes);

/** base64url without padding (RFC 4648 section 5), as JOSE uses it. */
export const toBase64Url = (bytes: Uint8Array): string => base64urlnopad.encode(bytes);
/** Decodes unpadded base64url; throws on any other alphabet or on padding. */
export const fromBase64Url = (text: string): Uint8Array => base64urlnopad.decode(text);

/** Standard padded base64. */
export const toBase64 = (bytes: Uint8Array): string => base64.encode(bytes);
export const fromBase64 = (text: string): Uint8Array => base64.decode(text);

export const toBase58btc = (bytes: Uint8Array): string => base58.encode(bytes);
export const fromBase58btc = (text: string): Uint8Array => base58.decode(text);

export const toHex = (bytes: Uint8Array): string => hex.encode(bytes);
export const fromHex = (text: string): Uint8Array => hex.decode(text.toLowerCase());

/** Multibase: `z` + base58btc, the encoding of Data Integrity proof values and Multikeys. */
export const toMultibaseBase58 = (bytes: Uint8Array): string => `z${toBase58btc(bytes)}`;

/** Multibase: `u` + base64url without padding, the encoding of Bitstring Status List bitstrings. */
export const toMultibaseBase64Url = (bytes: Uint8Array): string => `u${toBase64Url(bytes)}`;

/** Decodes a multibase string in base58btc (`z`) or base64url (`u`); throws a TypeError on any other. */
export function fromMultibase(text: string): Uint8Array {
  if (typeof text !== "string" || text.length < 2) throw new TypeError("multibase value must be a string");
  const prefix = text[0];
  const body = text.slice(1);
  if (prefix === "z") return fromBase58btc(body);
  if (prefix === "u") return fromBase64Url(body);
  throw new TypeError(`unsupported multibase prefix '${prefix}'`);
}

/** Concatenates byte arrays. */
export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** Constant-time comparison of two byte arrays of any length. */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

/** Views bytes as the `BufferSource` WebCrypto's typings ask for (they reject views of a SharedArrayBuffer). */
export const bufferSource = (bytes: Uint8Array): BufferSource => bytes as Uint8Array<ArrayBuffer>;

/** SHA-256 of bytes (WebCrypto). */
export async function sha256(bytes: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", bufferSource(bytes)));
}
