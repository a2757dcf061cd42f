/**
 * The contract suite of the JobRepository port: the in-memory twin runs it here, the libSQL store on each of
 * its backends. `make` returns a fresh, empty repository and the audit log its `create` appends to.
 */
import { describe, expect, it } from "vitest";
import type { AuditLog } from "../audit/audit-log.ts";
import type { Job, JobRepository } from "../jobs/job-repository.ts";

const job = (id: string, extra: Partial<Job> = {}): Job => ({
  id,
  kind: "issue",
  format: "ldp_vc",
  state: "queued",
  actor: "k1",
  contentHash: `sha256:${id}`,
  total: 3,
  createdAt: "2026-01-01T00:00:00Z",
  ...extra,
});
const inputs = (n: number) =>
  Array.from({ length: n }, (_, i) => JSON.stringify({ learner_did: `did:example:${i + 1}` }));
const created = (subject: string) => ({
  at: "2026-01-01T00:00:00Z",
  actor: "k1",
  action: "job.create",
  subject,
});

export function jobRepositoryContract(
  name: string,
  make: () => Promise<{ jobs: JobRepository; audit: AuditLog }>,
) {
  describe(`JobRepository contract: ${name}`, () => {
    it("creates a job with its rows and audit entry; reads it back", async () => {
      const { jobs, audit } = await make();
      const a = job("a", { jobKey: "spring", origin: "192.0.2.1" });
      expect(await jobs.create(a, inputs(3), created("a"))).toEqual({ created: true, job: a });
      expect(await jobs.get("a")).toEqual(a);
      expect(await jobs.get("b")).toBeUndefined();
      expect(await jobs.rows("a")).toEqual([
        { jobId: "a", row: 1, input: '{"learner_did":"did:example:1"}', state: "pending" },
        { jobId: "a", row: 2, input: '{"learner_did":"did:example:2"}', state: "pending" },
        { jobId: "a", row: 3, input: '{"learner_did":"did:example:3"}', state: "pending" },
      ]);
      expect(await jobs.totals("a")).toEqual({ total: 3, pending: 3, issued: 0, failed: 0 });
      expect(await jobs.totals("b")).toEqual({ total: 0, pending: 0, issued: 0, failed: 0 });
      expect((await audit.list()).map((e) => [e.action, e.subject])).toEqual([["job.create", "a"]]);
    });

    it("returns the existing job for the same jobKey or the same content, and stores nothing", async () => {
      const { jobs, audit } = await make();
      const a = job("a", { jobKey: "spring", contentHash: "sha256:1" });
      await jobs.create(a, inputs(3), created("a"));
      const sameKey = await jobs.create(
        job("b", { jobKey: "spring", contentHash: "sha256:2" }),
        inputs(2),
        created("b"),
      );
      expect(sameKey).toEqual({ created: false, job: a });
      const sameContent = await jobs.create(job("c", { contentHash: "sha256:1" }), inputs(3), created("c"));
      expect(sameContent).toEqual({ created: false, job: a });
      for (const id of ["b", "c"]) {
        expect(await jobs.get(id)).toBeUndefined();
        expect(await jobs.rows(id)).toEqual([]);
      }
      expect((await audit.list()).map((e) => e.subject)).toEqual(["a"]);
    });

    it("refuses a reused job id and stores none of it", async () => {
      const { jobs, audit } = await make();
      await jobs.create(job("a"), inputs(1), created("a"));
      await expect(
        jobs.create(job("a", { contentHash: "sha256:other" }), inputs(4), created("a")),
      ).rejects.toThrow();
      expect(await jobs.totals("a")).toMatchObject({ total: 1 });
      expect(await audit.list()).toHaveLength(1);
    });

    it("creates a large job whole", async () => {
      const { jobs } = await make();
      await jobs.create(job("big", { total: 2_345 }), inputs(2_345));
      expect(await jobs.totals("big")).toEqual({ total: 2_345, pending: 2_345, issued: 0, failed: 0 });
      const last = await jobs.rows("big", { after: 2_343 });
      expect(last.map((r) => [r.row, JSON.parse(r.input).learner_did])).toEqual([
        [2_344, "did:example:2344"],
        [2_345, "did:example:2345"],
      ]);
    });

    it("settles pending rows once and pages rows by state", async () => {
      const { jobs } = await make();
      await jobs.create(job("a", { total: 5 }), inputs(5));
      await jobs.settle("a", [
        { row: 2, state: "issued", credentialId: "urn:c2" },
        { row: 4, state: "failed", error: { code: "FIELD_MISSING", message: "achievement_id is required" } },
      ]);
      await jobs.settle("a", [
        { row: 2, state: "failed", error: { code: "INTERNAL", message: "late" } },
        { row: 5, state: "issued", credentialId: "urn:c5" },
      ]);
      expect(await jobs.totals("a")).toEqual({ total: 5, pending: 2, issued: 2, failed: 1 });
      const issued = await jobs.rows("a", { state: "issued" });
      expect(issued.map((r) => [r.row, r.credentialId, r.error])).toEqual([
        [2, "urn:c2", undefined],
        [5, "urn:c5", undefined],
      ]);
      expect(await jobs.rows("a", { state: "failed" })).toEqual([
        {
          jobId: "a",
          row: 4,
          input: '{"learner_did":"did:example:4"}',
          state: "failed",
          error: { code: "FIELD_MISSING", message: "achievement_id is required" },
        },
      ]);
      expect((await jobs.rows("a", { state: "pending", after: 1, limit: 1 })).map((r) => r.row)).toEqual([3]);
      expect((await jobs.rows("a", { after: 2, limit: 2 })).map((r) => r.row)).toEqual([3, 4]);
    });

    it("moves jobs forward only, and lists the unfinished oldest first", async () => {
      const { jobs } = await make();
      for (const id of ["a", "b", "c"]) await jobs.create(job(id), inputs(1));
      expect(await jobs.setState("a", "running")).toBe(true);
      expect(await jobs.setState("a", "running")).toBe(false);
      expect(await jobs.setState("b", "running")).toBe(true);
      expect(await jobs.setState("b", "done", "2026-01-02T00:00:00Z")).toBe(true);
      expect(await jobs.setState("b", "running")).toBe(false);
      expect(await jobs.setState("missing", "running")).toBe(false);
      expect(await jobs.get("b")).toEqual(job("b", { state: "done", finishedAt: "2026-01-02T00:00:00Z" }));
      expect((await jobs.unfinished()).map((j) => [j.id, j.state])).toEqual([
        ["a", "running"],
        ["c", "queued"],
      ]);
      expect((await jobs.unfinished(1)).map((j) => j.id)).toEqual(["a"]);
    });
  });
}
