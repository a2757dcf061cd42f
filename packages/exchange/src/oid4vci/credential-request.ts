/**
 * Reading a Credential Request (OID4VCI 1.0 §8.2): which configuration (by `credential_configuration_id`, or
 * by a `credential_identifier` from the token response) and the `jwt` key proofs in `proofs`. Parameters this
 * issuer does not know are ignored, as §8.2 says.
 *
 * Compatibility: wallets deployed today (drafts 13 to 15, e.g. @sphereon/oid4vci-client 0.20) send one
 * singular `proof: {proof_type: "jwt", jwt}` instead of `proofs`. Only when `proofs` is absent, that proof is
 * read as `proofs.jwt[0]`, and the issuer then checks it exactly as any other (typ, alg, key, aud, nonce, iat).
 * A request with both is ambiguous and refused; no other draft form is read.
 */
import { LearnbridgeError } from "@learnbridge/core";

/** The most key proofs one request may carry: enough for any wallet's batch, few enough to verify at once. */
export const MAX_KEY_PROOFS = 10;

/** What the credential endpoint acts on. */
export interface CredentialRequest {
  readonly configurationId: string;
  /** True when the wallet named it as a `credential_identifier`. */
  readonly byIdentifier: boolean;
  /** The key proof JWTs, at least one; the credential is bound to the first one's key. */
  readonly proofs: readonly string[];
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const bad = (message: string, oauthError?: string) =>
  new LearnbridgeError("BAD_REQUEST", message, oauthError ? { oauthError } : {});
const badProof = (message: string) => new LearnbridgeError("HOLDER_PROOF_INVALID", message);

/** Checks the shape of a request body; BAD_REQUEST or HOLDER_PROOF_INVALID name what is wrong. */
export function readCredentialRequest(body: unknown): CredentialRequest {
  if (!isObject(body)) throw bad("the credential request must be a JSON object");
  if (body.credential_response_encryption !== undefined) {
    throw bad("this issuer does not encrypt credential responses", "invalid_encryption_parameters");
  }
  const { credential_configuration_id: configurationId, credential_identifier: identifier } = body;
  if ((configurationId === undefined) === (identifier === undefined)) {
    throw bad("name exactly one of credential_configuration_id and credential_identifier");
  }
  const named = configurationId ?? identifier;
  if (typeof named !== "string" || named === "") {
    throw bad("credential_configuration_id (or credential_identifier) must be a non-empty string");
  }
  const { proofs } = body;
  if (proofs !== undefined && body.proof !== undefined) {
    throw bad("send either proofs (OpenID4VCI 1.0) or the drafts' singular proof, not both");
  }
  if (proofs === undefined) {
    if (body.proof === undefined) throw badProof("proofs is required: bind the credential to your key");
    const jwt = draftProofJwt(body.proof);
    return { configurationId: named, byIdentifier: identifier !== undefined, proofs: [jwt] };
  }
  if (!isObject(proofs) || Object.keys(proofs).length !== 1) {
    throw bad("proofs must be an object with exactly one proof type");
  }
  const jwts = proofs.jwt;
  if (!Array.isArray(jwts)) throw badProof(`only jwt proofs are accepted, not ${Object.keys(proofs)[0]}`);
  if (jwts.length === 0 || jwts.some((jwt) => typeof jwt !== "string")) {
    throw badProof("proofs.jwt must be a non-empty array of JWTs");
  }
  if (jwts.length > MAX_KEY_PROOFS) {
    throw bad(`at most ${MAX_KEY_PROOFS} key proofs; this issuer issues one credential per offer`);
  }
  return { configurationId: named, byIdentifier: identifier !== undefined, proofs: jwts as string[] };
}

/** The JWT of the drafts' `proof: {proof_type: "jwt", jwt}`; any other shape is refused as 1.0 would be. */
function draftProofJwt(proof: unknown): string {
  if (!isObject(proof)) throw bad('proof must be an object {proof_type: "jwt", jwt}; better, send proofs');
  if (proof.proof_type !== "jwt") {
    throw badProof(`only jwt proofs are accepted, not ${JSON.stringify(proof.proof_type) ?? "none"}`);
  }
  if (typeof proof.jwt !== "string") throw badProof("proof.jwt must be a JWT");
  return proof.jwt;
}
