/**
 * The per-peer circuit breaker and retry schedule, as pure functions over the health a peer row keeps, so
 * the same rules hold whichever process (or Worker invocation) runs the next pull. After `threshold`
 * consecutive failures the breaker opens: no pull until the cool-down ends, then one trial pull (half-open);
 * a success closes it, a failure opens it again for twice as long, up to a cap.
 */
import type { ErrorCode } from "@learnbridge/core";
import { type BackoffPolicy, backoffDelayMs, DEFAULT_BACKOFF, type Random } from "./backoff.ts";

/** Closed: pulls run; open: they wait for `nextPullAt`, after which one trial runs (half-open). */
export type BreakerState = "closed" | "open";

/** The last failure of a peer, for the admin's view. */
export interface PeerError {
  readonly code: ErrorCode;
  readonly message: string;
  readonly at: string;
}

/** What the schedule of a peer depends on. */
export interface PeerHealth {
  /** Consecutive failed pulls. */
  readonly failures: number;
  readonly breaker: BreakerState;
  /** Consecutive openings of the breaker; the cool-down doubles with each. */
  readonly openings: number;
  /** When the next pull is due (ISO 8601). */
  readonly nextPullAt: string;
  readonly lastError?: PeerError;
  readonly lastSuccessAt?: string;
}

export interface BreakerPolicy {
  /** Consecutive failures that open the breaker; default 5. */
  readonly threshold: number;
  /** The first cool-down; default 5 min. */
  readonly cooldownMs: number;
  /** The longest cool-down; default 6 h. */
  readonly maxCooldownMs: number;
}

export const DEFAULT_BREAKER: BreakerPolicy = {
  threshold: 5,
  cooldownMs: 300_000,
  maxCooldownMs: 21_600_000,
};

/** The schedule's knobs: retries, breaker, and the quiet poll interval of a healthy peer. */
export interface SchedulePolicy {
  readonly backoff: BackoffPolicy;
  readonly breaker: BreakerPolicy;
  /** How long a caught-up peer waits before the next poll (hints shorten it); default 5 min. */
  readonly pollIntervalMs: number;
}

export const DEFAULT_SCHEDULE: SchedulePolicy = {
  backoff: DEFAULT_BACKOFF,
  breaker: DEFAULT_BREAKER,
  pollIntervalMs: 300_000,
};

const iso = (ms: number) => new Date(ms).toISOString();

/** The health of a newly followed peer: due at once. */
export function freshHealth(now: Date): PeerHealth {
  return { failures: 0, breaker: "closed", openings: 0, nextPullAt: iso(now.getTime()) };
}

/** What an admin sees: `half-open` when the breaker is open but its cool-down is over. */
export function breakerView(health: PeerHealth, now: Date): "closed" | "open" | "half-open" {
  if (health.breaker === "closed") return "closed";
  return Date.parse(health.nextPullAt) <= now.getTime() ? "half-open" : "open";
}

/** True when a pull may run now. */
export function isDue(health: PeerHealth, now: Date): boolean {
  return Date.parse(health.nextPullAt) <= now.getTime();
}

/**
 * After a successful pull: the breaker closes, failures reset, the next poll comes after the interval
 * (a tenth of it jittered, so followers of one peer drift apart).
 */
export function afterSuccess(
  health: PeerHealth,
  now: Date,
  policy: SchedulePolicy = DEFAULT_SCHEDULE,
  random: Random = Math.random,
): PeerHealth {
  const { lastError: _cleared, ...rest } = health;
  const jitter = Math.round(policy.pollIntervalMs * 0.1 * random());
  return {
    ...rest,
    failures: 0,
    breaker: "closed",
    openings: 0,
    nextPullAt: iso(now.getTime() + policy.pollIntervalMs - jitter),
    lastSuccessAt: iso(now.getTime()),
  };
}

/** After a failed pull: back off, and open (or re-open) the breaker once the threshold is reached. */
export function afterFailure(
  health: PeerHealth,
  now: Date,
  error: Omit<PeerError, "at">,
  policy: SchedulePolicy = DEFAULT_SCHEDULE,
  random: Random = Math.random,
): PeerHealth {
  const failures = health.failures + 1;
  const lastError = { ...error, at: iso(now.getTime()) };
  // A failed trial while open, or reaching the threshold: open (again), for longer each time.
  if (health.breaker === "open" || failures >= policy.breaker.threshold) {
    const openings = health.openings + 1;
    const cooldown = Math.min(
      policy.breaker.maxCooldownMs,
      policy.breaker.cooldownMs * 2 ** Math.min(openings - 1, 30),
    );
    return {
      ...health,
      failures,
      breaker: "open",
      openings,
      nextPullAt: iso(now.getTime() + cooldown),
      lastError,
    };
  }
  const delay = backoffDelayMs(failures, policy.backoff, random);
  return { ...health, failures, nextPullAt: iso(now.getTime() + delay), lastError };
}

/**
 * A signed hint from the peer says it is up and has news: pull now. An open breaker goes to its trial at
 * once (the peer just proved it answers), but a hint never resets the failure count: only a pull does.
 */
export function afterHint(
  health: PeerHealth,
  now: Date,
  policy: SchedulePolicy = DEFAULT_SCHEDULE,
): PeerHealth {
  if (isDue(health, now)) return health;
  // Hints cannot turn retries into a busy loop: never sooner than the base delay after the last failure.
  const rested = health.lastError ? Date.parse(health.lastError.at) + policy.backoff.baseMs : 0;
  const at = Math.max(now.getTime(), rested);
  return at < Date.parse(health.nextPullAt) ? { ...health, nextPullAt: iso(at) } : health;
}
