/**
 * Builds an unsigned Open Badges 3.0 AchievementCredential on VC 2.0: the issuer's profile, the
 * achievement, the learner and their result. Signing is a separate step (Data Integrity or VC-JOSE).
 */
import { type Clock, isAbsoluteUri, newUrnUuid, systemClock, toXsdDateTime } from "@learnbridge/core";
import { CONTEXT_URLS } from "../contexts/index.ts";
import { type AchievementDefinition, putText, toObAchievement } from "./achievement.ts";
import type { LanguageText } from "./language-text.ts";
import { hashedEmailIdentity, type Learner } from "./learner.ts";

/** The official JSON Schema of an OB 3.0 AchievementCredential, named in `credentialSchema`. */
export const OB_ACHIEVEMENT_CREDENTIAL_SCHEMA =
  "https://purl.imsglobal.org/spec/ob/v3p0/schema/json-ld/ob_v3p0_achievementcredential_schema.json";

export interface IssuerProfile {
  /** The issuer's DID (a node's did:web) or URL. */
  readonly id: string;
  readonly name: LanguageText;
  readonly url?: string;
  readonly email?: string;
  /** ISO 3166-1 alpha-2 country of the awarding body (an EU micro-credential element). */
  readonly country?: string;
  readonly region?: string;
  readonly image?: string;
}

export interface LearnerResult {
  /** A grade or score as text, e.g. "A" or "92/100". */
  readonly grade?: string;
  readonly creditsEarned?: number;
  readonly activityStartDate?: Date;
  readonly activityEndDate?: Date;
  readonly evidence?: readonly {
    readonly id?: string;
    readonly name?: string;
    readonly narrative?: string;
  }[];
}

export interface AchievementCredentialInput {
  readonly issuer: IssuerProfile;
  readonly achievement: AchievementDefinition;
  readonly learner: Learner;
  readonly result?: LearnerResult;
  /** The credential id; a fresh `urn:uuid:` by default. */
  readonly id?: string;
  readonly validFrom?: Date;
  readonly validUntil?: Date;
  readonly credentialStatus?: readonly object[];
  /** Extra `@context` entries a caller needs (appended after the standard ones). */
  readonly extraContexts?: readonly string[];
}

/** Builds the unsigned credential. Throws a TypeError on misuse (relative ids, validUntil before validFrom). */
export async function buildAchievementCredential(
  input: AchievementCredentialInput,
  options: { clock?: Clock } = {},
): Promise<Record<string, unknown>> {
  const clock = options.clock ?? systemClock;
  const id = input.id ?? newUrnUuid();
  for (const [what, value] of [
    ["credential id", id],
    ["issuer id", input.issuer.id],
    ["achievement id", input.achievement.id],
  ] as const) {
    if (!isAbsoluteUri(value)) throw new TypeError(`${what} must be an absolute URI: ${value}`);
  }
  const validFrom = input.validFrom ?? clock();
  if (input.validUntil && input.validUntil.getTime() <= validFrom.getTime()) {
    throw new TypeError("validUntil must be after validFrom");
  }
  const lang = input.achievement.sourceLanguage;
  const achievement = toObAchievement(input.achievement);

  const subject: Record<string, unknown> = { type: ["AchievementSubject"] };
  if ("did" in input.learner) {
    if (!isAbsoluteUri(input.learner.did))
      throw new TypeError(`learner DID must be absolute: ${input.learner.did}`);
    subject.id = input.learner.did;
  } else {
    subject.identifier = [await hashedEmailIdentity(input.learner.email, input.learner.salt)];
  }
  subject.achievement = achievement;
  const result = input.result;
  if (result?.creditsEarned !== undefined) subject.creditsEarned = result.creditsEarned;
  if (result?.activityStartDate) subject.activityStartDate = toXsdDateTime(result.activityStartDate);
  if (result?.activityEndDate) subject.activityEndDate = toXsdDateTime(result.activityEndDate);
  if (result?.grade !== undefined) subject.result = [{ type: ["Result"], value: result.grade }];

  const credential: Record<string, unknown> = {
    "@context": [
      CONTEXT_URLS.VC_V2,
      CONTEXT_URLS.OB_V3_0_3,
      CONTEXT_URLS.OB_V3_EXTENSIONS,
      CONTEXT_URLS.LEARNBRIDGE_V1,
      ...(input.extraContexts ?? []),
    ],
    id,
    type: ["VerifiableCredential", "OpenBadgeCredential"],
  };
  putText(credential, "name", input.achievement.name, lang);
  putText(credential, "description", input.achievement.description, lang);
  credential.issuer = issuerProfile(input.issuer, lang);
  credential.validFrom = toXsdDateTime(validFrom);
  if (input.validUntil) credential.validUntil = toXsdDateTime(input.validUntil);
  credential.credentialSubject = subject;
  if (result?.evidence?.length) {
    credential.evidence = result.evidence.map((e) => ({
      ...(e.id ? { id: e.id } : {}),
      type: ["Evidence"],
      ...e,
    }));
  }
  if (input.credentialStatus?.length) {
    credential.credentialStatus =
      input.credentialStatus.length === 1 ? input.credentialStatus[0] : input.credentialStatus;
  }
  credential.credentialSchema = [
    { id: OB_ACHIEVEMENT_CREDENTIAL_SCHEMA, type: "1EdTechJsonSchemaValidator2019" },
  ];
  return credential;
}

function issuerProfile(issuer: IssuerProfile, lang: string): Record<string, unknown> {
  const profile: Record<string, unknown> = { id: issuer.id, type: ["Profile"] };
  putText(profile, "name", issuer.name, lang);
  if (issuer.url) profile.url = issuer.url;
  if (issuer.email) profile.email = issuer.email;
  if (issuer.image) profile.image = { id: issuer.image, type: "Image" };
  if (issuer.country) {
    profile.address = {
      type: ["Address"],
      addressCountryCode: issuer.country,
      ...(issuer.region ? { addressRegion: issuer.region } : {}),
    };
  }
  return profile;
}
