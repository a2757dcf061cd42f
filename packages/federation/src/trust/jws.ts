/**
 * Compact JWS for the federation's signed messages (entity statements, trust marks, status responses). A
 * node signs through its `Signer`, so keys never leave it; verification is jose's, against a JWK Set, with
 * the `typ` pinned so that one kind of message can never be replayed as another.
 */
import { type Signer, toBase64Url, utf8 } from "@learnbridge/core";
import { createLocalJWKSet, decodeJwt, decodeProtectedHeader, errors, type JWK, jwtVerify } from "jose";

/** A public JSON Web Key as the federation publishes it (`kid` is the DID URL of the key). */
export interface FederationJwk {
  readonly kty: string;
  readonly kid: string;
  readonly crv?: string;
  readonly x?: string;
  readonly y?: string;
  readonly alg?: string;
  readonly use?: string;
  readonly [parameter: string]: unknown;
}

/** A JWK Set. */
export interface JwkSet {
  readonly keys: readonly FederationJwk[];
}

/** Algorithms the federation accepts: the node keys' Ed25519, and P-256 for peers that use it. */
export const FEDERATION_ALGORITHMS = ["EdDSA", "Ed25519", "ES256"] as const;

/** Clock skew tolerated on `iat` and `exp`, in seconds. */
const CLOCK_SKEW_SECONDS = 60;

// jose keeps the keys it imported per local set: one set per key set object saves an import per verification.
const localSets = new WeakMap<JwkSet, ReturnType<typeof createLocalJWKSet>>();
function localSetOf(jwks: JwkSet) {
  let set = localSets.get(jwks);
  if (!set) {
    set = createLocalJWKSet({ keys: jwks.keys as JWK[] });
    localSets.set(jwks, set);
  }
  return set;
}

/** Why a JWS did not verify. */
export type JwsProblem =
  | "malformed"
  | "typ"
  | "no-key"
  | "signature"
  | "expired"
  | "issued-in-future"
  | "claims";

/** A verified JWS, or the problem with it. */
export type JwsVerification =
  | { readonly ok: true; readonly header: Record<string, unknown>; readonly payload: Record<string, unknown> }
  | { readonly ok: false; readonly problem: JwsProblem; readonly reason: string };

/**
 * Signs `payload` as a compact JWS with header `typ`, `alg` and `kid` = the signer's key id.
 * @example const jwt = await signJws("trust-mark+jwt", claims, await keys.signer());
 */
export async function signJws(
  typ: string,
  payload: Record<string, unknown>,
  signer: Signer,
): Promise<string> {
  if (!signer || typeof signer.sign !== "function" || !signer.keyId)
    throw new TypeError("signJws: a Signer is required");
  const header = { alg: signer.algorithm, kid: signer.keyId, typ };
  const input = `${toBase64Url(utf8(JSON.stringify(header)))}.${toBase64Url(utf8(JSON.stringify(payload)))}`;
  return `${input}.${toBase64Url(await signer.sign(utf8(input)))}`;
}

/** The header and payload of a compact JWS, unverified; undefined when it is not one. */
export function decodeJws(
  jwt: unknown,
): { readonly header: Record<string, unknown>; readonly payload: Record<string, unknown> } | undefined {
  if (typeof jwt !== "string" || jwt.length > 256 * 1024 || jwt.split(".").length !== 3) return undefined;
  try {
    return { header: decodeProtectedHeader(jwt) as Record<string, unknown>, payload: decodeJwt(jwt) };
  } catch {
    return undefined;
  }
}

/**
 * Verifies a compact JWS of type `typ` against `jwks` at time `now`: the `kid` must name one of the keys,
 * `exp` (when present) must not have passed and `iat` must not be in the future, both within the skew.
 */
export async function verifyJws(
  jwt: string,
  jwks: JwkSet,
  options: { readonly typ: string; readonly now: Date },
): Promise<JwsVerification> {
  const decoded = decodeJws(jwt);
  if (!decoded)
    return { ok: false, problem: "malformed", reason: "not a compact JWS with JSON header and payload" };
  if (decoded.header.typ !== options.typ) {
    return {
      ok: false,
      problem: "typ",
      reason: `typ is ${String(decoded.header.typ)}, expected ${options.typ}`,
    };
  }
  const kid = decoded.header.kid;
  if (typeof kid !== "string" || kid === "")
    return { ok: false, problem: "no-key", reason: "the header names no kid" };
  if (!Array.isArray(jwks?.keys) || !jwks.keys.some((k) => k?.kid === kid)) {
    return { ok: false, problem: "no-key", reason: `no key ${kid} in the signer's key set` };
  }
  try {
    const { payload, protectedHeader } = await jwtVerify(jwt, localSetOf(jwks), {
      typ: options.typ,
      algorithms: [...FEDERATION_ALGORITHMS],
      currentDate: options.now,
      clockTolerance: CLOCK_SKEW_SECONDS,
    });
    if (typeof payload.iat === "number" && payload.iat > options.now.getTime() / 1000 + CLOCK_SKEW_SECONDS) {
      return { ok: false, problem: "issued-in-future", reason: "iat is in the future" };
    }
    return {
      ok: true,
      header: protectedHeader as Record<string, unknown>,
      payload: payload as Record<string, unknown>,
    };
  } catch (error) {
    if (error instanceof errors.JWTExpired)
      return { ok: false, problem: "expired", reason: "the JWT has expired" };
    if (error instanceof errors.JWSSignatureVerificationFailed) {
      return { ok: false, problem: "signature", reason: "the signature does not verify" };
    }
    if (error instanceof errors.JWKSNoMatchingKey) {
      return { ok: false, problem: "no-key", reason: `no usable key ${kid} for this algorithm` };
    }
    if (error instanceof errors.JWTClaimValidationFailed) {
      return { ok: false, problem: "claims", reason: error.message };
    }
    return {
      ok: false,
      problem: "malformed",
      reason: error instanceof Error ? error.message : String(error),
    };
  }
}
