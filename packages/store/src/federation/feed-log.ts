/**
 * A node's feed on libSQL (the FeedLog port of @learnbridge/federation). An append reads the head and the
 * record's state in one statement, plans the event in JS (hashes cannot be computed in SQL), then writes the
 * event, the head and the state in one batch whose first statement only succeeds while the head is still
 * where it was read: a writer that lost the race changes nothing and plans again. Other ports (the own
 * catalogue) add their rows to the same batch, so a record and its event are one transaction.
 */
import { type Clock, LearnbridgeError, systemClock } from "@learnbridge/core";
import {
  type AppendPlan,
  checkChange,
  checkPageLimit,
  checkRetentionPolicy,
  type FeedChange,
  type FeedChangesPage,
  type FeedEvent,
  type FeedHead,
  type FeedLog,
  type FeedResult,
  type FeedSnapshotPage,
  failed,
  type JsonRecord,
  passed,
  planAppend,
  type RecordState,
  type RetentionPolicy,
  retainedFromFor,
  retentionCutoff,
} from "@learnbridge/federation";
import { retryWhileBusy } from "../busy.ts";
import { oneWriter } from "../one-writer.ts";
import { type SqlClient, type SqlRow, type SqlStatement, sqlErrorCode } from "../sql-client.ts";

/** The head and a record's state in one consistent read; `join` may add another table's columns. */
export function feedBasisStatement(
  recordId: string,
  more?: { select: string; join: string; args: string[] },
) {
  return {
    sql: `SELECT h.seq, h.hash, h.state_digest, h.record_count, h.retained_from,
        r.version AS r_version, r.record_hash AS r_hash, r.deleted AS r_deleted, r.seq AS r_seq
        ${more ? `, ${more.select}` : ""}
      FROM feed_head AS h LEFT JOIN feed_records AS r ON r.record_id = ? ${more?.join ?? ""}
      WHERE h.id = 1`,
    args: [recordId, ...(more?.args ?? [])],
  };
}

/** The head in a basis row. */
export function headOfRow(row: SqlRow | undefined): FeedHead {
  if (!row) throw new LearnbridgeError("INTERNAL", "the feed has no head row: is the database migrated?");
  return {
    seq: Number(row.seq),
    hash: row.hash === null ? null : String(row.hash),
    stateDigest: String(row.state_digest),
    recordCount: Number(row.record_count),
    retainedFrom: Number(row.retained_from),
  };
}

/** The record's state in a basis row. */
export function stateOfRow(recordId: string, row: SqlRow): RecordState | undefined {
  if (row.r_version === null || row.r_version === undefined) return undefined;
  return {
    recordId,
    version: Number(row.r_version),
    recordHash: String(row.r_hash),
    deleted: Number(row.r_deleted) === 1,
    seq: Number(row.r_seq),
  };
}

/**
 * The statements that store `plan`, appended after head seq `previousSeq`. The event's hash is NULL (a
 * NOT NULL failure that rolls the whole batch back) unless the head is still at `previousSeq`.
 */
export function appendStatements(
  plan: AppendPlan,
  previousSeq: number,
  previous?: RecordState,
): SqlStatement[] {
  const { event, state, head } = plan;
  const statements: SqlStatement[] = [
    {
      sql: `INSERT INTO feed_events (seq, hash, record_id, at, event)
        VALUES (?, CASE WHEN (SELECT seq FROM feed_head WHERE id = 1) = ? THEN ? END, ?, ?, ?)`,
      args: [event.seq, previousSeq, event.hash, event.recordId, event.at, JSON.stringify(event)],
    },
    {
      sql: "UPDATE feed_head SET seq = ?, hash = ?, state_digest = ?, record_count = ? WHERE id = 1",
      args: [head.seq, head.hash, head.stateDigest, head.recordCount],
    },
    {
      sql: `INSERT INTO feed_records (record_id, version, record_hash, deleted, seq) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (record_id) DO UPDATE SET version = excluded.version, record_hash = excluded.record_hash,
          deleted = excluded.deleted, seq = excluded.seq`,
      args: [state.recordId, state.version, state.recordHash, state.deleted ? 1 : 0, state.seq],
    },
  ];
  // The superseded event, kept only for the snapshot while it was the latest, goes once outside the window.
  if (previous && !previous.deleted) {
    statements.push({
      sql: "DELETE FROM feed_events WHERE seq = ? AND seq < (SELECT retained_from FROM feed_head WHERE id = 1)",
      args: [previous.seq],
    });
  }
  return statements;
}

/** True when a batch failed because another writer appended first (its CAS or seq key). */
export function lostAppendRace(error: unknown): boolean {
  const code = sqlErrorCode(error) ?? "";
  const message = error instanceof Error ? error.message : "";
  return code.startsWith("SQLITE_CONSTRAINT") && /feed_events\.(hash|seq)/.test(message);
}

/** Attempts before an append gives up (each lost race means another writer made progress). */
export const APPEND_ATTEMPTS = 100;

// Appends through one client queue in this process, so that they rarely race; across processes the CAS decides.
// Queue on the client's `oneWriter`, so every store built on one client shares the queue.
const queues = new WeakMap<SqlClient, Promise<unknown>>();

/** Runs `task` after the previous task queued on `client`. */
export function queuedOn<T>(client: SqlClient, task: () => Promise<T>): Promise<T> {
  const result = (queues.get(client) ?? Promise.resolve()).then(task, task);
  queues.set(
    client,
    result.catch(() => undefined),
  );
  return result;
}

/** Options of `LibsqlFeedLog`. */
export interface LibsqlFeedLogOptions {
  /** Stamps each event's `at`; default the system clock. */
  readonly clock?: Clock;
}

export class LibsqlFeedLog implements FeedLog {
  readonly #client: SqlClient;
  readonly #clock: Clock;

  constructor(client: SqlClient, options: LibsqlFeedLogOptions = {}) {
    this.#client = oneWriter(client);
    this.#clock = options.clock ?? systemClock;
  }

  async head() {
    const { rows } = await this.#client.execute({ sql: "SELECT * FROM feed_head WHERE id = 1" });
    return headOfRow(rows[0]);
  }

  async append(change: FeedChange): Promise<FeedResult<FeedEvent>> {
    await checkChange(change);
    return queuedOn(this.#client, async () => {
      for (let attempt = 1; ; attempt++) {
        const { rows } = await this.#client.execute(feedBasisStatement(change.recordId));
        const head = headOfRow(rows[0]);
        const previous = stateOfRow(change.recordId, rows[0] as SqlRow);
        const plan = await planAppend(head, previous, change, this.#clock().toISOString());
        if (!plan.ok) return plan;
        try {
          const statements = appendStatements(plan.value, head.seq, previous);
          await retryWhileBusy(() => this.#client.batch(statements, "write"));
          return passed(plan.value.event);
        } catch (error) {
          if (!lostAppendRace(error) || attempt >= APPEND_ATTEMPTS) throw error;
        }
      }
    });
  }

  async changes(after: number, limit: number): Promise<FeedResult<FeedChangesPage>> {
    checkPageLimit(limit, "LibsqlFeedLog.changes");
    if (!Number.isSafeInteger(after) || after < 0)
      throw new TypeError("changes: after must be an integer >= 0");
    // One statement: the head and the page agree even while another node appends.
    const { rows } = await this.#client.execute({
      sql: `SELECT h.seq AS head_seq, h.retained_from, e.event
        FROM feed_head AS h LEFT JOIN feed_events AS e ON e.seq > ? AND e.seq <= h.seq AND e.seq <= ?
        WHERE h.id = 1 ORDER BY e.seq`,
      args: [after, after + limit],
    });
    const first = rows[0];
    if (!first) throw new LearnbridgeError("INTERNAL", "the feed has no head row: is the database migrated?");
    const headSeq = Number(first.head_seq);
    const retainedFrom = Number(first.retained_from);
    if (after < retainedFrom - 1) {
      return failed("FEED_BEHIND_RETENTION", `events before ${retainedFrom} are no longer kept`, {
        retainedFrom,
      });
    }
    const events = rows
      .filter((row) => row.event !== null)
      .map((row) => JSON.parse(String(row.event)) as FeedEvent);
    return passed({ events, headSeq, retainedFrom });
  }

  async snapshot(after: string | undefined, limit: number): Promise<FeedSnapshotPage> {
    checkPageLimit(limit, "LibsqlFeedLog.snapshot");
    const { rows } = await this.#client.execute({
      sql: `SELECT h.seq AS head_seq, h.hash AS head_hash, p.record_id, e.event
        FROM feed_head AS h
        LEFT JOIN (SELECT record_id, seq FROM feed_records WHERE deleted = 0 AND record_id > ?
                   ORDER BY record_id LIMIT ?) AS p
        LEFT JOIN feed_events AS e ON e.seq = p.seq
        WHERE h.id = 1 ORDER BY p.record_id`,
      args: [after ?? "", limit + 1],
    });
    const first = rows[0];
    if (!first) throw new LearnbridgeError("INTERNAL", "the feed has no head row: is the database migrated?");
    const page = rows.filter((row) => row.record_id !== null);
    const records = page
      .slice(0, limit)
      .map((row) => (JSON.parse(String(row.event)) as { record: JsonRecord }).record);
    return {
      asOfSeq: Number(first.head_seq),
      asOfHash: first.head_hash === null ? null : String(first.head_hash),
      records,
      next: page.length > limit ? String(page[limit - 1]?.record_id) : null,
    };
  }

  async stateOf(recordId: string) {
    const { rows } = await this.#client.execute(feedBasisStatement(recordId));
    return stateOfRow(recordId, rows[0] as SqlRow);
  }

  async compact(policy: RetentionPolicy, now: Date) {
    checkRetentionPolicy(policy);
    const head = await this.head();
    const { rows } = await this.#client.execute({
      sql: "SELECT seq FROM feed_events WHERE seq >= ? AND at >= ? ORDER BY seq LIMIT 1",
      args: [head.retainedFrom, retentionCutoff(policy, now)],
    });
    const firstRecent = rows[0] ? Number(rows[0].seq) : undefined;
    const retainedFrom = retainedFromFor(head, policy, firstRecent);
    if (retainedFrom === head.retainedFrom) return { retainedFrom };
    // Below the old window only live records' latest puts remain (appends delete what they supersede).
    await retryWhileBusy(() =>
      this.#client.batch(
        [
          {
            sql: "UPDATE feed_head SET retained_from = MAX(retained_from, ?) WHERE id = 1",
            args: [retainedFrom],
          },
          {
            sql: `DELETE FROM feed_events WHERE seq >= ? AND seq < ?
            AND NOT EXISTS (SELECT 1 FROM feed_records AS r WHERE r.seq = feed_events.seq AND r.deleted = 0)`,
            args: [head.retainedFrom, retainedFrom],
          },
        ],
        "write",
      ),
    );
    return { retainedFrom };
  }
}
