/**
 * Checking staff-written documents field by field (achievement definitions, the centre profile): every
 * problem is collected with the field's path and a stable code, so an API can name all of them at once.
 */
import { isAbsoluteUri, LearnbridgeError } from "@learnbridge/core";
import { isLanguageTag, type LanguageText } from "@learnbridge/credentials";

/** One thing wrong with one field. */
export interface FieldProblem {
  readonly code: "FIELD_MISSING" | "FIELD_INVALID";
  /** A dotted path: `name.zh`, `learningOutcomes[1].text`. */
  readonly field: string;
  readonly message: string;
}

/** A validation outcome: the value, or every problem found. */
export type Checked<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly problems: readonly FieldProblem[] };

/** The error an API renders (422): the first problem's code and text, `problems` listing all. */
export function fieldProblemsError(problems: readonly FieldProblem[]): LearnbridgeError {
  const [first] = problems;
  if (!first) throw new TypeError("fieldProblemsError: no problems");
  return new LearnbridgeError(first.code, `${first.field}: ${first.message}`, {
    field: first.field,
    problems,
  });
}

export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Collects problems while a document is read; each reader returns the value when it is valid. */
export class FieldChecker {
  readonly problems: FieldProblem[] = [];

  missing(field: string, message = "is required"): undefined {
    this.problems.push({ code: "FIELD_MISSING", field, message });
    return undefined;
  }

  invalid(field: string, message: string): undefined {
    this.problems.push({ code: "FIELD_INVALID", field, message });
    return undefined;
  }

  /** Names every key of `doc` that is not `allowed`. */
  onlyKnown(doc: Record<string, unknown>, allowed: ReadonlySet<string>, prefix = ""): void {
    for (const key of Object.keys(doc)) {
      if (!allowed.has(key)) this.invalid(`${prefix}${key}`, "is not a known field");
    }
  }

  string(value: unknown, field: string, max: number, required = false): string | undefined {
    if (value === undefined) return required ? this.missing(field) : undefined;
    if (typeof value !== "string" || value.trim() === "")
      return this.invalid(field, "must be a non-empty string");
    if (value.length > max) return this.invalid(field, `must be at most ${max} characters`);
    return value;
  }

  /** A number ≥ 0 (credits, hours). */
  nonNegative(value: unknown, field: string): number | undefined {
    if (value === undefined) return undefined;
    if (typeof value !== "number" || !Number.isFinite(value) || value < 0 || value > 1e6) {
      return this.invalid(field, "must be a number from 0 to 1000000");
    }
    return value;
  }

  integer(value: unknown, field: string, min: number, max: number): number | undefined {
    if (value === undefined) return undefined;
    if (!Number.isInteger(value) || (value as number) < min || (value as number) > max) {
      return this.invalid(field, `must be an integer from ${min} to ${max}`);
    }
    return value as number;
  }

  /** An absolute URI; `web` requires http(s). */
  url(value: unknown, field: string, web = false): string | undefined {
    if (value === undefined) return undefined;
    if (typeof value !== "string" || value.length > 2048 || !isAbsoluteUri(value)) {
      return this.invalid(field, "must be an absolute URL");
    }
    if (web && !/^https?:\/\//i.test(value)) return this.invalid(field, "must be an http(s) URL");
    return value;
  }

  /**
   * A text in the source language: a plain string, or a map from BCP 47 tag to string that has the source
   * language among its keys.
   */
  text(value: unknown, field: string, source: string | undefined, max: number): LanguageText | undefined {
    if (value === undefined) return this.missing(field);
    if (typeof value === "string") return this.string(value, field, max);
    if (!isObject(value) || Object.keys(value).length === 0) {
      return this.invalid(field, "must be a string or a map of language tag to string");
    }
    const before = this.problems.length;
    const seen = new Set<string>();
    for (const [tag, text] of Object.entries(value)) {
      if (!isLanguageTag(tag)) this.invalid(`${field}.${tag}`, "is not a BCP 47 language tag");
      else if (seen.has(tag.toLowerCase())) this.invalid(`${field}.${tag}`, "repeats a language");
      seen.add(tag.toLowerCase());
      this.string(text, `${field}.${tag}`, max);
    }
    if (source !== undefined && !Object.hasOwn(value, source)) {
      this.missing(`${field}.${source}`, `must have a text in the source language '${source}'`);
    }
    return this.problems.length === before ? (value as Record<string, string>) : undefined;
  }

  /** The outcome: the value when no problem was found. */
  result<T>(value: () => T): Checked<T> {
    return this.problems.length ? { ok: false, problems: this.problems } : { ok: true, value: value() };
  }
}
