/** What a pull reports, what a hint says, and the health fields a pull stores. */
import type { ErrorCode } from "@learnbridge/core";
import type { PeerHealth } from "./circuit-breaker.ts";

/** What one pull did. */
export interface PullReport {
  readonly feed: string;
  readonly outcome: "caught-up" | "partial" | "failed" | "quarantined" | "skipped";
  readonly pages: number;
  readonly accepted: number;
  readonly refused: number;
  readonly stale: number;
  readonly equivocations: number;
  /** Records refused earlier for their owner's trust, fetched again and accepted now that it is trusted. */
  readonly recovered: number;
  /** Whether the follower's digest matched the peer's signed checkpoint (when compared). */
  readonly checkpointMatches?: boolean;
  readonly error?: { readonly code: ErrorCode; readonly reason: string };
}

/** A push hint: a peer says its feed has reached `headSeq`. */
export interface Hint {
  readonly feed: string;
  readonly headSeq: number;
}

/** Only the health fields of a peer (what `setHealth` stores). */
export function healthOf(health: PeerHealth): PeerHealth {
  return {
    failures: health.failures,
    breaker: health.breaker,
    openings: health.openings,
    nextPullAt: health.nextPullAt,
    ...(health.lastError ? { lastError: health.lastError } : {}),
    ...(health.lastSuccessAt ? { lastSuccessAt: health.lastSuccessAt } : {}),
  };
}
