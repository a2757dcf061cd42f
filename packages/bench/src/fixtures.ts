/**
 * What every case signs and verifies: did:key issuers (Ed25519 and P-256) and the sample multilingual Open
 * Badges 3.0 AchievementCredential, built exactly as the credential engine's verifier tests build it
 * (packages/credentials/src/verify/test-fixtures.ts, which the package does not export; the smoke test checks
 * the two stay equal).
 */
import {
  createSigner,
  generateKeyPair,
  type KeyPair,
  publicKeyToMultibase,
  type Signer,
} from "@learnbridge/core";
import {
  type AchievementDefinition,
  buildAchievementCredential,
  didKeyFromPublicKey,
  err,
  type KeyResolver,
  ok,
} from "@learnbridge/credentials";

/** The fixed "now" of every verification, inside the sample's validity period. */
export const NOW = new Date("2026-06-01T00:00:00Z");
export const clock = (): Date => NOW;

export const SAMPLE_ACHIEVEMENT: AchievementDefinition = {
  id: "https://nairobi.example/achievements/data-analysis-101",
  name: { en: "Data Analysis Foundations", zh: "数据分析基础", sw: "Misingi ya Uchambuzi wa Data" },
  description: { en: "Cleans, summarises and visualises tabular data.", zh: "清洗、汇总并可视化表格数据。" },
  criteria: { narrative: { en: "Passed the proctored final assessment.", zh: "通过监考的期末考核。" } },
  sourceLanguage: "en",
  achievementType: "MicroCredential",
  fieldOfStudy: "Data science",
  creditsAvailable: 3,
  ectsCredits: 3,
  workloadHours: 75,
  eqfLevel: 5,
  learningOutcomes: [
    {
      text: { en: "Summarise a dataset", zh: "汇总数据集" },
      frameworkUri: "http://data.europa.eu/esco/skill/example",
    },
  ],
  assessmentType: "Proctored online examination",
  participationForm: "online",
  qualityAssurance: "Accredited by the national open university",
  courseRecord: { id: "https://nairobi.example/courses/da-101", version: 3 },
};

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

/** The unsigned sample credential from `issuer` to a learner DID (a fresh object each call). */
export function sampleCredential(
  issuer: { readonly did: string },
  learnerDid = "did:example:learner-1",
): Promise<Record<string, unknown>> {
  return buildAchievementCredential(
    {
      issuer: {
        id: issuer.did,
        name: { en: "Nairobi Open Learning Centre", sw: "Kituo cha Mafunzo Huria Nairobi" },
        country: "KE",
      },
      achievement: SAMPLE_ACHIEVEMENT,
      learner: { did: learnerDid },
      result: { grade: "A", creditsEarned: 3 },
      validFrom: new Date("2026-01-15T09:00:00Z"),
      validUntil: new Date("2031-01-15T09:00:00Z"),
    },
    { clock },
  );
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
