/**
 * Exponential backoff with jitter, for pulls that failed. "Equal jitter": half of the exponential delay is
 * kept and the other half drawn at random, so a peer that went down is never retried at once by all of its
 * followers together (they spread out), and never sooner than half the nominal delay (it gets a rest).
 */

/** How retries space out. */
export interface BackoffPolicy {
  /** The delay after the first failure, before jitter; default 2 s. */
  readonly baseMs: number;
  /** The delay never grows beyond this; default 1 h. */
  readonly maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 2_000, maxMs: 3_600_000 };

/** A source of uniform numbers in [0, 1), injected so tests can pin the jitter. */
export type Random = () => number;

/**
 * The wait before the next attempt after `failures` consecutive failures (1 for the first).
 * @example backoffDelayMs(3, DEFAULT_BACKOFF, () => 0.5) // 6000: 8 s nominal, half kept, half * 0.5
 */
export function backoffDelayMs(
  failures: number,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
  random: Random = Math.random,
): number {
  if (!Number.isSafeInteger(failures) || failures < 1)
    throw new TypeError("backoffDelayMs: failures must be >= 1");
  if (!(policy.baseMs > 0) || !(policy.maxMs >= policy.baseMs))
    throw new TypeError("backoffDelayMs: bad policy");
  // 2^40 already exceeds any sane cap; stop the exponent there so the number stays finite.
  const nominal = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(failures - 1, 40));
  const r = random();
  if (!(r >= 0 && r < 1)) throw new TypeError("backoffDelayMs: random() must be in [0, 1)");
  return Math.round(nominal / 2 + (nominal / 2) * r);
}
