/**
 * The verification report: an ordered log of named checks, each passed, failed, warned or skipped, with a
 * stable code from the closed set, an i18n message key and the data behind it. Verifiers return reports;
 * they never throw for bad input.
 */
import type { ErrorCode } from "@learnbridge/core";

/** The checks a verifier runs, in the order a reader sees them. */
export const CHECK_NAMES = [
  "structure",
  "context",
  "proof",
  "issuer",
  "validity",
  "status",
  "schema",
  "trust",
  "presentation",
] as const;
export type CheckName = (typeof CHECK_NAMES)[number];

export type CheckOutcome = "pass" | "fail" | "warn" | "skipped";

/** Codes a check may carry when it passes or is skipped (failures and warnings carry an ErrorCode). */
export type CheckInfoCode = "OK" | "NOT_APPLICABLE" | "NOT_CONFIGURED" | "SKIPPED_AFTER_FAILURE";

export interface Check {
  readonly name: CheckName;
  readonly outcome: CheckOutcome;
  readonly code: ErrorCode | CheckInfoCode;
  /** i18n key of the human message, e.g. `check.proof.PROOF_INVALID`; interpolation values are in `data`. */
  readonly messageKey: string;
  /** Plain-English message for logs and the CLI when no translation is at hand. */
  readonly message: string;
  /** JSON-representable facts behind the outcome (key id, dates, status index…). */
  readonly data?: Readonly<Record<string, unknown>>;
}

export interface VerificationReport {
  /** True when no check failed (warnings do not fail a credential). */
  readonly verified: boolean;
  /** What was verified. */
  readonly kind: "credential" | "presentation";
  /** How it was secured. */
  readonly securedBy: "data-integrity" | "vc-jose" | "none" | "unknown";
  readonly checks: readonly Check[];
  /** Reports of the credentials inside a presentation, in order. */
  readonly credentials?: readonly VerificationReport[];
  /** The verified document (decoded payload for JOSE), when it could be parsed. */
  readonly document?: unknown;
  /** When the verifier evaluated time-dependent checks. */
  readonly verifiedAt: string;
}

/** Builds one check; `messageKey` follows `check.<name>.<code>`. */
export function check(
  name: CheckName,
  outcome: CheckOutcome,
  code: ErrorCode | CheckInfoCode,
  message: string,
  data?: Record<string, unknown>,
): Check {
  return { name, outcome, code, messageKey: `check.${name}.${code}`, message, ...(data ? { data } : {}) };
}

export const pass = (name: CheckName, message: string, data?: Record<string, unknown>) =>
  check(name, "pass", "OK", message, data);
export const fail = (name: CheckName, code: ErrorCode, message: string, data?: Record<string, unknown>) =>
  check(name, "fail", code, message, data);
export const warn = (name: CheckName, code: ErrorCode, message: string, data?: Record<string, unknown>) =>
  check(name, "warn", code, message, data);
export const skipped = (
  name: CheckName,
  code: Exclude<CheckInfoCode, "OK">,
  message: string,
  data?: Record<string, unknown>,
) => check(name, "skipped", code, message, data);

/** The result of one step that can fail with a code: the shape every internal verifier returns. */
export type Outcome<T> =
  | { readonly ok: true; readonly value: T }
  | {
      readonly ok: false;
      readonly code: ErrorCode;
      readonly message: string;
      readonly data?: Record<string, unknown>;
    };

export const ok = <T>(value: T): Outcome<T> => ({ ok: true, value });
export const err = <T = never>(
  code: ErrorCode,
  message: string,
  data?: Record<string, unknown>,
): Outcome<T> => ({
  ok: false,
  code,
  message,
  ...(data ? { data } : {}),
});
