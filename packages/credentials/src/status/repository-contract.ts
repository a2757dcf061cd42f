/**
 * The contract every `StatusListRepository` passes: the memory one here, the libSQL one in packages/store.
 * Call it from a test file; it registers vitest suites. Not re-exported from the barrel (it imports vitest).
 */
import { describe, expect, it } from "vitest";
import type { StatusListRecord, StatusListRepository } from "./repository.ts";

/** Options of the contract suite. */
export interface RepositoryContractOptions {
  /**
   * Opens the same storage anew (a new client on the same database file), to show that claims survive a
   * restart. Omit for storage that cannot be reopened; the durability test then reuses the instance.
   */
  readonly reopen?: (repository: StatusListRepository) => Promise<StatusListRepository>;
}

const list = (purpose: string, sequence: number, length = 1024): StatusListRecord => ({
  id: `contract-${crypto.randomUUID()}`,
  purpose,
  sequence,
  length,
});
const sorted = (values: readonly number[]) => [...values].sort((a, b) => a - b);

/** Registers the contract suite for repositories made by `makeRepository` (a fresh, empty one per test). */
export function statusListRepositoryContract(
  name: string,
  makeRepository: () => StatusListRepository | Promise<StatusListRepository>,
  options: RepositoryContractOptions = {},
): void {
  describe(`StatusListRepository contract: ${name}`, () => {
    it("has no current list until one is opened, then returns it by purpose and by id", async () => {
      const repo = await makeRepository();
      expect(await repo.currentList("revocation")).toBeUndefined();
      const first = list("revocation", 0);
      expect(await repo.openList(first)).toEqual(first);
      expect(await repo.currentList("revocation")).toEqual(first);
      expect(await repo.currentList("suspension")).toBeUndefined();
      expect(await repo.getList(first.id)).toEqual(first);
      expect(await repo.getList("no-such-list")).toBeUndefined();
    });

    it("opens each (purpose, sequence) once: racers all get the winner", async () => {
      const repo = await makeRepository();
      const racers = Array.from({ length: 20 }, () => list("revocation", 0));
      const results = await Promise.all(racers.map((r) => repo.openList(r)));
      const winner = results[0];
      expect(racers.map((r) => r.id)).toContain(winner?.id);
      for (const result of results) expect(result).toEqual(winner);
      expect(await repo.currentList("revocation")).toEqual(winner);
      const losers = racers.filter((r) => r.id !== winner?.id);
      for (const loser of losers) expect(await repo.getList(loser.id)).toBeUndefined();
    });

    it("makes the highest sequence current, per purpose", async () => {
      const repo = await makeRepository();
      const r0 = await repo.openList(list("revocation", 0));
      const r1 = await repo.openList(list("revocation", 1));
      const s0 = await repo.openList(list("suspension", 0));
      expect(await repo.currentList("revocation")).toEqual(r1);
      expect(await repo.currentList("suspension")).toEqual(s0);
      expect(await repo.getList(r0.id)).toEqual(r0);
    });

    it("claims an index once, and claims are per list", async () => {
      const repo = await makeRepository();
      const a = await repo.openList(list("revocation", 0));
      const b = await repo.openList(list("suspension", 0));
      expect(await repo.tryClaim(a.id, 7)).toBe(true);
      expect(await repo.tryClaim(a.id, 7)).toBe(false);
      expect(await repo.tryClaim(b.id, 7)).toBe(true);
      expect(await repo.tryClaim(a.id, 0)).toBe(true);
      expect(await repo.tryClaim(a.id, a.length - 1)).toBe(true);
      expect(sorted(await repo.claimedIndexes(a.id))).toEqual([0, 7, a.length - 1]);
      expect(sorted(await repo.claimedIndexes(b.id))).toEqual([7]);
    });

    it("gives a contested index to exactly one of 100 concurrent claimants", async () => {
      const repo = await makeRepository();
      const a = await repo.openList(list("revocation", 0));
      const results = await Promise.all(Array.from({ length: 100 }, () => repo.tryClaim(a.id, 42)));
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await repo.claimedIndexes(a.id)).toEqual([42]);
    });

    it("grants 1,000 concurrent claims of distinct indexes", async () => {
      const repo = await makeRepository();
      const a = await repo.openList(list("revocation", 0, 1024));
      const results = await Promise.all(Array.from({ length: 1000 }, (_, i) => repo.tryClaim(a.id, i)));
      expect(results.every(Boolean)).toBe(true);
      expect(sorted(await repo.claimedIndexes(a.id))).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    });

    it("rejects claims on an unknown list or outside the list with a TypeError", async () => {
      const repo = await makeRepository();
      const a = await repo.openList(list("revocation", 0, 64));
      await expect(repo.tryClaim("no-such-list", 0)).rejects.toThrow(TypeError);
      await expect(repo.tryClaim(a.id, 64)).rejects.toThrow(TypeError);
      await expect(repo.tryClaim(a.id, -1)).rejects.toThrow(TypeError);
      await expect(repo.tryClaim(a.id, 1.5)).rejects.toThrow(TypeError);
      expect(await repo.claimedIndexes(a.id)).toEqual([]);
    });

    it("sets and clears status bits of claimed indexes only", async () => {
      const repo = await makeRepository();
      const a = await repo.openList(list("suspension", 0));
      await repo.tryClaim(a.id, 3);
      await repo.tryClaim(a.id, 900);
      expect(await repo.indexesWithStatus(a.id)).toEqual([]);
      expect(await repo.setStatus(a.id, 3, true)).toBe(true);
      expect(await repo.setStatus(a.id, 900, true)).toBe(true);
      expect(await repo.setStatus(a.id, 5, true)).toBe(false);
      expect(sorted(await repo.indexesWithStatus(a.id))).toEqual([3, 900]);
      expect(await repo.setStatus(a.id, 3, false)).toBe(true);
      expect(await repo.indexesWithStatus(a.id)).toEqual([900]);
      // A status change is not a claim and does not free one.
      expect(await repo.tryClaim(a.id, 3)).toBe(false);
    });

    it("does not lose concurrent status changes on one list", async () => {
      const repo = await makeRepository();
      const a = await repo.openList(list("revocation", 0));
      await Promise.all(Array.from({ length: 200 }, (_, i) => repo.tryClaim(a.id, i)));
      await Promise.all(Array.from({ length: 200 }, (_, i) => repo.setStatus(a.id, i, i % 2 === 0)));
      expect(sorted(await repo.indexesWithStatus(a.id))).toEqual(
        Array.from({ length: 100 }, (_, i) => i * 2),
      );
    });

    it("keeps lists, claims and bits when the storage is reopened", async () => {
      const repo = await makeRepository();
      const a = await repo.openList(list("revocation", 0));
      await repo.tryClaim(a.id, 11);
      await repo.setStatus(a.id, 11, true);
      const again = options.reopen ? await options.reopen(repo) : repo;
      expect(await again.currentList("revocation")).toEqual(a);
      expect(await again.tryClaim(a.id, 11)).toBe(false);
      expect(await again.indexesWithStatus(a.id)).toEqual([11]);
    });
  });
}
