/**
 * The `did:jwk` method: the DID is the base64url of a public JWK (Ed25519 or P-256), and the document holds
 * that key as verification method `#0`, under the relationships its `use` allows.
 */
import {
  fromBase64Url,
  fromUtf8,
  type PublicKey,
  publicKeyFromJwk,
  publicKeyToJwk,
  toBase64Url,
  utf8,
} from "@learnbridge/core";
import { err, type Outcome, ok } from "../verify/report.ts";
import { DID_CONTEXT, type DidDocument } from "./did-document.ts";

const PREFIX = "did:jwk:";
export const JWK_CONTEXT = "https://w3id.org/security/jwk/v1";

/**
 * The `did:jwk` of a public key. Members are sorted (as JCS would), so one key gives the same DID as
 * other JCS-based implementations, including the specification's P-256 example.
 */
export function didJwkFromPublicKey(publicKey: PublicKey): string {
  const jwk = publicKeyToJwk(publicKey) as Record<string, unknown>;
  const sorted = Object.fromEntries(
    Object.keys(jwk)
      .sort()
      .map((k) => [k, jwk[k]]),
  );
  return `${PREFIX}${toBase64Url(utf8(JSON.stringify(sorted)))}`;
}

/** Resolves a `did:jwk`; DID_INVALID when it does not decode to a public Ed25519 or P-256 JWK. */
export function resolveDidJwk(did: string): Outcome<DidDocument> {
  const encoded = did.startsWith(PREFIX) ? did.slice(PREFIX.length) : "";
  let jwk: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(fromUtf8(fromBase64Url(encoded)));
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
      throw new TypeError("not an object");
    jwk = parsed as Record<string, unknown>;
  } catch {
    return err("DID_INVALID", "did:jwk must be the base64url of a JSON Web Key", { did });
  }
  try {
    const key = publicKeyFromJwk(jwk); // refuses private keys and unsupported curves
    // x alone fixes y up to sign: recomputing it refuses points that are not on the curve.
    if (key.algorithm === "ES256" && publicKeyToJwk(key).y !== jwk.y)
      throw new TypeError("point is not on P-256");
  } catch (cause) {
    return err("DID_INVALID", `did:jwk: ${cause instanceof Error ? cause.message : String(cause)}`, { did });
  }
  const vmId = `${did}#0`;
  const use = jwk.use;
  const signing = use === undefined || use === "sig";
  return ok({
    "@context": [DID_CONTEXT, JWK_CONTEXT],
    id: did,
    verificationMethod: [{ id: vmId, type: "JsonWebKey", controller: did, publicKeyJwk: jwk as JsonWebKey }],
    ...(signing
      ? {
          assertionMethod: [vmId],
          authentication: [vmId],
          capabilityInvocation: [vmId],
          capabilityDelegation: [vmId],
        }
      : {}),
    ...(use === undefined || use === "enc" ? { keyAgreement: [vmId] } : {}),
  });
}
