import { describe, expect, it } from "vitest";
import { MemoryChallengeStore } from "./challenges.ts";

describe("MemoryChallengeStore", () => {
  it("accepts an issued challenge once, before it expires; never one it did not issue", async () => {
    let now = 0;
    const store = new MemoryChallengeStore({ clock: () => new Date(now), ttlMs: 1000 });
    const a = await store.issue();
    const b = await store.issue();
    expect(a.challenge).toMatch(/^[\w-]{32}$/);
    expect(a.challenge).not.toBe(b.challenge);
    expect(a.expiresAt).toBe(1000);
    expect(await store.consume(a.challenge)).toBe(true);
    expect(await store.consume(a.challenge)).toBe(false);
    expect(await store.consume("never-issued")).toBe(false);
    now = 1000;
    expect(await store.consume(b.challenge)).toBe(false);
  });

  it("keeps at most maxEntries, dropping the oldest", async () => {
    const store = new MemoryChallengeStore({ maxEntries: 2 });
    const [a, b, c] = [await store.issue(), await store.issue(), await store.issue()];
    expect(await store.consume(a.challenge)).toBe(false);
    expect(await store.consume(b.challenge)).toBe(true);
    expect(await store.consume(c.challenge)).toBe(true);
    expect(() => new MemoryChallengeStore({ ttlMs: 0 })).toThrow(TypeError);
  });
});
