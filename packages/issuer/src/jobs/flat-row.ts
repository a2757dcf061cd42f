/**
 * The flat row of a bulk job: one learner's award as the columns of a spreadsheet, turned into an unsigned
 * Open Badges 3.0 AchievementCredential. A row that is a whole credential (it has `@context`) is passed on
 * as it is. A row's problems are a LearnbridgeError with the first problem's code and every problem listed.
 *
 * Columns (empty cells count as absent):
 * - `learner_did` or `learner_email` (exactly one; the email is carried only as a salted hash)
 * - `achievement_id` (an absolute URL), `achievement_name`, `achievement_description`, `criteria`
 *   (the criteria narrative) — required
 * - `achievement_type` (MicroCredential by default; an OB 3.0 type or `ext:…`), `language` (BCP 47 tag of
 *   the texts, default `en`)
 * - `grade` (text), `credits` (credits earned, a number ≥ 0), `valid_from`, `valid_until` (ISO 8601)
 */
import { type Clock, type ErrorCode, isAbsoluteUri, LearnbridgeError, systemClock } from "@learnbridge/core";
import {
  type AchievementCredentialInput,
  type AchievementType,
  buildAchievementCredential,
  type IssuerProfile,
  isLanguageTag,
  type Learner,
} from "@learnbridge/credentials";

/** Every column a flat row may have, in the order a CSV template lists them. */
export const FLAT_ROW_COLUMNS = [
  "learner_did",
  "learner_email",
  "achievement_id",
  "achievement_name",
  "achievement_description",
  "criteria",
  "achievement_type",
  "language",
  "grade",
  "credits",
  "valid_from",
  "valid_until",
] as const;
export type FlatRowColumn = (typeof FLAT_ROW_COLUMNS)[number];

/** Columns every row needs (besides one learner column). */
export const REQUIRED_COLUMNS: readonly FlatRowColumn[] = [
  "achievement_id",
  "achievement_name",
  "achievement_description",
  "criteria",
];

const ACHIEVEMENT_TYPES = new Set([
  "MicroCredential",
  "Course",
  "Certificate",
  "Certification",
  "Badge",
  "Degree",
  "Diploma",
  "LearningProgram",
  "Competency",
]);
const DID = /^did:[a-z0-9]+:[A-Za-z0-9._:%-]+$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** True when a row is a whole unsigned credential rather than a flat row. */
export const isCredentialRow = (row: Record<string, unknown>): boolean => "@context" in row;

/** What a row becomes: the unsigned credential and the achievement it awards, when known. */
export interface RowCredential {
  readonly credential: Record<string, unknown>;
  readonly achievementId?: string;
}

/**
 * The unsigned credential for a row; rejects with a LearnbridgeError naming what is wrong with it.
 * `issuerFor` gives the centre's profile for the row's language (its name in that language when it has one).
 */
export async function credentialForRow(
  row: unknown,
  issuerFor: (language: string) => Promise<IssuerProfile>,
  clock: Clock = systemClock,
): Promise<RowCredential> {
  if (!isObject(row)) throw new LearnbridgeError("FIELD_INVALID", "a row must be a JSON object");
  if (isCredentialRow(row)) {
    const subject = [row.credentialSubject].flat()[0];
    const achievementId =
      isObject(subject) && isObject(subject.achievement) ? subject.achievement.id : undefined;
    return { credential: row, ...(typeof achievementId === "string" ? { achievementId } : {}) };
  }
  const problems: { code: ErrorCode; field: string; message: string }[] = [];
  const problem = (code: ErrorCode, field: string, message: string) =>
    problems.push({ code, field, message });
  const unknown = Object.keys(row).filter((k) => !(FLAT_ROW_COLUMNS as readonly string[]).includes(k));
  if (unknown.length) problem("FIELD_INVALID", unknown[0] ?? "", `unknown column(s): ${unknown.join(", ")}`);
  // Every cell as trimmed text (numbers too, for JSON rows); empty cells are absent.
  const cells = new Map<FlatRowColumn, string>();
  for (const column of FLAT_ROW_COLUMNS) {
    const value = row[column];
    if (typeof value === "number" && Number.isFinite(value)) cells.set(column, String(value));
    else if (typeof value === "string" && value.trim() !== "") cells.set(column, value.trim());
    else if (value !== undefined && value !== null && value !== "") {
      problem("FIELD_INVALID", column, `${column} must be text`);
    }
  }
  const text = (column: FlatRowColumn) => cells.get(column);
  for (const column of REQUIRED_COLUMNS) {
    if (text(column) === undefined) problem("FIELD_MISSING", column, `${column} is required`);
  }
  const did = text("learner_did");
  const email = text("learner_email");
  let learner: Learner | undefined;
  if (did !== undefined && email !== undefined) {
    problem("FIELD_INVALID", "learner_did", "give learner_did or learner_email, not both");
  } else if (did !== undefined) {
    if (DID.test(did)) learner = { did };
    else problem("DID_INVALID", "learner_did", `learner_did is not a DID: ${did}`);
  } else if (email !== undefined) {
    if (EMAIL.test(email)) learner = { email };
    else problem("FIELD_INVALID", "learner_email", "learner_email is not an email address");
  } else {
    problem("FIELD_MISSING", "learner_did", "learner_did or learner_email is required");
  }
  const achievementId = text("achievement_id");
  if (achievementId !== undefined && !(isAbsoluteUri(achievementId) && /^https?:/.test(achievementId))) {
    problem(
      "URL_INVALID",
      "achievement_id",
      `achievement_id must be an absolute http(s) URL: ${achievementId}`,
    );
  }
  const type = text("achievement_type") ?? "MicroCredential";
  if (!ACHIEVEMENT_TYPES.has(type) && !/^ext:\S+$/.test(type)) {
    problem("FIELD_INVALID", "achievement_type", `achievement_type '${type}' is not an Open Badges type`);
  }
  const language = text("language") ?? "en";
  if (!isLanguageTag(language))
    problem("FIELD_INVALID", "language", `language '${language}' is not a BCP 47 tag`);
  const creditsText = text("credits");
  const credits = creditsText === undefined ? undefined : Number(creditsText);
  if (credits !== undefined && !(Number.isFinite(credits) && credits >= 0)) {
    problem("FIELD_INVALID", "credits", `credits must be a number ≥ 0, not '${creditsText}'`);
  }
  const date = (column: "valid_from" | "valid_until") => {
    const value = text(column);
    if (value === undefined) return undefined;
    const parsed = new Date(value);
    if (!ISO_DATE.test(value) || Number.isNaN(parsed.getTime())) {
      problem("DATE_INVALID", column, `${column} is not an ISO 8601 date: ${value}`);
      return undefined;
    }
    return parsed;
  };
  const validFrom = date("valid_from");
  const validUntil = date("valid_until");
  if (validUntil && validUntil.getTime() <= (validFrom ?? clock()).getTime()) {
    problem("DATE_INVALID", "valid_until", "valid_until must be after valid_from (or now)");
  }
  const first = problems[0];
  if (first || !learner || achievementId === undefined) {
    throw new LearnbridgeError(first?.code ?? "FIELD_INVALID", problems.map((p) => p.message).join("; "), {
      field: first?.field,
      problems,
    });
  }
  const grade = text("grade");
  const input: AchievementCredentialInput = {
    issuer: await issuerFor(language),
    achievement: {
      id: achievementId,
      name: text("achievement_name") ?? "",
      description: text("achievement_description") ?? "",
      criteria: { narrative: text("criteria") ?? "" },
      achievementType: type as AchievementType,
      sourceLanguage: language,
    },
    learner,
    ...(grade !== undefined || credits !== undefined
      ? {
          result: {
            ...(grade !== undefined ? { grade } : {}),
            ...(credits !== undefined ? { creditsEarned: credits } : {}),
          },
        }
      : {}),
    ...(validFrom ? { validFrom } : {}),
    ...(validUntil ? { validUntil } : {}),
  };
  try {
    return { credential: await buildAchievementCredential(input, { clock }), achievementId };
  } catch (error) {
    // What the checks above let through and the builder refuses is still this row's fault.
    if (error instanceof TypeError) throw new LearnbridgeError("FIELD_INVALID", error.message);
    throw error;
  }
}
