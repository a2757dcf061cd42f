/**
 * Checking a course record or tombstone member by member, as received from staff or from another node:
 * every problem is collected with its field and a stable code (FIELD_MISSING, FIELD_INVALID, URL_INVALID,
 * DID_INVALID, DATE_INVALID, CONTEXT_UNKNOWN, TYPE_MISSING, TERM_UNDEFINED, PROOF_MISSING...), so an API
 * names all of them at once and a follower can say exactly why it refused a record.
 */
import { type ErrorCode, LearnbridgeError, parseXsdDateTime } from "@learnbridge/core";
import { didWebToUrl, isLanguageTag } from "@learnbridge/credentials";
import { CATALOGUE_RECORD_CONTEXT } from "./catalogue-context.ts";
import { isCountryCode } from "./countries.ts";
import { type CatalogueEntry, COURSE_MODES, type CourseContent } from "./course-record.ts";

/** One thing wrong with one member. */
export interface RecordProblem {
  readonly code: ErrorCode;
  /** A dotted path: `title.zh`, `level.value`, `language[1]`. */
  readonly field: string;
  readonly message: string;
}

/** A validation outcome: the value, or every problem found. */
export type RecordCheck<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly problems: readonly RecordProblem[] };

/** The error an API renders (422 for most codes): the first problem, and `problems` listing all. */
export function recordProblemsError(problems: readonly RecordProblem[]): LearnbridgeError {
  const [first] = problems;
  if (!first) throw new TypeError("recordProblemsError: no problems");
  return new LearnbridgeError(first.code, `${first.field}: ${first.message}`, {
    field: first.field,
    problems,
  });
}

/** Limits that keep one record small enough to sync 10^5 of them. */
const RECORD_LIMITS = {
  titleLength: 300,
  descriptionLength: 5000,
  languagesPerText: 40,
  languages: 20,
  audience: 10,
  /** The whole record as JSON, in characters. */
  recordLength: 65_536,
} as const;

const CONTENT_MEMBERS = [
  "title",
  "description",
  "level",
  "credits",
  "language",
  "mode",
  "audience",
  "country",
];
const COURSE_MEMBERS = new Set([
  "@context",
  "type",
  "id",
  "owner",
  "version",
  "updated",
  "proof",
  ...CONTENT_MEMBERS,
]);
const TOMBSTONE_MEMBERS = new Set([
  "@context",
  "type",
  "formerType",
  "id",
  "owner",
  "version",
  "deleted",
  "proof",
]);
const AUDIENCE = /^[a-z][a-z0-9-]{0,39}$/;
const FRAMEWORK = /^[A-Za-z][A-Za-z0-9-]{0,31}$/;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Collects problems while a record is read. */
class Problems {
  readonly list: RecordProblem[] = [];
  add(code: ErrorCode, field: string, message: string): void {
    this.list.push({ code, field, message });
  }
}

/** The base URL a did:web names (`https://host[:port][/path]`), or undefined for any other DID. */
function baseUrlOfDidWeb(did: string): URL | undefined {
  const documentUrl = didWebToUrl(did);
  if (!documentUrl.ok) return undefined;
  return new URL(documentUrl.value.replace(/\/(?:\.well-known\/)?did\.json$/, ""));
}

/**
 * True when `id` is an http(s) URL under the public URL that `owner` (a did:web) names. A did:web names no
 * scheme, so a node on loopback (http://127.0.0.1:PORT) owns the http form of the same URL too.
 */
export function isUnderOwner(id: string, owner: string): boolean {
  const base = baseUrlOfDidWeb(owner);
  if (!base || !URL.canParse(id)) return false;
  const url = new URL(id);
  const prefix = `${base.pathname.replace(/\/$/, "")}/`;
  return (
    (url.protocol === "https:" || url.protocol === "http:") &&
    url.host === base.host &&
    !url.username &&
    !url.password &&
    !url.search &&
    !url.hash &&
    url.pathname.startsWith(prefix) &&
    url.pathname.length > prefix.length
  );
}

function checkLanguageMap(value: unknown, field: string, max: number, required: boolean, p: Problems): void {
  if (value === undefined) {
    if (required) p.add("FIELD_MISSING", field, "is required");
    return;
  }
  if (!isObject(value) || Object.keys(value).length === 0) {
    p.add("FIELD_INVALID", field, "must be a map of BCP 47 language tags to text");
    return;
  }
  if (Object.keys(value).length > RECORD_LIMITS.languagesPerText)
    p.add("FIELD_INVALID", field, `must have at most ${RECORD_LIMITS.languagesPerText} languages`);
  for (const [tag, text] of Object.entries(value)) {
    if (!isLanguageTag(tag)) p.add("FIELD_INVALID", `${field}.${tag}`, "is not a BCP 47 language tag");
    else if (typeof text !== "string" || text.trim() === "")
      p.add("FIELD_INVALID", `${field}.${tag}`, "must be non-empty text");
    else if (text.length > max)
      p.add("FIELD_INVALID", `${field}.${tag}`, `must be at most ${max} characters`);
  }
}

function checkMeasure(value: unknown, field: "level" | "credits", p: Problems): void {
  if (value === undefined) return;
  const kind = field === "level" ? "framework" : "system";
  if (!isObject(value)) {
    p.add("FIELD_INVALID", field, `must be {"${kind}": ..., "value": ...}`);
    return;
  }
  for (const key of Object.keys(value))
    if (key !== kind && key !== "value")
      p.add("TERM_UNDEFINED", `${field}.${key}`, "is not a term of a record");
  const name = value[kind];
  if (typeof name !== "string" || !FRAMEWORK.test(name))
    p.add(
      name === undefined ? "FIELD_MISSING" : "FIELD_INVALID",
      `${field}.${kind}`,
      "must name the framework",
    );
  const n = value.value;
  if (field === "level") {
    const max = name === "EQF" ? 8 : 20;
    if (!Number.isInteger(n) || (n as number) < (name === "EQF" ? 1 : 0) || (n as number) > max)
      p.add("FIELD_INVALID", "level.value", name === "EQF" ? "an EQF level is 1 to 8" : "must be 0 to 20");
  } else if (typeof n !== "number" || !Number.isFinite(n) || n < 0 || n > 1000) {
    p.add("FIELD_INVALID", "credits.value", "must be a number from 0 to 1000");
  }
}

function checkList(
  value: unknown,
  field: string,
  max: number,
  valid: (item: unknown) => boolean,
  what: string,
  p: Problems,
) {
  if (!Array.isArray(value) || value.length === 0 || value.length > max) {
    p.add("FIELD_INVALID", field, `must be a list of 1 to ${max} ${what}`);
    return;
  }
  for (const [i, item] of value.entries())
    if (!valid(item)) p.add("FIELD_INVALID", `${field}[${i}]`, `is not ${what}`);
  if (new Set(value).size !== value.length) p.add("FIELD_INVALID", field, "must not repeat an entry");
}

/** Checks what staff write of a course (and the same members of a record). */
function checkContent(doc: Record<string, unknown>, p: Problems): void {
  checkLanguageMap(doc.title, "title", RECORD_LIMITS.titleLength, true, p);
  checkLanguageMap(doc.description, "description", RECORD_LIMITS.descriptionLength, false, p);
  checkMeasure(doc.level, "level", p);
  checkMeasure(doc.credits, "credits", p);
  if (doc.language === undefined) p.add("FIELD_MISSING", "language", "is required");
  else checkList(doc.language, "language", RECORD_LIMITS.languages, isLanguageTag, "BCP 47 language tags", p);
  if (doc.mode === undefined) p.add("FIELD_MISSING", "mode", "is required");
  else if (!COURSE_MODES.includes(doc.mode as never))
    p.add("FIELD_INVALID", "mode", `must be one of ${COURSE_MODES.join(", ")}`);
  if (doc.audience !== undefined)
    checkList(
      doc.audience,
      "audience",
      RECORD_LIMITS.audience,
      (a) => typeof a === "string" && AUDIENCE.test(a),
      "lower-case words",
      p,
    );
  if (doc.country !== undefined && !isCountryCode(doc.country))
    p.add("FIELD_INVALID", "country", "must be an ISO 3166-1 alpha-2 code, e.g. KE");
}

function checkEnvelope(doc: Record<string, unknown>, p: Problems, requireProof: boolean): void {
  const context = doc["@context"];
  if (context === undefined) p.add("CONTEXT_MISSING", "@context", "is required");
  else if (!Array.isArray(context) || context.join(" ") !== CATALOGUE_RECORD_CONTEXT.join(" "))
    p.add("CONTEXT_UNKNOWN", "@context", `must be ${JSON.stringify(CATALOGUE_RECORD_CONTEXT)}`);
  const { owner, id } = doc;
  const validOwner = typeof owner === "string" && baseUrlOfDidWeb(owner) !== undefined;
  if (owner === undefined) p.add("FIELD_MISSING", "owner", "is required");
  else if (!validOwner) p.add("DID_INVALID", "owner", "must be a did:web");
  if (id === undefined) p.add("FIELD_MISSING", "id", "is required");
  else if (typeof id !== "string" || id.length > 2048 || !URL.canParse(id))
    p.add("URL_INVALID", "id", "must be an http(s) URL");
  // Only the owner writes a record: its id lives under the owner's own URL.
  else if (validOwner && !isUnderOwner(id, owner as string))
    p.add("URL_INVALID", "id", "must be an http(s) URL under the owner's public URL");
  if (doc.version === undefined) p.add("FIELD_MISSING", "version", "is required");
  else if (!Number.isSafeInteger(doc.version) || (doc.version as number) < 1)
    p.add("FIELD_INVALID", "version", "must be a positive integer");
  if (doc.proof === undefined) {
    if (requireProof) p.add("PROOF_MISSING", "proof", "a published record is signed by its owner");
  } else if (!isObject(doc.proof)) {
    p.add("PROOF_MALFORMED", "proof", "must be one Data Integrity proof");
  }
}

function checkDate(value: unknown, field: string, p: Problems): void {
  if (value === undefined) p.add("FIELD_MISSING", field, "is required");
  else if (typeof value !== "string" || !parseXsdDateTime(value) || !value.endsWith("Z"))
    p.add("DATE_INVALID", field, "must be an ISO 8601 date-time in UTC");
}

/**
 * Checks a course record or a tombstone. With `requireProof` (the default), an unsigned one is refused
 * with PROOF_MISSING; the signature itself is checked by `verifyCatalogueEntry`.
 * @example const checked = validateCatalogueEntry(JSON.parse(body)); if (!checked.ok) show(checked.problems);
 */
export function validateCatalogueEntry(
  value: unknown,
  options: { readonly requireProof?: boolean } = {},
): RecordCheck<CatalogueEntry> {
  const p = new Problems();
  if (!isObject(value))
    return {
      ok: false,
      problems: [{ code: "FIELD_INVALID", field: "", message: "a record is a JSON object" }],
    };
  if (JSON.stringify(value).length > RECORD_LIMITS.recordLength)
    p.add("DOCUMENT_TOO_LARGE", "", `a record is at most ${RECORD_LIMITS.recordLength} characters of JSON`);
  checkEnvelope(value, p, options.requireProof ?? true);
  const members = value.type === "Tombstone" ? TOMBSTONE_MEMBERS : COURSE_MEMBERS;
  if (value.type === undefined) p.add("TYPE_MISSING", "type", 'is required: "Course" or "Tombstone"');
  else if (value.type === "Course") {
    checkContent(value, p);
    checkDate(value.updated, "updated", p);
  } else if (value.type === "Tombstone") {
    if (value.formerType !== "Course") p.add("FIELD_INVALID", "formerType", 'must be "Course"');
    checkDate(value.deleted, "deleted", p);
  } else p.add("FIELD_INVALID", "type", 'must be "Course" or "Tombstone"');
  for (const key of Object.keys(value))
    if (!members.has(key)) p.add("TERM_UNDEFINED", key, "is not a term of a catalogue record");
  return p.list.length
    ? { ok: false, problems: p.list }
    : { ok: true, value: value as unknown as CatalogueEntry };
}

/** Checks what staff send for a course: the content members only (the node adds id, owner, version…). */
export function validateCourseContent(value: Record<string, unknown>): RecordCheck<CourseContent> {
  const p = new Problems();
  checkContent(value, p);
  for (const key of Object.keys(value))
    if (!CONTENT_MEMBERS.includes(key)) p.add("FIELD_INVALID", key, "is not a field of a course");
  if (p.list.length) return { ok: false, problems: p.list };
  const content: Record<string, unknown> = {};
  // A fixed member order, so the stored JSON reads the same whatever order staff sent.
  for (const key of CONTENT_MEMBERS) if (value[key] !== undefined) content[key] = value[key];
  return { ok: true, value: content as unknown as CourseContent };
}
