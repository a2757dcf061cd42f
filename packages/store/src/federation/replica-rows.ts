/**
 * Rows of `catalogue_replica` and `replica_feed_entries` (migration 0011). Catalogue rows carry the
 * federation contract's columns, computed in JS by @learnbridge/catalogue's `catalogueColumnsOf`, so the
 * search index (migration 0012) indexes followed records exactly as it indexes the node's own.
 */
import { type CatalogueEntry, catalogueColumnsOf } from "@learnbridge/catalogue";
import type { FeedEntry, JsonRecord, ReplicaRecord } from "@learnbridge/federation";
import type { SqlRow, SqlStatement, SqlValue } from "../sql-client.ts";

/** Rows per multi-row statement: 16 arguments each, far below SQLite's limit of bound variables. */
const ROWS_PER_STATEMENT = 100;

const chunks = <T>(items: readonly T[]): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += ROWS_PER_STATEMENT) out.push(items.slice(i, i + ROWS_PER_STATEMENT));
  return out;
};

/** The catalogue row of a record. */
export function replicaRecordOfRow(row: SqlRow): ReplicaRecord {
  return {
    recordId: String(row.record_id),
    owner: String(row.owner),
    version: Number(row.version),
    recordHash: String(row.record_hash),
    op: String(row.op) as ReplicaRecord["op"],
    record: JSON.parse(String(row.record_json)) as JsonRecord,
    hidden: Number(row.hidden) === 1,
    feed: String(row.feed),
  };
}

/** The feed entry of a row. */
export function feedEntryOfRow(row: SqlRow): FeedEntry {
  return {
    recordId: String(row.record_id),
    version: Number(row.version),
    recordHash: String(row.record_hash),
    deleted: Number(row.deleted) === 1,
    marked: Number(row.marked) === 1,
  };
}

const REPLICA_COLUMNS = [
  "record_id",
  "owner",
  "version",
  "record_json",
  "search_text",
  "level",
  "credits",
  "languages",
  "mode",
  "country",
  "audience",
  "deleted",
  "record_hash",
  "op",
  "hidden",
  "feed",
] as const;

function replicaValues(row: ReplicaRecord): SqlValue[] {
  const columns = catalogueColumnsOf(row.record as unknown as CatalogueEntry);
  return [
    row.recordId,
    row.owner,
    row.version,
    JSON.stringify(row.record),
    columns.searchText,
    columns.level,
    columns.credits,
    JSON.stringify(columns.languages),
    columns.mode,
    columns.country,
    JSON.stringify(columns.audience),
    // Hidden (quarantined) rows are out of search like tombstones: one column for the index to read.
    row.op === "delete" || row.hidden ? 1 : 0,
    row.recordHash,
    row.op,
    row.hidden ? 1 : 0,
    row.feed,
  ];
}

/** Upserts catalogue rows (the plan decided they win). */
export function upsertReplicaStatements(rows: readonly ReplicaRecord[]): SqlStatement[] {
  const updates = REPLICA_COLUMNS.filter((c) => c !== "record_id").map((c) => `${c} = excluded.${c}`);
  return chunks(rows).map((chunk) => ({
    sql: `INSERT INTO catalogue_replica (${REPLICA_COLUMNS.join(", ")})
      VALUES ${chunk.map(() => `(${REPLICA_COLUMNS.map(() => "?").join(", ")})`).join(", ")}
      ON CONFLICT (record_id) DO UPDATE SET ${updates.join(", ")}`,
    args: chunk.flatMap(replicaValues),
  }));
}

/** Upserts feed entries. */
export function upsertEntryStatements(feed: string, entries: readonly FeedEntry[]): SqlStatement[] {
  return chunks(entries).map((chunk) => ({
    sql: `INSERT INTO replica_feed_entries (feed, record_id, version, record_hash, deleted, marked)
      VALUES ${chunk.map(() => "(?, ?, ?, ?, ?, ?)").join(", ")}
      ON CONFLICT (feed, record_id) DO UPDATE SET version = excluded.version, record_hash = excluded.record_hash,
        deleted = excluded.deleted, marked = excluded.marked`,
    args: chunk.flatMap((e) => [
      feed,
      e.recordId,
      e.version,
      e.recordHash,
      e.deleted ? 1 : 0,
      e.marked ? 1 : 0,
    ]),
  }));
}

/** The ids as one JSON argument, for `IN (SELECT value FROM json_each(?))`. */
export const idsArgument = (ids: Iterable<string>): string => JSON.stringify([...ids]);
