/**
 * The port for bulk issuance jobs: a job (who asked, in which format, where it stands) and its rows (the
 * input as submitted, and each row's outcome). A job and all its rows are created in one atomic write, so a
 * job is either there whole or not at all; resubmitting it (same jobKey, or the same content) finds it.
 */
import type { ErrorCode } from "@learnbridge/core";
import type { CredentialFormat } from "@learnbridge/credentials";
import type { AuditEntry, AuditLog } from "../audit/audit-log.ts";

/** queued: created, not started; running: rows are being issued (or wait for a retry); done: every row settled. */
export type JobState = "queued" | "running" | "done";
/** pending: not settled yet; issued: its credential is stored; failed: its input was refused (see `error`). */
export type JobRowState = "pending" | "issued" | "failed";

export interface Job {
  readonly id: string;
  readonly kind: "issue";
  readonly format: CredentialFormat;
  readonly state: JobState;
  /** Who submitted it (an API key id); its credentials are issued and audited in that name. */
  readonly actor: string;
  readonly origin?: string;
  /** The client's idempotency key, when it gave one. */
  readonly jobKey?: string;
  /** `sha256:<hex>` of the kind, format and rows: the same content is the same job. */
  readonly contentHash: string;
  /** Rows in the job. */
  readonly total: number;
  readonly createdAt: string;
  readonly finishedAt?: string;
}

/** Why a row was refused: a code from the closed set and a message for the person who fixes the row. */
export interface JobRowError {
  readonly code: ErrorCode;
  readonly message: string;
}

export interface JobRow {
  readonly jobId: string;
  /** 1 for the first row (for CSV: the first line after the header). */
  readonly row: number;
  /** The row as submitted, as JSON text. */
  readonly input: string;
  readonly state: JobRowState;
  readonly credentialId?: string;
  readonly error?: JobRowError;
}

/** How a row ended. */
export type RowOutcome =
  | { readonly row: number; readonly state: "issued"; readonly credentialId: string }
  | { readonly row: number; readonly state: "failed"; readonly error: JobRowError };

export interface JobTotals {
  readonly total: number;
  readonly pending: number;
  readonly issued: number;
  readonly failed: number;
}

export interface JobRowQuery {
  readonly state?: JobRowState;
  /** Rows strictly after this row number. */
  readonly after?: number;
  readonly limit?: number;
}

export interface JobRepository {
  /**
   * Stores `job`, one pending row per input (numbered from 1) and `audit`, in one atomic write. When a job
   * with the same jobKey or the same contentHash exists, stores nothing and returns that job (the one with
   * the same jobKey, when there is one).
   */
  create(job: Job, inputs: readonly string[], audit?: AuditEntry): Promise<{ created: boolean; job: Job }>;
  get(id: string): Promise<Job | undefined>;
  /** Rows of the job by state (all zero for an unknown job). */
  totals(id: string): Promise<JobTotals>;
  /** Rows in row order. */
  rows(jobId: string, query?: JobRowQuery): Promise<readonly JobRow[]>;
  /** Records outcomes in one atomic write; a row that is no longer pending keeps its first outcome. */
  settle(jobId: string, outcomes: readonly RowOutcome[]): Promise<void>;
  /**
   * Moves a job forward (queued → running → done; `at` stamps finishedAt on done). False when it is unknown
   * or already in that state or past it.
   */
  setState(id: string, state: Exclude<JobState, "queued">, at?: string): Promise<boolean>;
  /** Jobs not done, oldest first. */
  unfinished(limit?: number): Promise<readonly Job[]>;
}

const ORDER: Readonly<Record<JobState, number>> = { queued: 0, running: 1, done: 2 };

/** Options of the in-memory twin. */
export interface MemoryJobRepositoryOptions {
  /** Where the audit entry passed to `create` goes. */
  readonly audit?: AuditLog;
}

/** The in-memory twin. */
export class MemoryJobRepository implements JobRepository {
  readonly #jobs: Job[] = [];
  readonly #rows = new Map<string, JobRow[]>();
  readonly #audit: AuditLog | undefined;

  constructor(options: MemoryJobRepositoryOptions = {}) {
    this.#audit = options.audit;
  }

  async create(job: Job, inputs: readonly string[], audit?: AuditEntry) {
    if (audit && !this.#audit)
      throw new TypeError("MemoryJobRepository: pass { audit } to store audit entries");
    const earlier =
      (job.jobKey !== undefined ? this.#jobs.find((j) => j.jobKey === job.jobKey) : undefined) ??
      this.#jobs.find((j) => j.contentHash === job.contentHash);
    if (earlier) return { created: false, job: earlier };
    if (this.#jobs.some((j) => j.id === job.id)) throw new TypeError(`job ${job.id} exists`);
    this.#jobs.push(job);
    this.#rows.set(
      job.id,
      inputs.map((input, i) => ({ jobId: job.id, row: i + 1, input, state: "pending" })),
    );
    if (audit) await this.#audit?.append(audit);
    return { created: true, job };
  }

  async get(id: string) {
    return this.#jobs.find((j) => j.id === id);
  }

  async totals(id: string) {
    const rows = this.#rows.get(id) ?? [];
    const count = (state: JobRowState) => rows.filter((r) => r.state === state).length;
    return {
      total: rows.length,
      pending: count("pending"),
      issued: count("issued"),
      failed: count("failed"),
    };
  }

  async rows(jobId: string, query: JobRowQuery = {}) {
    return (this.#rows.get(jobId) ?? [])
      .filter((r) => r.row > (query.after ?? 0) && (query.state ? r.state === query.state : true))
      .slice(0, query.limit ?? 100);
  }

  async settle(jobId: string, outcomes: readonly RowOutcome[]) {
    const rows = this.#rows.get(jobId) ?? [];
    for (const outcome of outcomes) {
      const at = outcome.row - 1;
      const row = rows[at];
      if (row?.state !== "pending") continue;
      rows[at] =
        outcome.state === "issued"
          ? { ...row, state: "issued", credentialId: outcome.credentialId }
          : { ...row, state: "failed", error: { ...outcome.error } };
    }
  }

  async setState(id: string, state: Exclude<JobState, "queued">, at?: string) {
    const index = this.#jobs.findIndex((j) => j.id === id);
    const job = this.#jobs[index];
    if (!job || ORDER[job.state] >= ORDER[state]) return false;
    this.#jobs[index] = { ...job, state, ...(state === "done" && at ? { finishedAt: at } : {}) };
    return true;
  }

  async unfinished(limit = 100) {
    return this.#jobs.filter((j) => j.state !== "done").slice(0, limit);
  }
}
