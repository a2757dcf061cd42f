import { LearnbridgeError, randomBytes } from "@learnbridge/core";
import { MemoryStatusListRepository, StatusListAllocator } from "@learnbridge/credentials";
import { describe, expect, it } from "vitest";
import { MemoryAuditLog } from "../audit/audit-log.ts";
import { CentreKeys } from "../keys/centre-keys.ts";
import { MemoryKeyRepository } from "../keys/key-repository.ts";
import { createKeyVault } from "../keys/key-vault.ts";
import { MemoryCredentialRepository } from "../records/credential-repository.ts";
import { Issuance } from "../records/issuance.ts";
import { MemoryJobRepository } from "./job-repository.ts";
import { JobRunner, type JobRunnerOptions } from "./job-runner.ts";
import { submitJob } from "./submit-job.ts";

const DID = "did:web:nairobi.example";
const NOW = new Date("2026-06-01T00:00:00Z");

const flat = (i: number, extra: Record<string, unknown> = {}) => ({
  learner_did: `did:example:learner-${i}`,
  achievement_id: "https://nairobi.example/achievements/health-101",
  achievement_name: "Community Health Basics",
  achievement_description: "First aid and community health.",
  criteria: "Passed the practical assessment.",
  ...extra,
});

async function centre(runner: Partial<JobRunnerOptions> = {}) {
  const statusLists = new MemoryStatusListRepository();
  const audit = new MemoryAuditLog();
  const credentials = new MemoryCredentialRepository({ audit });
  const keys = new CentreKeys({
    did: DID,
    repository: new MemoryKeyRepository(),
    vault: await createKeyVault(randomBytes(32)),
    clock: () => NOW,
  });
  const issuance = new Issuance({
    keys,
    credentials,
    statusLists,
    allocator: new StatusListAllocator({ repository: statusLists, listLength: 1024 }),
    statusBaseUrl: "https://nairobi.example/status",
    clock: () => NOW,
  });
  const jobs = new MemoryJobRepository({ audit });
  const errors: unknown[] = [];
  const options: JobRunnerOptions = {
    jobs,
    issuance,
    did: DID,
    clock: () => NOW,
    logError: (error) => errors.push(error),
    ...runner,
  };
  const submit = (rows: Record<string, unknown>[], extra: { jobKey?: string } = {}) =>
    submitJob(jobs, { rows, actor: "key-1", origin: "192.0.2.7", ...extra }, { clock: () => NOW });
  return { jobs, audit, credentials, issuance, errors, options, runner: new JobRunner(options), submit };
}

describe("JobRunner", () => {
  it("issues every good row, fails each bad row with its code, and finishes the job", async () => {
    const c = await centre();
    const whole = JSON.parse(
      JSON.stringify({
        "@context": [
          "https://www.w3.org/ns/credentials/v2",
          "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        ],
        type: ["VerifiableCredential", "OpenBadgeCredential"],
        name: "First Aid",
        credentialSubject: {
          type: ["AchievementSubject"],
          id: "did:example:whole",
          achievement: {
            id: "https://nairobi.example/achievements/first-aid",
            type: ["Achievement"],
            name: "First Aid",
            description: "Basic first aid.",
            criteria: { narrative: "Passed." },
          },
        },
      }),
    );
    const { job } = await c.submit([
      flat(1, { grade: "A", credits: "2.5", valid_from: "2026-05-01" }),
      flat(2, { learner_did: "not a did" }),
      whole,
      flat(4, { achievement_id: undefined }),
      flat(5, { learner_did: undefined, learner_email: "Amina@Example.org" }),
      flat(6, { valid_until: "2020-01-01" }),
      flat(7, { achievement_id: "ftp://x" }),
      { ...whole, issuer: "did:web:elsewhere.example" },
    ]);
    expect(job).toMatchObject({ state: "queued", total: 8, actor: "key-1", origin: "192.0.2.7" });
    await c.runner.enqueue(job.id);

    expect(await c.jobs.get(job.id)).toMatchObject({ state: "done", finishedAt: "2026-06-01T00:00:00Z" });
    expect(await c.jobs.totals(job.id)).toEqual({ total: 8, pending: 0, issued: 3, failed: 5 });
    const failed = await c.jobs.rows(job.id, { state: "failed" });
    expect(failed.map((r) => [r.row, r.error?.code])).toEqual([
      [2, "DID_INVALID"],
      [4, "FIELD_MISSING"],
      [6, "DATE_INVALID"],
      [7, "URL_INVALID"],
      [8, "FIELD_INVALID"],
    ]);
    expect(failed[1]?.error?.message).toBe("achievement_id is required");

    const issued = await c.jobs.rows(job.id, { state: "issued" });
    const records = await Promise.all(issued.map((r) => c.credentials.get(r.credentialId ?? "")));
    expect(records.map((r) => [r?.subject.slice(0, 7), r?.achievementId, r?.requestKey])).toEqual([
      ["did:exa", "https://nairobi.example/achievements/health-101", `job:${job.id}:1`],
      ["did:exa", "https://nairobi.example/achievements/first-aid", `job:${job.id}:3`],
      ["sha256$", "https://nairobi.example/achievements/health-101", `job:${job.id}:5`],
    ]);
    const first = JSON.parse(records[0]?.credential ?? "{}");
    expect(first.issuer).toMatchObject({ id: DID, name: "nairobi.example" });
    expect(first.validFrom).toBe("2026-05-01T00:00:00Z");
    expect(first.credentialSubject).toMatchObject({ creditsEarned: 2.5, result: [{ value: "A" }] });
    expect(first.proof.type).toBe("DataIntegrityProof");

    const audit = await c.audit.list();
    expect(audit.map((e) => [e.action, e.actor, e.origin])).toEqual([
      ["job.create", "key-1", "192.0.2.7"],
      ["credential.issue", "key-1", "192.0.2.7"],
      ["credential.issue", "key-1", "192.0.2.7"],
      ["credential.issue", "key-1", "192.0.2.7"],
    ]);
    // Rows run concurrently, so their entries are in the order they finished.
    expect(
      audit
        .slice(1)
        .map((e) => [e.details?.job, e.details?.row])
        .sort(),
    ).toEqual([
      [job.id, 1],
      [job.id, 3],
      [job.id, 5],
    ]);
    expect(c.errors).toEqual([]);
  });

  it("names the centre as its profile does in each row's language, read once per language", async () => {
    const asked: string[] = [];
    const c = await centre({
      issuerProfile: async (language) => {
        asked.push(language);
        return {
          id: DID,
          name: language === "sw" ? { sw: "Kituo cha Nairobi", en: "Nairobi Centre" } : "Nairobi Centre",
        };
      },
    });
    const { job } = await c.submit([flat(1, { language: "sw" }), flat(2), flat(3, { language: "sw" })]);
    await c.runner.enqueue(job.id);
    expect(asked.sort()).toEqual(["en", "sw"]);
    const [first, second] = await c.jobs.rows(job.id);
    const credential = async (id = "") => JSON.parse((await c.credentials.get(id))?.credential ?? "{}");
    expect((await credential(first?.credentialId)).issuer).toMatchObject({
      name: "Kituo cha Nairobi",
      nameMap: { sw: "Kituo cha Nairobi", en: "Nairobi Centre" },
    });
    expect((await credential(second?.credentialId)).issuer.name).toBe("Nairobi Centre");
  });

  it("returns the existing job on resubmission and issues nothing twice", async () => {
    const c = await centre();
    const rows = [flat(1), flat(2)];
    const first = await c.submit(rows, { jobKey: "spring-2026" });
    await c.runner.enqueue(first.job.id);
    const byKey = await c.submit(rows, { jobKey: "spring-2026" });
    const byContent = await c.submit(rows);
    expect([first.created, byKey.created, byContent.created]).toEqual([true, false, false]);
    expect(byKey.job.id).toBe(first.job.id);
    expect(byContent.job.id).toBe(first.job.id);
    await c.runner.enqueue(first.job.id);
    await c.runner.resume();
    expect(await c.credentials.list()).toHaveLength(2);
    await expect(c.submit([flat(3)], { jobKey: "spring-2026" })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("keeps at most `concurrency` rows in flight and settles them in batches", async () => {
    let inFlight = 0;
    let most = 0;
    const started: number[] = [];
    const c = await centre();
    const runner = new JobRunner({
      ...c.options,
      concurrency: 3,
      batchSize: 7,
      issuance: {
        issue: async (request) => {
          started.push(Number(request.requestKey?.split(":").at(-1)));
          most = Math.max(most, ++inFlight);
          await new Promise((resolve) => setTimeout(resolve, 1 + Math.random() * 4));
          inFlight--;
          return c.issuance.issue(request);
        },
      },
    });
    const settles: number[] = [];
    const settle = c.jobs.settle.bind(c.jobs);
    c.jobs.settle = async (id, outcomes) => {
      settles.push(outcomes.length);
      return settle(id, outcomes);
    };
    const { job } = await c.submit(Array.from({ length: 20 }, (_, i) => flat(i + 1)));
    await runner.enqueue(job.id);
    expect(most).toBe(3);
    expect(started).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(settles).toEqual([7, 7, 6]);
    expect(await c.jobs.totals(job.id)).toMatchObject({ issued: 20, pending: 0 });
  });

  it("after a crash between issuing and recording rows, a rerun issues each row once", async () => {
    const c = await centre();
    const { job } = await c.submit(Array.from({ length: 12 }, (_, i) => flat(i + 1)));
    const settle = c.jobs.settle.bind(c.jobs);
    c.jobs.settle = async () => Promise.reject(new Error("killed"));
    await new JobRunner({ ...c.options, batchSize: 5 }).enqueue(job.id);
    expect(await c.jobs.totals(job.id)).toMatchObject({ pending: 12 });
    expect(await c.credentials.list({ limit: 100 })).toHaveLength(5);
    expect((await c.jobs.get(job.id))?.state).toBe("running");

    c.jobs.settle = settle;
    await new JobRunner(c.options).resume();
    const issued = await c.jobs.rows(job.id, { state: "issued" });
    expect(issued).toHaveLength(12);
    const records = await c.credentials.list({ limit: 100 });
    expect(records).toHaveLength(12);
    expect(new Set(issued.map((r) => r.credentialId))).toEqual(new Set(records.map((r) => r.id)));
    expect((await c.audit.list()).filter((e) => e.action === "credential.issue")).toHaveLength(12);
  });

  it("stops on an unexpected error with the row pending, retries on resume, fails it after maxAttempts", async () => {
    const c = await centre();
    const outage = new Error("database unreachable");
    let failures = 1;
    const flaky = new JobRunner({
      ...c.options,
      issuance: {
        issue: async (request) => {
          if (request.requestKey?.endsWith(":2") && failures-- > 0) throw outage;
          return c.issuance.issue(request);
        },
      },
    });
    const { job } = await c.submit([flat(1), flat(2), flat(3)]);
    await flaky.enqueue(job.id);
    expect(c.errors).toEqual([outage, outage]);
    expect((await c.jobs.get(job.id))?.state).toBe("running");
    expect((await c.jobs.rows(job.id, { state: "pending" })).map((r) => r.row)).toContain(2);
    await flaky.resume();
    expect(await c.jobs.totals(job.id)).toMatchObject({ issued: 3, pending: 0 });

    const broken = new JobRunner({
      ...c.options,
      maxAttempts: 2,
      issuance: {
        issue: async () => {
          throw new LearnbridgeError("STATUS_LIST_FULL", "every status list is full");
        },
      },
    });
    const second = await c.submit([flat(9)]);
    await broken.enqueue(second.job.id);
    expect((await c.jobs.totals(second.job.id)).pending).toBe(1);
    await broken.resume();
    expect(await c.jobs.rows(second.job.id)).toMatchObject([
      {
        state: "failed",
        error: { code: "STATUS_LIST_FULL", message: "failed 2 times: every status list is full" },
      },
    ]);
    expect((await c.jobs.get(second.job.id))?.state).toBe("done");
  });

  it("runs one job at a time, in order, and once however often it is enqueued", async () => {
    const c = await centre();
    const order: string[] = [];
    const runner = new JobRunner({
      ...c.options,
      issuance: {
        issue: async (request) => {
          order.push(String(request.requestKey).split(":")[1] ?? "");
          return c.issuance.issue(request);
        },
      },
    });
    const a = await c.submit([flat(1), flat(2)]);
    const b = await c.submit([flat(3)]);
    await Promise.all([
      runner.enqueue(a.job.id),
      runner.enqueue(b.job.id),
      runner.enqueue(a.job.id),
      runner.resume(),
    ]);
    expect(order).toEqual([a.job.id, a.job.id, b.job.id]);
  });

  it("stop() lets rows in flight finish and takes no more", async () => {
    const c = await centre();
    let calls = 0;
    let stop: Promise<void> | undefined;
    const runner: JobRunner = new JobRunner({
      ...c.options,
      concurrency: 1,
      issuance: {
        issue: async (request) => {
          if (++calls === 2) stop = runner.stop();
          return c.issuance.issue(request);
        },
      },
    });
    const { job } = await c.submit([flat(1), flat(2), flat(3), flat(4)]);
    await runner.enqueue(job.id);
    await stop;
    expect(await c.jobs.totals(job.id)).toMatchObject({ issued: 2, pending: 2 });
    expect((await c.jobs.get(job.id))?.state).toBe("running");
  });
});
