/**
 * The DID document shape (W3C DID Core 1.0) and the builder for the document a node serves at
 * `/.well-known/did.json`, including what happens to its keys across rotations.
 */
import { type PublicKey, publicKeyToMultibase } from "@learnbridge/core";
import type { ProofPurpose } from "../verify/key-resolver.ts";
import { isDid } from "./did-syntax.ts";

export interface VerificationMethod {
  readonly id: string;
  readonly type: string;
  readonly controller: string;
  readonly publicKeyMultibase?: string;
  readonly publicKeyJwk?: JsonWebKey;
  readonly publicKeyBase58?: string;
  readonly [property: string]: unknown;
}

/** A relationship entry: a reference to a verification method, or one embedded in place. */
export type VerificationMethodEntry = string | VerificationMethod;

export interface ServiceEndpoint {
  readonly id: string;
  readonly type: string | readonly string[];
  readonly serviceEndpoint: string | Readonly<Record<string, unknown>> | readonly unknown[];
  readonly [property: string]: unknown;
}

export interface DidDocument {
  readonly "@context"?: string | readonly unknown[];
  readonly id: string;
  readonly controller?: string | readonly string[];
  readonly alsoKnownAs?: readonly string[];
  readonly verificationMethod?: readonly VerificationMethod[];
  readonly authentication?: readonly VerificationMethodEntry[];
  readonly assertionMethod?: readonly VerificationMethodEntry[];
  readonly keyAgreement?: readonly VerificationMethodEntry[];
  readonly capabilityInvocation?: readonly VerificationMethodEntry[];
  readonly capabilityDelegation?: readonly VerificationMethodEntry[];
  readonly service?: readonly ServiceEndpoint[];
  readonly [property: string]: unknown;
}

export const DID_CONTEXT = "https://www.w3.org/ns/did/v1";
export const MULTIKEY_CONTEXT = "https://w3id.org/security/multikey/v1";

export const PROOF_PURPOSES: readonly ProofPurpose[] = [
  "authentication",
  "assertionMethod",
  "capabilityInvocation",
  "capabilityDelegation",
];

/**
 * Where a key is in its life. `active`: listed under all its purposes. `retired` (rotated out): kept under
 * `assertionMethod` only, so credentials it signed keep verifying, but no longer usable to authenticate or
 * invoke. `revoked` (compromised): listed under no purpose, so every proof it made fails with
 * KEY_NOT_AUTHORIZED; it stays in `verificationMethod` so that verifiers can say why.
 */
export type KeyStatus = "active" | "retired" | "revoked";

export interface DidDocumentKey {
  /** The fragment naming the key, without `#` (e.g. `key-2026-01`). */
  readonly fragment: string;
  readonly publicKey: PublicKey;
  /** Defaults to `["assertionMethod", "authentication"]`: signing credentials and node requests. */
  readonly purposes?: readonly ProofPurpose[];
  /** Defaults to `active`. */
  readonly status?: KeyStatus;
}

export interface DidDocumentInput {
  readonly id: string;
  readonly keys: readonly DidDocumentKey[];
  readonly alsoKnownAs?: readonly string[];
  readonly service?: readonly ServiceEndpoint[];
}

const KEY_STATUSES: readonly KeyStatus[] = ["active", "retired", "revoked"];
const FRAGMENT = /^[A-Za-z0-9._~-]+$/;

/**
 * Builds a DID document with one Multikey verification method per key; throws a TypeError on misuse.
 * @example buildDidDocument({ id: "did:web:example.edu", keys: [{ fragment: "key-1", publicKey }] })
 */
export function buildDidDocument(input: DidDocumentInput): DidDocument {
  const { id, keys } = input;
  if (!isDid(id)) throw new TypeError(`buildDidDocument: ${String(id)} is not a DID`);
  if (keys.length === 0) throw new TypeError("buildDidDocument: at least one key is required");
  const fragments = new Set<string>();
  const relationships = new Map<ProofPurpose, string[]>(PROOF_PURPOSES.map((p) => [p, []]));
  const verificationMethod = keys.map((key): VerificationMethod => {
    if (!FRAGMENT.test(key.fragment))
      throw new TypeError(`buildDidDocument: invalid fragment '${key.fragment}'`);
    if (fragments.has(key.fragment))
      throw new TypeError(`buildDidDocument: duplicate fragment '${key.fragment}'`);
    fragments.add(key.fragment);
    const vmId = `${id}#${key.fragment}`;
    const status = key.status ?? "active";
    if (!KEY_STATUSES.includes(status)) throw new TypeError(`buildDidDocument: unknown status '${status}'`);
    for (const purpose of key.purposes ?? ["assertionMethod", "authentication"]) {
      const list = relationships.get(purpose);
      if (!list) throw new TypeError(`buildDidDocument: unknown purpose '${purpose}'`);
      if (status === "active" || (status === "retired" && purpose === "assertionMethod")) list.push(vmId);
    }
    return {
      id: vmId,
      type: "Multikey",
      controller: id,
      publicKeyMultibase: publicKeyToMultibase(key.publicKey),
    };
  });
  const listed = Object.fromEntries([...relationships].filter(([, ids]) => ids.length > 0));
  return {
    "@context": [DID_CONTEXT, MULTIKEY_CONTEXT],
    id,
    ...(input.alsoKnownAs?.length ? { alsoKnownAs: [...input.alsoKnownAs] } : {}),
    verificationMethod,
    ...listed,
    ...(input.service?.length ? { service: [...input.service] } : {}),
  };
}
