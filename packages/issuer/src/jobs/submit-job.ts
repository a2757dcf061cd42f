/**
 * Submitting a bulk issuance job: the rows are stored with the job, all or nothing, and the job is audited.
 * Resubmitting it (the same jobKey, or the same content) returns the job stored first and creates nothing;
 * the same jobKey with other content is a CONFLICT, as with an HTTP idempotency key.
 */
import {
  type Clock,
  LearnbridgeError,
  sha256,
  systemClock,
  toHex,
  toXsdDateTime,
  utf8,
} from "@learnbridge/core";
import type { CredentialFormat } from "@learnbridge/credentials";
import { type Actor, auditedBy } from "../access/actor.ts";
import type { Job, JobRepository } from "./job-repository.ts";

/** The most rows one job may hold. */
export const MAX_JOB_ROWS = 10_000;

export interface JobSubmission extends Actor {
  /** Each row a flat row or a whole unsigned credential (see flat-row.ts). */
  readonly rows: readonly Record<string, unknown>[];
  readonly format?: CredentialFormat;
  readonly jobKey?: string;
}

/**
 * Stores the job (state queued) unless it exists; `created` tells which. Throws a TypeError on misuse (no
 * rows, too many, a row that is not an object).
 * @example const { job } = await submitJob(jobs, { rows, actor: key.id }); runner.enqueue(job.id);
 */
export async function submitJob(
  jobs: JobRepository,
  submission: JobSubmission,
  options: { clock?: Clock; maxRows?: number } = {},
): Promise<{ job: Job; created: boolean }> {
  const { rows } = submission;
  const maxRows = options.maxRows ?? MAX_JOB_ROWS;
  if (!Array.isArray(rows) || rows.length === 0 || rows.length > maxRows) {
    throw new TypeError(`submitJob: rows must be an array of 1 to ${maxRows} rows`);
  }
  if (!rows.every((r) => typeof r === "object" && r !== null && !Array.isArray(r))) {
    throw new TypeError("submitJob: every row must be an object");
  }
  const format = submission.format ?? "ldp_vc";
  const inputs = rows.map((row) => JSON.stringify(row));
  const content = JSON.stringify({ kind: "issue", format, rows: inputs });
  const contentHash = `sha256:${toHex(await sha256(utf8(content)))}`;
  const job: Job = {
    id: crypto.randomUUID(),
    kind: "issue",
    format,
    state: "queued",
    ...auditedBy(submission),
    ...(submission.jobKey !== undefined ? { jobKey: submission.jobKey } : {}),
    contentHash,
    total: rows.length,
    createdAt: toXsdDateTime((options.clock ?? systemClock)()),
  };
  const stored = await jobs.create(job, inputs, {
    at: job.createdAt,
    ...auditedBy(submission),
    action: "job.create",
    subject: job.id,
    details: { kind: job.kind, format, total: job.total, ...(job.jobKey ? { jobKey: job.jobKey } : {}) },
  });
  const reused = job.jobKey !== undefined && stored.job.jobKey === job.jobKey;
  if (!stored.created && reused && stored.job.contentHash !== contentHash) {
    throw new LearnbridgeError("CONFLICT", `the jobKey ${job.jobKey} was used for a job with other rows`, {
      jobKey: job.jobKey,
      jobId: stored.job.id,
    });
  }
  return stored;
}
