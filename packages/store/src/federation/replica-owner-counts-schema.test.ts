/**
 * Migration 0018 on a follower that already holds replicas: the live records per owner are counted once,
 * then kept by the triggers, so the cap per owner holds from the first page after the upgrade.
 */
import { type ApplyPageInput, jsonHashOf, type ReplicaEvent } from "@learnbridge/federation";
import { sampleRecord } from "@learnbridge/federation/testing";
import { describe, expect, it } from "vitest";
import { MIGRATIONS, migrate } from "../migrations.ts";
import { libsqlBackends } from "../testing/index.ts";
import { REPLICA_OWNER_COUNTS_MIGRATION } from "./replica-owner-counts-schema.ts";
import { LibsqlReplicaStore } from "./replica-store.ts";

const [memory] = libsqlBackends();
const FEED = "https://mirror.example";
const AT = "2026-11-30T10:00:00.000Z";
const changesAt = (cursor: number) =>
  ({ phase: "changes", cursor, headHash: null, snapshotAfter: null, snapshotAsOfSeq: null }) as const;

async function event(
  seq: number,
  host: string,
  n: number,
  version: number,
  op: "put" | "delete" = "put",
  variant = "",
): Promise<ReplicaEvent> {
  const recordId = `https://${host}/catalogue/courses/c-${n}`;
  const owner = `did:web:${host}`;
  const record = sampleRecord(recordId, owner, version, op, variant);
  return { seq, op, recordId, version, recordHash: await jsonHashOf(record), record, owner };
}

describe("migration 0018 on a follower that holds replicas", () => {
  it("counts the live records each owner has, then the triggers keep the count", async () => {
    const client = await memory.open();
    const upTo = MIGRATIONS.findIndex((m) => m.id === REPLICA_OWNER_COUNTS_MIGRATION.id);
    expect(upTo).toBeGreaterThan(0);
    await migrate(client, { migrations: MIGRATIONS.slice(0, upTo) });
    // Pages written by the store before the migration (no cap asked, so the counts table is not read).
    const before = new LibsqlReplicaStore(client);
    await before.follow({ feed: FEED, did: "did:web:mirror.example", at: AT });
    const apply = (
      store: LibsqlReplicaStore,
      cursor: number,
      events: ReplicaEvent[],
      extra: Partial<ApplyPageInput> = {},
    ) =>
      store.applyPage({
        feed: FEED,
        from: cursor === 0 ? { ...changesAt(0), phase: "snapshot" } : changesAt(cursor),
        to: changesAt(cursor + events.length),
        events,
        knownHeadSeq: cursor + events.length,
        at: AT,
        ...extra,
      });
    await apply(before, 0, [
      await event(0, "a.example", 1, 1),
      await event(0, "a.example", 2, 1),
      await event(0, "a.example", 3, 1),
      await event(0, "b.example", 1, 1),
    ]);
    // A tombstone and an equivocation (hidden): neither counts.
    await apply(before, 4, [
      await event(5, "a.example", 2, 2, "delete"),
      await event(6, "a.example", 3, 1, "put", "!"),
    ]);
    await migrate(client);
    const store = new LibsqlReplicaStore(client);
    expect(await store.liveRecordCount("did:web:a.example")).toBe(1);
    expect(await store.liveRecordCount("did:web:b.example")).toBe(1);
    expect(await store.liveRecordCount("did:web:nobody.example")).toBe(0);
    const over = await apply(
      store,
      6,
      [await event(7, "a.example", 4, 1), await event(8, "a.example", 5, 1)],
      {
        maxRecordsPerOwner: 2,
      },
    );
    expect(over.overQuota).toEqual({ owner: "did:web:a.example", cap: 2, held: 1, count: 3 });
    expect(
      (await apply(store, 6, [await event(7, "a.example", 4, 1)], { maxRecordsPerOwner: 2 })).applied,
    ).toBe(true);
    expect(await store.liveRecordCount("did:web:a.example")).toBe(2);
  });
});
