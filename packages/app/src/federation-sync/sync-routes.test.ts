/**
 * The follower's routes through `app.request()`: staff follow, list, pull and unfollow peers and read the
 * quarantine (scope admin, audited, inputs checked); the public hints route answers 202, and only a hint
 * signed (RFC 9421) by the followed feed's own key makes the peer due.
 */
import { createSigner, generateKeyPair } from "@learnbridge/core";
import { buildDidDocument } from "@learnbridge/credentials";
import { jsonHashOf, MemoryReplicaStore, signedJsonPost } from "@learnbridge/federation";
import { describe, expect, it, vi } from "vitest";
import { createCentreApp } from "../app.ts";
import { expectProblem } from "../test-support/expect-problem.ts";
import { CENTRE_URL, getWith, NOW, postJson, testCentre } from "../test-support/test-centre.ts";
import { federationSync } from "./federation-sync.ts";

const PEER = "https://peer.example";
const PEER_DID = "did:web:peer.example";

async function setup() {
  const centre = await testCentre();
  const pair = await generateKeyPair("EdDSA");
  const document = buildDidDocument({
    id: PEER_DID,
    keys: [{ fragment: "key-1", publicKey: pair.publicKey }],
  });
  const requests: string[] = [];
  const fetch = async (url: string) => {
    requests.push(url);
    if (url === `${PEER}/.well-known/did.json`) return Response.json(document);
    throw new TypeError(`fetch failed: ${url} is unreachable`);
  };
  const replica = new MemoryReplicaStore();
  const sync = federationSync({
    publicUrl: CENTRE_URL,
    keys: centre.keys,
    replica,
    network: { fetch },
    clock: () => NOW,
    logError: () => {},
    follower: { report: () => {} },
  });
  const app = createCentreApp({ publicUrl: CENTRE_URL, ...centre, clock: () => NOW, federationSync: sync });
  const admin = await centre.token("admin");
  const hint = (body: unknown, signer = createSigner(pair, `${PEER_DID}#key-1`), clock = () => NOW) =>
    signedJsonPost(`${CENTRE_URL}/federation/feed/hints`, body, { signer, clock }).then((r) =>
      app.request(r),
    );
  return { centre, app, admin, replica, hint, requests, pair, sync };
}

describe("federation sync routes", () => {
  it("follows a feed once, lists it, pulls it on demand, and unfollows it; all audited and checked", async () => {
    const { centre, app, admin, replica } = await setup();
    await expectProblem(await postJson(app, "/federation/peers", { feed: PEER }), 401);
    await expectProblem(
      await postJson(app, "/federation/peers", { feed: PEER }, { token: await centre.token("issue") }),
      403,
    );
    for (const feed of ["ftp://peer.example", `${PEER}/?x=1`, "http://peer.example", "not a url", 7]) {
      const body = await expectProblem(
        await postJson(app, "/federation/peers", { feed }, { token: admin }),
        400,
        "BAD_REQUEST",
      );
      expect(body.field).toBe("feed");
    }
    const created = await postJson(app, "/federation/peers", { feed: PEER }, { token: admin });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({
      feed: PEER,
      did: PEER_DID,
      status: "active",
      phase: "snapshot",
      breaker: "closed",
    });
    expect((await postJson(app, "/federation/peers", { feed: PEER }, { token: admin })).status).toBe(200);
    const listed = (await (await getWith(app, "/federation/peers", admin)).json()) as {
      peers: { feed: string }[];
    };
    expect(listed.peers.map((p) => p.feed)).toEqual([PEER]);
    const pulled = await app.request(`/federation/peers/pull?feed=${encodeURIComponent(PEER)}`, {
      method: "POST",
      headers: { Authorization: `Bearer ${admin}` },
    });
    expect(await pulled.json()).toMatchObject({
      feed: PEER,
      outcome: "failed",
      error: { code: "UPSTREAM_UNAVAILABLE" },
    });
    // The follow started a first pull in the background already: each pull that cannot reach the peer counts.
    expect(await replica.getPeer(PEER)).toMatchObject({
      failures: 2,
      lastError: { code: "UPSTREAM_UNAVAILABLE" },
    });
    const remove = (query: string) =>
      app.request(`/federation/peers${query}`, {
        method: "DELETE",
        headers: { Authorization: `Bearer ${admin}` },
      });
    await expectProblem(await remove(""), 400, "BAD_REQUEST");
    await expectProblem(
      await remove(`?feed=${encodeURIComponent("https://other.example")}`),
      404,
      "NOT_FOUND",
    );
    expect(await (await remove(`?feed=${encodeURIComponent(PEER)}`)).json()).toEqual({
      feed: PEER,
      followed: false,
    });
    expect(await replica.listPeers()).toEqual([]);
    const actions = (await centre.audit.list({ limit: 100 })).map((e) => [e.action, e.subject]);
    expect(actions).toEqual(
      expect.arrayContaining([
        ["federation.follow", PEER],
        ["federation.unfollow", PEER],
      ]),
    );
  });

  it("pages the quarantine list and checks its query", async () => {
    const { app, admin, replica } = await setup();
    await replica.follow({ feed: PEER, did: PEER_DID, at: NOW.toISOString() });
    await replica.quarantinePeer({
      kind: "peer",
      feed: PEER,
      code: "FEED_CHAIN_BROKEN",
      reason: "fork",
      at: NOW.toISOString(),
    });
    const page = (await (await getWith(app, "/federation/quarantine?limit=1", admin)).json()) as {
      entries: { seq: number }[];
      next: number;
    };
    expect(page.entries).toEqual([
      expect.objectContaining({ kind: "peer", feed: PEER, code: "FEED_CHAIN_BROKEN" }),
    ]);
    expect(page.next).toBe(page.entries[0]?.seq);
    expect(await (await getWith(app, `/federation/quarantine?after=${page.next}`, admin)).json()).toEqual({
      entries: [],
    });
    await expectProblem(await getWith(app, "/federation/quarantine?after=-1", admin), 400, "BAD_REQUEST");
    await expectProblem(await getWith(app, "/federation/quarantine?limit=501", admin), 400, "BAD_REQUEST");
  });

  it("lists the replica: live records only on request, by id, a page at a time", async () => {
    const { app, admin, replica } = await setup();
    await replica.follow({ feed: PEER, did: PEER_DID, at: NOW.toISOString() });
    const start = { cursor: 0, headHash: null, snapshotAfter: null, snapshotAsOfSeq: null };
    const record = (slug: string, type = "Course") => ({
      type,
      id: `${PEER}/catalogue/courses/${slug}`,
      owner: PEER_DID,
      version: 1,
      title: { en: slug },
    });
    const events = await Promise.all(
      [record("a"), record("b", "Tombstone")].map(async (r, i) => ({
        seq: i + 1,
        op: r.type === "Tombstone" ? ("delete" as const) : ("put" as const),
        recordId: r.id,
        version: 1,
        recordHash: await jsonHashOf(r),
        record: r,
        owner: PEER_DID,
      })),
    );
    await replica.applyPage({
      feed: PEER,
      from: { phase: "snapshot", ...start },
      to: { phase: "changes", ...start, cursor: 2 },
      events,
      knownHeadSeq: 2,
      at: NOW.toISOString(),
    });
    const all = (await (await getWith(app, "/federation/replica?limit=1", admin)).json()) as {
      records: { recordId: string }[];
      next: string;
    };
    expect(all.records.map((r) => r.recordId)).toEqual([`${PEER}/catalogue/courses/a`]);
    const rest = (await (
      await getWith(app, `/federation/replica?after=${encodeURIComponent(all.next)}`, admin)
    ).json()) as {
      records: { op: string }[];
    };
    expect(rest.records.map((r) => r.op)).toEqual(["delete"]);
    const live = (await (await getWith(app, "/federation/replica?live=true", admin)).json()) as {
      records: unknown[];
    };
    expect(live.records).toHaveLength(1);
    await expectProblem(await getWith(app, "/federation/replica?limit=0", admin), 400, "BAD_REQUEST");
    await expectProblem(await getWith(app, "/federation/replica"), 401);
  });

  it("schedules a pull only on a hint signed by the followed feed's own key", async () => {
    const { app, replica, hint, requests, sync } = await setup();
    // Not followed: accepted and ignored, without fetching anybody's keys.
    expect(await (await hint({ feed: PEER, headSeq: 3 })).json()).toEqual({
      accepted: true,
      scheduled: false,
    });
    expect(requests).toEqual([]);
    await replica.follow({ feed: PEER, did: PEER_DID, at: NOW.toISOString() });
    await replica.setHealth(PEER, {
      failures: 0,
      breaker: "closed",
      openings: 0,
      nextPullAt: "2026-06-01T01:00:00.000Z",
    });
    const stranger = await generateKeyPair("EdDSA");
    await expectProblem(
      await hint({ feed: PEER, headSeq: 3 }, createSigner(stranger, "did:web:stranger.example#key-1")),
      401,
      "HTTP_SIGNATURE_INVALID",
    );
    await expectProblem(
      await hint({ feed: PEER, headSeq: 3 }, createSigner(stranger, `${PEER_DID}#key-1`)),
      401,
      "HTTP_SIGNATURE_INVALID",
    );
    await expectProblem(
      await hint({ feed: PEER, headSeq: 3 }, undefined, () => new Date(NOW.getTime() - 3_600_000)),
      401,
      "HTTP_SIGNATURE_INVALID",
    );
    const unsigned = await app.request("/federation/feed/hints", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ feed: PEER, headSeq: 3 }),
    });
    await expectProblem(unsigned, 401, "HTTP_SIGNATURE_INVALID");
    expect((await replica.getPeer(PEER))?.nextPullAt).toBe("2026-06-01T01:00:00.000Z");
    const snapshotReads = () =>
      requests.filter((url) => url.startsWith(`${PEER}/federation/feed/snapshot`)).length;
    expect(snapshotReads()).toBe(0);
    const accepted = await hint({ feed: PEER, headSeq: 3 });
    expect(accepted.status).toBe(202);
    expect(await accepted.json()).toEqual({ accepted: true, scheduled: true });
    // The hint made the peer due, and the route started that pull at once (the peer's feed is down here).
    expect((await replica.getPeer(PEER))?.knownHeadSeq).toBe(3);
    await vi.waitFor(() => expect(snapshotReads()).toBeGreaterThanOrEqual(1));
    await sync.follower.pull(PEER);
  });

  it("refuses malformed hints with a stable code", async () => {
    const { app, hint } = await setup();
    const raw = (body: string) =>
      app.request("/federation/feed/hints", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
      });
    await expectProblem(await raw("{"), 400, "MALFORMED_JSON");
    await expectProblem(await raw("[]"), 400, "BAD_REQUEST");
    await expectProblem(await hint({ feed: PEER, headSeq: -1 }), 422, "FIELD_INVALID");
    await expectProblem(await hint({ feed: "mailto:x@y", headSeq: 1 }), 422, "FIELD_INVALID");
    await expectProblem(await hint({ feed: PEER, headSeq: 1, data: {} }), 422, "FIELD_INVALID");
  });

  it("describes every route it serves in the OpenAPI document", async () => {
    const { app } = await setup();
    const document = (await (await app.request("/openapi.json")).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const mine = app.routes
      .filter(
        (r) =>
          r.method !== "ALL" &&
          (r.path.startsWith("/federation/peers") ||
            r.path.startsWith("/federation/quarantine") ||
            r.path.startsWith("/federation/replica") ||
            r.path === "/federation/feed/hints"),
      )
      .map((r) => `${r.method.toLowerCase()} ${r.path}`);
    expect(new Set(mine).size).toBe(7);
    for (const route of mine) {
      const [method, path] = route.split(" ") as [string, string];
      expect(document.paths[path]?.[method], route).toBeDefined();
    }
  });
});
