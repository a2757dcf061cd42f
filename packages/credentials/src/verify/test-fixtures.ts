/** Test fixtures shared by the verifier's tests: a did:key issuer, a sample achievement, signed credentials. */
import { createSigner, generateKeyPair, type KeyPair, publicKeyToMultibase } from "@learnbridge/core";
import { didKeyFromPublicKey } from "../did/did-key.ts";
import { issueCredential } from "../issue/issue-credential.ts";
import { NOW, sampleCredential } from "../testing/sample-credential.ts";

export { NOW, SAMPLE_ACHIEVEMENT, sampleCredential } from "../testing/sample-credential.ts";

export interface TestIssuer {
  readonly did: string;
  readonly keyId: string;
  readonly pair: KeyPair;
}

/** A fresh did:key issuer for the algorithm. */
export async function makeIssuer(algorithm: "EdDSA" | "ES256" = "EdDSA"): Promise<TestIssuer> {
  const pair = await generateKeyPair(algorithm);
  const did = didKeyFromPublicKey(pair.publicKey);
  return { did, keyId: `${did}#${publicKeyToMultibase(pair.publicKey)}`, pair };
}

/** A signed sample credential in the requested format. */
export async function signedSample(
  issuer: TestIssuer,
  format: "ldp_vc" | "jwt_vc" = "ldp_vc",
  cryptosuite?: "eddsa-rdfc-2022" | "eddsa-jcs-2022",
) {
  const unsigned = await sampleCredential(issuer);
  return issueCredential(unsigned, {
    signer: createSigner(issuer.pair, issuer.keyId),
    format,
    clock: () => NOW,
    ...(cryptosuite ? { cryptosuite } : {}),
  });
}
