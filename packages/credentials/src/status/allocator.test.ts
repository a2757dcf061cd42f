import { LearnbridgeError } from "@learnbridge/core";
import { describe, expect, it } from "vitest";
import { type RandomSource, randomIndex, type StatusAllocation, StatusListAllocator } from "./allocator.ts";
import { MIN_STATUS_LIST_LENGTH } from "./bitstring.ts";
import { MemoryStatusListRepository } from "./memory-repository.ts";

/** A source that returns the given 32-bit words in turn (big-endian), then fails the test. */
function scripted(...words: number[]): RandomSource {
  return (bytes) => {
    const word = words.shift();
    if (word === undefined) throw new Error("script exhausted");
    new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).setUint32(0, word);
  };
}

/** A deterministic xorshift32 source: two allocators seeded alike draw the same indexes. */
function seeded(seed: number): RandomSource {
  let state = seed >>> 0 || 1;
  return (bytes) => {
    for (let i = 0; i < bytes.length; i++) {
      state ^= state << 13;
      state >>>= 0;
      state ^= state >>> 17;
      state ^= state << 5;
      state >>>= 0;
      bytes[i] = state & 0xff;
    }
  };
}

/** Every index draw (4 bytes) is the same; list ids (16 bytes) stay random so lists can still be opened. */
const colliding: RandomSource = (bytes) =>
  bytes.length === 4 ? bytes.fill(0x5a) : crypto.getRandomValues(bytes);
const key = (a: StatusAllocation) => `${a.listId}/${a.index}`;

async function allocateMany(allocator: StatusListAllocator, count: number): Promise<StatusAllocation[]> {
  const out: StatusAllocation[] = [];
  for (let i = 0; i < count; i++) out.push(await allocator.allocate("revocation"));
  return out;
}

function byList(allocations: StatusAllocation[]): Map<string, number[]> {
  const lists = new Map<string, number[]>();
  for (const a of allocations) lists.set(a.listId, [...(lists.get(a.listId) ?? []), a.index]);
  return lists;
}

describe("randomIndex", () => {
  it("rejects draws past the largest multiple of n instead of folding them (no modulo bias)", () => {
    expect(randomIndex(3, scripted(0xffff_ffff, 4))).toBe(1);
    expect(randomIndex(3, scripted(0xffff_fffe))).toBe(0xffff_fffe % 3);
    const n = 3 * 2 ** 30;
    expect(randomIndex(n, scripted(n, n + 7, 5))).toBe(5);
    expect(randomIndex(n, scripted(n - 1))).toBe(n - 1);
  });

  it("gives up on a broken source and refuses bad ranges", () => {
    expect(() => randomIndex(3, () => {})).not.toThrow(); // all-zero bytes are a valid draw
    expect(() => randomIndex(3, (bytes) => bytes.fill(0xff))).toThrow(/random source/);
    for (const bad of [0, -1, 1.5, 2 ** 32 + 1]) expect(() => randomIndex(bad)).toThrow(TypeError);
  });
});

describe("StatusListAllocator", () => {
  it("hands out 10,000 distinct indexes spread over the list, in no order", async () => {
    const allocator = new StatusListAllocator({ repository: new MemoryStatusListRepository() });
    const allocations = await allocateMany(allocator, 10_000);
    const indexes = allocations.map((a) => a.index);
    expect(new Set(allocations.map((a) => a.listId)).size).toBe(1);
    expect(new Set(indexes).size).toBe(10_000);
    expect(indexes.every((i) => Number.isInteger(i) && i >= 0 && i < MIN_STATUS_LIST_LENGTH)).toBe(true);
    const steps = indexes.slice(1).map((index, i) => index - (indexes[i] as number));
    expect(steps.some((d) => d > 0) && steps.some((d) => d < 0)).toBe(true);
    expect(new Set(steps).size).toBeGreaterThan(9_000);
    expect(Math.min(...indexes)).toBeLessThan(MIN_STATUS_LIST_LENGTH * 0.05);
    expect(Math.max(...indexes)).toBeGreaterThan(MIN_STATUS_LIST_LENGTH * 0.95);
  });

  it("hands out 1,000 distinct indexes to 1,000 concurrent issuances", async () => {
    const allocator = new StatusListAllocator({ repository: new MemoryStatusListRepository() });
    const allocations = await Promise.all(
      Array.from({ length: 1000 }, () => allocator.allocate("revocation")),
    );
    expect(new Set(allocations.map(key)).size).toBe(1000);
    expect(new Set(allocations.map((a) => a.listId)).size).toBe(1);
  });

  it("fills a list completely, then rolls over to a new one", async () => {
    const repository = new MemoryStatusListRepository();
    const allocator = new StatusListAllocator({ repository, listLength: 64 });
    const allocations = await allocateMany(allocator, 64 * 3 + 10);
    expect(new Set(allocations.map(key)).size).toBe(allocations.length);
    const lists = [...byList(allocations).values()];
    expect(lists.map((l) => l.length)).toEqual([64, 64, 64, 10]);
    for (const full of lists.slice(0, 3))
      expect([...full].sort((a, b) => a - b)).toEqual([...Array(64).keys()]);
    expect((await repository.currentList("revocation"))?.sequence).toBe(3);
  });

  it("rolls over under 1,000 concurrent issuances without opening spare lists", async () => {
    const repository = new MemoryStatusListRepository();
    const allocator = new StatusListAllocator({ repository, listLength: 64 });
    const allocations = await Promise.all(
      Array.from({ length: 1000 }, () => allocator.allocate("revocation")),
    );
    expect(new Set(allocations.map(key)).size).toBe(1000);
    const sizes = [...byList(allocations).values()].map((l) => l.length).sort((a, b) => b - a);
    expect(sizes).toEqual([...Array(15).fill(64), 1000 - 15 * 64]);
  });

  it("falls back to scanning free indexes when random probes keep colliding", async () => {
    // A constant source makes every probe hit the same index: only the scan can find the others.
    const allocator = new StatusListAllocator({
      repository: new MemoryStatusListRepository(),
      listLength: 64,
      random: colliding,
    });
    const allocations = await allocateMany(allocator, 65);
    const lists = [...byList(allocations).values()];
    expect(lists[0]?.sort((a, b) => a - b)).toEqual([...Array(64).keys()]);
    expect(lists[1]).toHaveLength(1);
  });

  it("never reuses an index after a restart, even with the same random sequence", async () => {
    const repository = new MemoryStatusListRepository();
    const before = await allocateMany(
      new StatusListAllocator({ repository, listLength: 64, random: seeded(7) }),
      40,
    );
    const after = await allocateMany(
      new StatusListAllocator({ repository, listLength: 64, random: seeded(7) }),
      25,
    );
    expect(new Set([...before, ...after].map(key)).size).toBe(65);
    const lists = byList([...before, ...after]);
    expect([...lists.values()].map((l) => l.length)).toEqual([64, 1]);
  });

  it("fails with STATUS_LIST_FULL when no further list may be opened", async () => {
    const allocator = new StatusListAllocator({
      repository: new MemoryStatusListRepository(),
      listLength: 16,
      maxListsPerPurpose: 2,
    });
    await allocateMany(allocator, 32);
    const error = await allocator.allocate("revocation").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LearnbridgeError);
    expect(error).toMatchObject({ code: "STATUS_LIST_FULL", details: { purpose: "revocation", lists: 2 } });
  });

  it("keeps purposes in separate lists with random, unlinkable ids", async () => {
    const allocator = new StatusListAllocator({ repository: new MemoryStatusListRepository() });
    const revocation = await allocator.allocate("revocation");
    const suspension = await allocator.allocate("suspension");
    expect(revocation.purpose).toBe("revocation");
    expect(suspension.purpose).toBe("suspension");
    expect(revocation.listId).not.toBe(suspension.listId);
    for (const id of [revocation.listId, suspension.listId]) expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it("throws a TypeError on misuse", async () => {
    const repository = new MemoryStatusListRepository();
    expect(() => new StatusListAllocator({ repository, listLength: 100 })).toThrow(TypeError);
    expect(() => new StatusListAllocator({ repository, listLength: 0 })).toThrow(TypeError);
    expect(() => new StatusListAllocator({ repository, maxListsPerPurpose: 0 })).toThrow(TypeError);
    expect(() => new StatusListAllocator({} as never)).toThrow(TypeError);
    await expect(new StatusListAllocator({ repository }).allocate("")).rejects.toThrow(TypeError);
  });
});
