/**
 * The `did:key` method for Ed25519 (`z6Mk…`) and P-256 (`zDn…`) Multikeys: the DID is the key, and the
 * document is derived from it without any network (did:key method 0.9, Multikey form).
 */
import {
  type PublicKey,
  publicKeyFromMultibase,
  publicKeyToJwk,
  publicKeyToMultibase,
} from "@learnbridge/core";
import { err, type Outcome, ok } from "../verify/report.ts";
import { DID_CONTEXT, type DidDocument, MULTIKEY_CONTEXT } from "./did-document.ts";

const PREFIX = "did:key:";

/** The `did:key` of a public key. */
export function didKeyFromPublicKey(publicKey: PublicKey): string {
  return `${PREFIX}${publicKeyToMultibase(publicKey)}`;
}

/** Decodes the public key a `did:key` carries; DID_INVALID when it is not an Ed25519 or P-256 Multikey. */
export function publicKeyFromDidKey(did: string): Outcome<PublicKey> {
  const multibase = did.startsWith(PREFIX) ? did.slice(PREFIX.length) : "";
  if (!/^z[1-9A-HJ-NP-Za-km-z]+$/.test(multibase)) {
    return err("DID_INVALID", "did:key must carry a base58btc Multikey", { did });
  }
  try {
    const publicKey = publicKeyFromMultibase(multibase);
    if (publicKey.algorithm === "ES256") publicKeyToJwk(publicKey); // decompresses: refuses points off the curve
    // Refuse alternative encodings of the same key, so that one key has one DID.
    if (publicKeyToMultibase(publicKey) !== multibase)
      return err("DID_INVALID", "non-canonical did:key", { did });
    return ok(publicKey);
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause);
    return err("DID_INVALID", `did:key does not carry a supported key: ${message}`, { did });
  }
}

/** Resolves a `did:key` to its DID document: one Multikey under all four proof purposes. */
export function resolveDidKey(did: string): Outcome<DidDocument> {
  const key = publicKeyFromDidKey(did);
  if (!key.ok) return key;
  const multibase = did.slice(PREFIX.length);
  const vmId = `${did}#${multibase}`;
  return ok({
    "@context": [DID_CONTEXT, MULTIKEY_CONTEXT],
    id: did,
    verificationMethod: [{ id: vmId, type: "Multikey", controller: did, publicKeyMultibase: multibase }],
    authentication: [vmId],
    assertionMethod: [vmId],
    capabilityInvocation: [vmId],
    capabilityDelegation: [vmId],
  });
}
