/** Test fixtures shared by the verifier's tests: a did:key issuer, a sample achievement, signed credentials. */
import { createSigner, generateKeyPair, type KeyPair, publicKeyToMultibase } from "@learnbridge/core";
import { didKeyFromPublicKey } from "../did/did-key.ts";
import { issueCredential } from "../issue/issue-credential.ts";
import type { AchievementDefinition } from "../model/achievement.ts";
import { buildAchievementCredential } from "../model/achievement-credential.ts";

export const NOW = new Date("2026-06-01T00:00:00Z");

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

/** An unsigned OB 3.0 credential from `issuer` to a learner DID. */
export async function sampleCredential(issuer: TestIssuer, learnerDid = "did:example:learner-1") {
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
    { clock: () => NOW },
  );
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
