/** Backoff with jitter and the per-peer circuit breaker, with the random source pinned. */
import { describe, expect, it } from "vitest";
import { backoffDelayMs, DEFAULT_BACKOFF } from "./backoff.ts";
import {
  afterFailure,
  afterHint,
  afterSuccess,
  breakerView,
  DEFAULT_SCHEDULE,
  freshHealth,
  isDue,
  type PeerHealth,
} from "./circuit-breaker.ts";

const T0 = new Date("2026-11-30T00:00:00Z");
const at = (ms: number) => new Date(T0.getTime() + ms);
const fail = { code: "UPSTREAM_UNAVAILABLE", message: "HTTP 503" } as const;

describe("backoffDelayMs", () => {
  it("doubles, keeps half and jitters the other half, and stops at the cap", () => {
    expect([1, 2, 3, 4].map((n) => backoffDelayMs(n, DEFAULT_BACKOFF, () => 0))).toEqual([
      1000, 2000, 4000, 8000,
    ]);
    expect([1, 2, 3, 4].map((n) => backoffDelayMs(n, DEFAULT_BACKOFF, () => 0.999999))).toEqual([
      2000, 4000, 8000, 16000,
    ]);
    expect(backoffDelayMs(3, DEFAULT_BACKOFF, () => 0.5)).toBe(6000);
    expect(backoffDelayMs(200, { baseMs: 1000, maxMs: 60_000 }, () => 0)).toBe(30_000);
    expect(backoffDelayMs(200, { baseMs: 1000, maxMs: 60_000 }, () => 0.999999)).toBe(60_000);
  });

  it("spreads the followers of one peer apart", () => {
    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const delays = new Set(Array.from({ length: 20 }, () => backoffDelayMs(5, DEFAULT_BACKOFF, random)));
    expect(delays.size).toBeGreaterThan(15);
    for (const delay of delays) expect(delay).toBeGreaterThanOrEqual(16_000);
  });

  it("refuses misuse", () => {
    expect(() => backoffDelayMs(0)).toThrow(TypeError);
    expect(() => backoffDelayMs(1, { baseMs: 0, maxMs: 1 })).toThrow(TypeError);
    expect(() => backoffDelayMs(1, DEFAULT_BACKOFF, () => 1)).toThrow(TypeError);
  });
});

describe("the circuit breaker", () => {
  it("backs off, opens at the threshold, half-opens after the cool-down, closes on success", () => {
    let health: PeerHealth = freshHealth(T0);
    expect(isDue(health, T0)).toBe(true);
    const delays: number[] = [];
    for (let i = 1; i <= 4; i++) {
      health = afterFailure(health, T0, fail, DEFAULT_SCHEDULE, () => 0);
      delays.push(Date.parse(health.nextPullAt) - T0.getTime());
      expect(health.breaker).toBe("closed");
    }
    expect(delays).toEqual([1000, 2000, 4000, 8000]);
    health = afterFailure(health, T0, fail, DEFAULT_SCHEDULE, () => 0);
    expect(health).toMatchObject({
      failures: 5,
      breaker: "open",
      openings: 1,
      lastError: { ...fail, at: T0.toISOString() },
    });
    expect(Date.parse(health.nextPullAt) - T0.getTime()).toBe(300_000);
    expect(breakerView(health, at(299_999))).toBe("open");
    expect(isDue(health, at(299_999))).toBe(false);
    expect(breakerView(health, at(300_000))).toBe("half-open");
    // The trial fails: open again, twice as long.
    health = afterFailure(health, at(300_000), fail, DEFAULT_SCHEDULE, () => 0);
    expect(health).toMatchObject({ breaker: "open", openings: 2 });
    expect(Date.parse(health.nextPullAt) - at(300_000).getTime()).toBe(600_000);
    // The next trial succeeds: closed, counters reset, polled again after the interval.
    health = afterSuccess(health, at(900_000), DEFAULT_SCHEDULE, () => 0);
    expect(health).toMatchObject({
      failures: 0,
      breaker: "closed",
      openings: 0,
      lastSuccessAt: at(900_000).toISOString(),
    });
    expect(health.lastError).toBeUndefined();
    expect(Date.parse(health.nextPullAt) - at(900_000).getTime()).toBe(DEFAULT_SCHEDULE.pollIntervalMs);
  });

  it("caps the cool-down", () => {
    let health: PeerHealth = { ...freshHealth(T0), breaker: "open", openings: 30 };
    health = afterFailure(health, T0, fail, DEFAULT_SCHEDULE, () => 0);
    expect(Date.parse(health.nextPullAt) - T0.getTime()).toBe(DEFAULT_SCHEDULE.breaker.maxCooldownMs);
  });

  it("lets a hint bring the next pull forward, but never into a busy loop", () => {
    const quiet = afterSuccess(freshHealth(T0), T0, DEFAULT_SCHEDULE, () => 0);
    expect(afterHint(quiet, at(10)).nextPullAt).toBe(at(10).toISOString());
    const open = afterFailure({ ...freshHealth(T0), failures: 4 }, T0, fail, DEFAULT_SCHEDULE, () => 0);
    expect(open.breaker).toBe("open");
    // Right after the failure, no sooner than the base delay; later, at once (the half-open trial).
    expect(afterHint(open, at(10)).nextPullAt).toBe(at(DEFAULT_SCHEDULE.backoff.baseMs).toISOString());
    expect(afterHint(open, at(60_000)).nextPullAt).toBe(at(60_000).toISOString());
    expect(afterHint(open, at(60_000)).failures).toBe(5);
    const due = freshHealth(T0);
    expect(afterHint(due, at(1))).toBe(due);
  });
});
