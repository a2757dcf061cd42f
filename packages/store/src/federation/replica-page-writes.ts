/**
 * Writes of a page that go beyond its rows, inside its transaction: republishing what changed the catalogue
 * into the node's own feed (aggregators), and sweeping entries from a feed view (the end of a re-snapshot,
 * or records the feed's snapshot no longer holds).
 */
import { type FeedEntry, planAppend, planSweep, type ReplicaEvent } from "@learnbridge/federation";
import type { SqlRow, SqlTransaction } from "../sql-client.ts";
import { appendStatements, feedBasisStatement, headOfRow, stateOfRow } from "./feed-log.ts";
import { feedEntryOfRow, idsArgument, replicaRecordOfRow } from "./replica-rows.ts";

/** Appends what changed the catalogue to the node's own feed, inside the page's transaction (aggregators). */
export async function republish(
  tx: SqlTransaction,
  events: readonly ReplicaEvent[],
  at: string,
): Promise<void> {
  for (const { op, recordId, version, recordHash, record } of events) {
    const { rows } = await tx.execute(feedBasisStatement(recordId));
    const head = headOfRow(rows[0]);
    const previous = stateOfRow(recordId, rows[0] as SqlRow);
    const plan = await planAppend(head, previous, { op, recordId, version, recordHash, record }, at);
    // RECORD_STALE: the own feed carries this version, or a newer one, already.
    if (!plan.ok) continue;
    for (const statement of appendStatements(plan.value, head.seq, previous)) await tx.execute(statement);
  }
}

/**
 * Sweeps `entries` from a feed view inside the page's transaction (the end of a re-snapshot, or records its
 * snapshot no longer holds): they are removed, and the catalogue rows this feed held at their version hidden,
 * unless another followed feed still holds them.
 */
async function sweep(tx: SqlTransaction, feed: string, entries: FeedEntry[], digest: string, count: number) {
  if (entries.length === 0) return { digest, count };
  const ids = idsArgument(entries.map((e) => e.recordId));
  const rows = await tx.execute({
    sql: "SELECT * FROM catalogue_replica WHERE record_id IN (SELECT value FROM json_each(?))",
    args: [ids],
  });
  const elsewhere = await tx.execute({
    sql: `SELECT DISTINCT e.record_id FROM replica_feed_entries AS e
      JOIN catalogue_replica AS r ON r.record_id = e.record_id
      WHERE e.feed <> ? AND e.deleted = 0 AND e.version >= r.version
        AND e.record_id IN (SELECT value FROM json_each(?))`,
    args: [feed, ids],
  });
  const plan = await planSweep(
    { feed, digest, count },
    entries,
    new Map(rows.rows.map((r) => [String(r.record_id), replicaRecordOfRow(r)])),
    new Set(elsewhere.rows.map((r) => String(r.record_id))),
  );
  await tx.execute({
    sql: "DELETE FROM replica_feed_entries WHERE feed = ? AND record_id IN (SELECT value FROM json_each(?))",
    args: [feed, ids],
  });
  if (plan.hidden.length > 0) {
    await tx.execute({
      sql: "UPDATE catalogue_replica SET hidden = 1, deleted = 1 WHERE record_id IN (SELECT value FROM json_each(?))",
      args: [idsArgument(plan.hidden)],
    });
  }
  return { digest: plan.digest, count: plan.count };
}

/** Ends a re-snapshot: the entries it did not see again are swept. */
export async function sweepMarked(tx: SqlTransaction, feed: string, digest: string, count: number) {
  const marked = await tx.execute({
    sql: "SELECT * FROM replica_feed_entries WHERE feed = ? AND marked = 1",
    args: [feed],
  });
  return sweep(tx, feed, marked.rows.map(feedEntryOfRow), digest, count);
}

/** Sweeps the live entries of records the feed's snapshot no longer holds. */
export async function sweepGone(
  tx: SqlTransaction,
  feed: string,
  ids: readonly string[],
  digest: string,
  count: number,
) {
  const gone = await tx.execute({
    sql: `SELECT * FROM replica_feed_entries
      WHERE feed = ? AND deleted = 0 AND record_id IN (SELECT value FROM json_each(?))`,
    args: [feed, idsArgument(ids)],
  });
  return sweep(tx, feed, gone.rows.map(feedEntryOfRow), digest, count);
}
