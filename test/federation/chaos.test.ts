/**
 * Catalogue federation under faults, in one process: reordered and duplicated hints, a crash inside the
 * transaction that applies a page, key rotation in mid-stream, an equivocating origin, forged records and a
 * key nobody published (served by rogue mirrors), a follower behind the origin's retention window, and an
 * origin whose trust mark is revoked. Follower B keeps its replica in a libSQL file behind a client that
 * can fail inside a transaction. After every case, no record sits in B's replica without a valid signature
 * by a member that was accredited when it was accepted. A new follower whose anchor is offline, with
 * nothing cached, waits (nothing refused, nothing applied) until the anchor is back.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { signCatalogueEntry, verifyCatalogueEntry } from "../../packages/catalogue/src/index.ts";
import { createSigner, generateKeyPair, type KeyPair } from "../../packages/core/src/index.ts";
import { buildDidDocument, createKeyResolver } from "../../packages/credentials/src/index.ts";
import {
  type JsonRecord,
  jsonHashOf,
  MemoryFeedLog,
  sendHints,
  signedJsonPost,
} from "../../packages/federation/src/index.ts";
import { serveFeed } from "../../packages/federation/src/testing/index.ts";
import { LibsqlReplicaStore, migrate, type SqlClient } from "../../packages/store/src/index.ts";
import { libsqlBackends } from "../../packages/store/src/testing/index.ts";
import { course, expectOk, SyncNetwork, type SyncNode } from "./sync-network.ts";

const network = new SyncNetwork();
const [, fileBackend] = libsqlBackends();
let hq: SyncNode;
let a: SyncNode;
let b: SyncNode;
let e: SyncNode;
let aMark: string;
/** A client in front of B's database that can fail at the nth statement of its next transaction. */
let fault: { armed: number | undefined };
/** Record ids and hashes that must never be in B's replica. */
const forbidden = new Set<string>();
const accredited = new Set<string>();

const idAt = (node: SyncNode, slug: string) => `${node.url}/catalogue/courses/${slug}`;
const follower = () => {
  const sync = b.centre.federationSync;
  if (!sync) throw new Error("B has no follower");
  return sync;
};

function faulty(client: SqlClient, state: { armed: number | undefined }): SqlClient {
  return {
    execute: (statement) => client.execute(statement),
    batch: (statements, mode) => client.batch(statements, mode),
    async transaction(mode) {
      const tx = await client.transaction(mode);
      const failAt = state.armed;
      state.armed = undefined;
      let count = 0;
      return {
        execute: async (statement) => {
          if (failAt !== undefined && ++count === failAt)
            throw new Error("injected crash inside the page's transaction");
          return tx.execute(statement);
        },
        commit: () => tx.commit(),
        rollback: () => tx.rollback(),
        close: () => tx.close(),
      };
    },
  };
}

/** A rogue mirror: its own feed log and DID document, served at `url` (not a centre). */
async function rogueMirror(url: string) {
  const pair: KeyPair = await generateKeyPair("EdDSA");
  const did = `did:web:${new URL(url).host}`;
  const log = new MemoryFeedLog({ clock: network.clock });
  const document = buildDidDocument({ id: did, keys: [{ fragment: "key-1", publicKey: pair.publicKey }] });
  let tamper: ((events: readonly never[]) => readonly never[]) | undefined;
  const handler = serveFeed({
    entityId: url,
    log,
    signer: async () => createSigner(pair, `${did}#key-1`),
    clock: network.clock,
    tamper: (events) => (tamper ? tamper(events as never) : events),
    routes: { "/.well-known/did.json": async () => Response.json(document) },
  });
  network.apps.set(new URL(url).origin, { request: (u, init) => handler(new Request(u, init)) });
  const append = async (record: JsonRecord) => {
    const appended = await log.append({
      op: record.type === "Tombstone" ? "delete" : "put",
      recordId: String(record.id),
      version: Number(record.version),
      recordHash: await jsonHashOf(record),
      record,
    });
    if (!appended.ok) throw new Error(appended.reason);
  };
  return { url, log, append, setTamper: (t: typeof tamper) => (tamper = t) };
}

/** The signed record of `slug` at `node`, as its course API serves it. */
async function recordAt(node: SyncNode, slug: string): Promise<JsonRecord> {
  return (await expectOk(node.call(`/catalogue/courses/${slug}`), 200)) as JsonRecord;
}

/** Every row of B's replica verifies by its owner's current keys, names an accredited owner, and is allowed. */
async function expectOnlyTrustedSignedRecords() {
  const resolveKey = createKeyResolver({ fetch: network.fetch, allowPrivateNetwork: true, cacheTtlMs: 0 });
  const rows = await b.replica.listRecords({ limit: 1000 });
  expect(rows.length).toBeGreaterThan(0);
  for (const row of rows) {
    const verified = await verifyCatalogueEntry(row.record, { resolveKey, clock: network.clock });
    expect(verified.ok, `${row.recordId}: ${JSON.stringify(verified)}`).toBe(true);
    expect(accredited.has(row.owner), row.owner).toBe(true);
    expect(forbidden.has(row.recordId) || forbidden.has(row.recordHash), row.recordId).toBe(false);
  }
}

beforeAll(async () => {
  const client = await fileBackend.open();
  await migrate(client);
  fault = { armed: undefined };
  hq = await network.start("https://hq.example", { role: "anchor" });
  a = await network.start("https://a.example");
  b = await network.start("https://b.example", { replica: new LibsqlReplicaStore(faulty(client, fault)) });
  e = await network.start("https://e.example");
  aMark = await network.accredit(hq, a);
  for (const node of [b, e]) await network.accredit(hq, node);
  for (const node of [a, e]) accredited.add(node.centre.did);
  await network.follow(b, a);
  await network.follow(b, e);
  await network.follow(a, b);
  for (const slug of ["c1", "c2", "c3"])
    await expectOk(a.call("/catalogue/courses", { body: course(slug, `Course ${slug}`) }), 201);
  await network.settle();
});

describe("catalogue federation under faults", () => {
  it("takes reordered and duplicated hints: each only schedules a pull, and the result is the feed", async () => {
    const before = (await a.feed.head()).seq;
    for (const slug of ["h1", "h2", "h3"])
      await expectOk(a.call("/catalogue/courses", { body: course(slug, `Hinted ${slug}`) }), 201);
    const signer = await a.centre.keys.signer();
    const send = (headSeq: number) =>
      sendHints({ feed: a.url, headSeq }, [b.url], { signer, fetch: network.fetch, clock: network.clock });
    const deliveries = await Promise.all(
      [before + 3, before + 1, before + 3, before + 2, before + 1].map(send),
    );
    expect(deliveries.flat().map((d) => d.status)).toEqual([202, 202, 202, 202, 202]);
    await follower().follower.pull(a.url);
    expect((await network.peer(b, a)).cursor).toBe(before + 3);
    expect(
      (await b.replica.listRecords({ liveOnly: true })).filter((r) => r.recordId.includes("/h")).length,
    ).toBe(3);
    // A hint for what B has is accepted and ignored; forged, unsigned and stray hints change nothing.
    const stale = await network.fetch(
      `${b.url}/federation/feed/hints`,
      await requestInit(
        await signedJsonPost(
          `${b.url}/federation/feed/hints`,
          { feed: a.url, headSeq: before + 2 },
          { signer, clock: network.clock },
        ),
      ),
    );
    expect(await stale.json()).toEqual({ accepted: true, scheduled: false });
    const byE = await signedJsonPost(
      `${b.url}/federation/feed/hints`,
      { feed: a.url, headSeq: before + 9 },
      { signer: await e.centre.keys.signer(), clock: network.clock },
    );
    expect((await network.fetch(byE.url, await requestInit(byE))).status).toBe(401);
    const unsigned = await network.fetch(`${b.url}/federation/feed/hints`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ feed: a.url, headSeq: before + 9 }),
    });
    expect(unsigned.status).toBe(401);
    const elsewhere = await signedJsonPost(
      `${b.url}/federation/feed/hints`,
      { feed: "https://nobody.example", headSeq: 1 },
      { signer, clock: network.clock },
    );
    expect(await (await network.fetch(elsewhere.url, await requestInit(elsewhere))).json()).toEqual({
      accepted: true,
      scheduled: false,
    });
    expect((await network.peer(b, a)).knownHeadSeq).toBe(before + 3);
    await expectOnlyTrustedSignedRecords();
  });

  it("rolls back a page whose transaction crashes half way; the next pull completes it", async () => {
    await network.settle();
    const peerBefore = await network.peer(b, a);
    const rowsBefore = await b.replica.listRecords({ limit: 1000 });
    for (const slug of ["k1", "k2"])
      await expectOk(a.call("/catalogue/courses", { body: course(slug, `Crash ${slug}`) }), 201);
    await expectOk(
      a.call("/catalogue/courses/c1", { method: "PUT", body: course("c1", "Course c1, revised") }),
      200,
    );
    fault.armed = 5;
    const crashed = await follower().follower.pull(a.url);
    expect(crashed).toMatchObject({
      outcome: "failed",
      error: { code: "INTERNAL", reason: "injected crash inside the page's transaction" },
    });
    const peerAfter = await network.peer(b, a);
    expect({ ...peerAfter, failures: 0, nextPullAt: "", lastError: undefined }).toEqual({
      ...peerBefore,
      failures: 0,
      nextPullAt: "",
      lastError: undefined,
    });
    expect(await b.replica.listRecords({ limit: 1000 })).toEqual(rowsBefore);
    const retried = await follower().follower.pull(a.url);
    expect(retried).toMatchObject({ outcome: "caught-up", accepted: 3, checkpointMatches: true });
    expect((await b.replica.getRecord(idAt(a, "c1")))?.version).toBe(2);
    await expectOnlyTrustedSignedRecords();
  });

  it("follows a key rotation in mid-stream: the new key is fetched once, the old signatures still verify", async () => {
    const rotated = (await expectOk(a.call("/keys/rotate", { body: {} }), 200)) as {
      verificationMethod: string;
    };
    await expectOk(
      a.call("/catalogue/courses", { body: course("after-rotation", "Signed with the new key") }),
      201,
    );
    await expectOk(
      a.call("/catalogue/courses/c2", { method: "PUT", body: course("c2", "Course c2, new key") }),
      200,
    );
    // A's hint is signed with the new key too: B looks A's document up again and accepts it.
    await network.tick();
    expect((await b.replica.getRecord(idAt(a, "after-rotation")))?.record).toMatchObject({
      proof: { verificationMethod: rotated.verificationMethod },
    });
    expect(await network.peer(b, a)).toMatchObject({ status: "active", checkpoint: { matches: true } });
    const old = (await b.replica.getRecord(idAt(a, "c3")))?.record as
      | { proof?: { verificationMethod?: string } }
      | undefined;
    expect(old?.proof?.verificationMethod).toMatch(/^did:web:a\.example#/);
    expect(old?.proof?.verificationMethod).not.toBe(rotated.verificationMethod);
    await expectOnlyTrustedSignedRecords();
  });

  it("quarantines an equivocation: E signed two different version 1s; a higher version resolves it", async () => {
    await expectOk(e.call("/catalogue/courses", { body: course("twice", "Said once") }), 201);
    await network.settle();
    const original = await recordAt(e, "twice");
    const { proof: _proof, ...unsigned } = original;
    const other = await signCatalogueEntry({ ...unsigned, title: { en: "Said otherwise" } } as never, {
      signer: await e.centre.keys.signer(),
      clock: network.clock,
    });
    const rogue = await rogueMirror("https://rogue.example");
    await rogue.append(other as JsonRecord);
    await network.follow(b, { url: rogue.url } as SyncNode);
    const report = await follower().follower.pull(rogue.url);
    expect(report).toMatchObject({ outcome: "caught-up", equivocations: 1 });
    expect(await b.replica.getRecord(idAt(e, "twice"))).toMatchObject({
      hidden: true,
      recordHash: await jsonHashOf(original),
    });
    const entries = (await expectOk(b.call("/federation/quarantine"), 200)) as {
      entries: Record<string, unknown>[];
    };
    expect(entries.entries.at(-1)).toMatchObject({
      kind: "record",
      feed: rogue.url,
      recordId: idAt(e, "twice"),
      owner: e.centre.did,
      version: 1,
      code: "RECORD_EQUIVOCATION",
      details: { heldHash: await jsonHashOf(original), incomingHash: await jsonHashOf(other as JsonRecord) },
    });
    expect(
      (await b.replica.listRecords({ liveOnly: true })).some((r) => r.recordId === idAt(e, "twice")),
    ).toBe(false);
    await expectOk(
      e.call("/catalogue/courses/twice", { method: "PUT", body: course("twice", "Said clearly, version 2") }),
      200,
    );
    await network.settle();
    expect(await b.replica.getRecord(idAt(e, "twice"))).toMatchObject({ hidden: false, version: 2 });
    await expectOnlyTrustedSignedRecords();
  });

  it("refuses forged records, and quarantines a feed carrying a key its owner never published", async () => {
    const rogue = await rogueMirror("https://forger.example");
    const genuine = await recordAt(a, "c3");
    const forged = { ...genuine, title: { en: "Changed after signing" } } as JsonRecord;
    forbidden.add(await jsonHashOf(forged));
    await rogue.append(await recordAt(a, "c2"));
    await rogue.append({ ...forged, version: 5 });
    forbidden.add(await jsonHashOf({ ...forged, version: 5 }));
    await network.follow(b, { url: rogue.url } as SyncNode);
    const report = await follower().follower.pull(rogue.url);
    expect(report).toMatchObject({ outcome: "caught-up", refused: 1 });
    expect((await b.replica.getRecord(idAt(a, "c3")))?.version).toBe(1);
    const refused = (
      (await expectOk(b.call("/federation/quarantine"), 200)) as { entries: Record<string, unknown>[] }
    ).entries.at(-1);
    expect(refused).toMatchObject({
      kind: "record",
      feed: rogue.url,
      recordId: idAt(a, "c3"),
      code: "RECORD_SIGNATURE_INVALID",
    });

    const stranger: KeyPair = await generateKeyPair("EdDSA");
    const { proof: _p, ...unsigned } = await recordAt(a, "c3");
    const unknownKey = await signCatalogueEntry(
      { ...unsigned, id: idAt(a, "phantom"), version: 1 } as never,
      {
        signer: createSigner(stranger, `${a.centre.did}#key-99`),
        clock: network.clock,
      },
    );
    forbidden.add(idAt(a, "phantom"));
    await rogue.append(unknownKey as JsonRecord);
    expect(await follower().follower.pull(rogue.url)).toMatchObject({
      outcome: "quarantined",
      error: { code: "KEY_NOT_FOUND" },
    });
    expect(await network.peer(b, { url: rogue.url } as SyncNode)).toMatchObject({
      status: "quarantined",
      quarantine: { code: "KEY_NOT_FOUND" },
    });
    expect(await b.replica.getRecord(idAt(a, "phantom"))).toBeUndefined();
    await expectOnlyTrustedSignedRecords();
  });

  it("re-snapshots a follower that fell behind the origin's retention window", async () => {
    await expectOk(
      a.call("/catalogue/courses", { body: course("will-go", "Withdrawn while B is away") }),
      201,
    );
    await network.settle();
    expect((await b.replica.getRecord(idAt(a, "will-go")))?.op).toBe("put");
    network.setDown(b, true);
    await expectOk(a.call("/catalogue/courses/will-go", { method: "DELETE" }), 200);
    for (let i = 1; i <= 8; i++)
      await expectOk(a.call("/catalogue/courses", { body: course(`late-${i}`, `Late ${i}`) }), 201);
    await expectOk(a.call("/catalogue/courses/late-2", { method: "DELETE" }), 200);
    for (let i = 1; i <= 4; i++)
      await expectOk(
        a.call("/catalogue/courses/late-5", { method: "PUT", body: course("late-5", `Late 5, take ${i}`) }),
        200,
      );
    // Two hours later the origin keeps only its last three events (and the latest put of each live record).
    network.now = new Date(network.now.getTime() + 2 * 3_600_000);
    const { retainedFrom } = await a.feed.compact({ minEvents: 3, minDays: 0 }, network.now);
    expect(retainedFrom - 1).toBeGreaterThan((await network.peer(b, a)).cursor);
    network.setDown(b, false);
    await network.settle();
    const head = await a.feed.head();
    expect(await network.peer(b, a)).toMatchObject({
      cursor: head.seq,
      stateDigest: head.stateDigest,
      recordCount: head.recordCount,
      checkpoint: { matches: true },
    });
    // will-go's tombstone fell out of the window: the new snapshot no longer had it, so it was swept;
    // late-2 came and went while B was away, so B never held it.
    expect(await b.replica.getRecord(idAt(a, "will-go"))).toMatchObject({ hidden: true, op: "put" });
    expect(
      (await b.replica.listRecords({ liveOnly: true })).some((r) => r.recordId === idAt(a, "will-go")),
    ).toBe(false);
    expect(await b.replica.getRecord(idAt(a, "late-2"))).toBeUndefined();
    expect((await b.replica.getRecord(idAt(a, "late-5")))?.version).toBe(5);
    await expectOnlyTrustedSignedRecords();
  });

  it("waits while the anchor is offline and nothing is cached, refusing nothing; applies once it is back", async () => {
    const f = await network.start("https://f.example");
    await network.accredit(hq, f);
    network.setDown(hq, true);
    await network.follow(f, e);
    const sync = f.centre.federationSync;
    if (!sync) throw new Error("F has no follower");
    // Joins the pull the follow started: E's records cannot be judged, so none is applied or refused.
    expect(await sync.follower.pull(e.url)).toMatchObject({
      outcome: "failed",
      accepted: 0,
      refused: 0,
      error: { code: "TRUST_UNAVAILABLE" },
    });
    expect(await network.peer(f, e)).toMatchObject({
      status: "active",
      phase: "snapshot",
      cursor: 0,
      failures: 1,
      lastError: { code: "TRUST_UNAVAILABLE" },
    });
    // An hour of timers with the anchor away: the pulls back off and retry, and still refuse nothing.
    for (let i = 0; i < 6; i++) await network.tick(10 * 60_000);
    expect((await network.peer(f, e)).failures).toBeGreaterThan(1);
    expect(await f.replica.listRecords()).toEqual([]);
    expect(await f.replica.listQuarantine()).toEqual([]);

    network.setDown(hq, false);
    const retry = Date.parse((await network.peer(f, e)).nextPullAt) - network.now.getTime();
    await network.tick(Math.max(0, retry));
    await network.settle();
    const head = await e.feed.head();
    expect(await network.peer(f, e)).toMatchObject({
      failures: 0,
      cursor: head.seq,
      recordCount: head.recordCount,
      stateDigest: head.stateDigest,
      checkpoint: { matches: true },
    });
    const snapshot = await e.feed.snapshot(undefined, 500);
    expect((await f.replica.listRecords({ liveOnly: true })).map((r) => r.recordId)).toEqual(
      snapshot.records.map((r) => String(r.id)),
    );
    expect(await f.replica.listQuarantine()).toEqual([]);
  });

  it("refuses the records of an origin whose trust mark was revoked, from then on", async () => {
    await expectOk(
      hq.call(`/federation/trust-marks/${aMark}/revoke`, { body: { reason: "no longer accredited" } }),
      200,
    );
    await expectOk(
      a.call("/catalogue/courses", { body: course("after-revocation", "Published after revocation") }),
      201,
    );
    forbidden.add(idAt(a, "after-revocation"));
    const report = await follower().follower.pull(a.url);
    expect(report).toMatchObject({ outcome: "caught-up", accepted: 0, refused: 1, checkpointMatches: false });
    expect(await b.replica.getRecord(idAt(a, "after-revocation"))).toBeUndefined();
    const refused = (
      (await expectOk(b.call("/federation/quarantine"), 200)) as { entries: Record<string, unknown>[] }
    ).entries.at(-1);
    expect(refused).toMatchObject({
      recordId: idAt(a, "after-revocation"),
      code: "RECORD_OWNER_UNTRUSTED",
      owner: a.centre.did,
      details: { trust: "TRUST_MARK_REVOKED" },
    });
    // Kept aside, should A be accredited again; meanwhile each pull asks once and fetches nothing.
    expect(await b.replica.untrustedRecords(a.url, a.centre.did)).toMatchObject([
      { recordId: idAt(a, "after-revocation"), version: 1, code: "TRUST_MARK_REVOKED" },
    ]);
    expect(await follower().follower.pull(a.url)).toMatchObject({ outcome: "caught-up", recovered: 0 });
    // Records accepted while A was accredited stay: they were signed by a member at the time.
    expect((await b.replica.getRecord(idAt(a, "c1")))?.version).toBe(2);
    await expectOnlyTrustedSignedRecords();
  });
});

/** The init of a Request, to send it through the network's fetch. */
async function requestInit(request: Request): Promise<RequestInit> {
  return { method: request.method, headers: request.headers, body: await request.arrayBuffer() };
}
