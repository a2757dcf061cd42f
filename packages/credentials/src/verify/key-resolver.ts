/**
 * How verifiers find the public key behind a verification method id (a DID URL such as
 * `did:key:z6Mk…#z6Mk…`, or an HTTPS URL). The DID resolvers implement it; tests may pass a fixed map.
 */
import type { PublicKey } from "@learnbridge/core";
import type { Outcome } from "./report.ts";

/** The relationship a key must be listed under in its controller document to be used for a purpose. */
export type ProofPurpose =
  | "assertionMethod"
  | "authentication"
  | "capabilityInvocation"
  | "capabilityDelegation";

export interface ResolvedVerificationMethod {
  /** The absolute verification method id. */
  readonly id: string;
  /** The DID or URL that controls the key (for a credential proof, it must be the issuer). */
  readonly controller: string;
  /** The verification method type as found: Multikey, Ed25519VerificationKey2020, JsonWebKey… */
  readonly type: string;
  readonly publicKey: PublicKey;
}

/**
 * Resolves a verification method and checks it is authorised for `purpose` by its controller.
 * Failures are outcomes with codes (DID_NOT_FOUND, KEY_NOT_FOUND, KEY_NOT_AUTHORIZED, DID_NETWORK_BLOCKED…).
 */
export type KeyResolver = (
  verificationMethodId: string,
  options: { readonly purpose: ProofPurpose },
) => Promise<Outcome<ResolvedVerificationMethod>>;
