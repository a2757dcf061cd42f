/**
 * Test-only fixtures for the JOSE tests (not exported from the barrel): did:key parties, a fixed-map key
 * resolver, sample documents, and a way to sign arbitrary headers so that each refusal is tested on a JWS
 * whose signature is otherwise valid.
 */
import {
  createSigner,
  generateKeyPair,
  type PublicKey,
  publicKeyToMultibase,
  type SignatureAlgorithm,
  type Signer,
  toBase64Url,
  utf8,
} from "@learnbridge/core";
import type { KeyResolver, ProofPurpose, ResolvedVerificationMethod } from "../verify/key-resolver.ts";
import { err, ok } from "../verify/report.ts";

export interface TestParty {
  readonly did: string;
  readonly kid: string;
  readonly signer: Signer;
  readonly publicKey: PublicKey;
  readonly privateKey: CryptoKey;
}

/** A fresh did:key party whose verification method is `did:key:z…#z…`. */
export async function makeParty(algorithm: SignatureAlgorithm): Promise<TestParty> {
  const pair = await generateKeyPair(algorithm, true);
  const multibase = publicKeyToMultibase(pair.publicKey);
  const did = `did:key:${multibase}`;
  const kid = `${did}#${multibase}`;
  return {
    did,
    kid,
    signer: createSigner(pair, kid),
    publicKey: pair.publicKey,
    privateKey: pair.privateKey,
  };
}

export interface KeyEntry {
  readonly method: ResolvedVerificationMethod;
  /** The relationships the controller lists the key under; defaults to both JOSE purposes. */
  readonly purposes?: readonly ProofPurpose[];
}

/** A KeyResolver over a fixed map from kid to verification method. */
export function fixedKeyResolver(entries: readonly KeyEntry[]): KeyResolver & { calls: string[] } {
  const calls: string[] = [];
  const resolver = async (id: string, { purpose }: { purpose: ProofPurpose }) => {
    calls.push(`${purpose} ${id}`);
    const entry = entries.find((candidate) => candidate.method.id === id);
    if (!entry) return err<ResolvedVerificationMethod>("KEY_NOT_FOUND", `no key ${id}`);
    if (!(entry.purposes ?? ["assertionMethod", "authentication"]).includes(purpose)) {
      return err<ResolvedVerificationMethod>("KEY_NOT_AUTHORIZED", `${id} is not listed under ${purpose}`);
    }
    return ok(entry.method);
  };
  return Object.assign(resolver, { calls });
}

/** The Multikey verification method of a party, controlled by its DID unless told otherwise. */
export const methodOf = (party: TestParty, controller = party.did): ResolvedVerificationMethod => ({
  id: party.kid,
  controller,
  type: "Multikey",
  publicKey: party.publicKey,
});

/** A small Open Badges 3.0 credential issued by `issuer`. */
export const sampleCredential = (issuer: string): Record<string, unknown> => ({
  "@context": [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
  ],
  id: "urn:uuid:5f3e1c2a-8f7b-4c1d-9a0e-2b6d7c8e9f01",
  type: ["VerifiableCredential", "OpenBadgeCredential"],
  issuer: { id: issuer, type: ["Profile"], name: "Université d'Exemple" },
  validFrom: "2026-01-01T00:00:00Z",
  name: "Données ouvertes — micro-credential",
  credentialSubject: {
    id: "did:example:learner",
    type: ["AchievementSubject"],
    achievement: {
      id: "https://example.edu/a/1",
      type: ["Achievement"],
      name: "Open data",
      criteria: { narrative: "…" },
    },
  },
});

/** A presentation by `holder` of the given verifiable credentials. */
export const samplePresentation = (holder: string | undefined, verifiableCredential: unknown[] = []) => ({
  "@context": ["https://www.w3.org/ns/credentials/v2"],
  type: ["VerifiablePresentation"],
  ...(holder === undefined ? {} : { holder }),
  verifiableCredential,
});

const encodeJson = (value: unknown) => toBase64Url(utf8(JSON.stringify(value)));

/** Signs any header and payload (payload given as JSON value, or as a raw segment string) with `signer`. */
export async function signRaw(header: unknown, payload: unknown, signer: Signer): Promise<string> {
  const input = `${encodeJson(header)}.${typeof payload === "string" ? payload : encodeJson(payload)}`;
  return `${input}.${toBase64Url(await signer.sign(utf8(input)))}`;
}

/** A JWS assembled from already-encoded parts, for structural tests. */
export const joinSegments = (...segments: string[]) => segments.join(".");
export { encodeJson };
