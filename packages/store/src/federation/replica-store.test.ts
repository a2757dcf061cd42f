/**
 * The follower's ReplicaStore on libSQL passes the same contract as its in-memory twin, on :memory:, a file
 * and sqld; and a page whose transaction fails half way leaves nothing behind, the cursor where it was.
 */
import { jsonHashOf, MemoryFeedLog, MemoryReplicaStore, type ReplicaEvent } from "@learnbridge/federation";
import { replicaStoreContract, sampleRecord } from "@learnbridge/federation/testing";
import { describe, expect, it } from "vitest";
import { MIGRATIONS, migrate } from "../migrations.ts";
import type { SqlClient } from "../sql-client.ts";
import { libsqlBackends } from "../testing/index.ts";
import { LibsqlFeedLog } from "./feed-log.ts";
import { LibsqlReplicaStore } from "./replica-store.ts";

const backends = libsqlBackends();
for (const backend of backends) {
  const migrated = async () => {
    const client = await backend.open();
    await migrate(client);
    return client;
  };
  replicaStoreContract(
    backend.name,
    async () => new LibsqlReplicaStore(await migrated()),
    sampleRecord,
    async () => {
      const client = await migrated();
      return { store: new LibsqlReplicaStore(client), feed: new LibsqlFeedLog(client) };
    },
  );
}

/** A client whose transactions fail at their `n`th statement (a crash in the middle of applying a page). */
function failingAt(client: SqlClient, n: number): SqlClient & { armed: boolean } {
  const wrapped = {
    armed: false,
    execute: client.execute.bind(client),
    batch: client.batch.bind(client),
    async transaction(mode: "write") {
      const tx = await client.transaction(mode);
      let count = 0;
      return {
        execute: async (statement: Parameters<typeof tx.execute>[0]) => {
          if (wrapped.armed && ++count === n) throw new Error("injected failure inside the transaction");
          return tx.execute(statement);
        },
        commit: () => tx.commit(),
        rollback: () => tx.rollback(),
        close: () => tx.close(),
      };
    },
  };
  return wrapped;
}

describe.each(backends.slice(0, 2))("LibsqlReplicaStore atomicity: $name", (backend) => {
  it("applies nothing of a page whose transaction fails, and the retry applies it whole", async () => {
    const client = await backend.open();
    await migrate(client);
    const feed = "https://a.example";
    const owner = "did:web:a.example";
    const event = async (seq: number, n: number): Promise<ReplicaEvent> => {
      const record = sampleRecord(`${feed}/catalogue/courses/c-${n}`, owner, 1, "put");
      return {
        seq,
        op: "put",
        recordId: String(record.id),
        version: 1,
        recordHash: await jsonHashOf(record),
        record,
        owner,
      };
    };
    // The 6th statement of the page's transaction, after the rows and before the position and the feed.
    const faulty = failingAt(client, 6);
    const store = new LibsqlReplicaStore(faulty);
    const ownFeed = new LibsqlFeedLog(client);
    const twin = new MemoryReplicaStore({ feed: new MemoryFeedLog() });
    const at = "2026-11-30T10:00:00.000Z";
    for (const s of [store, twin]) {
      await s.follow({ feed, did: owner, at });
      await s.applyPage({
        feed,
        from: { phase: "snapshot", cursor: 0, headHash: null, snapshotAfter: null, snapshotAsOfSeq: null },
        to: { phase: "changes", cursor: 0, headHash: null, snapshotAfter: null, snapshotAsOfSeq: null },
        events: [],
        knownHeadSeq: 0,
        at,
      });
    }
    const page = {
      feed,
      from: { phase: "changes", cursor: 0, headHash: null, snapshotAfter: null, snapshotAsOfSeq: null },
      to: { phase: "changes", cursor: 3, headHash: "h3", snapshotAfter: null, snapshotAsOfSeq: null },
      events: [await event(1, 1), await event(2, 2), await event(3, 3)],
      knownHeadSeq: 3,
      at,
      republish: true,
    } as const;
    const before = await store.getPeer(feed);
    faulty.armed = true;
    await expect(store.applyPage(page)).rejects.toThrow("injected failure");
    faulty.armed = false;
    expect(await store.getPeer(feed)).toEqual(before);
    expect(await store.listRecords()).toEqual([]);
    expect((await ownFeed.head()).seq).toBe(0);
    const applied = await store.applyPage(page);
    expect(applied.applied).toBe(true);
    await twin.applyPage(page);
    expect((await store.listRecords()).map((r) => r.recordId)).toEqual(
      (await twin.listRecords()).map((r) => r.recordId),
    );
    expect((await store.getPeer(feed))?.stateDigest).toBe((await twin.getPeer(feed))?.stateDigest);
    expect((await ownFeed.head()).seq).toBe(3);
  });
});

describe("migration 0014 on a follower that refused records before it", () => {
  it("takes the untrusted refusals over from the quarantine list, unless the feed holds them since", async () => {
    const client = await (backends[0] as (typeof backends)[number]).open();
    const upTo = MIGRATIONS.findIndex((m) => m.id === "0014-follower-etags-untrusted-records");
    await migrate(client, { migrations: MIGRATIONS.slice(0, upTo) });
    const feed = "https://a.example";
    const at = "2026-11-30T10:00:00.000Z";
    const before = new LibsqlReplicaStore(client);
    // Written as the store of migration 0011 wrote them: the peer, a held record, four refusals.
    await client.execute({
      sql: `INSERT INTO federation_peers (feed, did, status, phase, cursor, known_head_seq, record_count, state_digest,
        failures, breaker, openings, next_pull_at, followed_at)
        VALUES (?, 'did:web:a.example', 'active', 'changes', 9, 9, 0, '0', 0, 'closed', 0, ?, ?)`,
      args: [feed, at, at],
    });
    await client.execute({
      sql: `INSERT INTO replica_feed_entries (feed, record_id, version, record_hash, deleted) VALUES (?, ?, 2, 'h', 0)`,
      args: [feed, `${feed}/c/held`],
    });
    const refusal = (
      recordId: string,
      version: number,
      code = "RECORD_OWNER_UNTRUSTED",
      kind = "record",
    ) => ({
      sql: `INSERT INTO federation_quarantine (kind, feed, record_id, owner, version, code, reason, at)
        VALUES (?, ?, ?, 'did:web:late.example', ?, ?, 'not a member', ?)`,
      args: [kind, feed, recordId, version, code, at],
    });
    await client.batch(
      [
        refusal(`${feed}/c/late`, 1),
        refusal(`${feed}/c/late`, 3),
        refusal(`${feed}/c/held`, 1),
        refusal(`${feed}/c/forged`, 1, "RECORD_SIGNATURE_INVALID"),
      ],
      "write",
    );
    expect((await before.getPeer(feed))?.cursor).toBe(9);
    await migrate(client);
    const store = new LibsqlReplicaStore(client);
    expect(await store.untrustedOwners(feed, 10)).toEqual(["did:web:late.example"]);
    expect(await store.untrustedRecords(feed, "did:web:late.example")).toEqual([
      { recordId: `${feed}/c/late`, version: 3, owner: "did:web:late.example", code: "TRUST_UNKNOWN", at },
    ]);
    expect((await store.getPeer(feed))?.changesEtag).toBeUndefined();
  });
});
