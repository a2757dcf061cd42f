/**
 * The follower's cap on live records per owner, on in-memory ports (see test-origins.ts): a page that would
 * take an owner past it applies nothing and quarantines its feed, updates and tombstones still apply at the
 * cap, a mixed page is refused whole, other feeds keep syncing, and an operator lifts the quarantine by
 * following the feed again under a higher cap.
 */
import { describe, expect, it } from "vitest";
import { type JsonRecord, jsonHashOf } from "../feed/event.ts";
import { DEFAULT_MAX_RECORDS_PER_OWNER, Follower } from "./follower.ts";
import { MemoryReplicaStore } from "./memory-replica-store.ts";
import { digestOfLog, makeFollower, makeOrigin, type Origin } from "./test-origins.ts";

/** Appends a record signed by its owner to another origin's feed (a mirror carrying it). */
async function carry(mirror: Origin, record: JsonRecord) {
  const appended = await mirror.log.append({
    op: "put",
    recordId: String(record.id),
    version: Number(record.version),
    recordHash: await jsonHashOf(record),
    record,
  });
  if (!appended.ok) throw new Error(appended.reason);
}

describe("Follower: the cap on live records per owner", () => {
  it("quarantines a feed whose page would go past the cap mid-page, applying nothing of it", async () => {
    const a = await makeOrigin("a.example");
    for (const slug of ["c1", "c2", "c3"]) await a.put(slug, 1);
    const { store, follower, live } = makeFollower([a], { maxRecordsPerOwner: 4 });
    await follower.follow(a.entityId, a.did);
    expect(await follower.pull(a.entityId)).toMatchObject({ outcome: "caught-up", checkpointMatches: true });
    const before = await store.getPeer(a.entityId);
    // Pages of two: c4 alone would fit, c5 goes past the cap; the page is one, so neither is applied.
    for (const slug of ["c4", "c5", "c6"]) await a.put(slug, 1);
    const report = await follower.pull(a.entityId);
    expect(report).toMatchObject({
      outcome: "quarantined",
      pages: 0,
      accepted: 0,
      error: { code: "FEED_OWNER_QUOTA" },
    });
    expect(report.error?.reason).toContain("cap of 4");
    expect((await live()).map(([id]) => id)).toEqual([a.idOf("c1"), a.idOf("c2"), a.idOf("c3")]);
    expect(await store.liveRecordCount(a.did)).toBe(3);
    expect(await store.getPeer(a.entityId)).toMatchObject({
      status: "quarantined",
      quarantine: { code: "FEED_OWNER_QUOTA" },
      cursor: before?.cursor,
      stateDigest: before?.stateDigest,
    });
    expect((await store.listQuarantine()).at(-1)).toMatchObject({
      kind: "peer",
      feed: a.entityId,
      code: "FEED_OWNER_QUOTA",
      details: { owner: a.did, cap: 4, held: 3, count: 5 },
    });
    // Quarantined: not pulled again by itself.
    expect(await follower.pull(a.entityId)).toMatchObject({ outcome: "skipped" });
    expect(await follower.runDue({ all: true })).toEqual([]);
  });

  it("still applies updates and tombstones of an owner at the cap; only growth is refused", async () => {
    const a = await makeOrigin("a.example");
    for (const slug of ["c1", "c2", "c3", "c4"]) await a.put(slug, 1);
    const { store, follower, live } = makeFollower([a], { maxRecordsPerOwner: 4 });
    await follower.follow(a.entityId, a.did);
    await follower.pull(a.entityId);
    await a.put("c1", 2, "Course c1, revised");
    await a.put("c3", 2, "Course c3, revised");
    await a.remove("c2", 2);
    await a.put("c5", 1);
    expect(await follower.pull(a.entityId)).toMatchObject({
      outcome: "caught-up",
      accepted: 4,
      checkpointMatches: true,
    });
    expect(await live()).toEqual([
      [a.idOf("c1"), 2],
      [a.idOf("c3"), 2],
      [a.idOf("c4"), 1],
      [a.idOf("c5"), 1],
    ]);
    await a.put("c4", 2);
    await a.put("c6", 1);
    expect(await follower.pull(a.entityId)).toMatchObject({
      outcome: "quarantined",
      error: { code: "FEED_OWNER_QUOTA" },
    });
    expect((await store.getRecord(a.idOf("c4")))?.version).toBe(1);
  });

  it("refuses a mixed page whole: the honest owner's record waits for its own feed, which keeps syncing", async () => {
    const honest = await makeOrigin("honest.example");
    const flood = await makeOrigin("flood.example");
    const mirror = await makeOrigin("mirror.example");
    await honest.put("h1", 1);
    await carry(mirror, await honest.course("h1", 1));
    await carry(mirror, await flood.course("f1", 1));
    await carry(mirror, await flood.course("f2", 1));
    const { store, follower } = makeFollower([honest, flood, mirror], { maxRecordsPerOwner: 2 });
    for (const origin of [mirror, honest]) {
      await follower.follow(origin.entityId, origin.did);
      expect(await follower.pull(origin.entityId)).toMatchObject({ outcome: "caught-up" });
    }
    // One page of the mirror: the honest centre's second course (within the cap), the flooder's third.
    await honest.put("h2", 1);
    await carry(mirror, await honest.course("h2", 1));
    await carry(mirror, await flood.course("f3", 1));
    expect(await follower.pull(mirror.entityId)).toMatchObject({
      outcome: "quarantined",
      error: { code: "FEED_OWNER_QUOTA" },
    });
    expect((await store.listQuarantine()).at(-1)?.details).toEqual({
      owner: flood.did,
      cap: 2,
      held: 2,
      count: 3,
    });
    // h2 was in the refused page: not applied from the mirror. The honest feed, followed too, brings it.
    expect(await store.getRecord(honest.idOf("h2"))).toBeUndefined();
    expect(await follower.pull(honest.entityId)).toMatchObject({
      outcome: "caught-up",
      accepted: 1,
      checkpointMatches: true,
    });
    expect(await store.getRecord(honest.idOf("h2"))).toMatchObject({ version: 1, feed: honest.entityId });
    await honest.put("h1", 2);
    expect((await follower.runDue({ all: true })).map((r) => [r.feed, r.outcome])).toEqual([
      [honest.entityId, "caught-up"],
    ]);
    expect((await store.getRecord(honest.idOf("h1")))?.version).toBe(2);
  });

  it("is lifted by following the feed again after the cap is raised", async () => {
    const a = await makeOrigin("a.example");
    for (let i = 1; i <= 5; i++) await a.put(`c${i}`, 1);
    const first = makeFollower([a], { maxRecordsPerOwner: 3 });
    await first.follower.follow(a.entityId, a.did);
    expect(await first.follower.pull(a.entityId)).toMatchObject({ outcome: "quarantined" });
    // The operator raises the setting and restarts: the same replica, a follower with the new cap.
    const raised = makeFollower([a], { store: first.store, maxRecordsPerOwner: 10 });
    expect(await raised.follower.pull(a.entityId)).toMatchObject({ outcome: "skipped" });
    // Lifting is what it always was: unfollow (DELETE /federation/peers), follow (POST), a fresh snapshot.
    await raised.follower.unfollow(a.entityId);
    await raised.follower.follow(a.entityId, a.did);
    expect(await raised.follower.pull(a.entityId)).toMatchObject({
      outcome: "caught-up",
      accepted: 5,
      checkpointMatches: true,
    });
    expect(await first.store.getPeer(a.entityId)).toMatchObject({
      status: "active",
      stateDigest: await digestOfLog(a),
    });
    expect(await first.store.liveRecordCount(a.did)).toBe(5);
  });

  it("defaults to 100,000 and refuses a cap that is not a whole number of at least 1", async () => {
    expect(DEFAULT_MAX_RECORDS_PER_OWNER).toBe(100_000);
    const options = {
      store: new MemoryReplicaStore(),
      checkRecord: async () => ({ ok: false, code: "FIELD_INVALID", reason: "unused" }) as const,
      isTrustedOwner: async () => ({ status: "trusted" }) as const,
      resolvePeerKey: async () => undefined,
    };
    expect(() => new Follower(options)).not.toThrow();
    for (const bad of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => new Follower({ ...options, maxRecordsPerOwner: bad })).toThrow(TypeError);
    }
  });
});
