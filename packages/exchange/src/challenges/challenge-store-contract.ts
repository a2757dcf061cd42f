/**
 * The contract every ChallengeStore passes (`@learnbridge/exchange/challenges/testing`): the in-memory twin
 * beside the code, the libSQL store on `:memory:`, a file and sqld. `make` returns a fresh, empty store built
 * with the options given.
 */
import { describe, expect, it } from "vitest";
import type { ChallengeStore, ChallengeStoreOptions } from "./challenge-store.ts";

const T0 = Date.parse("2026-06-01T00:00:00Z");

/** A clock the test moves by hand. */
function movableClock() {
  let now = T0;
  const clock = () => new Date(now);
  const advance = (ms: number) => {
    now += ms;
  };
  return Object.assign(clock, { advance });
}

/** Registers the suite for one implementation. */
export function challengeStoreContract(
  name: string,
  make: (options: ChallengeStoreOptions) => Promise<ChallengeStore>,
): void {
  describe(`ChallengeStore contract: ${name}`, () => {
    it("issues fresh random challenges with their expiry", async () => {
      const clock = movableClock();
      const store = await make({ clock, ttlMs: 60_000 });
      const a = await store.issue();
      const b = await store.issue();
      expect(a.challenge).toMatch(/^[\w-]{32}$/);
      expect(b.challenge).not.toBe(a.challenge);
      expect(a).toEqual({ challenge: a.challenge, expiresAt: T0 + 60_000 });
    });

    it("accepts an issued challenge once, before it expires; never one it did not issue", async () => {
      const clock = movableClock();
      const store = await make({ clock, ttlMs: 1000 });
      const [a, b, c] = [await store.issue(), await store.issue(), await store.issue()];
      expect(await store.consume(a.challenge)).toBe(true);
      expect(await store.consume(a.challenge)).toBe(false);
      expect(await store.consume("never-issued")).toBe(false);
      expect(await store.consume("")).toBe(false);
      clock.advance(999);
      expect(await store.consume(b.challenge)).toBe(true);
      clock.advance(1);
      expect(await store.consume(c.challenge)).toBe(false);
      // An expired challenge stays refused, even if the clock were to go back.
      clock.advance(-500);
      expect(await store.consume(c.challenge)).toBe(false);
    });

    it("keeps at most maxEntries, dropping the oldest first", async () => {
      const store = await make({ maxEntries: 2 });
      const [a, b, c] = [await store.issue(), await store.issue(), await store.issue()];
      expect(await store.consume(a.challenge)).toBe(false);
      expect(await store.consume(b.challenge)).toBe(true);
      expect(await store.consume(c.challenge)).toBe(true);
      // Room freed by use is room for new ones; still no more than two.
      const [d, e, f] = [await store.issue(), await store.issue(), await store.issue()];
      expect([await store.consume(d.challenge), await store.consume(e.challenge)]).toEqual([false, true]);
      expect(await store.consume(f.challenge)).toBe(true);
    });

    it("lets exactly one of many concurrent consumes of one challenge through", async () => {
      const store = await make({});
      const { challenge } = await store.issue();
      const outcomes = await Promise.all(Array.from({ length: 8 }, () => store.consume(challenge)));
      expect(outcomes.filter(Boolean)).toHaveLength(1);
      expect(await store.consume(challenge)).toBe(false);
    });

    it("issues concurrently without losing or repeating a challenge", async () => {
      const store = await make({});
      const issued = await Promise.all(Array.from({ length: 20 }, () => store.issue()));
      expect(new Set(issued.map((i) => i.challenge)).size).toBe(20);
      const consumed = await Promise.all(issued.map((i) => store.consume(i.challenge)));
      expect(consumed.every(Boolean)).toBe(true);
    });

    it("refuses a lifetime or capacity that is not positive (TypeError)", async () => {
      await expect(make({ ttlMs: 0 })).rejects.toThrow(TypeError);
      await expect(make({ maxEntries: 0 })).rejects.toThrow(TypeError);
      await expect(make({ maxEntries: 1.5 })).rejects.toThrow(TypeError);
    });
  });
}
