/**
 * Turns a verification report into localized lines a person can read: one per check (mark, title, message),
 * the credentials inside a presentation indented under it, and the verdict last. Works on the report's
 * structure only, so any report-shaped value (also one parsed from JSON) can be explained.
 */
import type { TFunction } from "i18next";
import { type CheckName, MESSAGE_VARIABLES, type Verdict } from "./catalog.ts";

type PlainTranslate = (key: string | string[], options?: Record<string, unknown>) => string;
/** i18next's `t` (pass `i18n.getFixedT(lang)`), or any function of the same plain shape. */
export type Translate = TFunction | PlainTranslate;

export type CheckOutcome = "pass" | "fail" | "warn" | "skipped";

/** The parts of a report check that are explained (a `Check` of @learnbridge/credentials fits). */
export interface ExplainableCheck {
  readonly name: CheckName | (string & {});
  readonly outcome: CheckOutcome;
  readonly code: string;
  readonly messageKey?: string;
  /** English fallback, used when no translation exists. */
  readonly message?: string;
  readonly data?: Readonly<Record<string, unknown>>;
}

/** The parts of a report that are explained (a `VerificationReport` fits). */
export interface ExplainableReport {
  readonly verified: boolean;
  readonly checks: readonly ExplainableCheck[];
  readonly credentials?: readonly ExplainableReport[];
}

export const OUTCOME_MARKS: Readonly<Record<CheckOutcome, string>> = {
  pass: "✓",
  fail: "✗",
  warn: "!",
  skipped: "–",
};

export interface CheckExplanation {
  readonly name: string;
  readonly outcome: CheckOutcome;
  readonly code: string;
  readonly mark: string;
  readonly title: string;
  readonly message: string;
}

export interface ReportExplanation {
  readonly verified: boolean;
  readonly verdict: Verdict;
  readonly headline: string;
  readonly checks: readonly CheckExplanation[];
  readonly credentials: readonly ReportExplanation[];
  /** Ready to print: `✓ Signature: …` per check, nested credentials indented, the headline last. */
  readonly lines: readonly string[];
}

export interface ExplainOptions {
  /** Language for dates; default `t.lng` (set by `getFixedT`), else "en". */
  readonly lng?: string;
}

const MAX_VALUE_LENGTH = 200;
// Control characters and bidi overrides from a credential must not drive a terminal or reorder a line.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** A value from a credential, made safe and short enough to show. */
function shown(value: unknown): string | undefined {
  if (typeof value !== "string" && typeof value !== "number") return undefined;
  const text = String(value).replace(UNSAFE, "\uFFFD");
  if (text === "") return undefined;
  return text.length > MAX_VALUE_LENGTH ? `${text.slice(0, MAX_VALUE_LENGTH - 1)}…` : text;
}

function formatDate(value: unknown, lng: string): string | undefined {
  if (typeof value !== "string") return undefined;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return shown(value);
  try {
    return new Intl.DateTimeFormat(lng, { dateStyle: "long", timeZone: "UTC" }).format(date);
  } catch {
    return date.toISOString().slice(0, 10);
  }
}

const first = (value: unknown) => (Array.isArray(value) ? value[0] : undefined);

/** A list of values from a report (names, field codes) in the language's own list style. */
function shownList(value: unknown, lng: string): string | undefined {
  const items = (Array.isArray(value) ? value : [value])
    .map(shown)
    .filter((v): v is string => v !== undefined);
  if (items.length === 0) return undefined;
  try {
    return new Intl.ListFormat(lng, { style: "long", type: "conjunction" }).format(items);
  } catch {
    return items.join(", ");
  }
}

/** The variant of a trust message: `direct` without intermediates, `level`/`field` for the scope exceeded. */
function trustContext(check: ExplainableCheck): string | undefined {
  if (check.name !== "trust") return undefined;
  const data = check.data ?? {};
  if (check.code === "OK" && Array.isArray(data.via) && data.via.length === 0) return "direct";
  if (check.code === "TRUST_OUT_OF_SCOPE" && (data.scope === "level" || data.scope === "field"))
    return data.scope;
  return undefined;
}
const languageOf = (t: PlainTranslate, options: ExplainOptions) =>
  options.lng ?? (t as { lng?: unknown }).lng ?? "en";

/** The interpolation values for a check: each known variable, from `data`, or the localized "unknown". */
function valuesFor(check: ExplainableCheck, t: PlainTranslate, lng: string): Record<string, string> {
  const data = check.data ?? {};
  const problem = first(data.problems) as { path?: unknown } | undefined;
  const found: Record<string, string | undefined> = {
    field: shown(data.field) ?? shown(problem?.path),
    issuer: shown(data.issuer) ?? shown(data.holder) ?? shown(first(data.controllers)),
    listUrl: shown(data.listUrl),
    validFrom: formatDate(data.validFrom, lng),
    validUntil: formatDate(data.validUntil, lng),
    anchor: shown(data.anchorName) ?? shown(data.anchor),
    via: shownList(data.viaNames ?? data.via, lng),
    authority: shown(data.authorityName) ?? shown(data.authority) ?? shown(data.superior),
    level: shown(data.level),
    maxLevel: shown(data.maxLevel),
    fields: shownList(data.fields, lng),
    jurisdiction: shown(data.jurisdiction),
  };
  const unknown = t("label.unknown");
  return Object.fromEntries(MESSAGE_VARIABLES.map((name) => [name, found[name] ?? unknown]));
}

/**
 * One check in words. Looks up `check.<name>.<code>`, then `error.<code>`, then uses the English message, so
 * an unexpected code still reads well; a missing value shows as the localized "unknown", never as `{{x}}`.
 * @example describeCheck(report.checks[2], i18n.getFixedT("zh")).message // "数字签名有效：…"
 */
export function describeCheck(
  check: ExplainableCheck,
  translate: Translate,
  options: ExplainOptions = {},
): CheckExplanation {
  const t = translate as PlainTranslate;
  const lng = String(languageOf(t, options));
  const keys = [`check.${check.name}.${check.code}`, `error.${check.code}`];
  if (check.messageKey?.startsWith("check.") && !keys.includes(check.messageKey))
    keys.unshift(check.messageKey);
  const openEnded = check.name === "validity" && check.code === "OK" && !check.data?.validUntil;
  const context = openEnded ? "open" : trustContext(check);
  const message = t(keys, {
    ...valuesFor(check, t, lng),
    ...(context ? { context } : {}),
    defaultValue: check.message ?? check.code,
  });
  return {
    name: check.name,
    outcome: check.outcome,
    code: check.code,
    mark: OUTCOME_MARKS[check.outcome] ?? "?",
    title: t(`check.${check.name}.title`, { defaultValue: check.name }),
    message,
  };
}

/** The verdict of a report: failed if it is not verified, warnings if any check (nested too) warned. */
export function verdictOf(report: ExplainableReport): Verdict {
  if (!report.verified) return "failed";
  const warned = (r: ExplainableReport): boolean =>
    r.checks.some((c) => c.outcome === "warn") || (r.credentials ?? []).some(warned);
  return warned(report) ? "warnings" : "verified";
}

/**
 * A whole report in words, with printable lines.
 * @example for (const line of explainReport(report, i18n.getFixedT("sw")).lines) console.log(line);
 */
export function explainReport(
  report: ExplainableReport,
  translate: Translate,
  options: ExplainOptions = {},
): ReportExplanation {
  const t = translate as PlainTranslate;
  const checks = report.checks.map((check) => describeCheck(check, t, options));
  const credentials = (report.credentials ?? []).map((nested) => explainReport(nested, t, options));
  const verdict = verdictOf(report);
  const headline = t(`verdict.${verdict}`);
  const lines = checks.map((c) => `${c.mark} ${c.title}: ${c.message}`);
  credentials.forEach((nested, index) => {
    lines.push(t("label.credential", { number: index + 1 }));
    lines.push(...nested.lines.map((line) => `  ${line}`));
  });
  lines.push(headline);
  return { verified: report.verified, verdict, headline, checks, credentials, lines };
}
