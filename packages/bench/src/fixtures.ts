/**
 * What every case signs and verifies: did:key issuers (Ed25519 and P-256) and the sample multilingual Open
 * Badges 3.0 AchievementCredential that the credential engine's tests use (`@learnbridge/credentials/testing`).
 */
import {
  createSigner,
  generateKeyPair,
  type KeyPair,
  publicKeyToMultibase,
  type Signer,
} from "@learnbridge/core";
import { didKeyFromPublicKey, err, type KeyResolver, ok } from "@learnbridge/credentials";

/** The fixed "now" of every verification, inside the sample's validity period. */
import { NOW, sampleCredential } from "@learnbridge/credentials/testing";

export { NOW, sampleCredential };
export const clock = (): Date => NOW;

/** A did:key issuer: its DID, its one verification method, its keys (private key extractable for peers). */
export interface BenchIssuer {
  readonly did: string;
  readonly keyId: string;
  readonly publicKeyMultibase: string;
  readonly pair: KeyPair;
  readonly signer: Signer;
}

/** A fresh did:key issuer; the private key is extractable so that peer libraries can import it. */
export async function makeIssuer(algorithm: "EdDSA" | "ES256"): Promise<BenchIssuer> {
  const pair = await generateKeyPair(algorithm, true);
  const did = didKeyFromPublicKey(pair.publicKey);
  const publicKeyMultibase = publicKeyToMultibase(pair.publicKey);
  const keyId = `${did}#${publicKeyMultibase}`;
  return { did, keyId, publicKeyMultibase, pair, signer: createSigner(pair, keyId) };
}

/** A key resolver over a fixed map of the issuers' verification methods: no DID resolution at all. */
export function fixedKeyResolver(issuers: readonly BenchIssuer[]): KeyResolver {
  const methods = new Map(issuers.map((issuer) => [issuer.keyId, issuer]));
  return async (id) => {
    const issuer = methods.get(id);
    if (!issuer) return err("KEY_NOT_FOUND", `unknown verification method ${id}`);
    return ok({ id, controller: issuer.did, type: "Multikey", publicKey: issuer.pair.publicKey });
  };
}

/** The fixtures every case factory receives: fresh issuers and the sample credential from each. */
export async function createFixtures(): Promise<{
  ed25519: BenchIssuer;
  p256: BenchIssuer;
  credential: Record<string, unknown>;
  credentialP256: Record<string, unknown>;
}> {
  const [ed25519, p256] = await Promise.all([makeIssuer("EdDSA"), makeIssuer("ES256")]);
  const [credential, credentialP256] = await Promise.all([sampleCredential(ed25519), sampleCredential(p256)]);
  return { ed25519, p256, credential, credentialP256 };
}
