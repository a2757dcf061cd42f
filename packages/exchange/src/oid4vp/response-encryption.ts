/**
 * Encrypted Authorization Responses (OpenID4VP 1.0 §8.3, response mode `direct_post.jwt`) as HAIP 1.0
 * profiles them: each request has its own ephemeral ECDH P-256 key, published in the request object's
 * `client_metadata.jwks` with `use` "enc", `alg` "ECDH-ES" and a `kid`; the wallet answers with an unsigned,
 * encrypted JWT: a compact JWE, ECDH-ES direct key agreement (RFC 7518 §4.6) and A128GCM or A256GCM content
 * encryption, whose payload holds the response parameters (`vp_token`, `state`, or `error`).
 *
 * The JWE itself is `jose`'s (key agreement, Concat KDF, AES-GCM); this file decides what a request accepts
 * (alg, enc, kid, the wallet's key on the curve, no zip or crit) before jose decrypts, so that each refusal
 * says which. The tests decrypt the example of §8.3 with its published key.
 * Decrypting never throws for bad input: it returns the problem.
 */
import { fromUtf8, utf8 } from "@learnbridge/core";
import { CompactEncrypt, compactDecrypt, decodeProtectedHeader, errors, importJWK } from "jose";

/** How a wallet posts its answer: plain `direct_post`, or `direct_post.jwt` (encrypted to the request's key). */
export const RESPONSE_MODES = ["direct_post", "direct_post.jwt"] as const;
export type ResponseMode = (typeof RESPONSE_MODES)[number];

/** The JWE `alg` of an encrypted response: ECDH-ES direct key agreement on P-256 (HAIP 1.0). */
export const RESPONSE_ENCRYPTION_ALG = "ECDH-ES";
/** The content encryption this verifier decrypts: `client_metadata.encrypted_response_enc_values_supported`. */
export const RESPONSE_ENC_VALUES = ["A128GCM", "A256GCM"] as const;
export type ResponseEnc = (typeof RESPONSE_ENC_VALUES)[number];

/** Longest JWE read, in characters (the app's body limit is lower still). */
export const MAX_RESPONSE_JWE_LENGTH = 2 * 1024 * 1024;

/** A response key's public half as `client_metadata.jwks.keys[0]`. */
export interface ResponseEncryptionJwk {
  readonly kty: "EC";
  readonly crv: "P-256";
  readonly x: string;
  readonly y: string;
  readonly kid: string;
  readonly use: "enc";
  readonly alg: typeof RESPONSE_ENCRYPTION_ALG;
}

/** Why an encrypted response was not read. */
export type ResponseProblem = "malformed" | "alg" | "enc" | "kid" | "epk" | "decrypt" | "payload";

/** A decrypted response (its protected header and payload), or why not. */
export type DecryptedResponse =
  | { readonly ok: true; readonly header: Record<string, unknown>; readonly payload: Record<string, unknown> }
  | { readonly ok: false; readonly problem: ResponseProblem; readonly message: string };

const EC_P256 = { name: "ECDH", namedCurve: "P-256" } as const;
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const fail = (problem: ResponseProblem, message: string): DecryptedResponse => ({
  ok: false,
  problem,
  message,
});
const isEnc = (value: unknown): value is ResponseEnc => RESPONSE_ENC_VALUES.includes(value as ResponseEnc);

/**
 * A fresh key for one request: its public JWK (to publish) and its private JWK (to seal at once, never to
 * store as it is).
 * @example const { publicJwk, privateJwk } = await createResponseKey(request.id);
 */
export async function createResponseKey(
  kid: string,
): Promise<{ publicJwk: ResponseEncryptionJwk; privateJwk: JsonWebKey }> {
  if (typeof kid !== "string" || kid === "") throw new TypeError("createResponseKey: kid is required");
  const pair = (await crypto.subtle.generateKey(EC_P256, true, ["deriveBits"])) as CryptoKeyPair;
  const { x, y, d } = await crypto.subtle.exportKey("jwk", pair.privateKey);
  if (!x || !y || !d) throw new TypeError("createResponseKey: WebCrypto exported an incomplete P-256 key");
  const publicJwk: ResponseEncryptionJwk = {
    kty: "EC",
    crv: "P-256",
    x,
    y,
    kid,
    use: "enc",
    alg: RESPONSE_ENCRYPTION_ALG,
  };
  return { publicJwk, privateJwk: { kty: "EC", crv: "P-256", x, y, d } };
}

/** The protected header of a compact JWE, or why it is not one. */
function protectedHeaderOf(jwe: unknown): Record<string, unknown> | string {
  if (typeof jwe !== "string" || jwe === "") return "the response must be a compact JWE (a string)";
  if (jwe.length > MAX_RESPONSE_JWE_LENGTH)
    return `the response is longer than ${MAX_RESPONSE_JWE_LENGTH} characters`;
  const segments = jwe.split(".").length;
  if (segments !== 5) return `a compact JWE has 5 segments, this one has ${segments}`;
  try {
    return decodeProtectedHeader(jwe) as Record<string, unknown>;
  } catch {
    return "the JWE protected header is not base64url-encoded UTF-8 JSON object";
  }
}

/** The protected header of a compact JWE, read without decrypting: its `kid` names the request's key. */
export function readResponseHeader(
  jwe: unknown,
):
  | { readonly ok: true; readonly header: Record<string, unknown> }
  | { readonly ok: false; readonly message: string } {
  const header = protectedHeaderOf(jwe);
  return typeof header === "string" ? { ok: false, message: header } : { ok: true, header };
}

const importEcPublic = (jwk: { x: string; y: string }) =>
  crypto.subtle.importKey("jwk", { kty: "EC", crv: "P-256", x: jwk.x, y: jwk.y }, EC_P256, false, []);

/**
 * Decrypts a wallet's encrypted response with the request's private key, after checking that it is ECDH-ES
 * (no wrapped key) to that very key (`kid`) with a content encryption this verifier offered. Compressed
 * (`zip`) and `crit` JWEs are refused.
 * @example const opened = await decryptResponse(form.response, { privateJwk, kid: request.id });
 */
export async function decryptResponse(
  jwe: unknown,
  key: { readonly privateJwk: JsonWebKey; readonly kid: string; readonly encValues?: readonly string[] },
): Promise<DecryptedResponse> {
  if (!isObject(key?.privateJwk) || typeof key.kid !== "string")
    throw new TypeError("decryptResponse: the request's private JWK and kid are required");
  const header = protectedHeaderOf(jwe);
  if (typeof header === "string") return fail("malformed", header);
  if (header.alg !== RESPONSE_ENCRYPTION_ALG)
    return fail("alg", `the JWE alg is ${String(header.alg)}; this request takes ${RESPONSE_ENCRYPTION_ALG}`);
  const offered = key.encValues ?? RESPONSE_ENC_VALUES;
  if (!isEnc(header.enc) || !offered.includes(header.enc))
    return fail("enc", `the JWE enc is ${String(header.enc)}; this request takes ${offered.join(" or ")}`);
  if (header.kid !== key.kid)
    return fail("kid", `the JWE kid is ${String(header.kid)}, not the key of this request`);
  if ("crit" in header || "zip" in header)
    return fail("malformed", "compressed (zip) or critical-extension (crit) JWEs are not accepted");
  const epk = header.epk;
  try {
    if (!isObject(epk) || epk.kty !== "EC" || epk.crv !== "P-256" || "d" in epk) throw new Error("not P-256");
    // Importing validates that the point is on the curve (no invalid-curve attack on our key).
    await importEcPublic({ x: String(epk.x), y: String(epk.y) });
  } catch {
    return fail("epk", "the JWE epk is not a public P-256 key");
  }
  let plaintext: Uint8Array;
  try {
    const privateKey = await importJWK(
      { ...key.privateJwk, alg: RESPONSE_ENCRYPTION_ALG },
      RESPONSE_ENCRYPTION_ALG,
    );
    ({ plaintext } = await compactDecrypt(jwe as string, privateKey, {
      keyManagementAlgorithms: [RESPONSE_ENCRYPTION_ALG],
      contentEncryptionAlgorithms: [...offered],
    }));
  } catch (error) {
    if (error instanceof errors.JWEDecryptionFailed)
      return fail(
        "decrypt",
        "the JWE does not decrypt with this request's key (tampered, or encrypted to another key)",
      );
    return fail("malformed", `the JWE is not well formed: ${(error as Error).message}`);
  }
  let payload: unknown;
  try {
    payload = JSON.parse(fromUtf8(plaintext));
  } catch {
    return fail("payload", "the decrypted response is not UTF-8 JSON");
  }
  if (!isObject(payload)) return fail("payload", "the decrypted response must be a JSON object");
  return { ok: true, header, payload };
}

/**
 * The wallet's half, for tests and tools that answer as a wallet would: encrypts `payload` to a request's
 * public key with ECDH-ES (a fresh ephemeral key) and `enc`, as a compact JWE.
 */
export async function encryptResponse(
  payload: Record<string, unknown>,
  recipient: { readonly jwk: { x: string; y: string; kid?: string }; readonly enc?: ResponseEnc },
): Promise<string> {
  const enc = recipient.enc ?? "A128GCM";
  if (!isEnc(enc))
    throw new TypeError(`encryptResponse: enc must be one of ${RESPONSE_ENC_VALUES.join(", ")}`);
  const { x, y, kid } = recipient.jwk;
  const verifierKey = await importJWK({ kty: "EC", crv: "P-256", x, y }, RESPONSE_ENCRYPTION_ALG);
  return new CompactEncrypt(utf8(JSON.stringify(payload)))
    .setProtectedHeader({ alg: RESPONSE_ENCRYPTION_ALG, enc, ...(kid !== undefined ? { kid } : {}) })
    .encrypt(verifierKey);
}
