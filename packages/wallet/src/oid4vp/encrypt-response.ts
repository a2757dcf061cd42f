/**
 * The wallet's encrypted answer (OpenID4VP 1.0 §8.3, `direct_post.jwt`): the response parameters as the
 * payload of an unsigned, encrypted JWT to the key the verifier published for this request in
 * `client_metadata.jwks`: a compact JWE, ECDH-ES direct key agreement on P-256 (RFC 7518 §4.6) with a fresh
 * ephemeral key, A256GCM or A128GCM, and the verifier key's `kid` in the header (HAIP 1.0).
 *
 * The JWE is `jose`'s; the verifier of @learnbridge/exchange, checked against the example of §8.3, decrypts
 * what this makes (test/wallet, test/specs).
 */
import { LearnbridgeError, utf8 } from "@learnbridge/core";
import { CompactEncrypt, importJWK } from "jose";

/** The content encryptions this wallet makes, in its order of preference (HAIP: A256GCM when both fit). */
export const WALLET_ENC_VALUES = ["A256GCM", "A128GCM"] as const;
export type WalletEnc = (typeof WALLET_ENC_VALUES)[number];

/** The verifier's key and the content encryption chosen for one encrypted answer. */
export interface ResponseEncryption {
  readonly jwk: {
    readonly kty: "EC";
    readonly crv: "P-256";
    readonly x: string;
    readonly y: string;
    readonly kid?: string;
  };
  readonly enc: WalletEnc;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * What the request's client metadata lets this wallet encrypt to: the first P-256 `ECDH-ES` key for
 * encryption in `jwks`, and the first of the wallet's `enc` values that the verifier lists (A128GCM when it
 * lists none, §8.3). Undefined when nothing fits.
 */
export function responseEncryptionOf(metadata: Record<string, unknown>): ResponseEncryption | undefined {
  const keys = isObject(metadata.jwks) && Array.isArray(metadata.jwks.keys) ? metadata.jwks.keys : [];
  const key = keys.find(
    (k): k is Record<string, string> =>
      isObject(k) &&
      k.kty === "EC" &&
      k.crv === "P-256" &&
      k.alg === "ECDH-ES" &&
      (k.use === undefined || k.use === "enc") &&
      typeof k.x === "string" &&
      typeof k.y === "string" &&
      (k.kid === undefined || typeof k.kid === "string") &&
      !("d" in k),
  );
  const listed = metadata.encrypted_response_enc_values_supported;
  const offered = Array.isArray(listed) ? listed : ["A128GCM"];
  const enc = WALLET_ENC_VALUES.find((value) => offered.includes(value));
  if (!key || !enc) return undefined;
  return {
    jwk: {
      kty: "EC",
      crv: "P-256",
      x: key.x as string,
      y: key.y as string,
      ...(key.kid ? { kid: key.kid } : {}),
    },
    enc,
  };
}

/**
 * Encrypts the response parameters (`vp_token` as an object, `state`, or `error`) to the verifier's key.
 * @example const response = await encryptResponse({ vp_token, state }, request.encryption);
 */
export async function encryptResponse(
  payload: Record<string, unknown>,
  encryption: ResponseEncryption,
): Promise<string> {
  const { enc, jwk } = encryption;
  let verifierKey: CryptoKey | Uint8Array;
  try {
    verifierKey = await importJWK({ kty: "EC", crv: "P-256", x: jwk.x, y: jwk.y }, "ECDH-ES");
  } catch (cause) {
    throw new LearnbridgeError(
      "KEY_UNSUPPORTED",
      "the employer's encryption key is not a P-256 public key",
      {},
      { cause },
    );
  }
  return new CompactEncrypt(utf8(JSON.stringify(payload)))
    .setProtectedHeader({ alg: "ECDH-ES", enc, ...(jwk.kid ? { kid: jwk.kid } : {}) })
    .encrypt(verifierKey);
}
