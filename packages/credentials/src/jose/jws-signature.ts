/**
 * The key and algorithm half of verifying a JWS, one for every JWT form we accept (VC-JOSE `vc+jwt` and
 * `vp+jwt`, and the VC 1.1 JWT): an `alg` from the allowlist, a key authorised for the purpose, a key of the
 * algorithm `alg` names (so a public key can never be used as an HMAC secret or under another curve), and
 * the signature itself.
 */
import { type SignatureAlgorithm, verifySignature } from "@learnbridge/core";
import type { KeyResolver, ProofPurpose, ResolvedVerificationMethod } from "../verify/key-resolver.ts";
import { err, type Outcome, ok } from "../verify/report.ts";
import type { JoseHeader, ParsedCompactJws } from "./compact-jws.ts";
import type { SecuredKind } from "./media-types.ts";

/** The JWS `alg` values accepted, and the key algorithm each needs. */
// `Ed25519` is the fully-specified name of RFC 9864; `EdDSA` is what most libraries still emit.
export const ALGORITHMS: ReadonlyMap<string, SignatureAlgorithm> = new Map<string, SignatureAlgorithm>([
  ["EdDSA", "EdDSA"],
  ["Ed25519", "EdDSA"],
  ["ES256", "ES256"],
]);

/** The verification relationship a key needs to sign each kind of document. */
export const JWS_PURPOSE: Readonly<Record<SecuredKind, ProofPurpose>> = {
  credential: "assertionMethod",
  presentation: "authentication",
};

/**
 * The key algorithm the header's `alg` needs; JWT_ALG_UNSUPPORTED for any `alg` off the allowlist. Verifiers
 * call it first, so that `alg: none` or `HS256` is refused before anything else in the JWS is looked at.
 */
export function acceptedAlgorithm(header: JoseHeader): Outcome<SignatureAlgorithm> {
  const algorithm = ALGORITHMS.get(header.alg);
  return algorithm
    ? ok(algorithm)
    : err("JWT_ALG_UNSUPPORTED", `alg ${header.alg} is not accepted`, { alg: header.alg });
}

/**
 * Finds the key `keyId` names, authorised for what `kind` needs, checks it is of the algorithm `alg` names,
 * and verifies the signature with it; the result is the verification method that signed.
 */
export async function verifyJwsSignature(
  jws: ParsedCompactJws,
  keyId: string,
  kind: SecuredKind,
  resolveKey: KeyResolver,
): Promise<Outcome<ResolvedVerificationMethod>> {
  const algorithm = acceptedAlgorithm(jws.header);
  if (!algorithm.ok) return algorithm;
  const resolved = await resolveVerificationMethod(resolveKey, keyId, JWS_PURPOSE[kind]);
  if (!resolved.ok) return resolved;
  const method = resolved.value;
  if (method.publicKey.algorithm !== algorithm.value) {
    return err(
      "JWT_ALG_UNSUPPORTED",
      `alg ${jws.header.alg} does not fit the ${method.publicKey.algorithm} key ${method.id}`,
      { alg: jws.header.alg, verificationMethod: method.id },
    );
  }
  if (!(await verifySignature(method.publicKey, jws.signingInput, jws.signature))) {
    return err("PROOF_INVALID", "the JWS signature does not verify", { verificationMethod: method.id });
  }
  return ok(method);
}

/** Calls the key resolver; a resolver that throws becomes a DID_RESOLUTION_FAILED outcome. */
export async function resolveVerificationMethod(
  resolveKey: KeyResolver,
  kid: string,
  purpose: ProofPurpose,
): Promise<Outcome<ResolvedVerificationMethod>> {
  try {
    return await resolveKey(kid, { purpose });
  } catch (cause) {
    // A resolver should answer with an Outcome; one that throws must still not make the verifier throw.
    return err(
      "DID_RESOLUTION_FAILED",
      `resolving ${kid} failed: ${cause instanceof Error ? cause.message : String(cause)}`,
    );
  }
}
