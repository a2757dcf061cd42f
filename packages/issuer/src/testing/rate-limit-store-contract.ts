/**
 * The contract suite of the RateLimitStore port: the in-memory twin runs it here, the libSQL store on each
 * of its backends. `make` returns a fresh, empty store.
 */
import { describe, expect, it } from "vitest";
import type { RateLimitStore } from "../access/rate-limits.ts";

const MINUTE = 60_000;
const T0 = Date.UTC(2026, 0, 1, 12, 0);

export function rateLimitStoreContract(name: string, make: () => Promise<RateLimitStore>) {
  describe(`RateLimitStore contract: ${name}`, () => {
    it("counts per bucket, key and window", async () => {
      const store = await make();
      expect(await store.hit("verify", "192.0.2.1", T0)).toBe(1);
      expect(await store.hit("verify", "192.0.2.1", T0)).toBe(2);
      expect(await store.hit("verify", "192.0.2.2", T0)).toBe(1);
      expect(await store.hit("resolve", "192.0.2.1", T0)).toBe(1);
      expect(await store.hit("verify", "192.0.2.1", T0 + MINUTE)).toBe(1);
      expect(await store.hit("verify", "192.0.2.1", T0)).toBe(3);
    });

    it("counts 50 parallel hits exactly once each: exactly `limit` of them are within it", async () => {
      const store = await make();
      const limit = 20;
      const counts = await Promise.all(Array.from({ length: 50 }, () => store.hit("verify", "unknown", T0)));
      expect([...counts].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
      expect(counts.filter((n) => n <= limit)).toHaveLength(limit);
    });

    it("purges the windows that started before a time, and only those", async () => {
      const store = await make();
      await store.hit("verify", "a", T0);
      await store.hit("verify", "b", T0);
      await store.hit("claim", "a", T0 + MINUTE);
      expect(await store.purge(T0 + MINUTE)).toBe(2);
      expect(await store.purge(T0 + MINUTE)).toBe(0);
      // The purged window starts again from one; the kept one goes on counting.
      expect(await store.hit("verify", "a", T0)).toBe(1);
      expect(await store.hit("claim", "a", T0 + MINUTE)).toBe(2);
    });

    it("refuses misuse with a TypeError", async () => {
      const store = await make();
      await expect(store.hit("", "a", T0)).rejects.toThrow(TypeError);
      await expect(store.hit("verify", "", T0)).rejects.toThrow(TypeError);
      await expect(store.hit("verify", "a", 1.5)).rejects.toThrow(TypeError);
    });
  });
}
