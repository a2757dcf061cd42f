/**
 * What staff may write as an achievement: an `AchievementDefinition` without its `id` (the node derives it
 * from the slug), checked field by field with stable codes, so a bad definition never reaches a credential.
 */
import type { AchievementDefinition, LanguageText, LearningOutcome } from "@learnbridge/credentials";
import { isLanguageTag } from "@learnbridge/credentials";
import { type Checked, FieldChecker, isObject } from "./field-problems.ts";

/** An achievement's content: everything of the definition but its URL. */
export type AchievementContent = Omit<AchievementDefinition, "id">;

/** What a create or update request carries: the slug, the content, and whether the achievement is archived. */
export interface AchievementInput {
  readonly slug: string;
  readonly content: AchievementContent;
  readonly archived: boolean;
}

/** A slug: lower-case letters, digits and inner hyphens, 1-64 characters (it becomes a URL path segment). */
export const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

const TYPES = new Set([
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
const PARTICIPATION = ["online", "onsite", "blended"] as const;
const FIELDS = new Set([
  "name",
  "description",
  "criteria",
  "achievementType",
  "sourceLanguage",
  "fieldOfStudy",
  "image",
  "tags",
  "creditsAvailable",
  "ectsCredits",
  "workloadHours",
  "eqfLevel",
  "learningOutcomes",
  "assessmentType",
  "participationForm",
  "qualityAssurance",
  "courseRecord",
  "archived",
]);
const SHORT = 300;
const LONG = 5000;

/**
 * Checks a definition as staff send it. On update the slug is the one of the URL (`pathSlug`), and the
 * body may repeat it; on create the body must carry it.
 * @example validateAchievement({ slug: "data-101", name: { en: "Data 101" }, description: "…", criteria: { narrative: "…" }, sourceLanguage: "en" })
 */
export function validateAchievement(input: unknown, pathSlug?: string): Checked<AchievementInput> {
  const check = new FieldChecker();
  if (!isObject(input)) {
    check.invalid("(body)", "must be a JSON object");
    return check.result(() => ({}) as AchievementInput);
  }
  const { id, slug: bodySlug, ...doc } = input;
  if (id !== undefined) check.invalid("id", "is the achievement's URL, made from its slug: leave it out");
  const slug = pathSlug ?? bodySlug;
  if (slug === undefined) check.missing("slug", "is required: it names the achievement in its URL");
  else if (typeof slug !== "string" || !SLUG.test(slug)) {
    check.invalid("slug", "must be 1-64 lower-case letters, digits and inner hyphens");
  } else if (bodySlug !== undefined && bodySlug !== slug) {
    check.invalid("slug", `differs from the URL's slug '${slug}'`);
  }
  check.onlyKnown(doc, FIELDS);

  const lang = doc.sourceLanguage;
  let source: string | undefined;
  if (lang === undefined)
    check.missing("sourceLanguage", "is required: the language the texts are written in");
  else if (!isLanguageTag(lang)) check.invalid("sourceLanguage", "is not a BCP 47 language tag");
  else source = lang;

  const name = check.text(doc.name, "name", source, SHORT);
  const description = check.text(doc.description, "description", source, LONG);
  let criteria: AchievementContent["criteria"] | undefined;
  if (doc.criteria === undefined) check.missing("criteria");
  else if (!isObject(doc.criteria)) check.invalid("criteria", "must be an object with a narrative");
  else {
    check.onlyKnown(doc.criteria, new Set(["narrative", "id"]), "criteria.");
    const narrative = check.text(doc.criteria.narrative, "criteria.narrative", source, LONG);
    const criteriaId = check.url(doc.criteria.id, "criteria.id");
    if (narrative !== undefined) criteria = { narrative, ...(criteriaId ? { id: criteriaId } : {}) };
  }

  const type = doc.achievementType;
  if (
    type !== undefined &&
    !(typeof type === "string" && (TYPES.has(type) || /^ext:[A-Za-z0-9]{1,64}$/.test(type)))
  ) {
    check.invalid("achievementType", `must be one of ${[...TYPES].join(", ")}, or ext:Name`);
  }
  const tags = doc.tags;
  if (tags !== undefined) {
    if (!Array.isArray(tags) || tags.length > 20)
      check.invalid("tags", "must be an array of at most 20 strings");
    else for (const [i, tag] of tags.entries()) check.string(tag, `tags[${i}]`, 64, true);
  }
  for (const field of ["creditsAvailable", "ectsCredits", "workloadHours"] as const) {
    check.nonNegative(doc[field], field);
  }
  check.integer(doc.eqfLevel, "eqfLevel", 1, 8);
  check.url(doc.image, "image");
  for (const field of ["fieldOfStudy", "assessmentType", "qualityAssurance"] as const) {
    check.string(doc[field], field, SHORT);
  }
  if (doc.participationForm !== undefined && !PARTICIPATION.includes(doc.participationForm as never)) {
    check.invalid("participationForm", `must be one of ${PARTICIPATION.join(", ")}`);
  }
  const outcomes = readOutcomes(check, doc.learningOutcomes, source);
  const course = doc.courseRecord;
  if (course !== undefined) {
    if (!isObject(course)) check.invalid("courseRecord", "must be { id, version }");
    else {
      check.onlyKnown(course, new Set(["id", "version"]), "courseRecord.");
      if (course.id === undefined) check.missing("courseRecord.id");
      else check.url(course.id, "courseRecord.id");
      if (course.version === undefined) check.missing("courseRecord.version");
      else check.integer(course.version, "courseRecord.version", 1, Number.MAX_SAFE_INTEGER);
    }
  }
  if (doc.archived !== undefined && typeof doc.archived !== "boolean") {
    check.invalid("archived", "must be true or false");
  }

  return check.result(() => {
    // Copy field by field: nothing the checks did not see is kept.
    const optional = Object.fromEntries(
      [
        "achievementType",
        "fieldOfStudy",
        "image",
        "creditsAvailable",
        "ectsCredits",
        "workloadHours",
        "eqfLevel",
        "assessmentType",
        "participationForm",
        "qualityAssurance",
      ]
        .filter((field) => doc[field] !== undefined)
        .map((field) => [field, doc[field]]),
    );
    const content = {
      name: name as LanguageText,
      description: description as LanguageText,
      criteria: criteria as AchievementContent["criteria"],
      sourceLanguage: source as string,
      ...optional,
      ...(Array.isArray(tags) && tags.length ? { tags: [...tags] as string[] } : {}),
      ...(outcomes?.length ? { learningOutcomes: outcomes } : {}),
      ...(isObject(course)
        ? { courseRecord: { id: String(course.id), version: Number(course.version) } }
        : {}),
    } as AchievementContent;
    return { slug: slug as string, content, archived: doc.archived === true };
  });
}

function readOutcomes(
  check: FieldChecker,
  value: unknown,
  source: string | undefined,
): LearningOutcome[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.length > 50) {
    return check.invalid("learningOutcomes", "must be an array of at most 50 outcomes");
  }
  const outcomes: LearningOutcome[] = [];
  for (const [i, outcome] of value.entries()) {
    const at = `learningOutcomes[${i}]`;
    if (!isObject(outcome)) {
      check.invalid(at, "must be { text, frameworkUri? }");
      continue;
    }
    check.onlyKnown(outcome, new Set(["text", "frameworkUri"]), `${at}.`);
    const text = check.text(outcome.text, `${at}.text`, source, SHORT * 2);
    const frameworkUri = check.url(outcome.frameworkUri, `${at}.frameworkUri`);
    if (text !== undefined) outcomes.push({ text, ...(frameworkUri ? { frameworkUri } : {}) });
  }
  return outcomes;
}
