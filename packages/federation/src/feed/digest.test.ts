import { describe, expect, it } from "vitest";
import { type DigestEntry, EMPTY_DIGEST, stateDigestOf, updateDigest } from "./digest.ts";

const entry = (n: number, version = 1): DigestEntry => ({
  recordId: `https://centre.example/catalogue/courses/c${n}`,
  version,
  recordHash: `hash-${n}-${version}`,
});

describe("state digest", () => {
  it("is 64 hex digits, zero for no records, and does not depend on order", async () => {
    expect(await stateDigestOf([])).toBe(EMPTY_DIGEST);
    const entries = Array.from({ length: 20 }, (_, i) => entry(i));
    const digest = await stateDigestOf(entries);
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
    expect(await stateDigestOf([...entries].reverse())).toBe(digest);
    expect(await stateDigestOf(entries.slice(1))).not.toBe(digest);
  });

  it("kept incrementally through puts, updates and tombstones, equals the one recomputed", async () => {
    const live = new Map<string, DigestEntry>();
    let digest = EMPTY_DIGEST;
    // A fixed pseudo-random walk: put new, update, delete, put again.
    let x = 7;
    for (let step = 0; step < 300; step++) {
      x = (x * 1103515245 + 12345) % 2147483648;
      const id = entry(x % 25).recordId;
      const old = live.get(id);
      if (old && x % 3 === 0) {
        digest = await updateDigest(digest, { removed: old });
        live.delete(id);
      } else {
        const next = { recordId: id, version: (old?.version ?? 0) + 1, recordHash: `h${step}` };
        digest = await updateDigest(digest, { removed: old, added: next });
        live.set(id, next);
      }
    }
    expect(live.size).toBeGreaterThan(3);
    expect(digest).toBe(await stateDigestOf(live.values()));
  });

  it("wraps modulo 2^256 both ways", async () => {
    const one = entry(1);
    const removed = await updateDigest(EMPTY_DIGEST, { removed: one });
    expect(removed).toMatch(/^[0-9a-f]{64}$/);
    expect(await updateDigest(removed, { added: one })).toBe(EMPTY_DIGEST);
    await expect(updateDigest("xyz", { added: one })).rejects.toThrow(TypeError);
  });
});
