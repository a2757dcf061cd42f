/**
 * A holder for tests of the OID4VCI issuer: a fresh key whose DID is a did:key or a did:jwk, and key proofs
 * signed by it, well formed unless a test asks for one thing to be wrong.
 */
import {
  createSigner,
  generateKeyPair,
  publicKeyToJwk,
  type SignatureAlgorithm,
  toBase64Url,
  utf8,
} from "@learnbridge/core";
import { didJwkFromPublicKey, didKeyFromPublicKey } from "@learnbridge/credentials";
import { KEY_PROOF_TYPE } from "./key-proof.ts";

/** How the proof names its key: a did:key or did:jwk DID URL as `kid`, or the public key as `jwk`. */
export type HolderBinding = "did:key" | "did:jwk" | "jwk";

export interface ProofInput {
  readonly audience: string;
  readonly nonce?: string;
  /** Seconds since the epoch; default now. */
  readonly iat?: number;
  readonly header?: Record<string, unknown>;
  readonly payload?: Record<string, unknown>;
  /** Replaces the signature with one over other bytes. */
  readonly forgeSignature?: boolean;
}

export interface TestHolder {
  /** The DID the credential must be bound to (for `jwk`, the did:jwk of the key). */
  readonly did: string;
  readonly kid?: string;
  proof(input: ProofInput): Promise<string>;
}

/** A holder with a fresh Ed25519 (EdDSA) or P-256 (ES256) key. */
export async function testHolder(
  binding: HolderBinding,
  algorithm: SignatureAlgorithm = "EdDSA",
): Promise<TestHolder> {
  const pair = await generateKeyPair(algorithm);
  const did =
    binding === "did:key" ? didKeyFromPublicKey(pair.publicKey) : didJwkFromPublicKey(pair.publicKey);
  const kid =
    binding === "jwk"
      ? undefined
      : binding === "did:key"
        ? `${did}#${did.slice("did:key:".length)}`
        : `${did}#0`;
  const signer = createSigner(pair, kid ?? `${did}#0`);
  return {
    did,
    ...(kid ? { kid } : {}),
    async proof(input) {
      const header = {
        typ: KEY_PROOF_TYPE,
        alg: algorithm,
        ...(kid ? { kid } : { jwk: publicKeyToJwk(pair.publicKey) }),
        ...input.header,
      };
      const payload = {
        aud: input.audience,
        iat: input.iat ?? Math.floor(Date.now() / 1000),
        ...(input.nonce !== undefined ? { nonce: input.nonce } : {}),
        ...input.payload,
      };
      const encode = (part: object) => toBase64Url(utf8(JSON.stringify(part)));
      const signingInput = `${encode(header)}.${encode(payload)}`;
      const signature = await signer.sign(utf8(input.forgeSignature ? `${signingInput}x` : signingInput));
      return `${signingInput}.${toBase64Url(signature)}`;
    },
  };
}
