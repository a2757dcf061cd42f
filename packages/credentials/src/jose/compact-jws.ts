/**
 * Strict parsing of the JWS Compact Serialization (RFC 7515 §7.1), the only serialization VC-JOSE requires.
 * Anything that is not exactly three unpadded base64url segments around a JSON-object header and payload is
 * refused before any key is looked up.
 */
import { fromBase64Url, fromUtf8, utf8 } from "@learnbridge/core";
import { err, type Outcome, ok } from "../verify/report.ts";

/** A decoded protected header; `alg` is always a string once parsed. */
export interface JoseHeader {
  readonly alg: string;
  readonly [parameter: string]: unknown;
}

/** A compact JWS split into its decoded parts and the exact bytes the signature covers. */
export interface ParsedCompactJws {
  readonly header: JoseHeader;
  readonly payload: Record<string, unknown>;
  /** ASCII bytes of `<header>.<payload>` as received: what the signature is verified over. */
  readonly signingInput: Uint8Array;
  readonly signature: Uint8Array;
}

/** Default cap on a compact JWS, in characters: room for a presentation of several credentials with images. */
export const DEFAULT_MAX_JWS_LENGTH = 1_048_576;

/** True for a JSON object (not an array, not null). */
export const isJsonObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * Splits and decodes a compact JWS. Signature bytes are not checked here; an empty signature segment is
 * syntactically valid (it is what `alg: none` carries) so that the algorithm check can name the real problem.
 */
export function parseCompactJws(jws: unknown, maxLength = DEFAULT_MAX_JWS_LENGTH): Outcome<ParsedCompactJws> {
  if (typeof jws !== "string") return err("JWT_MALFORMED", "a JWT must be a string");
  if (jws.length > maxLength) {
    return err("DOCUMENT_TOO_LARGE", `the JWT is longer than ${maxLength} characters`, {
      length: jws.length,
    });
  }
  const segments = jws.split(".");
  if (segments.length !== 3) {
    return err("JWT_MALFORMED", `a compact JWS has 3 segments, this one has ${segments.length}`);
  }
  const [headerSegment = "", payloadSegment = "", signatureSegment = ""] = segments;

  const header = decodeJsonSegment(headerSegment, "header");
  if (!header.ok) return header;
  const payload = decodeJsonSegment(payloadSegment, "payload");
  if (!payload.ok) return payload;
  let signature: Uint8Array;
  try {
    signature = fromBase64Url(signatureSegment);
  } catch {
    return err("JWT_MALFORMED", "the JWS signature is not unpadded base64url");
  }

  const { alg } = header.value;
  if (typeof alg !== "string") return err("JWT_MALFORMED", "the JWS header has no `alg`");
  // RFC 7515 §4.1.11: a recipient MUST reject a JWS naming critical extensions it does not understand, and
  // we understand none. `b64: false` (RFC 7797) would change what is signed, so it is refused outright.
  if ("crit" in header.value)
    return err("JWT_MALFORMED", "the JWS header names critical extensions (`crit`)");
  if ("b64" in header.value) return err("JWT_MALFORMED", "unencoded-payload JWS (`b64`) is not supported");

  return ok({
    header: { ...header.value, alg },
    payload: payload.value,
    signingInput: utf8(`${headerSegment}.${payloadSegment}`),
    signature,
  });
}

function decodeJsonSegment(segment: string, part: "header" | "payload"): Outcome<Record<string, unknown>> {
  let value: unknown;
  try {
    // JSON.parse keeps the last of duplicate members, which RFC 7515 §5.2 allows.
    value = JSON.parse(fromUtf8(fromBase64Url(segment)));
  } catch {
    return err("JWT_MALFORMED", `the JWS ${part} is not base64url-encoded UTF-8 JSON`);
  }
  if (!isJsonObject(value)) return err("JWT_MALFORMED", `the JWS ${part} must be a JSON object`);
  return ok(value);
}
