/**
 * An achievement a centre awards (a micro-credential, a course completion, a micro-major), as defined by
 * its staff, and its Open Badges 3.0 `Achievement` form. The EU Council Recommendation's elements that
 * belong to the course (workload, level, outcomes, assessment, participation, quality assurance) travel
 * with it; the credential adds learner, issuer country and issue date.
 */
import { type LanguageText, languageMap, sourceText } from "./language-text.ts";

/** OB 3.0 achievement types this engine issues (the spec's enumeration has more; `ext:` types are allowed). */
export type AchievementType =
  | "MicroCredential"
  | "Course"
  | "Certificate"
  | "Certification"
  | "Badge"
  | "Degree"
  | "Diploma"
  | "LearningProgram"
  | "Competency"
  | `ext:${string}`;

export interface LearningOutcome {
  readonly text: LanguageText;
  /** An ESCO skill or other framework URI the outcome aligns to. */
  readonly frameworkUri?: string;
}

export interface AchievementDefinition {
  /** A stable URL of the achievement (the node serves it). */
  readonly id: string;
  readonly name: LanguageText;
  readonly description: LanguageText;
  readonly criteria: { readonly narrative: LanguageText; readonly id?: string };
  readonly achievementType?: AchievementType;
  /** The language the centre wrote the texts in: the signed source. */
  readonly sourceLanguage: string;
  readonly fieldOfStudy?: string;
  readonly image?: string;
  readonly tags?: readonly string[];
  /** Credits in the centre's own unit (OB `creditsAvailable`). */
  readonly creditsAvailable?: number;
  readonly ectsCredits?: number;
  readonly workloadHours?: number;
  /** European Qualifications Framework level 1-8. */
  readonly eqfLevel?: number;
  readonly learningOutcomes?: readonly LearningOutcome[];
  readonly assessmentType?: string;
  readonly participationForm?: "online" | "onsite" | "blended";
  readonly qualityAssurance?: string;
  /** The catalogue course record this achievement is earned on, and its version. */
  readonly courseRecord?: { readonly id: string; readonly version: number };
}

const EQF_FRAMEWORK = "European Qualifications Framework";
const EQF_URL = "https://europa.eu/europass/en/description-eight-eqf-levels";

/** Adds `key` and `keyMap` (when the text has translations) to `target`. */
export function putText(target: Record<string, unknown>, key: string, text: LanguageText, lang: string) {
  target[key] = sourceText(text, lang);
  const map = languageMap(text);
  if (map && Object.keys(map).length > 1) target[`${key}Map`] = map;
}

/** The OB 3.0 `Achievement` object for a definition. */
export function toObAchievement(def: AchievementDefinition): Record<string, unknown> {
  const lang = def.sourceLanguage;
  const achievement: Record<string, unknown> = {
    id: def.id,
    type: ["Achievement"],
    achievementType: def.achievementType ?? "MicroCredential",
  };
  putText(achievement, "name", def.name, lang);
  putText(achievement, "description", def.description, lang);
  const criteria: Record<string, unknown> = def.criteria.id ? { id: def.criteria.id } : {};
  putText(criteria, "narrative", def.criteria.narrative, lang);
  achievement.criteria = criteria;
  achievement.inLanguage = lang;
  if (def.fieldOfStudy) achievement.fieldOfStudy = def.fieldOfStudy;
  if (def.image) achievement.image = { id: def.image, type: "Image" };
  if (def.tags?.length) achievement.tag = [...def.tags];
  if (def.creditsAvailable !== undefined) achievement.creditsAvailable = def.creditsAvailable;

  const alignment: Record<string, unknown>[] = [];
  if (def.eqfLevel !== undefined) {
    alignment.push({
      type: ["Alignment"],
      targetName: `EQF level ${def.eqfLevel}`,
      targetUrl: EQF_URL,
      targetFramework: EQF_FRAMEWORK,
      targetCode: String(def.eqfLevel),
    });
  }
  for (const outcome of def.learningOutcomes ?? []) {
    if (outcome.frameworkUri) {
      alignment.push({
        type: ["Alignment"],
        targetName: sourceText(outcome.text, lang),
        targetUrl: outcome.frameworkUri,
        targetType: "ext:LearningOutcome",
      });
    }
  }
  if (alignment.length) achievement.alignment = alignment;

  if (def.learningOutcomes?.length) {
    achievement.learningOutcome = def.learningOutcomes.flatMap((o) =>
      typeof o.text === "string"
        ? [{ "@value": o.text, "@language": lang }]
        : Object.entries(o.text).map(([tag, value]) => ({ "@value": value, "@language": tag })),
    );
  }
  if (def.ectsCredits !== undefined) achievement.ectsCredits = def.ectsCredits;
  if (def.workloadHours !== undefined) achievement.workloadHours = def.workloadHours;
  if (def.assessmentType) achievement.assessmentType = def.assessmentType;
  if (def.participationForm) achievement.participationForm = def.participationForm;
  if (def.qualityAssurance) achievement.qualityAssurance = def.qualityAssurance;
  if (def.courseRecord) {
    achievement.courseRecord = def.courseRecord.id;
    achievement.courseRecordVersion = def.courseRecord.version;
  }
  return achievement;
}
