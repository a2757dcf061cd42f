/**
 * The follower when trust is not settled yet, and when nothing happens: an owner whose trust cannot be
 * resolved fails the pull for a retry (nothing applied, nothing refused); records refused for their owner's
 * trust come back from the peer's snapshot once the owner is trusted; an idle poll is two 304s.
 */
import { describe, expect, it } from "vitest";
import { jsonHashOf } from "../feed/event.ts";
import { routeOrigins, serveFeed } from "../testing/feed-server.ts";
import type { FeedFetch } from "./feed-client.ts";
import { advance, clock, digestOfLog, makeFollower, makeOrigin, now, type Origin } from "./test-origins.ts";

/** A fetch to `origin` that notes each answer's status, path and body size. */
function metered(origin: Origin) {
  const route = routeOrigins({
    [origin.entityId]: serveFeed({
      entityId: origin.entityId,
      log: origin.log,
      signer: origin.signer,
      clock,
    }),
  });
  const answers: { status: number; path: string; query: string; bytes: number }[] = [];
  const fetch: FeedFetch = async (input, init) => {
    const response = await route(input, init);
    const url = new URL(input);
    const bytes = (await response.clone().arrayBuffer()).byteLength;
    answers.push({
      status: response.status,
      path: url.pathname.split("/").at(-1) ?? "",
      query: url.search,
      bytes,
    });
    return response;
  };
  return { fetch, answers };
}

/** Appends `origin`'s signed record of `slug` to `carrier`'s feed (a feed carrying another owner's record). */
async function carry(carrier: Origin, origin: Origin, slug: string, version: number, op: "put" | "delete") {
  const record =
    op === "put"
      ? await origin.course(slug, version)
      : await origin.sign({ type: "Tombstone", id: origin.idOf(slug), owner: origin.did, version });
  const appended = await carrier.log.append({
    op,
    recordId: origin.idOf(slug),
    version,
    recordHash: await jsonHashOf(record),
    record,
  });
  if (!appended.ok) throw new Error(appended.reason);
}

describe("Follower: trust not settled yet", () => {
  it("fails the pull while an owner's trust cannot be resolved, and applies the page once it can", async () => {
    const a = await makeOrigin("a.example");
    await a.put("c1", 1);
    const { store, follower, unresolvable, live } = makeFollower([a]);
    await follower.follow(a.entityId, a.did);
    unresolvable.add(a.did);
    const offline = await follower.pull(a.entityId);
    expect(offline).toMatchObject({
      outcome: "failed",
      accepted: 0,
      refused: 0,
      error: { code: "TRUST_UNAVAILABLE" },
    });
    expect(await store.getPeer(a.entityId)).toMatchObject({
      status: "active",
      phase: "snapshot",
      cursor: 0,
      failures: 1,
      lastError: { code: "TRUST_UNAVAILABLE" },
    });
    expect(Date.parse((await store.getPeer(a.entityId))?.nextPullAt ?? "")).toBeGreaterThan(now.getTime());
    expect(await live()).toEqual([]);
    expect(await store.listQuarantine()).toEqual([]);

    unresolvable.delete(a.did);
    advance(60_000);
    expect((await follower.runDue()).map((r) => [r.outcome, r.accepted])).toEqual([["caught-up", 1]]);
    // In the changes phase too: the page waits, whole, with the cursor where it was.
    await a.put("c2", 1);
    await a.put("c3", 1);
    unresolvable.add(a.did);
    expect(await follower.pull(a.entityId)).toMatchObject({
      outcome: "failed",
      error: { code: "TRUST_UNAVAILABLE" },
    });
    expect(await store.getPeer(a.entityId)).toMatchObject({ cursor: 1, failures: 1 });
    expect(await live()).toEqual([[a.idOf("c1"), 1]]);
    unresolvable.delete(a.did);
    advance(60_000);
    expect(await follower.runDue()).toMatchObject([
      { outcome: "caught-up", accepted: 2, checkpointMatches: true },
    ]);
    expect(await store.listQuarantine()).toEqual([]);
  });

  it("fetches again, from the snapshot, the records refused for their owner once it is trusted", async () => {
    const a = await makeOrigin("a.example");
    const late = await makeOrigin("late.example");
    for (const slug of ["c1", "c2", "c3", "c4", "c5", "c6"]) await a.put(slug, 1);
    await carry(a, late, "s1", 1, "put");
    await carry(a, late, "s2", 1, "put");
    const { fetch, answers } = metered(a);
    const { store, follower, trusted, trustAsked, live } = makeFollower([a, late], { fetch });
    trusted.delete(late.did);
    await follower.follow(a.entityId, a.did);
    expect(await follower.pull(a.entityId)).toMatchObject({ outcome: "caught-up", accepted: 6, refused: 2 });
    expect((await store.listQuarantine()).map((q) => [q.recordId, q.code, q.details?.trust])).toEqual([
      [late.idOf("s1"), "RECORD_OWNER_UNTRUSTED", "TRUST_UNKNOWN"],
      [late.idOf("s2"), "RECORD_OWNER_UNTRUSTED", "TRUST_UNKNOWN"],
    ]);
    expect(await store.untrustedRecords(a.entityId, late.did)).toMatchObject([
      { recordId: late.idOf("s1"), version: 1, owner: late.did, code: "TRUST_UNKNOWN" },
      { recordId: late.idOf("s2"), version: 1, owner: late.did, code: "TRUST_UNKNOWN" },
    ]);

    // Still not trusted: asked once in the pull, nothing fetched again.
    await carry(a, late, "s1", 2, "put");
    await carry(a, late, "s2", 2, "delete");
    trustAsked.length = 0;
    answers.length = 0;
    expect(await follower.pull(a.entityId)).toMatchObject({ outcome: "caught-up", refused: 2, recovered: 0 });
    expect(trustAsked.filter((did) => did === late.did)).toEqual([late.did]);
    expect(answers.filter((r) => r.path === "snapshot")).toEqual([]);
    expect((await store.untrustedRecords(a.entityId, late.did)).map((r) => r.version)).toEqual([2, 2]);

    trusted.add(late.did);
    answers.length = 0;
    const recovered = await follower.pull(a.entityId);
    expect(recovered).toMatchObject({ outcome: "caught-up", recovered: 1, checkpointMatches: true });
    // One snapshot page, starting just before the record wanted (A's own six records are skipped).
    const snapshots = answers.filter((r) => r.path === "snapshot");
    expect(snapshots).toHaveLength(1);
    expect(new URL(`https://x${snapshots[0]?.query}`).searchParams.get("after")).toBe(
      late.idOf("s1").slice(0, -1),
    );
    expect(await store.getRecord(late.idOf("s1"))).toMatchObject({ version: 2, op: "put", owner: late.did });
    // s2 was deleted meanwhile: the snapshot no longer has it, so it is forgotten.
    expect(await store.getRecord(late.idOf("s2"))).toBeUndefined();
    expect(await store.untrustedOwners(a.entityId, 10)).toEqual([]);
    expect((await live()).length).toBe(7);
    expect((await store.getPeer(a.entityId))?.stateDigest).toBe(await digestOfLog(a));
  });
});

describe("Follower: idle polls", () => {
  it("sends the ETags it has: a caught-up peer answers two 304s without a body", async () => {
    const a = await makeOrigin("a.example");
    for (const slug of ["c1", "c2", "c3"]) await a.put(slug, 1);
    const { fetch, answers } = metered(a);
    const { store, follower } = makeFollower([a], { fetch });
    await follower.follow(a.entityId, a.did);
    await follower.pull(a.entityId);
    const poll = async () => {
      answers.length = 0;
      advance(300_000);
      const report = await follower.pull(a.entityId);
      return { report, answers: answers.map((r) => [r.path, r.status, r.bytes]) };
    };
    const idle = await poll();
    expect(idle.report).toMatchObject({ outcome: "caught-up", checkpointMatches: true });
    expect(idle.answers).toEqual([
      ["changes", 304, 0],
      ["checkpoint", 304, 0],
    ]);
    expect((await store.getPeer(a.entityId))?.checkpoint).toMatchObject({
      headSeq: 3,
      matches: true,
      checkedAt: now.toISOString(),
    });

    await a.put("c4", 1);
    const moved = await poll();
    expect(moved.report).toMatchObject({ outcome: "caught-up", accepted: 1, checkpointMatches: true });
    expect(moved.answers.map(([path, status]) => [path, status])).toEqual([
      ["changes", 200],
      ["checkpoint", 200],
    ]);
    // The page that caught up was asked for another cursor: the first poll at the new one is a 200.
    expect((await poll()).answers.map(([path, status]) => [path, status])).toEqual([
      ["changes", 200],
      ["checkpoint", 304],
    ]);
    expect((await poll()).answers).toEqual([
      ["changes", 304, 0],
      ["checkpoint", 304, 0],
    ]);
  });
});
