/**
 * A bulk job survives `kill -9`: the Node centre as a real process on an embedded libSQL file takes a
 * 5,000-row CSV job, is killed while issuing, and is started again on the same data directory and port. The
 * job then finishes with every row issued exactly once: 5,000 records with distinct ids, no status list
 * index used twice, and exactly one `credential.issue` audit entry per record.
 */
import { afterEach, describe, expect, it } from "vitest";
import { type CentreProcess, freePort, startCentreProcess, tempDir } from "../node/centre-process.ts";

const ROWS = 5_000;
/** Issued rows after which the process is killed: enough that a restart has to pick up a running job. */
const KILL_AFTER = 300;

const running: CentreProcess[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((c) => c.stop("SIGKILL")));
});

interface Progress {
  readonly state: string;
  readonly total: number;
  readonly issued: number;
  readonly failed: number;
  readonly pending: number;
}

function client(base: string, token: string) {
  const call = async <T>(path: string, init: RequestInit = {}): Promise<{ status: number; body: T }> => {
    const response = await fetch(`${base}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${token}`, ...init.headers },
    });
    return { status: response.status, body: (await response.json()) as T };
  };
  /** Every item of a paged list: `next` is the cursor of the page after. */
  const all = async <T>(path: (cursor: string) => string, key: string): Promise<T[]> => {
    const items: T[] = [];
    for (let cursor = ""; ; ) {
      const { status, body } = await call<Record<string, unknown>>(path(cursor));
      expect(status).toBe(200);
      items.push(...(body[key] as T[]));
      if (body.next === undefined) return items;
      cursor = String(body.next);
    }
  };
  return { call, all };
}

const csv = (rows: number) =>
  [
    "learner_did,achievement_id,achievement_name,achievement_description,criteria,grade,credits",
    ...Array.from(
      { length: rows },
      (_, i) =>
        `did:example:learner-${i + 1},https://centre.example/achievements/first-aid,First Aid,"Basic first aid, at home and at work",Passed the practical assessment,${"ABC"[i % 3]},2`,
    ),
  ].join("\n");

/** Polls the job until `done` says so; fails after `timeoutMs`. */
async function waitFor(
  read: () => Promise<Progress>,
  done: (p: Progress) => boolean,
  timeoutMs: number,
): Promise<Progress> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const progress = await read();
    if (done(progress)) return progress;
    if (Date.now() > deadline) throw new Error(`gave up waiting; the job is at ${JSON.stringify(progress)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Runs `task` over `items`, `concurrency` at a time. */
async function pool<T, R>(
  items: readonly T[],
  concurrency: number,
  task: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < items.length; i = next++) results[i] = await task(items[i] as T);
    }),
  );
  return results;
}

describe("a bulk job across kill -9", () => {
  it("finishes after a restart with every row issued exactly once", { timeout: 300_000 }, async () => {
    const cwd = await tempDir("learnbridge-crash-");
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const first = await startCentreProcess({ PORT: String(port) }, cwd);
    running.push(first);
    const token = first.adminToken ?? "";
    const { call, all } = client(base, token);

    const submitted = await call<{ job: { id: string; total: number } }>("/jobs?jobKey=crash-test", {
      method: "POST",
      headers: { "content-type": "text/csv" },
      body: csv(ROWS),
    });
    expect(submitted.status).toBe(202);
    const jobId = submitted.body.job.id;
    expect(submitted.body.job.total).toBe(ROWS);
    const progress = async () => {
      const { status, body } = await call<Progress>(`/jobs/${jobId}`);
      expect(status).toBe(200);
      return body;
    };

    const started = performance.now();
    const beforeKill = await waitFor(progress, (p) => p.issued >= KILL_AFTER, 120_000);
    const firstSeconds = (performance.now() - started) / 1000;
    await first.stop("SIGKILL");
    expect(beforeKill.pending).toBeGreaterThan(0);

    const restarted = performance.now();
    const second = await startCentreProcess({ PORT: String(port) }, cwd);
    running.push(second);
    expect(second.adminToken).toBeUndefined();
    const atRestart = await progress();
    const after = await waitFor(progress, (p) => p.state === "done", 240_000);
    const secondSeconds = (performance.now() - restarted) / 1000;
    expect(after).toMatchObject({ state: "done", total: ROWS, issued: ROWS, failed: 0, pending: 0 });
    // A resubmission finds the job and issues nothing.
    const again = await call<{ job: { id: string } }>("/jobs?jobKey=crash-test", {
      method: "POST",
      headers: { "content-type": "text/csv" },
      body: csv(ROWS),
    });
    expect([again.status, again.body.job.id]).toEqual([200, jobId]);

    const rows = await all<{ row: number; state: string; credentialId: string }>(
      (after) => `/jobs/${jobId}/rows?limit=500&after=${after || 0}`,
      "rows",
    );
    expect(rows.map((r) => r.row)).toEqual(Array.from({ length: ROWS }, (_, i) => i + 1));
    expect(rows.every((r) => r.state === "issued")).toBe(true);
    const rowIds = rows.map((r) => r.credentialId);
    expect(new Set(rowIds).size).toBe(ROWS);

    const records = await all<{ id: string; subject: string }>(
      (before) => `/credentials?limit=100${before ? `&before=${encodeURIComponent(before)}` : ""}`,
      "credentials",
    );
    expect(records).toHaveLength(ROWS);
    expect(new Set(records.map((r) => r.id))).toEqual(new Set(rowIds));
    expect(new Set(records.map((r) => r.subject)).size).toBe(ROWS);

    // The status entry of every credential as published: no list index is used twice.
    const entries = await pool(rowIds, 16, async (id) => {
      const { status, body } = await call<{
        verifiableCredential: { credentialStatus: { statusListCredential: string; statusListIndex: string } };
      }>(`/credentials/${encodeURIComponent(id)}`);
      expect(status).toBe(200);
      const entry = body.verifiableCredential.credentialStatus;
      return `${entry.statusListCredential}#${entry.statusListIndex}`;
    });
    expect(new Set(entries).size).toBe(ROWS);

    const audit = await all<{ action: string; subject: string; details: { job?: string } }>(
      (after) => `/audit?limit=500&after=${after || 0}`,
      "entries",
    );
    const issues = audit.filter((e) => e.action === "credential.issue");
    expect(issues).toHaveLength(ROWS);
    expect(new Set(issues.map((e) => e.subject))).toEqual(new Set(rowIds));
    expect(issues.every((e) => e.details.job === jobId)).toBe(true);
    expect(audit.filter((e) => e.action === "job.create")).toHaveLength(1);

    const rate = (n: number, s: number) => `${n} in ${s.toFixed(1)} s (${(n / s).toFixed(0)}/s)`;
    console.info(
      `bulk job crash: before kill -9 ${rate(beforeKill.issued, firstSeconds)}; after restart (job at ${atRestart.issued}) ` +
        `${rate(ROWS - atRestart.issued, secondSeconds)} including the restart`,
    );
  });
});
