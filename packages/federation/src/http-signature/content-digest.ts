/**
 * The Content-Digest field of RFC 9530: a dictionary of digest algorithm to byte sequence, over the bytes
 * of the message content. A signature that covers `content-digest` thereby covers the body.
 */
import { bufferSource, bytesEqual } from "@learnbridge/core";
import { parseDictionary, serializeDictionary } from "./structured-fields.ts";

/** The digest algorithms of RFC 9530's registry that are not deprecated. */
export type DigestAlgorithm = "sha-256" | "sha-512";

const WEB_CRYPTO_NAME: Readonly<Record<DigestAlgorithm, string>> = {
  "sha-256": "SHA-256",
  "sha-512": "SHA-512",
};

async function digestOf(algorithm: DigestAlgorithm, body: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest(WEB_CRYPTO_NAME[algorithm], bufferSource(body)));
}

/**
 * The Content-Digest field value for `body`.
 * @example await contentDigest(utf8('{"hello": "world"}')) // 'sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:'
 */
export async function contentDigest(
  body: Uint8Array,
  algorithm: DigestAlgorithm = "sha-256",
): Promise<string> {
  return serializeDictionary(
    new Map([[algorithm, { value: await digestOf(algorithm, body), params: new Map() }]]),
  );
}

/** Why a Content-Digest does not vouch for a body, or that it does. */
export type DigestCheck = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/**
 * Checks a Content-Digest field against the body: it must parse, name at least one algorithm we know, and
 * every algorithm we know that it names must match (unknown ones are ignored, as RFC 9530 section 2 allows).
 */
export async function checkContentDigest(field: string | null, body: Uint8Array): Promise<DigestCheck> {
  if (field === null) return { ok: false, reason: "no Content-Digest field" };
  const dict = parseDictionary(field);
  if (!dict) return { ok: false, reason: "Content-Digest is not a structured dictionary" };
  let checked = 0;
  for (const algorithm of Object.keys(WEB_CRYPTO_NAME) as DigestAlgorithm[]) {
    const member = dict.get(algorithm);
    if (!member) continue;
    if (!("value" in member) || !(member.value instanceof Uint8Array)) {
      return { ok: false, reason: `Content-Digest ${algorithm} is not a byte sequence` };
    }
    if (!bytesEqual(member.value, await digestOf(algorithm, body))) {
      return { ok: false, reason: `Content-Digest ${algorithm} does not match the body` };
    }
    checked++;
  }
  return checked > 0 ? { ok: true } : { ok: false, reason: "Content-Digest names no supported algorithm" };
}
