/**
 * A learner's wallet side for tests of the VC-API claim exchange: a did:key holder and the DIDAuth
 * presentation a VC-API wallet sends over a request's challenge and domain.
 */
import {
  type Clock,
  createSigner,
  generateKeyPair,
  type KeyPair,
  publicKeyToMultibase,
} from "@learnbridge/core";
import { addDataIntegrityProof, didKeyFromPublicKey } from "@learnbridge/credentials";

/** A learner's wallet key, its DID and the verification method that names it. */
export interface DidAuthHolder {
  readonly did: string;
  readonly keyId: string;
  readonly pair: KeyPair;
}

/** A did:key holder with a fresh Ed25519 key. */
export async function newDidAuthHolder(): Promise<DidAuthHolder> {
  const pair = await generateKeyPair("EdDSA");
  const did = didKeyFromPublicKey(pair.publicKey);
  return { did, keyId: `${did}#${publicKeyToMultibase(pair.publicKey)}`, pair };
}

/**
 * The DIDAuth presentation a wallet sends for a request: `holder`, signed by `signer` (default the holder)
 * over challenge and domain, at `clock` (default 2026-06-01, the tests' day).
 */
export function didAuthPresentation(
  holder: DidAuthHolder,
  request: { readonly challenge: string; readonly domain: string },
  options: { readonly signer?: DidAuthHolder; readonly clock?: Clock } = {},
) {
  const signer = options.signer ?? holder;
  return addDataIntegrityProof(
    {
      "@context": ["https://www.w3.org/ns/credentials/v2"],
      type: ["VerifiablePresentation"],
      holder: holder.did,
    },
    {
      signer: createSigner(signer.pair, signer.keyId),
      proofPurpose: "authentication",
      challenge: request.challenge,
      domain: request.domain,
      clock: options.clock ?? (() => new Date("2026-06-01T00:00:00Z")),
    },
  );
}
