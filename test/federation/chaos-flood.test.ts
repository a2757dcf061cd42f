/**
 * A compromised but still accredited centre floods the network with course records. Follower B (its
 * replica in a libSQL file, the per-owner counts kept by the database's triggers) caps live records per
 * owner: the flooding feed is quarantined with FEED_OWNER_QUOTA and nothing of the refused page is kept,
 * while an honest centre's feed keeps syncing through the same timers. Restarted with a higher cap, B's
 * operator lifts the quarantine as always, by following the feed again, and B takes the whole catalogue.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { ReplicaStore } from "../../packages/federation/src/index.ts";
import { LibsqlReplicaStore, migrate } from "../../packages/store/src/index.ts";
import { libsqlBackends } from "../../packages/store/src/testing/index.ts";
import { course, expectOk, SyncNetwork, type SyncNode } from "./sync-network.ts";

const network = new SyncNetwork();
const [, fileBackend] = libsqlBackends();
const CAP = 6;
let hq: SyncNode;
let honest: SyncNode;
let flood: SyncNode;
let b: SyncNode;
let replica: ReplicaStore;

/** Starts (or restarts) follower B, its replica in the libSQL file, with FEDERATION_MAX_RECORDS_PER_OWNER = `cap`. */
const startB = (cap: number) => network.start("https://b.example", { replica, maxRecordsPerOwner: cap });

const publish = async (node: SyncNode, prefix: string, count: number) => {
  for (let i = 1; i <= count; i++)
    await expectOk(
      node.call("/catalogue/courses", { body: course(`${prefix}-${i}`, `${prefix} ${i}`) }),
      201,
    );
};
const liveOf = async (node: SyncNode) =>
  (await b.replica.listRecords({ liveOnly: true, limit: 1000 })).filter((r) => r.owner === node.centre.did);

beforeAll(async () => {
  const client = await fileBackend.open();
  await migrate(client);
  replica = new LibsqlReplicaStore(client);
  hq = await network.start("https://hq.example", { role: "anchor" });
  honest = await network.start("https://honest.example");
  flood = await network.start("https://flood.example");
  for (const node of [honest, flood]) await network.accredit(hq, node);
  b = await startB(CAP);
  await publish(honest, "h", 3);
  await publish(flood, "f", 3);
  await network.follow(b, honest);
  await network.follow(b, flood);
  await network.settle();
});

describe("a compromised member floods the catalogue", () => {
  it("quarantines the flooding feed past the cap, keeping nothing of the page, while the honest one syncs", async () => {
    expect(await replica.liveRecordCount(flood.centre.did)).toBe(3);
    await publish(flood, "flood", 20);
    await publish(honest, "h-more", 2);
    await expectOk(
      honest.call("/catalogue/courses/h-1", { method: "PUT", body: course("h-1", "h 1, v2") }),
      200,
    );
    await network.settle();

    const floodPeer = await network.peer(b, flood);
    expect(floodPeer).toMatchObject({ status: "quarantined", quarantine: { code: "FEED_OWNER_QUOTA" } });
    // The 20 new courses came in one page: it went past the cap, so none of it is kept.
    expect((await liveOf(flood)).length).toBe(3);
    expect(await replica.liveRecordCount(flood.centre.did)).toBe(3);
    const { entries } = (await expectOk(b.call("/federation/quarantine"), 200)) as {
      entries: Record<string, unknown>[];
    };
    expect(entries.at(-1)).toMatchObject({
      kind: "peer",
      feed: flood.url,
      code: "FEED_OWNER_QUOTA",
      details: { owner: flood.centre.did, cap: CAP, held: 3, count: 23 },
    });
    const head = await honest.feed.head();
    expect(await network.peer(b, honest)).toMatchObject({
      status: "active",
      cursor: head.seq,
      stateDigest: head.stateDigest,
      checkpoint: { matches: true },
    });
    expect((await liveOf(honest)).length).toBe(5);
  });

  it("keeps syncing the honest feed on later ticks and leaves the flooding one alone", async () => {
    const floodCursor = (await network.peer(b, flood)).cursor;
    await publish(flood, "flood-again", 5);
    await publish(honest, "h-later", 1);
    await network.settle();
    expect((await network.peer(b, flood)).cursor).toBe(floodCursor);
    expect((await liveOf(honest)).map((r) => r.recordId)).toContain(
      `${honest.url}/catalogue/courses/h-later-1`,
    );
    expect(await replica.liveRecordCount(honest.centre.did)).toBe(6);
    const { peers } = (await expectOk(b.call("/federation/peers"), 200)) as {
      peers: Record<string, unknown>[];
    };
    expect(peers.map((p) => [p.feed, p.status])).toEqual([
      [flood.url, "quarantined"],
      [honest.url, "active"],
    ]);
  });

  it("is lifted after a restart with a higher cap by following the feed again", async () => {
    b = await startB(100);
    await expectOk(
      b.call(`/federation/peers?feed=${encodeURIComponent(flood.url)}`, { method: "DELETE" }),
      200,
    );
    await network.follow(b, flood);
    await network.settle();
    const head = await flood.feed.head();
    expect(await network.peer(b, flood)).toMatchObject({
      status: "active",
      cursor: head.seq,
      recordCount: 28,
      stateDigest: head.stateDigest,
      checkpoint: { matches: true },
    });
    expect(await replica.liveRecordCount(flood.centre.did)).toBe(28);
    expect(await replica.liveRecordCount(honest.centre.did)).toBe(6);
  });
});
