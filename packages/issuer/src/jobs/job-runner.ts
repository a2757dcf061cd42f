/**
 * Runs bulk issuance jobs in-process: one job at a time, oldest first; within a job, pending rows in row
 * order with a bounded number in flight. Each row is issued under the request key `job:<jobId>:<row>`, so a
 * row interrupted by a crash and run again issues at most once: the retry finds the stored record.
 *
 * A row whose input is refused (a domain error with a 4xx code) fails with that code and the others go on.
 * Any other error (the database unreachable, a status list full) stops the run with the row still pending;
 * `resume()` (the Node root calls it on start and on a timer, Workers on a Cron Trigger) tries again, and a
 * row that failed so `maxAttempts` times in this process is failed with the error's code.
 */
import {
  type Clock,
  ERROR_HTTP_STATUS,
  type ErrorCode,
  LearnbridgeError,
  systemClock,
  toXsdDateTime,
} from "@learnbridge/core";
import type { IssuerProfile } from "@learnbridge/credentials";
import type { Issuance } from "../records/issuance.ts";
import { credentialForRow } from "./flat-row.ts";
import type { Job, JobRepository, JobRow, RowOutcome } from "./job-repository.ts";

export interface JobRunnerOptions {
  readonly jobs: JobRepository;
  readonly issuance: Pick<Issuance, "issue">;
  /** The centre's DID: the issuer of credentials built from flat rows. */
  readonly did: string;
  /**
   * The issuer profile put in credentials built from flat rows, for the row's language; read once per run
   * and language. Default: one named after the DID's host.
   */
  readonly issuerProfile?: (language: string) => Promise<IssuerProfile | undefined>;
  /** Rows in flight at once; default 4. */
  readonly concurrency?: number;
  /** Rows read, and their outcomes written, at a time: the grain of progress; default 50. */
  readonly batchSize?: number;
  /** Runs in which a row may hit an unexpected error before it is failed; default 3. */
  readonly maxAttempts?: number;
  /**
   * Each `enqueue`/`resume` call stops taking rows this long after it was made; default none. On Workers the
   * work of an invocation must end before the platform ends it (about 30 s after the response).
   */
  readonly runBudgetMs?: number;
  readonly clock?: Clock;
  /** Where errors of runs are reported; default `console.error`. */
  readonly logError?: (error: unknown, where: { readonly jobId: string; readonly row?: number }) => void;
}

type IssuerFor = (language: string) => Promise<IssuerProfile>;

/** The request key of a job's row: what makes its issuance happen at most once. */
export const rowRequestKey = (jobId: string, row: number): string => `job:${jobId}:${row}`;

const positive = (value: number | undefined, fallback: number, name: string) => {
  const n = value ?? fallback;
  if (!Number.isSafeInteger(n) || n < 1) throw new TypeError(`JobRunner: ${name} must be a positive integer`);
  return n;
};

/** A refused input: a domain error whose code is a client's fault. */
const isInputError = (error: unknown): error is LearnbridgeError =>
  error instanceof LearnbridgeError && ERROR_HTTP_STATUS[error.code] < 500;

/**
 * @example const runner = new JobRunner({ jobs, issuance, did }); await runner.resume(); runner.enqueue(job.id);
 */
export class JobRunner {
  readonly #o: JobRunnerOptions;
  readonly #concurrency: number;
  readonly #batchSize: number;
  readonly #maxAttempts: number;
  readonly #clock: Clock;
  readonly #log: NonNullable<JobRunnerOptions["logError"]>;
  readonly #stopping = new AbortController();
  /** Runs waiting or going on, by job id: a job is never run twice at once by this runner. */
  readonly #runs = new Map<string, Promise<void>>();
  /** Unexpected failures per row request key, in this process. */
  readonly #attempts = new Map<string, number>();
  #tail: Promise<void> = Promise.resolve();

  constructor(options: JobRunnerOptions) {
    if (!options?.jobs || !options.issuance) throw new TypeError("JobRunner: jobs and issuance are required");
    if (typeof options.did !== "string" || !options.did.startsWith("did:")) {
      throw new TypeError("JobRunner: did must be the centre's DID");
    }
    this.#o = options;
    this.#concurrency = positive(options.concurrency, 4, "concurrency");
    this.#batchSize = positive(options.batchSize, 50, "batchSize");
    this.#maxAttempts = positive(options.maxAttempts, 3, "maxAttempts");
    if (options.runBudgetMs !== undefined) positive(options.runBudgetMs, 1, "runBudgetMs");
    this.#clock = options.clock ?? systemClock;
    this.#log = options.logError ?? ((error, where) => console.error("job runner:", where, error));
  }

  /**
   * Runs the job after those queued before it; the same promise while it is queued or running. Never
   * rejects: errors are logged and the job stays unfinished for `resume()`. Stops taking rows on `signal`.
   */
  enqueue(jobId: string, options: { signal?: AbortSignal } = {}): Promise<void> {
    const queued = this.#runs.get(jobId);
    if (queued) return queued;
    const budget = this.#o.runBudgetMs;
    const signals = [this.#stopping.signal, options.signal, budget ? AbortSignal.timeout(budget) : undefined];
    const signal = AbortSignal.any(signals.filter((s): s is AbortSignal => s !== undefined));
    const run = this.#tail
      .then(() => this.#run(jobId, signal))
      .catch((error) => this.#log(error, { jobId }))
      .finally(() => {
        if (this.#runs.get(jobId) === run) this.#runs.delete(jobId);
      });
    this.#runs.set(jobId, run);
    this.#tail = run;
    return run;
  }

  /** Runs every unfinished job (a restart's leftovers, a stopped run), oldest first; resolves when they ran. */
  async resume(options: { signal?: AbortSignal } = {}): Promise<void> {
    const jobs = await this.#o.jobs.unfinished();
    await Promise.all(jobs.map((job) => this.enqueue(job.id, options)));
  }

  /** Takes no more rows; resolves when the rows in flight are settled. */
  async stop(): Promise<void> {
    this.#stopping.abort();
    await this.#tail;
  }

  async #run(jobId: string, signal: AbortSignal): Promise<void> {
    const { jobs } = this.#o;
    const job = await jobs.get(jobId);
    if (!job || job.state === "done" || signal.aborted) return;
    await jobs.setState(job.id, "running");
    const profiles = new Map<string, Promise<IssuerProfile>>();
    const issuer = (language: string) => {
      let profile = profiles.get(language);
      if (!profile) {
        profile = (async () => (await this.#o.issuerProfile?.(language)) ?? defaultProfile(this.#o.did))();
        profiles.set(language, profile);
      }
      return profile;
    };
    for (let after = 0; !signal.aborted; ) {
      const batch = await jobs.rows(job.id, { state: "pending", after, limit: this.#batchSize });
      const last = batch.at(-1);
      if (!last) break;
      after = last.row;
      await this.#runBatch(job, batch, issuer, signal);
    }
    if (signal.aborted) return;
    const totals = await jobs.totals(job.id);
    if (totals.pending === 0) await jobs.setState(job.id, "done", toXsdDateTime(this.#clock()));
  }

  /** Issues a batch with at most `concurrency` rows in flight and records the outcomes in one write. */
  async #runBatch(job: Job, batch: readonly JobRow[], issuer: IssuerFor, signal: AbortSignal) {
    const outcomes: RowOutcome[] = [];
    let next = 0;
    let failure: { error: unknown } | undefined;
    const worker = async () => {
      for (let row = batch[next++]; row && !failure && !signal.aborted; row = batch[next++]) {
        try {
          outcomes.push(await this.#runRow(job, row, issuer));
        } catch (error) {
          failure ??= { error };
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.#concurrency, batch.length) }, worker));
    // What was settled is kept even when the run stops here.
    if (outcomes.length) await this.#o.jobs.settle(job.id, outcomes);
    if (failure) throw failure.error;
  }

  async #runRow(job: Job, row: JobRow, issuer: IssuerFor): Promise<RowOutcome> {
    const requestKey = rowRequestKey(job.id, row.row);
    try {
      const { credential, achievementId } = await credentialForRow(
        JSON.parse(row.input),
        issuer,
        this.#clock,
      );
      const { record } = await this.#o.issuance.issue({
        credential,
        format: job.format,
        requestKey,
        ...(achievementId ? { achievementId } : {}),
        actor: job.actor,
        ...(job.origin ? { origin: job.origin } : {}),
        auditDetails: { job: job.id, row: row.row },
      });
      this.#attempts.delete(requestKey);
      return { row: row.row, state: "issued", credentialId: record.id };
    } catch (error) {
      if (isInputError(error)) {
        return { row: row.row, state: "failed", error: { code: error.code, message: error.message } };
      }
      this.#log(error, { jobId: job.id, row: row.row });
      const attempts = (this.#attempts.get(requestKey) ?? 0) + 1;
      if (attempts < this.#maxAttempts) {
        this.#attempts.set(requestKey, attempts);
        throw error;
      }
      this.#attempts.delete(requestKey);
      const code: ErrorCode = error instanceof LearnbridgeError ? error.code : "INTERNAL";
      const message = error instanceof Error ? error.message : String(error);
      return {
        row: row.row,
        state: "failed",
        error: { code, message: `failed ${attempts} times: ${message}` },
      };
    }
  }
}

/** An issuer profile named after the host of a did:web (`did:web:centre.example` → `centre.example`). */
function defaultProfile(did: string): IssuerProfile {
  const host = did.startsWith("did:web:") ? decodeURIComponent(did.slice(8).split(":")[0] ?? "") : "";
  return { id: did, name: host || did };
}
