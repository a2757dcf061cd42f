/** What the feed's checks return: a value, or a stable code with the reason. They never throw on bad input. */
import type { ErrorCode } from "@learnbridge/core";

/** A passed check with its value, or a failed one with a code from the closed set and a reason. */
export type FeedResult<T> =
  | { readonly ok: true; readonly value: T }
  | {
      readonly ok: false;
      readonly code: ErrorCode;
      readonly reason: string;
      readonly details?: Readonly<Record<string, unknown>>;
    };

/** A passed result. */
export const passed = <T>(value: T): FeedResult<T> => ({ ok: true, value });

/** A failed result. */
export const failed = <T = never>(
  code: ErrorCode,
  reason: string,
  details?: Record<string, unknown>,
): FeedResult<T> => ({ ok: false, code, reason, ...(details ? { details } : {}) });
