/**
 * The CLI's "achievement input": a JSON form of `AchievementCredentialInput` (see
 * packages/node/examples/achievement.json) with dates as ISO 8601 strings and the issuer's id optional.
 */
import type { AchievementCredentialInput, AchievementDefinition, Learner } from "@learnbridge/credentials";
import { CommandFailure } from "./errors.ts";

export const ACHIEVEMENT_INPUT_HELP = `Achievement input (print a complete one with: learnbridge example):
  {
    "issuer":      { "id"?: DID (default: the key's), "name": text, "url"?, "email"?, "country"?: "KE" },
    "achievement": { "id": URL, "name": text, "description": text, "criteria": { "narrative": text },
                     "sourceLanguage"?: "en", "achievementType"?: "MicroCredential", "creditsAvailable"?,
                     "ectsCredits"?, "workloadHours"?, "eqfLevel"?, "learningOutcomes"?, "fieldOfStudy"? … },
    "learner":     { "did": DID } or { "email": address, "salt"? } (the email is stored only hashed),
    "result"?:     { "grade"?, "creditsEarned"?, "activityStartDate"?, "activityEndDate"?, "evidence"? },
    "validFrom"?:  ISO date (default: now), "validUntil"?: ISO date, "id"?: URI (default: urn:uuid)
  }
  A text is a string or a map of language to string: { "en": "…", "zh": "…", "sw": "…" }.`;

const TOP_LEVEL = new Set([
  "$comment",
  "$schema",
  "id",
  "issuer",
  "achievement",
  "learner",
  "result",
  "validFrom",
  "validUntil",
  "credentialStatus",
  "extraContexts",
]);

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const isText = (v: unknown) =>
  (typeof v === "string" && v !== "") ||
  (isObject(v) && Object.keys(v).length > 0 && Object.values(v).every((s) => typeof s === "string"));

/** True when the JSON looks like an achievement input rather than a credential. */
export function isAchievementInput(json: unknown): boolean {
  return isObject(json) && "achievement" in json && "learner" in json && !("@context" in json);
}

function date(value: unknown, where: string): Date | undefined {
  if (value === undefined) return undefined;
  const parsed = typeof value === "string" ? new Date(value) : undefined;
  if (!parsed || Number.isNaN(parsed.getTime())) throw new CommandFailure(`${where} is not an ISO 8601 date`);
  return parsed;
}

/** Checks the input and converts it; every problem is reported at once, each with where it is. */
export function parseAchievementInput(json: Json, issuerDid: string): AchievementCredentialInput {
  const problems: string[] = [];
  const unknown = Object.keys(json).filter((k) => !TOP_LEVEL.has(k));
  if (unknown.length) problems.push(`unknown field(s): ${unknown.join(", ")}`);
  const issuer = isObject(json.issuer) ? json.issuer : {};
  if (!isText(issuer.name)) problems.push("issuer.name is required (a text)");
  const achievement = isObject(json.achievement) ? json.achievement : {};
  if (typeof achievement.id !== "string") problems.push("achievement.id is required (a URL)");
  for (const field of ["name", "description"]) {
    if (!isText(achievement[field])) problems.push(`achievement.${field} is required (a text)`);
  }
  const criteria = isObject(achievement.criteria) ? achievement.criteria : {};
  if (!isText(criteria.narrative)) problems.push("achievement.criteria.narrative is required (a text)");
  const learner = isObject(json.learner) ? json.learner : {};
  if (typeof learner.did !== "string" && typeof learner.email !== "string") {
    problems.push('learner needs a "did" or an "email"');
  }
  const result = isObject(json.result) ? json.result : {};
  if (problems.length) throw new CommandFailure(`invalid achievement input:\n  ${problems.join("\n  ")}`);

  const name = achievement.name;
  const sourceLanguage =
    typeof achievement.sourceLanguage === "string"
      ? achievement.sourceLanguage
      : isObject(name)
        ? (Object.keys(name)[0] ?? "en")
        : "en";
  const issuerId = typeof issuer.id === "string" && issuer.id !== "" ? issuer.id : issuerDid;
  const activityStartDate = date(result.activityStartDate, "result.activityStartDate");
  const activityEndDate = date(result.activityEndDate, "result.activityEndDate");
  const validFrom = date(json.validFrom, "validFrom");
  const validUntil = date(json.validUntil, "validUntil");
  return {
    issuer: { ...(issuer as object), id: issuerId } as AchievementCredentialInput["issuer"],
    achievement: { ...achievement, sourceLanguage } as unknown as AchievementDefinition,
    learner: learner as unknown as Learner,
    result: {
      ...result,
      ...(activityStartDate ? { activityStartDate } : {}),
      ...(activityEndDate ? { activityEndDate } : {}),
    },
    ...(typeof json.id === "string" ? { id: json.id } : {}),
    ...(validFrom ? { validFrom } : {}),
    ...(validUntil ? { validUntil } : {}),
    ...(Array.isArray(json.credentialStatus) ? { credentialStatus: json.credentialStatus as Json[] } : {}),
    ...(Array.isArray(json.extraContexts) ? { extraContexts: json.extraContexts as string[] } : {}),
  };
}
