/** The follower on in-memory ports against origins served by `serveFeed` (see test-origins.ts). */
import { generateKeyPair } from "@learnbridge/core";
import { describe, expect, it } from "vitest";
import type { FeedEvent } from "../feed/event.ts";
import { jsonHashOf } from "../feed/event.ts";
import { MemoryFeedLog } from "../feed/memory-feed-log.ts";
import { routeOrigins, serveFeed } from "../testing/feed-server.ts";
import { MemoryReplicaStore } from "./memory-replica-store.ts";
import { advance, clock, digestOfLog, makeFollower, makeOrigin, now } from "./test-origins.ts";

describe("Follower", () => {
  it("bootstraps from the snapshot, then follows changes: updates, deletions, a matching checkpoint", async () => {
    const a = await makeOrigin("a.example");
    for (const slug of ["c1", "c2", "c3", "c4", "c5"]) await a.put(slug, 1);
    await a.put("c2", 2, "Course c2, revised");
    const { store, follower, live } = makeFollower([a]);
    await follower.follow(a.entityId, a.did);
    const first = await follower.pull(a.entityId);
    expect(first).toMatchObject({ outcome: "caught-up", accepted: 5, refused: 0, checkpointMatches: true });
    expect(await live()).toEqual([
      [a.idOf("c1"), 1],
      [a.idOf("c2"), 2],
      [a.idOf("c3"), 1],
      [a.idOf("c4"), 1],
      [a.idOf("c5"), 1],
    ]);
    expect(await store.getPeer(a.entityId)).toMatchObject({
      phase: "changes",
      cursor: 6,
      stateDigest: await digestOfLog(a),
    });
    await a.put("c1", 2);
    await a.remove("c3", 2);
    await a.put("c6", 1);
    const second = await follower.pull(a.entityId);
    expect(second).toMatchObject({ outcome: "caught-up", accepted: 3, checkpointMatches: true });
    expect(await live()).toEqual([
      [a.idOf("c1"), 2],
      [a.idOf("c2"), 2],
      [a.idOf("c4"), 1],
      [a.idOf("c5"), 1],
      [a.idOf("c6"), 1],
    ]);
    expect((await store.getRecord(a.idOf("c3")))?.op).toBe("delete");
    const peer = await store.getPeer(a.entityId);
    expect(peer?.checkpoint).toMatchObject({ headSeq: 9, matches: true, stateDigest: await digestOfLog(a) });
    expect(peer).toMatchObject({ failures: 0, breaker: "closed", lastSuccessAt: now.toISOString() });
  });

  it("refuses forged and untrusted records, applies the rest, and lists the refusals", async () => {
    const a = await makeOrigin("a.example");
    const stranger = await makeOrigin("stranger.example");
    await a.put("good", 1);
    const forged = { ...(await a.course("forged", 1)), title: { en: "Tampered after signing" } };
    await a.log.append({
      op: "put",
      recordId: a.idOf("forged"),
      version: 1,
      recordHash: await jsonHashOf(forged),
      record: forged,
    });
    const foreign = await stranger.course("theirs", 1);
    await a.log.append({
      op: "put",
      recordId: stranger.idOf("theirs"),
      version: 1,
      recordHash: await jsonHashOf(foreign),
      record: foreign,
    });
    await a.put("also-good", 1);
    const { store, follower, trusted, live } = makeFollower([a, stranger]);
    trusted.delete(stranger.did);
    await follower.follow(a.entityId, a.did);
    const report = await follower.pull(a.entityId);
    expect(report).toMatchObject({ outcome: "caught-up", accepted: 2, refused: 2 });
    expect(await live()).toEqual([
      [a.idOf("also-good"), 1],
      [a.idOf("good"), 1],
    ]);
    expect((await store.listQuarantine()).map((q) => [q.kind, q.recordId, q.code])).toEqual([
      ["record", a.idOf("forged"), "RECORD_SIGNATURE_INVALID"],
      ["record", stranger.idOf("theirs"), "RECORD_OWNER_UNTRUSTED"],
    ]);
    // The follower holds fewer records than the feed: the checkpoint says so.
    expect(report.checkpointMatches).toBe(false);
  });

  it("refetches keys once on an unknown key: a rotation is followed, a key nobody published quarantines", async () => {
    const a = await makeOrigin("a.example");
    await a.put("c1", 1);
    const { store, follower, refreshes, live } = makeFollower([a]);
    await follower.follow(a.entityId, a.did);
    await follower.pull(a.entityId);
    await a.rotate();
    await a.put("c2", 1);
    await a.put("c3", 1);
    expect(await follower.pull(a.entityId)).toMatchObject({
      outcome: "caught-up",
      accepted: 2,
      checkpointMatches: true,
    });
    expect(refreshes).toEqual([a.did]);
    expect((await live()).length).toBe(3);
    const rogue = await generateKeyPair("EdDSA");
    const unknownKey = await a.sign(
      { type: "Course", id: a.idOf("c4"), owner: a.did, version: 1, title: { en: "x" } },
      `${a.did}#key-99`,
      rogue,
    );
    await a.log.append({
      op: "put",
      recordId: a.idOf("c4"),
      version: 1,
      recordHash: await jsonHashOf(unknownKey),
      record: unknownKey,
    });
    expect(await follower.pull(a.entityId)).toMatchObject({
      outcome: "quarantined",
      error: { code: "KEY_NOT_FOUND" },
    });
    expect(refreshes).toEqual([a.did, a.did]);
    expect(await store.getPeer(a.entityId)).toMatchObject({ status: "quarantined", cursor: 3 });
    expect((await live()).length).toBe(3);
    expect(await follower.pull(a.entityId)).toMatchObject({ outcome: "skipped" });
  });

  it("quarantines a peer whose chain forks", async () => {
    const a = await makeOrigin("a.example");
    await a.put("c1", 1);
    const { store, follower } = makeFollower([a]);
    await follower.follow(a.entityId, a.did);
    await follower.pull(a.entityId);
    await a.put("c2", 1);
    const tampered = routeOrigins({
      [a.entityId]: serveFeed({
        entityId: a.entityId,
        log: a.log,
        signer: a.signer,
        clock,
        tamper: (events) => events.map((e): FeedEvent => ({ ...e, prev: e.hash })),
      }),
    });
    // The same replica, now reading the peer through a feed that rewrites its chain.
    const forked = makeFollower([a], { fetch: tampered, store });
    expect(await forked.follower.pull(a.entityId)).toMatchObject({
      outcome: "quarantined",
      error: { code: "FEED_CHAIN_BROKEN" },
    });
    expect((await store.listQuarantine()).at(-1)).toMatchObject({ kind: "peer", code: "FEED_CHAIN_BROKEN" });
    expect((await store.getPeer(a.entityId))?.cursor).toBe(1);
  });

  it("re-snapshots when behind retention, and ends with the origin's digest", async () => {
    const a = await makeOrigin("a.example");
    for (const slug of ["c1", "c2", "c3"]) await a.put(slug, 1);
    const { store, follower, live } = makeFollower([a]);
    await follower.follow(a.entityId, a.did);
    await follower.pull(a.entityId);
    await a.remove("c2", 2);
    await a.put("c1", 2);
    await a.put("c4", 1);
    for (let v = 2; v <= 6; v++) await a.put("c4", v);
    advance(2 * 86_400_000);
    await a.log.compact({ minEvents: 2, minDays: 1 }, now);
    expect((await a.log.head()).retainedFrom).toBeGreaterThan(4);
    const report = await follower.pull(a.entityId);
    expect(report).toMatchObject({ outcome: "caught-up", checkpointMatches: true });
    expect(await live()).toEqual([
      [a.idOf("c1"), 2],
      [a.idOf("c3"), 1],
      [a.idOf("c4"), 6],
    ]);
    // c2's tombstone was compacted away: the re-snapshot's sweep hid it.
    expect(await store.getRecord(a.idOf("c2"))).toMatchObject({ hidden: true });
  });

  it("backs off, opens the breaker, and lets a signed hint from the peer run the trial", async () => {
    const a = await makeOrigin("a.example");
    await a.put("c1", 1);
    const { store, follower, fetch } = makeFollower([a]);
    await follower.follow(a.entityId, a.did);
    fetch.down(a.entityId);
    for (let i = 1; i <= 5; i++) {
      const due = await follower.runDue();
      expect(due.map((r) => r.outcome)).toEqual(["failed"]);
      const peer = await store.getPeer(a.entityId);
      if (i < 5) advance(Date.parse(peer?.nextPullAt ?? "") - now.getTime());
    }
    const peer = await store.getPeer(a.entityId);
    expect(peer).toMatchObject({ failures: 5, breaker: "open", lastError: { code: "UPSTREAM_UNAVAILABLE" } });
    advance(10_000);
    expect(await follower.runDue()).toEqual([]);
    fetch.up(a.entityId);
    expect(await follower.receiveHint({ feed: a.entityId, headSeq: 1 }, "did:web:other.example#key-1")).toBe(
      "ignored",
    );
    expect(
      await follower.receiveHint({ feed: "https://unknown.example", headSeq: 1 }, `${a.did}#key-1`),
    ).toBe("ignored");
    expect(await follower.receiveHint({ feed: a.entityId, headSeq: 1 }, `${a.did}#key-1`)).toBe("scheduled");
    const trial = await follower.runDue();
    expect(trial.map((r) => r.outcome)).toEqual(["caught-up"]);
    expect(await store.getPeer(a.entityId)).toMatchObject({ failures: 0, breaker: "closed" });
    // Caught up: a hint for what it has is ignored, a hint for more makes it due.
    expect(await follower.receiveHint({ feed: a.entityId, headSeq: 1 }, `${a.did}#key-1`)).toBe("ignored");
    expect(await follower.runDue()).toEqual([]);
    await a.put("c2", 1);
    expect(await follower.receiveHint({ feed: a.entityId, headSeq: 2 }, `${a.did}#key-1`)).toBe("scheduled");
    expect((await follower.runDue()).map((r) => [r.outcome, r.accepted])).toEqual([["caught-up", 1]]);
  });

  it("stops after its page budget and stays due; joins a pull already running", async () => {
    const a = await makeOrigin("a.example");
    for (let i = 1; i <= 9; i++) await a.put(`c${i}`, 1);
    const { store, follower } = makeFollower([a], { maxPagesPerPull: 2 });
    await follower.follow(a.entityId, a.did);
    const [one, two] = await Promise.all([follower.pull(a.entityId), follower.pull(a.entityId)]);
    expect(one).toBe(two);
    expect(one).toMatchObject({ outcome: "partial", pages: 2, accepted: 4 });
    expect((await store.getPeer(a.entityId))?.nextPullAt).toBe(now.toISOString());
    const reports = [];
    for (let i = 0; i < 5 && (await store.duePeers(now.toISOString(), 1)).length > 0; i++)
      reports.push(...(await follower.runDue()));
    expect(reports.at(-1)).toMatchObject({ outcome: "caught-up", checkpointMatches: true });
    expect((await store.listRecords({ liveOnly: true })).length).toBe(9);
    // Caught up, nothing is due; a node that starts again pulls every peer all the same.
    expect(await follower.runDue()).toEqual([]);
    expect((await follower.runDue({ all: true })).map((r) => r.outcome)).toEqual(["caught-up"]);
  });

  it("in aggregator mode republishes what changed the replica into its own feed, signed by the owners", async () => {
    const a = await makeOrigin("a.example");
    await a.put("c1", 1);
    await a.put("c2", 1);
    await a.remove("c1", 2);
    const own = new MemoryFeedLog({ clock });
    const { follower } = makeFollower([a], {
      aggregator: true,
      store: new MemoryReplicaStore({ feed: own }),
    });
    await follower.follow(a.entityId, a.did);
    await follower.pull(a.entityId);
    const events = async () => {
      const page = await own.changes(0, 500);
      return page.ok ? page.value.events.map((e) => [e.op, e.recordId, e.version, e.record]) : [];
    };
    // The snapshot held c2 only (c1 was deleted before the follower came).
    expect(await events()).toEqual([
      ["put", a.idOf("c2"), 1, await (await a.log.snapshot(undefined, 10)).records[0]],
    ]);
    await a.put("c2", 2);
    await a.remove("c2", 3);
    await follower.pull(a.entityId);
    expect((await events()).map(([op, , version]) => [op, version])).toEqual([
      ["put", 1],
      ["put", 2],
      ["delete", 3],
    ]);
    // The mirror's digest of its own feed is the origin's: the same live records.
    expect((await own.head()).stateDigest).toBe(await digestOfLog(a));
  });
});
