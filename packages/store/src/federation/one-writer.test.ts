/**
 * A node's federation writes take turns: while one pull applies a page (its write transaction open), what
 * the other pulls write meanwhile (their peer's health, head, ETag and checkpoint, a resolved trust chain)
 * waits for the page instead of failing with SQLITE_BUSY, and no pooled connection is left reading the
 * database as it was before the page (libsql leaves a statement refused as busy holding its old snapshot).
 */
import { jsonHashOf, type ReplicaEvent } from "@learnbridge/federation";
import { sampleRecord } from "@learnbridge/federation/testing";
import { describe, expect, it } from "vitest";
import { migrate } from "../migrations.ts";
import { oneWriter } from "../one-writer.ts";
import type { SqlClient } from "../sql-client.ts";
import { libsqlBackends } from "../testing/index.ts";
import { LibsqlReplicaStore } from "./replica-store.ts";
import { LibsqlTrustChainCache } from "./trust-chain-cache.ts";

const backends = libsqlBackends();
const AT = "2026-11-30T10:00:00.000Z";
const A = "https://a.example";
const B = "https://b.example";

/** `client` whose first write transaction stops after its first statement until `release()`. */
function pausingFirstTransaction(client: SqlClient) {
  let opened!: () => void;
  let release!: () => void;
  const isOpen = new Promise<void>((resolve) => {
    opened = resolve;
  });
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let paused = false;
  const paused_client: SqlClient = {
    execute: (statement) => client.execute(statement),
    batch: (statements, mode) => client.batch(statements, mode),
    async transaction(mode) {
      const tx = await client.transaction(mode);
      const pause = !paused;
      paused = true;
      let first = pause;
      return {
        async execute(statement) {
          const result = await tx.execute(statement);
          if (first) {
            first = false;
            opened();
            await released;
          }
          return result;
        },
        commit: () => tx.commit(),
        rollback: () => tx.rollback(),
        close: () => tx.close(),
      };
    },
  };
  return { client: paused_client, isOpen, release };
}

async function put(n: number): Promise<ReplicaEvent> {
  const owner = "did:web:a.example";
  const record = sampleRecord(`${A}/catalogue/courses/c-${n}`, owner, 1, "put");
  return {
    seq: n,
    op: "put",
    recordId: String(record.id),
    version: 1,
    recordHash: await jsonHashOf(record),
    record,
    owner,
  };
}

describe.each(backends.slice(0, 2))("one writer at a time: $name", (backend) => {
  it("lets the writes of other pulls wait for an open page, and leaves every connection in the present", async () => {
    const raw = await backend.open();
    await migrate(raw);
    const gate = pausingFirstTransaction(raw);
    const replica = new LibsqlReplicaStore(gate.client);
    const chains = new LibsqlTrustChainCache(gate.client);
    await replica.follow({ feed: A, did: "did:web:a.example", at: AT });
    await replica.follow({ feed: B, did: "did:web:b.example", at: AT });
    const start = {
      phase: "snapshot",
      cursor: 0,
      headHash: null,
      snapshotAfter: null,
      snapshotAsOfSeq: null,
    } as const;
    const applying = replica.applyPage({
      feed: A,
      from: start,
      to: { ...start, phase: "changes", cursor: 2, headHash: "h2" },
      events: [await put(1), await put(2)],
      knownHeadSeq: 2,
      at: AT,
    });
    await gate.isOpen;
    // What pulls of B, and the trust resolution of an owner, write while A's page holds the write lock.
    const meanwhile = Promise.allSettled([
      replica.noteHead(B, 7),
      replica.setChangesEtag(B, { etag: '"e7"', after: 0 }),
      replica.setHealth(B, {
        failures: 0,
        breaker: "closed",
        openings: 0,
        nextPullAt: "2026-11-30T10:05:00.000Z",
      }),
      chains.put({
        subject: B,
        anchor: A,
        statements: ["x.y.z"],
        expiresAt: 2e9,
        resolvedAt: 1,
        markStatuses: {},
      }),
    ]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    gate.release();
    expect((await applying).applied).toBe(true);
    expect((await meanwhile).filter((r) => r.status === "rejected")).toEqual([]);
    // Eight reads at once take eight pooled connections: each sees the page and what followed it.
    const reads = await Promise.all(
      Array.from({ length: 8 }, () =>
        raw.execute({
          sql: `SELECT (SELECT count(*) FROM catalogue_replica) AS records,
            (SELECT known_head_seq FROM federation_peers WHERE feed = ?) AS head`,
          args: [B],
        }),
      ),
    );
    expect(reads.map((r) => [Number(r.rows[0]?.records), Number(r.rows[0]?.head)])).toEqual(
      Array.from({ length: 8 }, () => [2, 7]),
    );
    expect((await chains.get(B))?.anchor).toBe(A);
  }, 30_000);

  it("gives the turn back when a transaction cannot open, and lets reads pass a writer", async () => {
    const raw = await backend.open();
    await raw.execute({ sql: "CREATE TABLE t (n INTEGER)" });
    const refusing: SqlClient = {
      execute: (s) => raw.execute(s),
      batch: (s, m) => raw.batch(s, m),
      transaction: async () => {
        throw Object.assign(new Error("database is locked"), { code: "SQLITE_BUSY" });
      },
    };
    const writer = oneWriter(refusing);
    expect(oneWriter(refusing)).toBe(writer);
    expect(oneWriter(writer)).toBe(writer);
    await expect(writer.transaction("write")).rejects.toThrow("locked");
    await writer.execute({ sql: "INSERT INTO t (n) VALUES (1)" });
    const open = await oneWriter(raw).transaction("write");
    await open.execute({ sql: "INSERT INTO t (n) VALUES (2)" });
    // A read does not wait for the open transaction; a write does.
    let written = false;
    const write = oneWriter(raw)
      .execute({ sql: "INSERT INTO t (n) VALUES (3)" })
      .then(() => {
        written = true;
      });
    if (backend.name.includes("file")) {
      expect(Number((await oneWriter(raw).execute({ sql: "SELECT count(*) AS n FROM t" })).rows[0]?.n)).toBe(
        1,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(written).toBe(false);
    await open.commit();
    open.close();
    await write;
    expect(Number((await raw.execute({ sql: "SELECT count(*) AS n FROM t" })).rows[0]?.n)).toBe(3);
  });
});
