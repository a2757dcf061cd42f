/**
 * The FeedLog contract (re-exported by `@learnbridge/federation/testing`): `MemoryFeedLog` and the libSQL
 * store run the same suite. The factory returns a fresh, empty log stamping events with `clock`.
 */
import type { Clock } from "@learnbridge/core";
import { describe, expect, it } from "vitest";
import { stateDigestOf } from "../feed/digest.ts";
import { CHAIN_START, checkChain, type FeedChange, type FeedEvent, jsonHashOf } from "../feed/event.ts";
import type { FeedLog } from "../feed/feed-log.ts";

/** A fresh, empty log whose events are stamped by `clock`. */
export type FeedLogFactory = (options: { readonly clock: Clock }) => Promise<FeedLog>;

const DAY = 86_400_000;

/** A change of a generic signed-looking record (the log never looks inside). */
export async function sampleChange(
  n: number,
  version = 1,
  op: "put" | "delete" = "put",
): Promise<FeedChange> {
  const recordId = `https://node.example/records/r${String(n).padStart(3, "0")}`;
  const record = {
    id: recordId,
    version,
    ...(op === "put" ? { text: `v${version}` } : { type: "Tombstone" }),
  };
  return { op, recordId, version, recordHash: await jsonHashOf(record), record };
}

const appended = async (log: FeedLog, change: FeedChange): Promise<FeedEvent> => {
  const result = await log.append(change);
  if (!result.ok) throw new Error(`append refused: ${result.code} ${result.reason}`);
  return result.value;
};

/** Every event the log still serves, from the start. */
const allEvents = async (log: FeedLog, after = 0): Promise<FeedEvent[]> => {
  const page = await log.changes(after, 500);
  if (!page.ok) throw new Error(page.reason);
  return [...page.value.events];
};

/** Runs the contract against `make`. */
export function feedLogContract(name: string, make: FeedLogFactory) {
  describe(`FeedLog contract: ${name}`, () => {
    let now = new Date("2026-06-01T00:00:00.000Z");
    const clock = () => now;

    it("starts empty, then chains each event to the one before", async () => {
      now = new Date("2026-06-01T00:00:00.000Z");
      const log = await make({ clock });
      expect(await log.head()).toMatchObject({ seq: 0, hash: null, recordCount: 0, retainedFrom: 1 });
      const first = await appended(log, await sampleChange(1));
      const second = await appended(log, await sampleChange(2));
      expect(first).toMatchObject({ seq: 1, prev: null, op: "put", at: "2026-06-01T00:00:00.000Z" });
      expect(second).toMatchObject({ seq: 2, prev: first.hash });
      expect(await log.head()).toMatchObject({ seq: 2, hash: second.hash, recordCount: 2, retainedFrom: 1 });
      const events = await allEvents(log);
      expect(events).toEqual([first, second]);
      expect(await checkChain(CHAIN_START, events)).toEqual({
        ok: true,
        value: { seq: 2, hash: second.hash },
      });
    });

    it("lets a higher version win and refuses the same or a lower one (RECORD_STALE), tombstones too", async () => {
      const log = await make({ clock });
      await appended(log, await sampleChange(1, 2));
      for (const change of [await sampleChange(1, 2), await sampleChange(1, 1)]) {
        const refused = await log.append(change);
        expect(refused.ok ? "appended" : refused.code).toBe("RECORD_STALE");
      }
      await appended(log, await sampleChange(1, 3, "delete"));
      expect(await log.stateOf((await sampleChange(1)).recordId)).toMatchObject({
        version: 3,
        deleted: true,
        seq: 2,
      });
      const stale = await log.append(await sampleChange(1, 3));
      expect(stale.ok ? "appended" : stale.code).toBe("RECORD_STALE");
      await appended(log, await sampleChange(1, 4));
      expect((await log.head()).seq).toBe(3);
      expect(await log.stateOf("https://node.example/none")).toBeUndefined();
    });

    it("keeps the digest and count of live records equal to the ones recomputed", async () => {
      const log = await make({ clock });
      for (const n of [1, 2, 3, 4]) await appended(log, await sampleChange(n));
      await appended(log, await sampleChange(2, 2));
      await appended(log, await sampleChange(3, 2, "delete"));
      const live = [await sampleChange(1), await sampleChange(2, 2), await sampleChange(4)];
      const head = await log.head();
      expect(head.recordCount).toBe(3);
      expect(head.stateDigest).toBe(await stateDigestOf(live));
    });

    it("pages changes after a cursor; after the head there are none", async () => {
      const log = await make({ clock });
      for (let n = 1; n <= 7; n++) await appended(log, await sampleChange(n));
      const page = await log.changes(2, 3);
      expect(page.ok && page.value.events.map((e) => e.seq)).toEqual([3, 4, 5]);
      expect(page.ok && [page.value.headSeq, page.value.retainedFrom]).toEqual([7, 1]);
      const idle = await log.changes(7, 500);
      expect(idle).toEqual({ ok: true, value: { events: [], headSeq: 7, retainedFrom: 1 } });
      expect(await log.changes(9, 10)).toEqual({
        ok: true,
        value: { events: [], headSeq: 7, retainedFrom: 1 },
      });
      await expect(log.changes(0, 501)).rejects.toThrow(TypeError);
      await expect(log.changes(-1, 10)).rejects.toThrow(TypeError);
    });

    it("serves a snapshot of live records by id, in pages, as of its head", async () => {
      const log = await make({ clock });
      for (const n of [5, 3, 1, 4, 2]) await appended(log, await sampleChange(n));
      await appended(log, await sampleChange(3, 2, "delete"));
      await appended(log, await sampleChange(4, 2));
      const head = await log.head();
      const first = await log.snapshot(undefined, 2);
      expect(first.asOfSeq).toBe(7);
      expect(first.asOfHash).toBe(head.hash);
      expect(first.records.map((r) => [r.id, r.version])).toEqual([
        [(await sampleChange(1)).recordId, 1],
        [(await sampleChange(2)).recordId, 1],
      ]);
      const second = await log.snapshot(first.next ?? undefined, 2);
      expect(second.records.map((r) => r.version)).toEqual([2, 1]);
      expect(second.next).toBe(null);
      expect((await log.snapshot(undefined, 500)).records).toHaveLength(4);
      expect(await (await make({ clock })).snapshot(undefined, 10)).toEqual({
        asOfSeq: 0,
        asOfHash: null,
        records: [],
        next: null,
      });
    });

    it("compacts by count: old events go, live records' latest puts stay for the snapshot", async () => {
      const log = await make({ clock });
      for (let n = 1; n <= 6; n++) await appended(log, await sampleChange(n)); // seq 1-6
      await appended(log, await sampleChange(1, 2)); // 7: seq 1 is now superseded
      await appended(log, await sampleChange(2, 2, "delete")); // 8: seq 2 too
      const before = await log.head();
      // minDays 0 and a moment later: every event is old enough, the count alone decides.
      const later = new Date(now.getTime() + 1000);
      expect(await log.compact({ minEvents: 3, minDays: 0 }, later)).toEqual({ retainedFrom: 6 });
      const head = await log.head();
      expect(head).toEqual({ ...before, retainedFrom: 6 });
      const behind = await log.changes(4, 10);
      expect(behind.ok ? "served" : [behind.code, behind.details?.retainedFrom]).toEqual([
        "FEED_BEHIND_RETENTION",
        6,
      ]);
      expect((await allEvents(log, 5)).map((e) => e.seq)).toEqual([6, 7, 8]);
      // The snapshot still has every live record, their events from before the window included.
      const snapshot = await log.snapshot(undefined, 500);
      expect(snapshot.records.map((r) => [r.id, r.version])).toEqual(
        [
          [1, 2],
          [3, 1],
          [4, 1],
          [5, 1],
          [6, 1],
        ].map(([n, v]) => [`https://node.example/records/r00${n}`, v]),
      );
      expect(head.stateDigest).toBe(
        await stateDigestOf([
          await sampleChange(1, 2),
          ...(await Promise.all([3, 4, 5, 6].map((n) => sampleChange(n)))),
        ]),
      );
      // The window never moves back, and the version rule outlives a compacted tombstone.
      expect(await log.compact({ minEvents: 100, minDays: 0 }, later)).toEqual({ retainedFrom: 6 });
      await log.compact({ minEvents: 0, minDays: 0 }, later);
      expect((await log.head()).retainedFrom).toBe(9);
      const stale = await log.append(await sampleChange(2, 2));
      expect(stale.ok ? "appended" : stale.code).toBe("RECORD_STALE");
      expect((await allEvents(log, 8)).map((e) => e.seq)).toEqual([]);
      await appended(log, await sampleChange(2, 3));
      expect((await allEvents(log, 8)).map((e) => e.seq)).toEqual([9]);
    });

    it("compacts by age: events of the last minDays days stay, whatever their number", async () => {
      now = new Date("2026-06-01T00:00:00.000Z");
      const log = await make({ clock });
      for (let n = 1; n <= 4; n++) await appended(log, await sampleChange(n, 1, "put"));
      for (let n = 1; n <= 4; n++) await appended(log, await sampleChange(n, 2, "delete")); // 5-8, day 0
      now = new Date(now.getTime() + 10 * DAY);
      await appended(log, await sampleChange(9)); // 9, day 10
      await appended(log, await sampleChange(10)); // 10, day 10
      expect(await log.compact({ minEvents: 1, minDays: 5 }, now)).toEqual({ retainedFrom: 9 });
      expect((await allEvents(log, 8)).map((e) => e.seq)).toEqual([9, 10]);
      expect((await log.snapshot(undefined, 500)).records).toHaveLength(2);
      expect(await log.compact({ minEvents: 1, minDays: 30 }, now)).toEqual({ retainedFrom: 9 });
      const fresh = await make({ clock });
      await appended(fresh, await sampleChange(1));
      expect(await fresh.compact({ minEvents: 0, minDays: 1 }, now)).toEqual({ retainedFrom: 1 });
      await expect(fresh.compact({ minEvents: -1, minDays: 1 }, now)).rejects.toThrow(TypeError);
    });

    it("serialises concurrent appends into one unbroken chain", async () => {
      const log = await make({ clock });
      const results = await Promise.all(
        Array.from({ length: 12 }, async (_, i) => log.append(await sampleChange(i + 1))),
      );
      expect(results.every((r) => r.ok)).toBe(true);
      const events = await allEvents(log);
      expect(events.map((e) => e.seq)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
      expect((await checkChain(CHAIN_START, events)).ok).toBe(true);
      const same = await Promise.all([1, 2, 3].map(async () => log.append(await sampleChange(50, 1))));
      expect(same.filter((r) => r.ok)).toHaveLength(1);
    });

    it("refuses a change whose hash is not its record's (misuse: TypeError), storing nothing", async () => {
      const log = await make({ clock });
      const change = await sampleChange(1);
      await expect(log.append({ ...change, recordHash: (await sampleChange(2)).recordHash })).rejects.toThrow(
        TypeError,
      );
      expect((await log.head()).seq).toBe(0);
    });
  });
}
