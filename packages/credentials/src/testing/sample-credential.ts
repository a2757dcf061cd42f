/**
 * The sample micro-credential every test and the benchmark sign and verify: a multilingual Open Badges 3.0
 * AchievementCredential from an overseas centre, with the EU micro-credential elements. Exported as
 * `@learnbridge/credentials/testing` so that the benchmark measures exactly what the tests check.
 */

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

/** An unsigned OB 3.0 credential from `issuer` to a learner DID. */
export async function sampleCredential(
  issuer: { readonly did: string },
  learnerDid = "did:example:learner-1",
) {
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

/** An unsigned Open Badges 3.0 credential for `POST /credentials/issue` (the centre fills issuer, id, status). */
export const UNSIGNED_BADGE_REQUEST = {
  "@context": [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
  ],
  type: ["VerifiableCredential", "OpenBadgeCredential"],
  name: "Community Health Basics",
  credentialSubject: {
    type: ["AchievementSubject"],
    id: "did:example:learner-nairobi",
    achievement: {
      id: "https://nairobi.example/achievements/health-101",
      type: ["Achievement"],
      name: "Community Health Basics",
      description: "First aid and community health.",
      criteria: { narrative: "Passed the practical assessment." },
    },
  },
};
