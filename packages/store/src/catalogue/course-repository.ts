/**
 * The node's own course records on libSQL (the CourseRepository port of @learnbridge/catalogue). A version,
 * its feed event and its audit entry are ONE batch, so no crash and no failure can leave a record without
 * its event or the other way round: the batch is a transaction, and its first statement only succeeds while
 * the feed's head is where this writer read it. The batch takes its turn with the node's other writers
 * (a pull applying a page meanwhile), and is retried while another process holds the database.
 */
import {
  type CatalogueAuditEntry,
  type CatalogueEntry,
  type CourseQuery,
  type CourseRepository,
  catalogueColumnsOf,
  courseListLimit,
  publicationChangeOf,
} from "@learnbridge/catalogue";
import { type Clock, LearnbridgeError, systemClock } from "@learnbridge/core";
import { type FeedChange, type JsonRecord, planAppend } from "@learnbridge/federation";
import { retryWhileBusy } from "../busy.ts";
import {
  APPEND_ATTEMPTS,
  appendStatements,
  feedBasisStatement,
  headOfRow,
  lostAppendRace,
  queuedOn,
  stateOfRow,
} from "../federation/feed-log.ts";
import { appendAuditStatement } from "../issuer/audit-log.ts";
import { oneWriter } from "../one-writer.ts";
import type { SqlClient, SqlRow, SqlStatement, SqlValue } from "../sql-client.ts";

/** The statement that writes a record's row (insert, or the next version over the old row). */
function upsertStatement(entry: CatalogueEntry, recordHash: string): SqlStatement {
  const row = catalogueColumnsOf(entry);
  return {
    sql: `INSERT INTO catalogue_records (record_id, owner, version, record_hash, record_json, search_text, level,
        credits, languages, mode, country, audience, deleted) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (record_id) DO UPDATE SET owner = excluded.owner, version = excluded.version,
        record_hash = excluded.record_hash, record_json = excluded.record_json, search_text = excluded.search_text,
        level = excluded.level, credits = excluded.credits, languages = excluded.languages, mode = excluded.mode,
        country = excluded.country, audience = excluded.audience, deleted = excluded.deleted`,
    args: [
      row.recordId,
      row.owner,
      row.version,
      recordHash,
      row.recordJson,
      row.searchText,
      row.level,
      row.credits,
      JSON.stringify(row.languages),
      row.mode,
      row.country,
      JSON.stringify(row.audience),
      row.deleted ? 1 : 0,
    ],
  };
}

/** Options of `LibsqlCourseRepository`. */
export interface LibsqlCourseRepositoryOptions {
  /** Stamps the feed events; default the system clock. */
  readonly clock?: Clock;
}

export class LibsqlCourseRepository implements CourseRepository {
  readonly #client: SqlClient;
  readonly #clock: Clock;

  constructor(client: SqlClient, options: LibsqlCourseRepositoryOptions = {}) {
    this.#client = oneWriter(client);
    this.#clock = options.clock ?? systemClock;
  }

  async put(entry: CatalogueEntry, audit?: CatalogueAuditEntry) {
    const { record, ...facts } = await publicationChangeOf(entry);
    // A course record is plain JSON; the feed sees it as an opaque object.
    const change: FeedChange = { ...facts, record: record as unknown as JsonRecord };
    const upsert = upsertStatement(entry, change.recordHash);
    return queuedOn(this.#client, async () => {
      for (let attempt = 1; ; attempt++) {
        const { rows } = await this.#client.execute(
          feedBasisStatement(entry.id, {
            select: "c.version AS c_version",
            join: "LEFT JOIN catalogue_records AS c ON c.record_id = ?",
            args: [entry.id],
          }),
        );
        const row = rows[0] as SqlRow;
        const head = headOfRow(row);
        if (entry.version !== Number(row.c_version ?? 0) + 1) return false;
        const previous = stateOfRow(entry.id, row);
        const plan = await planAppend(head, previous, change, this.#clock().toISOString());
        // The feed is written only with the catalogue: it cannot be ahead of it unless edited by hand.
        if (!plan.ok) throw new LearnbridgeError("INTERNAL", `the feed refused ${entry.id}: ${plan.reason}`);
        const statements = [...appendStatements(plan.value, head.seq, previous), upsert];
        if (audit) statements.push(appendAuditStatement(audit));
        try {
          await retryWhileBusy(() => this.#client.batch(statements, "write"));
          return true;
        } catch (error) {
          if (!lostAppendRace(error) || attempt >= APPEND_ATTEMPTS) throw error;
        }
      }
    });
  }

  async get(recordId: string) {
    const { rows } = await this.#client.execute({
      sql: "SELECT record_json FROM catalogue_records WHERE record_id = ?",
      args: [recordId],
    });
    return rows[0] ? (JSON.parse(String(rows[0].record_json)) as CatalogueEntry) : undefined;
  }

  async list(query: CourseQuery = {}) {
    const where: string[] = [];
    const args: SqlValue[] = [];
    if (query.after !== undefined) {
      where.push("record_id > ?");
      args.push(query.after);
    }
    if (!query.includeDeleted) where.push("deleted = 0");
    args.push(courseListLimit(query));
    const { rows } = await this.#client.execute({
      sql: `SELECT record_json FROM catalogue_records ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
        ORDER BY record_id LIMIT ?`,
      args,
    });
    return rows.map((row) => JSON.parse(String(row.record_json)) as CatalogueEntry);
  }
}
