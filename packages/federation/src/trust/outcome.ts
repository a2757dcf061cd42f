/** What trust checks return: a value, or a stable code with the reason. They never throw on bad input. */
import type { ErrorCode } from "@learnbridge/core";

/** A passed check with its value, or a failed one with a code from the closed set, a reason and its facts. */
export type TrustOutcome<T> =
  | { readonly ok: true; readonly value: T }
  | {
      readonly ok: false;
      readonly code: ErrorCode;
      readonly reason: string;
      readonly details: Readonly<Record<string, unknown>>;
    };

/** The failed branch of a TrustOutcome. */
export type TrustFailure = Extract<TrustOutcome<never>, { ok: false }>;

/** A passed outcome. */
export const trusted = <T>(value: T): TrustOutcome<T> => ({ ok: true, value });

/** A failed outcome. */
export const untrusted = (
  code: ErrorCode,
  reason: string,
  details: Record<string, unknown> = {},
): TrustFailure => ({
  ok: false,
  code,
  reason,
  details,
});
