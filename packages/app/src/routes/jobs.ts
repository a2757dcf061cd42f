/**
 * Bulk issuance jobs (scope issue). `POST /jobs` stores the rows (JSON or CSV) and answers 202 at once; the
 * centre's job runner issues them in the background, on Workers inside `waitUntil`. `GET /jobs/:id` tells
 * the progress, `GET /jobs/:id/rows` each row's outcome. Resubmitting a job (its jobKey, or the same rows)
 * answers 200 with the job stored first: nothing is issued twice.
 */
import type { CredentialFormat } from "@learnbridge/credentials";
import {
  type Job,
  type JobRepository,
  type JobRowState,
  MAX_JOB_ROWS,
  parseJobCsv,
  submitJob,
} from "@learnbridge/issuer";
import { type Context, Hono } from "hono";
import type { AppEnv, ResolvedDeps } from "../deps.ts";
import { badRequest, isObject, optionalString, readJsonObject } from "../json-body.ts";
import { requireScope } from "../middleware/bearer-auth.ts";
import { mediaTypeOf } from "../middleware/json-content-type.ts";
import { ProblemError } from "../problem.ts";

const FORMATS: readonly CredentialFormat[] = ["ldp_vc", "jwt_vc"];
const ROW_STATES: readonly JobRowState[] = ["pending", "issued", "failed"];
const MAX_PAGE = 500;
const DEFAULT_MAX_JOB_BODY_BYTES = 16 * 1024 * 1024;

/** The limits of `POST /jobs`: rows per job and body bytes. */
export function jobLimitsOf(deps: Pick<ResolvedDeps, "limits">): { maxRows: number; maxBodyBytes: number } {
  const maxRows = deps.limits?.maxJobRows ?? MAX_JOB_ROWS;
  const maxBodyBytes = deps.limits?.maxJobBodyBytes ?? DEFAULT_MAX_JOB_BODY_BYTES;
  for (const [name, value] of [
    ["maxJobRows", maxRows],
    ["maxJobBodyBytes", maxBodyBytes],
  ] as const) {
    if (!Number.isSafeInteger(value) || value <= 0) {
      throw new TypeError(`createCentreApp: limits.${name} must be a positive integer`);
    }
  }
  return { maxRows, maxBodyBytes };
}

/** A job as the API shows it: the job and its progress. */
async function progressOf(jobs: JobRepository, job: Job) {
  const totals = await jobs.totals(job.id);
  return {
    id: job.id,
    kind: job.kind,
    format: job.format,
    state: job.state,
    ...totals,
    createdAt: job.createdAt,
    ...(job.finishedAt ? { finishedAt: job.finishedAt } : {}),
    ...(job.jobKey ? { jobKey: job.jobKey } : {}),
  };
}

/** The rows, format and jobKey of a submission: a JSON body, or CSV with `?format=&jobKey=`. */
async function readSubmission(c: Context<AppEnv>, maxRows: number) {
  let rows: unknown;
  let fields: Record<string, unknown>;
  if (mediaTypeOf(c.req.header("Content-Type")) === "text/csv") {
    rows = parseJobCsv(await c.req.text());
    fields = c.req.query();
  } else {
    fields = await readJsonObject(c);
    rows = fields.rows;
  }
  if (!Array.isArray(rows) || rows.length === 0)
    throw badRequest("rows", "must be a non-empty array of rows");
  if (rows.length > maxRows) {
    throw new ProblemError("PAYLOAD_TOO_LARGE", `a job holds at most ${maxRows} rows, not ${rows.length}`, {
      extras: { maxRows },
    });
  }
  const bad = rows.findIndex((row) => !isObject(row));
  if (bad !== -1) throw badRequest(`rows[${bad}]`, "must be a JSON object");
  const format = fields.format ?? "ldp_vc";
  if (!FORMATS.includes(format as CredentialFormat))
    throw badRequest("format", `must be ${FORMATS.join(" or ")}`);
  const jobKey = optionalString(fields, "jobKey", 200);
  return { rows: rows as Record<string, unknown>[], format: format as CredentialFormat, jobKey };
}

/** Keeps `work` alive after the response where the runtime would end it (Workers); Node needs nothing. */
function runAfterResponse(c: Context<AppEnv>, work: Promise<void>): void {
  let waitUntil: ((promise: Promise<unknown>) => void) | undefined;
  try {
    const context = c.executionCtx;
    waitUntil = context.waitUntil.bind(context);
  } catch {
    // No ExecutionContext (Node, tests): the process outlives the response.
  }
  waitUntil?.(work);
}

export function jobRoutes(deps: ResolvedDeps): Hono<AppEnv> {
  const { maxRows } = jobLimitsOf(deps);
  const findJob = async (id: string) => {
    const job = await deps.jobs.get(id);
    if (!job) throw new ProblemError("NOT_FOUND", `there is no job ${id}`);
    return job;
  };
  return new Hono<AppEnv>()
    .post("/jobs", requireScope(deps.apiKeys, "issue"), async (c) => {
      const { rows, format, jobKey } = await readSubmission(c, maxRows);
      const { job, created } = await submitJob(
        deps.jobs,
        {
          rows,
          format,
          ...(jobKey ? { jobKey } : {}),
          actor: c.get("apiKey").id,
          origin: c.get("clientAddress"),
        },
        { clock: deps.clock, maxRows },
      );
      runAfterResponse(c, deps.jobRunner.enqueue(job.id));
      c.header("Location", `${deps.publicUrl}/jobs/${job.id}`);
      return c.json({ job: await progressOf(deps.jobs, job) }, created ? 202 : 200);
    })
    .get("/jobs/:id", requireScope(deps.apiKeys, "issue"), async (c) => {
      return c.json(await progressOf(deps.jobs, await findJob(c.req.param("id"))));
    })
    .get("/jobs/:id/rows", requireScope(deps.apiKeys, "issue"), async (c) => {
      const job = await findJob(c.req.param("id"));
      const { state, after = "0", limit = "100" } = c.req.query();
      if (state !== undefined && !ROW_STATES.includes(state as JobRowState)) {
        throw badRequest("state", `must be one of ${ROW_STATES.join(", ")}`);
      }
      if (!/^\d{1,9}$/.test(after)) throw badRequest("after", "must be a row number (an integer ≥ 0)");
      const size = Number(limit);
      if (!/^\d+$/.test(limit) || size < 1 || size > MAX_PAGE) {
        throw badRequest("limit", `must be an integer from 1 to ${MAX_PAGE}`);
      }
      const rows = await deps.jobs.rows(job.id, {
        ...(state ? { state: state as JobRowState } : {}),
        after: Number(after),
        limit: size,
      });
      const last = rows.at(-1);
      return c.json({
        rows: rows.map((r) => ({
          row: r.row,
          state: r.state,
          ...(r.credentialId ? { credentialId: r.credentialId } : {}),
          ...(r.error ? { error: r.error } : {}),
          input: JSON.parse(r.input),
        })),
        ...(rows.length === size && last ? { next: last.row } : {}),
      });
    });
}
