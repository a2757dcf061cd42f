/**
 * Catalogue federation across nodes, in one process: a trust anchor accredits four centres; B follows A
 * directly, a regional mirror M follows A and republishes it, C follows only the mirror. A course created
 * at A appears at B and C; an update wins by version; a deletion disappears everywhere; a node down for a
 * while catches up; and after quiescence every follower's state digest of each feed it follows equals that
 * feed's signed checkpoint. A centre that publishes before it is accredited has its records refused,
 * then fetched again once its mark is issued; an idle poll of a caught-up peer is two 304s. B keeps its
 * replica in a libSQL file, the others in memory.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { TRUST_MARK_TYPES } from "../../packages/app/src/federation-trust/test-network.ts";
import { LibsqlReplicaStore, migrate } from "../../packages/store/src/index.ts";
import { libsqlBackends } from "../../packages/store/src/testing/index.ts";
import { course, expectOk, SyncNetwork, type SyncNode } from "./sync-network.ts";

const network = new SyncNetwork();
const [, fileBackend] = libsqlBackends();
let hq: SyncNode;
let a: SyncNode;
let b: SyncNode;
let c: SyncNode;
let mirror: SyncNode;

const idAt = (node: SyncNode, slug: string) => `${node.url}/catalogue/courses/${slug}`;
const syncOf = (node: SyncNode) => {
  const sync = node.centre.federationSync;
  if (!sync) throw new Error(`${node.url} has no follower`);
  return sync;
};
const live = async (node: SyncNode) =>
  (await node.replica.listRecords({ liveOnly: true, limit: 1000 })).map((r) => [r.recordId, r.version]);

/** Every follower's digest of every feed it follows equals that feed's signed checkpoint. */
async function expectDigestsMatchCheckpoints() {
  let compared = 0;
  for (const follower of network.nodes.filter((n) => !n.down)) {
    for (const peer of await follower.replica.listPeers()) {
      const origin = network.nodes.find((n) => n.url === peer.feed);
      if (!origin) throw new Error(`unknown feed ${peer.feed}`);
      const checkpoint = await network.checkpointOf(origin);
      expect({
        follower: follower.url,
        feed: peer.feed,
        digest: peer.stateDigest,
        count: peer.recordCount,
        seq: peer.cursor,
      }).toEqual({
        follower: follower.url,
        feed: peer.feed,
        digest: checkpoint.state_digest,
        count: checkpoint.record_count,
        seq: checkpoint.head_seq,
      });
      expect(peer.checkpoint).toMatchObject({ headSeq: checkpoint.head_seq, matches: true });
      compared++;
    }
  }
  return compared;
}

beforeAll(async () => {
  const client = await fileBackend.open();
  await migrate(client);
  hq = await network.start("https://hq.example", { role: "anchor" });
  a = await network.start("https://a.example");
  b = await network.start("https://b.example", { replica: new LibsqlReplicaStore(client) });
  c = await network.start("https://c.example");
  mirror = await network.start("https://mirror.example", { aggregator: true });
  for (const node of [a, b, c, mirror]) await network.accredit(hq, node);
  await network.follow(b, a);
  await network.follow(mirror, a);
  await network.follow(c, mirror);
  // A follows its readers too, so that its hints reach them (a hint is only ever a nudge).
  await network.follow(a, b);
  await network.follow(a, c);
  await network.settle();
});

describe("catalogue federation in one process", () => {
  it("a course created at A appears at B (direct) and at C (through the mirror, still signed by A)", async () => {
    await expectOk(a.call("/catalogue/courses", { body: course("water-101", "Water management") }), 201);
    await expectOk(a.call("/catalogue/courses", { body: course("solar-201", "Solar installation") }), 201);
    // A's own timer announces the change; the hint makes B and the mirror pull at once (no clock advance).
    await network.tick();
    expect(await live(b)).toEqual([
      [idAt(a, "solar-201"), 1],
      [idAt(a, "water-101"), 1],
    ]);
    await network.settle();
    for (const node of [b, c, mirror]) {
      const row = await node.replica.getRecord(idAt(a, "water-101"));
      expect(row).toMatchObject({ owner: "did:web:a.example", version: 1, op: "put", hidden: false });
      expect(row?.record).toMatchObject({
        proof: { verificationMethod: expect.stringMatching(/^did:web:a\.example#/) },
      });
    }
    expect((await c.replica.getRecord(idAt(a, "water-101")))?.feed).toBe(mirror.url);
    expect(await expectDigestsMatchCheckpoints()).toBe(5);
  });

  it("an update wins by version, and a deletion disappears everywhere", async () => {
    await expectOk(
      a.call("/catalogue/courses/water-101", {
        method: "PUT",
        body: course("water-101", "Water management, revised"),
      }),
      200,
    );
    await expectOk(a.call("/catalogue/courses/solar-201", { method: "DELETE" }), 200);
    await network.settle();
    for (const node of [b, c, mirror]) {
      expect(await live(node)).toEqual([[idAt(a, "water-101"), 2]]);
      expect((await node.replica.getRecord(idAt(a, "water-101")))?.record).toMatchObject({
        title: { en: "Water management, revised" },
      });
      expect(await node.replica.getRecord(idAt(a, "solar-201"))).toMatchObject({ op: "delete", version: 2 });
    }
    await expectDigestsMatchCheckpoints();
  });

  it("a node down for a while catches up when it comes back", async () => {
    network.setDown(b, true);
    for (let i = 1; i <= 12; i++) {
      await expectOk(
        a.call("/catalogue/courses", {
          body: course(`evening-${String(i).padStart(2, "0")}`, `Evening class ${i}`),
        }),
        201,
      );
    }
    await expectOk(a.call("/catalogue/courses/evening-03", { method: "DELETE" }), 200);
    // A day passes: A keeps hinting and B misses every hint; the others keep up.
    for (let hour = 0; hour < 24; hour++) await network.tick(3_600_000);
    expect((await network.peer(a, b)).failures).toBeGreaterThan(0);
    expect((await live(b)).length).toBe(1);
    network.setDown(b, false);
    await network.settle();
    expect((await live(b)).length).toBe(12);
    expect(await live(b)).toEqual(await live(c));
    expect((await network.peer(a, b)).failures).toBe(0);
    await expectDigestsMatchCheckpoints();
  });

  it("lists peers, their position and breaker, and the (empty) quarantine to an admin", async () => {
    const peers = (await expectOk(b.call("/federation/peers"), 200)) as { peers: Record<string, unknown>[] };
    const head = await a.feed.head();
    expect(peers.peers).toEqual([
      expect.objectContaining({
        feed: a.url,
        did: "did:web:a.example",
        status: "active",
        phase: "changes",
        cursor: head.seq,
        breaker: "closed",
      }),
    ]);
    expect(await expectOk(b.call("/federation/quarantine"), 200)).toEqual({ entries: [] });
    expect(
      await expectOk(
        c.call("/federation/peers/pull?feed=https%3A%2F%2Fmirror.example", { method: "POST" }),
        200,
      ),
    ).toMatchObject({
      outcome: "caught-up",
      checkpointMatches: true,
    });
  });

  it("refuses a centre's records until its trust mark is issued, then fetches them again", async () => {
    const late = await network.start("https://late.example");
    // Enrolled by the anchor but not yet accredited: it publishes all the same.
    await expectOk(hq.call("/federation/subordinates", { body: { entityId: late.url } }), 201);
    await expectOk(
      late.call("/catalogue/courses", { body: course("early-bird", "Published before accreditation") }),
      201,
    );
    await network.follow(b, late);
    expect(await syncOf(b).follower.pull(late.url)).toMatchObject({ outcome: "caught-up", refused: 1 });
    expect(await b.replica.getRecord(idAt(late, "early-bird"))).toBeUndefined();
    const { entries } = (await expectOk(b.call("/federation/quarantine"), 200)) as {
      entries: Record<string, unknown>[];
    };
    expect(entries.at(-1)).toMatchObject({
      recordId: idAt(late, "early-bird"),
      code: "RECORD_OWNER_UNTRUSTED",
      details: { trust: "TRUST_UNKNOWN" },
    });
    // Not yet: the next pull asks again, and leaves the record where it is.
    expect(await syncOf(b).follower.pull(late.url)).toMatchObject({ outcome: "caught-up", recovered: 0 });

    await expectOk(
      hq.call("/federation/trust-marks", {
        body: { type: TRUST_MARK_TYPES.accreditedCentre, sub: late.url },
      }),
      201,
    );
    await expectOk(late.call("/federation/held-trust-marks/refresh", { body: {} }), 200);
    expect(await syncOf(b).follower.pull(late.url)).toMatchObject({
      outcome: "caught-up",
      recovered: 1,
      checkpointMatches: true,
    });
    expect(await b.replica.getRecord(idAt(late, "early-bird"))).toMatchObject({
      owner: late.centre.did,
      version: 1,
      op: "put",
      hidden: false,
    });
    await network.settle();
    await expectDigestsMatchCheckpoints();
  });

  it("polls a caught-up peer with the ETags of its last answers: two 304s without a body", async () => {
    await network.settle();
    await syncOf(b).follower.pull(a.url);
    const meter = network.meter(a);
    try {
      const report = await syncOf(b).follower.pull(a.url);
      expect(report).toMatchObject({ outcome: "caught-up", checkpointMatches: true });
      expect(meter.answers.map((r) => [r.path, r.status, r.body])).toEqual([
        ["/federation/feed/changes", 304, 0],
        ["/federation/feed/checkpoint", 304, 0],
      ]);
      // Headers only: about 1.4 KB, where the two 200s of the same poll were about 2.1 KB (607 bytes of body).
      expect(meter.answers.reduce((sum, r) => sum + r.head + r.body, 0)).toBeLessThan(1800);
    } finally {
      meter.stop();
    }
  });
});
