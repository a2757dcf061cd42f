/**
 * The network's sample credential: the Nairobi centre defines a micro-credential for its water management
 * course (EQF 4, ISCED-F 0712, within its issuer mark) and awards it to a learner; another centre verifies
 * it and says, in its trust check, which anchor accredits the issuer and through whom.
 */
import type { Reachable } from "./staff-client.ts";
import { call } from "./staff-client.ts";

/** What staff send to `POST /achievements`. */
export const WATER_MICROCREDENTIAL = {
  slug: "water-management-microcredential",
  name: {
    en: "Water Management for Small Farms",
    sw: "Usimamizi wa Maji kwa Mashamba Madogo",
    zh: "小农场水资源管理",
  },
  description: {
    en: "Rainwater harvesting, drip irrigation and keeping a borehole safe.",
    sw: "Uvunaji wa maji ya mvua, umwagiliaji kwa matone na kutunza kisima.",
    zh: "雨水收集、滴灌以及水井的安全维护。",
  },
  criteria: {
    narrative: {
      en: "Completed the online course and passed the practical assessment on a farm.",
      sw: "Amekamilisha kozi ya mtandaoni na kufaulu tathmini ya vitendo shambani.",
    },
  },
  sourceLanguage: "en",
  achievementType: "MicroCredential",
  fieldOfStudy: "0712",
  eqfLevel: 4,
  ectsCredits: 5,
  creditsAvailable: 5,
  workloadHours: 125,
  learningOutcomes: [
    {
      text: {
        en: "Designs a rainwater harvesting system for a small farm.",
        sw: "Anabuni mfumo wa kuvuna maji ya mvua kwa shamba dogo.",
      },
    },
  ],
  assessmentType: "Practical assessment",
  participationForm: "online",
  qualityAssurance: "Reviewed by the centre's academic board",
} as const;

/** Defines the micro-credential at `centre` and awards it to a learner; returns the signed credential. */
export async function issueSampleCredential(centre: Reachable): Promise<Record<string, unknown>> {
  await call(centre, "/achievements", { body: WATER_MICROCREDENTIAL });
  const { body } = await call(centre, `/achievements/${WATER_MICROCREDENTIAL.slug}/issue`, {
    body: { learner: { email: "amina.wanjiru@example.org" }, result: { creditsEarned: 5 } },
  });
  return body.verifiableCredential;
}

/** A verification at another centre: its status, the trust check, and the credential verified. */
export interface SampleVerification {
  readonly credential: Record<string, unknown>;
  readonly status: number;
  readonly verified: boolean;
  /** The report's trust check: outcome, code, message. */
  readonly trust:
    | { readonly outcome?: string; readonly code?: string; readonly message?: string }
    | undefined;
}

/** Verifies `credential` at `centre` (public endpoint, no token), as an employer would. */
export async function verifyElsewhere(
  centre: Reachable,
  credential: Record<string, unknown>,
): Promise<SampleVerification> {
  const { status, body } = await call(centre, "/credentials/verify", {
    body: { verifiableCredential: credential },
    anonymous: true,
    expect: [200, 422],
  });
  const checks = body.checks as ({ name: string } & SampleVerification["trust"])[] | undefined;
  const trust = checks?.find((check) => check.name === "trust");
  return { credential, status, verified: body.verified === true, trust };
}
