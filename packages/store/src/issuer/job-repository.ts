/**
 * Bulk issuance jobs on libSQL (the JobRepository port of @learnbridge/issuer; tables of migration
 * 0004-issuance-jobs). A job, its audit entry and all its rows are one write batch, so one transaction: the
 * rows go in multi-row INSERTs of a few hundred each, each guarded by the job this batch inserted (a
 * resubmission's job insert is ignored by the UNIQUE job_key / content_hash, and so are its rows). Even a
 * 10,000-row job is one transaction on a file; over HTTP it is one request of the rows' size.
 */

import type { ErrorCode } from "@learnbridge/core";
import type {
  AuditEntry,
  Job,
  JobRepository,
  JobRow,
  JobRowQuery,
  JobRowState,
  JobState,
  RowOutcome,
} from "@learnbridge/issuer";
import { busyRetrying } from "../busy.ts";
import type { SqlClient, SqlRow, SqlStatement, SqlValue } from "../sql-client.ts";
import { appendAuditStatement } from "./audit-log.ts";

/** Rows per INSERT: 2 arguments each, far below SQLite's 32,766 bound variables. */
const ROWS_PER_STATEMENT = 500;

const toJob = (row: SqlRow): Job => ({
  id: String(row.id),
  kind: "issue",
  format: String(row.format) as Job["format"],
  state: String(row.state) as JobState,
  actor: String(row.actor),
  ...(row.origin !== null ? { origin: String(row.origin) } : {}),
  ...(row.job_key !== null ? { jobKey: String(row.job_key) } : {}),
  contentHash: String(row.content_hash),
  total: Number(row.total),
  createdAt: String(row.created_at),
  ...(row.finished_at !== null ? { finishedAt: String(row.finished_at) } : {}),
});

const toRow = (row: SqlRow): JobRow => ({
  jobId: String(row.job_id),
  row: Number(row.row_no),
  input: String(row.input),
  state: String(row.state) as JobRowState,
  ...(row.credential_id !== null ? { credentialId: String(row.credential_id) } : {}),
  ...(row.error_code !== null
    ? { error: { code: String(row.error_code) as ErrorCode, message: String(row.error_message ?? "") } }
    : {}),
});

export class LibsqlJobRepository implements JobRepository {
  readonly #client: SqlClient;

  constructor(client: SqlClient) {
    if (typeof client?.execute !== "function")
      throw new TypeError("LibsqlJobRepository: a SqlClient is required");
    // Every write here is one batch (one transaction), so a busy one is simply run again.
    this.#client = busyRetrying(client);
  }

  async create(job: Job, inputs: readonly string[], audit?: AuditEntry) {
    const statements: SqlStatement[] = [
      {
        sql: `INSERT INTO issuance_jobs (id, kind, format, state, actor, origin, job_key, content_hash, total, created_at)
              VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
        args: [
          job.id,
          job.kind,
          job.format,
          job.state,
          job.actor,
          job.origin ?? null,
          job.jobKey ?? null,
          job.contentHash,
          job.total,
          job.createdAt,
        ],
      },
    ];
    if (audit) statements.push(appendAuditStatement(audit, "changes() = 1"));
    for (let start = 0; start < inputs.length; start += ROWS_PER_STATEMENT) {
      const chunk = inputs.slice(start, start + ROWS_PER_STATEMENT);
      const args: SqlValue[] = [job.id];
      for (const [i, input] of chunk.entries()) args.push(start + i + 1, input);
      args.push(job.id, job.contentHash);
      statements.push({
        sql: `INSERT INTO issuance_job_rows (job_id, row_no, input)
              SELECT ?, column1, column2 FROM (VALUES ${chunk.map(() => "(?, ?)").join(", ")})
              WHERE EXISTS (SELECT 1 FROM issuance_jobs WHERE id = ? AND content_hash = ?)`,
        args,
      });
    }
    const [inserted] = await this.#client.batch(statements, "write");
    if (inserted?.rowsAffected === 1) return { created: true, job };
    const { rows } = await this.#client.execute({
      sql: `SELECT * FROM issuance_jobs WHERE job_key = ? OR content_hash = ?
            ORDER BY job_key IS NOT ? LIMIT 1`,
      args: [job.jobKey ?? null, job.contentHash, job.jobKey ?? null],
    });
    const earlier = rows[0];
    // Neither key matched, so the insert hit the id's UNIQUE: the caller reused an id.
    if (!earlier) throw new TypeError(`job ${job.id} exists`);
    return { created: false, job: toJob(earlier) };
  }

  async get(id: string) {
    const { rows } = await this.#client.execute({
      sql: "SELECT * FROM issuance_jobs WHERE id = ?",
      args: [id],
    });
    return rows[0] && toJob(rows[0]);
  }

  async totals(id: string) {
    const { rows } = await this.#client.execute({
      sql: "SELECT state, COUNT(*) AS n FROM issuance_job_rows WHERE job_id = ? GROUP BY state",
      args: [id],
    });
    const count = (state: JobRowState) => Number(rows.find((r) => r.state === state)?.n ?? 0);
    const totals = { pending: count("pending"), issued: count("issued"), failed: count("failed") };
    return { total: totals.pending + totals.issued + totals.failed, ...totals };
  }

  async rows(jobId: string, query: JobRowQuery = {}) {
    const args: SqlValue[] = [jobId, query.after ?? 0];
    if (query.state) args.push(query.state);
    args.push(Math.min(Math.max(query.limit ?? 100, 1), 1000));
    const { rows } = await this.#client.execute({
      sql: `SELECT * FROM issuance_job_rows WHERE job_id = ? AND row_no > ? ${query.state ? "AND state = ?" : ""}
            ORDER BY row_no LIMIT ?`,
      args,
    });
    return rows.map(toRow);
  }

  async settle(jobId: string, outcomes: readonly RowOutcome[]) {
    if (outcomes.length === 0) return;
    await this.#client.batch(
      outcomes.map((o) => ({
        sql: `UPDATE issuance_job_rows SET state = ?, credential_id = ?, error_code = ?, error_message = ?
              WHERE job_id = ? AND row_no = ? AND state = 'pending'`,
        args:
          o.state === "issued"
            ? ["issued", o.credentialId, null, null, jobId, o.row]
            : ["failed", null, o.error.code, o.error.message, jobId, o.row],
      })),
      "write",
    );
  }

  async setState(id: string, state: Exclude<JobState, "queued">, at?: string) {
    const from = state === "running" ? "('queued')" : "('queued', 'running')";
    const { rowsAffected } = await this.#client.execute({
      sql: `UPDATE issuance_jobs SET state = ?, finished_at = ? WHERE id = ? AND state IN ${from}`,
      args: [state, state === "done" ? (at ?? null) : null, id],
    });
    return rowsAffected === 1;
  }

  async unfinished(limit = 100) {
    const { rows } = await this.#client.execute({
      sql: "SELECT * FROM issuance_jobs WHERE state <> 'done' ORDER BY seq LIMIT ?",
      args: [Math.min(Math.max(limit, 1), 1000)],
    });
    return rows.map(toJob);
  }
}
