/**
 * The contract every ReplicaStore implementation passes: the in-memory twin here, the libSQL store on
 * :memory:, a file and sqld. Records are opaque to the store; `recordOf` makes them (the libSQL store
 * computes catalogue columns from them, so it passes course-shaped ones).
 */
import { describe, expect, it } from "vitest";
import { EMPTY_DIGEST, stateDigestOf } from "../feed/digest.ts";
import { type JsonRecord, jsonHashOf } from "../feed/event.ts";
import type { FeedLog } from "../feed/feed-log.ts";
import { afterFailure } from "../sync/circuit-breaker.ts";
import type {
  ApplyPageInput,
  FeedPosition,
  NewQuarantineEntry,
  ReplicaEvent,
  ReplicaStore,
  UntrustedRecord,
} from "../sync/replica-store.ts";

/** Makes a record (op put) or a tombstone (op delete) of `id` at `version`, owned by `owner`. */
export type RecordFactory = (
  id: string,
  owner: string,
  version: number,
  op: "put" | "delete",
  variant?: string,
) => JsonRecord;

/** A course-like record, and a tombstone as H6 signs them (without proofs: the store does not check them). */
export const sampleRecord: RecordFactory = (id, owner, version, op, variant = "") =>
  op === "put"
    ? {
        type: "Course",
        id,
        owner,
        version,
        title: { en: `Course ${id.split("/").at(-1)}${variant}`, sw: `Kozi ${version}` },
        level: { framework: "EQF", value: 4 },
        credits: { system: "ECTS", value: 5 },
        language: ["en", "sw"],
        mode: "online",
        audience: ["adults"],
        country: "KE",
        updated: "2026-11-30T08:00:00Z",
      }
    : { type: "Tombstone", formerType: "Course", id, owner, version, deleted: "2026-11-30T09:00:00Z" };

const A = "https://a.example";
const M = "https://mirror.example";
const OWNER = "did:web:a.example";
const OWNER_B = "did:web:b.example";
const AT = "2026-11-30T10:00:00.000Z";
const START: FeedPosition = {
  phase: "snapshot",
  cursor: 0,
  headHash: null,
  snapshotAfter: null,
  snapshotAsOfSeq: null,
};
const changesAt = (cursor: number, headHash: string | null = null): FeedPosition => ({
  phase: "changes",
  cursor,
  headHash,
  snapshotAfter: null,
  snapshotAsOfSeq: null,
});

/** A fresh store together with the node's own feed it republishes into (aggregator mode). */
export type AggregatorFactory = () => Promise<{ readonly store: ReplicaStore; readonly feed: FeedLog }>;

/**
 * Registers the contract for one implementation; `make` returns a fresh, empty store, `makeAggregator` (when
 * the implementation republishes) one with the node's feed.
 */
export function replicaStoreContract(
  name: string,
  make: () => Promise<ReplicaStore>,
  recordOf: RecordFactory = sampleRecord,
  makeAggregator?: AggregatorFactory,
) {
  const id = (n: number | string) => `${A}/catalogue/courses/c-${n}`;
  const event = async (
    seq: number,
    n: number | string,
    version: number,
    op: "put" | "delete" = "put",
    variant = "",
  ): Promise<ReplicaEvent> => {
    const record = recordOf(id(n), OWNER, version, op, variant);
    return { seq, op, recordId: id(n), version, recordHash: await jsonHashOf(record), record, owner: OWNER };
  };
  /** An event of another owner, B (ids under its own origin). */
  const eventOfB = async (seq: number, n: number, version: number): Promise<ReplicaEvent> => {
    const recordId = `https://b.example/catalogue/courses/c-${n}`;
    const record = recordOf(recordId, OWNER_B, version, "put");
    return {
      seq,
      op: "put",
      recordId,
      version,
      recordHash: await jsonHashOf(record),
      record,
      owner: OWNER_B,
    };
  };
  const digestOf = async (events: readonly ReplicaEvent[]) =>
    stateDigestOf(events.filter((e) => e.op === "put"));
  const followed = async (store: ReplicaStore, feed = A) => {
    await store.follow({ feed, did: `did:web:${new URL(feed).host}`, at: AT });
  };
  /** Applies `events` as one changes page from `cursor`. */
  const page = (
    store: ReplicaStore,
    cursor: number,
    events: ReplicaEvent[],
    feed = A,
    extra: Pick<ApplyPageInput, "refused" | "untrusted" | "gone" | "maxRecordsPerOwner"> = {},
  ) =>
    store.applyPage({
      feed,
      from: changesAt(cursor),
      to: changesAt(cursor + events.length, `h${cursor + events.length}`),
      events,
      knownHeadSeq: cursor + events.length,
      at: AT,
      ...extra,
    });
  /** Moves a fresh peer straight to the changes phase with an empty snapshot. */
  const skipSnapshot = (store: ReplicaStore, feed = A) =>
    store.applyPage({ feed, from: START, to: changesAt(0), events: [], knownHeadSeq: 0, at: AT });

  describe(`ReplicaStore contract: ${name}`, () => {
    it("follows a feed once: a fresh peer in the snapshot phase, due at once", async () => {
      const store = await make();
      const first = await store.follow({ feed: A, did: OWNER, at: AT });
      expect(first.created).toBe(true);
      expect(first.peer).toMatchObject({ feed: A, did: OWNER, status: "active", ...START, knownHeadSeq: 0 });
      expect(first.peer).toMatchObject({
        recordCount: 0,
        stateDigest: EMPTY_DIGEST,
        failures: 0,
        breaker: "closed",
      });
      expect(Date.parse(first.peer.nextPullAt)).toBe(Date.parse(AT));
      const again = await store.follow({ feed: A, did: "did:web:other", at: "2027-01-01T00:00:00Z" });
      expect(again).toEqual({ created: false, peer: first.peer });
      expect(await store.getPeer(A)).toEqual(first.peer);
      expect(await store.getPeer(M)).toBeUndefined();
      await followed(store, M);
      expect((await store.listPeers()).map((p) => p.feed)).toEqual([A, M]);
    });

    it("applies snapshot pages, then changes; the digest is the digest of the live records", async () => {
      const store = await make();
      await followed(store);
      const snap = [await event(5, 1, 1), await event(5, 2, 2)];
      const mid: FeedPosition = {
        phase: "snapshot",
        cursor: 0,
        headHash: null,
        snapshotAfter: id(2),
        snapshotAsOfSeq: 5,
      };
      expect(
        (await store.applyPage({ feed: A, from: START, to: mid, events: snap, knownHeadSeq: 5, at: AT }))
          .applied,
      ).toBe(true);
      expect(await store.getPeer(A)).toMatchObject({
        ...mid,
        recordCount: 2,
        stateDigest: await digestOf(snap),
      });
      const end = changesAt(5, "hash-5");
      const last = [await event(5, 3, 1)];
      const result = await store.applyPage({
        feed: A,
        from: mid,
        to: end,
        events: last,
        knownHeadSeq: 6,
        at: AT,
      });
      expect(result).toMatchObject({ applied: true, stale: 0, equivocations: [] });
      expect(result.changed.map((e) => e.recordId)).toEqual([id(3)]);
      expect(await store.getPeer(A)).toMatchObject({
        ...end,
        knownHeadSeq: 6,
        recordCount: 3,
        stateDigest: await digestOf([...snap, ...last]),
      });
      const rows = await store.listRecords({ liveOnly: true });
      expect(rows.map((r) => [r.recordId, r.version, r.op, r.hidden, r.feed, r.owner])).toEqual([
        [id(1), 1, "put", false, A, OWNER],
        [id(2), 2, "put", false, A, OWNER],
        [id(3), 1, "put", false, A, OWNER],
      ]);
      expect((await store.getRecord(id(2)))?.record).toEqual(snap[1]?.record);
      expect((await store.listRecords({ after: id(1), limit: 1 })).map((r) => r.recordId)).toEqual([id(2)]);
    });

    it("applies nothing when the peer is not where the page was fetched from", async () => {
      const store = await make();
      await followed(store);
      await skipSnapshot(store);
      const events = [await event(1, 1, 1), await event(2, 2, 1)];
      expect((await page(store, 0, events)).applied).toBe(true);
      const before = await store.getPeer(A);
      const replay = await page(store, 0, events);
      expect(replay).toEqual({ applied: false, changed: [], stale: 0, equivocations: [] });
      expect(await store.getPeer(A)).toEqual(before);
      expect((await page(store, 2, [await event(3, 3, 1)], "https://unknown.example")).applied).toBe(false);
    });

    it("lets a concurrent second apply of the same page find the position moved", async () => {
      const store = await make();
      await followed(store);
      await skipSnapshot(store);
      const events = [await event(1, 1, 1)];
      const results = await Promise.all([page(store, 0, events), page(store, 0, events)]);
      expect(results.map((r) => r.applied).sort()).toEqual([false, true]);
      expect((await store.getPeer(A))?.cursor).toBe(1);
    });

    it("keeps the highest version, ignores lower ones, and tombstones deletes", async () => {
      const store = await make();
      await followed(store);
      await skipSnapshot(store);
      const v2 = await event(1, 1, 2);
      await page(store, 0, [v2, await event(2, 2, 1)]);
      const older = await page(store, 2, [await event(3, 1, 1), await event(4, 1, 2)]);
      expect(older).toMatchObject({ applied: true, stale: 1, changed: [], equivocations: [] });
      expect((await store.getRecord(id(1)))?.recordHash).toBe(v2.recordHash);
      const v3 = await event(5, 1, 3);
      const tomb = await event(6, 2, 2, "delete");
      const result = await page(store, 4, [v3, tomb]);
      expect(result.changed.map((e) => [e.recordId, e.op])).toEqual([
        [id(1), "put"],
        [id(2), "delete"],
      ]);
      expect(await store.getRecord(id(2))).toMatchObject({
        op: "delete",
        version: 2,
        hidden: false,
        record: tomb.record,
      });
      expect((await store.listRecords({ liveOnly: true })).map((r) => r.recordId)).toEqual([id(1)]);
      expect(await store.getPeer(A)).toMatchObject({
        cursor: 6,
        recordCount: 1,
        stateDigest: await digestOf([v3]),
      });
      // A put older than the tombstone stays dead.
      expect((await page(store, 6, [await event(7, 2, 1)])).stale).toBe(1);
      expect((await store.getRecord(id(2)))?.op).toBe("delete");
    });

    it("quarantines an equivocation: the record is hidden and the entry reported", async () => {
      const store = await make();
      await followed(store);
      await skipSnapshot(store);
      const first = await event(1, 1, 3);
      await page(store, 0, [first]);
      const other = await event(2, 1, 3, "put", " (altered)");
      const result = await page(store, 1, [other]);
      expect(result.applied).toBe(true);
      expect(result.equivocations).toHaveLength(1);
      expect(result.equivocations[0]).toMatchObject({
        kind: "record",
        feed: A,
        recordId: id(1),
        owner: OWNER,
        version: 3,
        code: "RECORD_EQUIVOCATION",
        details: { heldHash: first.recordHash, incomingHash: other.recordHash },
      });
      expect(await store.getRecord(id(1))).toMatchObject({ hidden: true, recordHash: first.recordHash });
      expect(await store.listRecords({ liveOnly: true })).toEqual([]);
      expect(await store.listQuarantine()).toEqual(result.equivocations);
      // A higher version from the owner shows the record again.
      await page(store, 2, [await event(3, 1, 4)]);
      expect(await store.getRecord(id(1))).toMatchObject({ hidden: false, version: 4 });
    });

    it("keeps one catalogue row per record across feeds, and a digest per feed", async () => {
      const store = await make();
      await followed(store, A);
      await followed(store, M);
      await skipSnapshot(store, A);
      await skipSnapshot(store, M);
      const v1 = await event(1, 1, 1);
      const v2 = await event(2, 1, 2);
      await page(store, 0, [v1, v2], A);
      expect(await page(store, 0, [await event(1, 1, 1)], M)).toMatchObject({
        applied: true,
        stale: 1,
        changed: [],
      });
      expect(await store.getPeer(M)).toMatchObject({ recordCount: 1, stateDigest: await digestOf([v1]) });
      expect(await store.getPeer(A)).toMatchObject({ recordCount: 1, stateDigest: await digestOf([v2]) });
      expect(await store.getRecord(id(1))).toMatchObject({ version: 2, feed: A });
      const onlyMirror = await event(2, 9, 1);
      await page(store, 1, [onlyMirror], M);
      expect(await store.unfollow(A)).toBe(true);
      expect(await store.unfollow(A)).toBe(false);
      expect((await store.listRecords()).map((r) => r.recordId).sort()).toEqual([id(1), id(9)]);
      await store.unfollow(M);
      expect(await store.listRecords()).toEqual([]);
      expect(await store.listPeers()).toEqual([]);
    });

    it("keeps health, heads and checkpoints; lists due peers soonest first", async () => {
      const store = await make();
      await followed(store, A);
      await followed(store, M);
      const peer = await store.getPeer(A);
      if (!peer) throw new Error("no peer");
      const failed = afterFailure(
        peer,
        new Date(AT),
        { code: "UPSTREAM_UNAVAILABLE", message: "HTTP 503" },
        undefined,
        () => 0,
      );
      expect(await store.setHealth(A, failed)).toBe(true);
      expect(await store.setHealth("https://unknown.example", failed)).toBe(false);
      expect(await store.getPeer(A)).toMatchObject({
        failures: 1,
        nextPullAt: failed.nextPullAt,
        lastError: failed.lastError,
      });
      expect((await store.duePeers(AT, 10)).map((p) => p.feed)).toEqual([M]);
      expect((await store.duePeers("2026-12-01T00:00:00Z", 10)).map((p) => p.feed)).toEqual([M, A]);
      expect((await store.duePeers("2026-12-01T00:00:00Z", 1)).map((p) => p.feed)).toEqual([M]);
      const { lastError: _dropped, ...healed } = { ...failed, failures: 0 };
      await store.setHealth(A, { ...healed, lastSuccessAt: AT });
      const after = await store.getPeer(A);
      expect(after?.lastError).toBeUndefined();
      expect(after?.lastSuccessAt).toBe(AT);
      await store.noteHead(A, 9);
      await store.noteHead(A, 4);
      expect((await store.getPeer(A))?.knownHeadSeq).toBe(9);
      const check = {
        headSeq: 9,
        headHash: "h9",
        stateDigest: EMPTY_DIGEST,
        recordCount: 0,
        issuedAt: AT,
        checkedAt: AT,
        matches: false,
      };
      await store.setCheckpoint(A, check);
      expect((await store.getPeer(A))?.checkpoint).toEqual(check);
    });

    it("quarantines a peer: no longer due, its pages refused, the reason listed", async () => {
      const store = await make();
      await followed(store);
      await skipSnapshot(store);
      await store.quarantinePeer({
        kind: "peer",
        feed: A,
        code: "FEED_CHAIN_BROKEN",
        reason: "fork at 3",
        details: { seq: 3 },
        at: AT,
      });
      expect(await store.getPeer(A)).toMatchObject({
        status: "quarantined",
        quarantine: { code: "FEED_CHAIN_BROKEN", reason: "fork at 3", at: AT },
      });
      expect(await store.duePeers("2030-01-01T00:00:00Z", 10)).toEqual([]);
      expect((await page(store, 0, [await event(1, 1, 1)])).applied).toBe(false);
      expect(await store.listQuarantine()).toEqual([
        {
          seq: expect.any(Number),
          kind: "peer",
          feed: A,
          code: "FEED_CHAIN_BROKEN",
          reason: "fork at 3",
          details: { seq: 3 },
          at: AT,
        },
      ]);
    });

    it("stores refused records with their page, and not without it", async () => {
      const store = await make();
      await followed(store);
      await skipSnapshot(store);
      const refused: NewQuarantineEntry = {
        kind: "record",
        feed: A,
        recordId: id(7),
        owner: OWNER,
        version: 1,
        code: "RECORD_SIGNATURE_INVALID",
        reason: "the proof does not verify",
        at: AT,
      };
      await page(store, 5, [], A, { refused: [refused] });
      expect(await store.listQuarantine()).toEqual([]);
      await page(store, 0, [await event(1, 1, 1)], A, { refused: [refused] });
      const listed = await store.listQuarantine();
      expect(listed).toEqual([{ ...refused, seq: expect.any(Number) }]);
      expect(await store.listQuarantine({ after: listed[0]?.seq })).toEqual([]);
    });

    it("keeps the ETag of an idle poll, and the checkpoint's with the checkpoint", async () => {
      const store = await make();
      await followed(store);
      await store.setChangesEtag(A, { etag: '"c3.1"', after: 3 });
      expect((await store.getPeer(A))?.changesEtag).toEqual({ etag: '"c3.1"', after: 3 });
      await store.setChangesEtag(A, { etag: '"c4.1"', after: 4 });
      expect((await store.getPeer(A))?.changesEtag).toEqual({ etag: '"c4.1"', after: 4 });
      await store.setChangesEtag(A, undefined);
      expect((await store.getPeer(A))?.changesEtag).toBeUndefined();
      const check = {
        headSeq: 4,
        headHash: "h4",
        stateDigest: EMPTY_DIGEST,
        recordCount: 0,
        issuedAt: AT,
        checkedAt: AT,
        matches: true,
        etag: '"k4.key-1"',
      };
      await store.setCheckpoint(A, check);
      expect((await store.getPeer(A))?.checkpoint).toEqual(check);
    });

    it("keeps records refused for their owner's trust until applied at that version, or gone", async () => {
      const store = await make();
      await followed(store);
      await followed(store, M);
      await skipSnapshot(store);
      const B = "did:web:b.example";
      const C = "did:web:c.example";
      const refusal = (n: number, version: number, owner = B): UntrustedRecord => ({
        recordId: id(n),
        version,
        owner,
        code: "TRUST_UNKNOWN",
        at: AT,
      });
      const live = await event(1, 5, 1);
      await page(store, 0, [live], A, { untrusted: [refusal(1, 1), refusal(2, 2), refusal(3, 1, C)] });
      expect(await store.untrustedOwners(A, 10)).toEqual([B, C]);
      expect(await store.untrustedOwners(A, 1)).toEqual([B]);
      expect(await store.untrustedOwners(M, 10)).toEqual([]);
      expect(await store.untrustedRecords(A, B)).toEqual([refusal(1, 1), refusal(2, 2)]);
      expect(await store.untrustedRecords(A, B, { after: id(1), limit: 5 })).toEqual([refusal(2, 2)]);
      // The higher refused version is kept; a page that does not apply changes nothing.
      await page(store, 1, [], A, { untrusted: [refusal(1, 3)] });
      await page(store, 1, [], A, { untrusted: [refusal(1, 2)] });
      await page(store, 0, [], A, { untrusted: [refusal(4, 1)] });
      expect(await store.untrustedRecords(A, B)).toEqual([refusal(1, 3), refusal(2, 2)]);
      // Applied below the refused version it stays; at it, it is done.
      await page(store, 1, [await event(2, 1, 2)], A);
      expect((await store.untrustedRecords(A, B)).map((r) => r.recordId)).toEqual([id(1), id(2)]);
      await page(store, 2, [await event(3, 1, 3)], A);
      expect(await store.untrustedRecords(A, B)).toEqual([refusal(2, 2)]);
      // Gone from the feed's snapshot: forgotten, and a live entry of it swept from the feed view.
      const before = await store.getPeer(A);
      expect(before?.recordCount).toBe(2);
      await store.applyPage({
        feed: A,
        from: changesAt(3),
        to: changesAt(3),
        events: [],
        knownHeadSeq: 3,
        gone: [id(2), id(5)],
        at: AT,
      });
      expect(await store.untrustedOwners(A, 10)).toEqual([C]);
      const after = await store.getPeer(A);
      expect(after).toMatchObject({ cursor: 3, recordCount: 1 });
      expect(after?.stateDigest).toBe(await digestOf([await event(3, 1, 3)]));
      expect(await store.getRecord(id(5))).toMatchObject({ hidden: true });
      expect((await store.listRecords({ liveOnly: true })).map((r) => r.recordId)).toEqual([id(1)]);
      await store.unfollow(A);
      expect(await store.untrustedOwners(A, 10)).toEqual([]);
    });

    it("re-snapshots: records the new snapshot no longer has are swept from the feed and hidden", async () => {
      const store = await make();
      await followed(store);
      await skipSnapshot(store);
      const kept = await event(1, 1, 1);
      const gone = await event(2, 2, 1);
      const refusedNow = await event(3, 4, 1);
      await page(store, 0, [kept, gone, refusedNow]);
      expect(await store.restartSnapshot(A, changesAt(0), AT)).toBe(false);
      expect(await store.restartSnapshot(A, changesAt(3, "h3"), AT)).toBe(true);
      expect(await store.getPeer(A)).toMatchObject({ ...START, recordCount: 3 });
      const fresh = await event(40, 3, 1);
      // The snapshot still carries record 4, but it was refused this time: seen, so not swept.
      const done = await store.applyPage({
        feed: A,
        from: START,
        to: changesAt(40, "h40"),
        events: [kept, fresh],
        seen: [id(4)],
        knownHeadSeq: 40,
        at: AT,
      });
      expect(done.changed.map((e) => e.recordId)).toEqual([id(3)]);
      expect(await store.getPeer(A)).toMatchObject({
        cursor: 40,
        recordCount: 3,
        stateDigest: await digestOf([kept, fresh, refusedNow]),
      });
      expect((await store.listRecords({ liveOnly: true })).map((r) => r.recordId)).toEqual([
        id(1),
        id(3),
        id(4),
      ]);
      expect(await store.getRecord(id(2))).toMatchObject({ hidden: true });
    });

    it("keeps a record visible while another followed feed still holds it, whichever feed a sweep empties", async () => {
      const store = await make();
      for (const feed of [A, M]) {
        await followed(store, feed);
        await skipSnapshot(store, feed);
      }
      // The mirror delivers version 2 first; the owner's own feed then delivers the same record.
      const v2 = await event(1, 1, 2);
      await page(store, 0, [v2], M);
      await page(store, 0, [v2], A);
      expect(await store.getRecord(id(1))).toMatchObject({ version: 2, feed: M, hidden: false });
      // The mirror's snapshot no longer has it (it stopped mirroring that owner): the owner's feed still does.
      await store.applyPage({
        feed: M,
        from: changesAt(1),
        to: changesAt(1),
        events: [],
        knownHeadSeq: 1,
        gone: [id(1)],
        at: AT,
      });
      expect(await store.getPeer(M)).toMatchObject({ recordCount: 0 });
      expect(await store.getRecord(id(1))).toMatchObject({ version: 2, hidden: false });
      expect((await store.listRecords({ liveOnly: true })).map((r) => r.recordId)).toEqual([id(1)]);
      // Once no followed feed holds it, it goes.
      await store.applyPage({
        feed: A,
        from: changesAt(1),
        to: changesAt(1),
        events: [],
        knownHeadSeq: 1,
        gone: [id(1)],
        at: AT,
      });
      expect(await store.getRecord(id(1))).toMatchObject({ version: 2, hidden: true });
      expect(await store.listRecords({ liveOnly: true })).toEqual([]);
    });

    it("counts each owner's live rows through pages, tombstones, hidden rows, sweeps and unfollows", async () => {
      const store = await make();
      for (const feed of [A, M]) {
        await followed(store, feed);
        await skipSnapshot(store, feed);
      }
      const live = () => store.liveRecordCount(OWNER);
      expect(await live()).toBe(0);
      await page(store, 0, [await event(1, 1, 1), await event(2, 2, 1), await event(3, 3, 1)]);
      await page(store, 3, [await eventOfB(4, 1, 1)]);
      expect([await live(), await store.liveRecordCount(OWNER_B)]).toEqual([3, 1]);
      // An update adds no record, a tombstone takes one away; an equivocation hides one, a new version shows it.
      await page(store, 4, [await event(5, 1, 2), await event(6, 2, 2, "delete")]);
      expect(await live()).toBe(2);
      await page(store, 6, [await event(7, 3, 1, "put", " (altered)")]);
      expect(await live()).toBe(1);
      await page(store, 7, [await event(8, 3, 2)]);
      expect(await live()).toBe(2);
      // Another feed with the same record adds nothing; with a new one, it counts once across feeds.
      await page(store, 0, [await event(1, 1, 2), await event(2, 9, 1)], M);
      expect(await live()).toBe(3);
      // Swept from the only feed that held it: hidden, no longer counted.
      await store.applyPage({
        feed: A,
        from: changesAt(8),
        to: changesAt(8),
        events: [],
        knownHeadSeq: 8,
        gone: [id(3)],
        at: AT,
      });
      expect(await live()).toBe(2);
      // Unfollowing the mirror forgets what only it held (record 9); record 1 stays with A.
      await store.unfollow(M);
      expect(await live()).toBe(1);
      await store.unfollow(A);
      expect([await live(), await store.liveRecordCount(OWNER_B)]).toEqual([0, 0]);
    });

    it("applies nothing of a page that would take an owner past the cap, and only growth is refused", async () => {
      const store = await make();
      for (const feed of [A, M]) {
        await followed(store, feed);
        await skipSnapshot(store, feed);
      }
      const cap = { maxRecordsPerOwner: 3 };
      const first = [await event(1, 1, 1), await event(2, 2, 1), await event(3, 3, 1)];
      expect((await page(store, 0, first, A, cap)).applied).toBe(true);
      expect(await store.liveRecordCount(OWNER)).toBe(3);
      const before = await store.getPeer(A);
      const refused: NewQuarantineEntry = {
        kind: "record",
        feed: A,
        recordId: id(8),
        code: "RECORD_SIGNATURE_INVALID",
        reason: "the proof does not verify",
        at: AT,
      };
      // An update and a new record in one page: the new one goes past the cap, so neither applies.
      const over = await page(store, 3, [await event(4, 1, 2), await event(5, 4, 1)], A, {
        ...cap,
        refused: [refused],
        untrusted: [{ recordId: id(7), version: 1, owner: OWNER_B, code: "TRUST_UNKNOWN", at: AT }],
      });
      expect(over).toEqual({
        applied: false,
        changed: [],
        stale: 0,
        equivocations: [],
        overQuota: { owner: OWNER, cap: 3, held: 3, count: 4 },
      });
      expect(await store.getPeer(A)).toEqual(before);
      expect((await store.getRecord(id(1)))?.version).toBe(1);
      expect(await store.getRecord(id(4))).toBeUndefined();
      expect(await store.listQuarantine()).toEqual([]);
      expect(await store.untrustedOwners(A, 10)).toEqual([]);
      // At the cap, updates and tombstones apply; so does a new record that replaces a deleted one.
      expect(
        (await page(store, 3, [await event(4, 1, 2), await event(5, 2, 2, "delete")], A, cap)).applied,
      ).toBe(true);
      expect((await page(store, 5, [await event(6, 5, 1)], A, cap)).applied).toBe(true);
      expect(await store.liveRecordCount(OWNER)).toBe(3);
      expect(
        (await page(store, 6, [await event(7, 3, 2, "delete"), await event(8, 6, 1)], A, cap)).applied,
      ).toBe(true);
      // Another owner's record in a page that takes this owner past the cap is refused with it.
      const mixed = await page(store, 8, [await eventOfB(9, 1, 1), await event(10, 7, 1)], A, cap);
      expect(mixed.overQuota).toEqual({ owner: OWNER, cap: 3, held: 3, count: 4 });
      expect(await store.liveRecordCount(OWNER_B)).toBe(0);
      expect((await page(store, 8, [await eventOfB(9, 1, 1)], A, cap)).applied).toBe(true);
      // The cap is per owner across feeds: a mirror's new record counts against the same owner.
      expect((await page(store, 0, [await event(1, 8, 1)], M, cap)).overQuota).toMatchObject({ count: 4 });
      expect((await page(store, 0, [await event(1, 1, 2)], M, cap)).applied).toBe(true);
      // Lowered below what is held: growth is refused, corrections still apply.
      expect((await page(store, 9, [await event(10, 1, 3)], A, { maxRecordsPerOwner: 1 })).applied).toBe(
        true,
      );
      expect(await store.liveRecordCount(OWNER)).toBe(3);
      // A snapshot page is judged the same way.
      await followed(store, "https://c.example");
      const snap = await store.applyPage({
        feed: "https://c.example",
        from: START,
        to: changesAt(5),
        events: [await event(5, 20, 1)],
        knownHeadSeq: 5,
        at: AT,
        ...cap,
      });
      expect(snap.overQuota).toEqual({ owner: OWNER, cap: 3, held: 3, count: 4 });
      expect(await store.getPeer("https://c.example")).toMatchObject({ ...START, recordCount: 0 });
    });

    it.runIf(makeAggregator !== undefined)(
      "republishes what changed the catalogue into the node's feed, in the page's write",
      async () => {
        const { store, feed } = await (makeAggregator as AggregatorFactory)();
        await followed(store);
        await skipSnapshot(store);
        const first = [await event(1, 1, 1), await event(2, 2, 2), await event(3, 1, 2, "delete")];
        await store.applyPage({
          feed: A,
          from: changesAt(0),
          to: changesAt(3, "h3"),
          events: first,
          knownHeadSeq: 3,
          at: AT,
          republish: true,
        });
        const second = [await event(4, 2, 1), await event(5, 3, 1)];
        const applied = await store.applyPage({
          feed: A,
          from: changesAt(3),
          to: changesAt(5, "h5"),
          events: second,
          knownHeadSeq: 5,
          at: AT,
          republish: true,
        });
        expect(applied.stale).toBe(1);
        // A page that does not apply republishes nothing either.
        await store.applyPage({
          feed: A,
          from: changesAt(3),
          to: changesAt(5, "h5"),
          events: second,
          knownHeadSeq: 5,
          at: AT,
          republish: true,
        });
        const page = await feed.changes(0, 100);
        if (!page.ok) throw new Error(page.reason);
        expect(page.value.events.map((e) => [e.op, e.recordId, e.version, e.recordHash])).toEqual(
          [first[0], first[1], first[2], second[1]].map((e) => [
            e?.op,
            e?.recordId,
            e?.version,
            e?.recordHash,
          ]),
        );
        expect(page.value.events[0]?.record).toEqual(first[0]?.record);
        const head = await feed.head();
        expect({ digest: head.stateDigest, count: head.recordCount }).toEqual({
          digest: (await store.getPeer(A))?.stateDigest,
          count: (await store.getPeer(A))?.recordCount,
        });
      },
    );
  });
}
