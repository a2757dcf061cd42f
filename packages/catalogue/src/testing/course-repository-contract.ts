/**
 * The CourseRepository contract (exported by `@learnbridge/catalogue/testing`): the in-memory twin and the
 * libSQL store run the same suite. The factory returns a fresh, empty repository with its audit log and a
 * view of what it published to the node's feed; with `failingFeed`, every feed append fails.
 */
import { createSigner, generateKeyPair, type Signer } from "@learnbridge/core";
import { describe, expect, it } from "vitest";
import type { CatalogueEntry, CourseContent } from "../records/course-record.ts";
import type { CatalogueAuditEntry, CourseRepository } from "../records/course-repository.ts";
import { SAMPLE_OWNER, sampleCourse, sampleTombstone } from "../records/record-samples.ts";
import { recordHashOf, signCatalogueEntry } from "../records/sign-record.ts";

/** What the feed was told, in order. */
export interface PublishedChange {
  readonly op: "put" | "delete";
  readonly recordId: string;
  readonly version: number;
  readonly recordHash: string;
}

/** A fresh repository, its audit log, and what it published. */
export interface CourseRepositoryHarness {
  readonly repository: CourseRepository;
  readonly audited: () => Promise<readonly CatalogueAuditEntry[]>;
  readonly published: () => Promise<readonly PublishedChange[]>;
}

export type CourseRepositoryFactory = (options: {
  readonly failingFeed?: boolean;
}) => Promise<CourseRepositoryHarness>;

let signer: Promise<Signer> | undefined;
const sampleSigner = () => {
  signer ??= generateKeyPair("EdDSA").then((pair) => createSigner(pair, `${SAMPLE_OWNER}#key-1`));
  return signer;
};

/** A signed sample course (`slug`, `version`). */
export async function signedCourse(slug: string, version = 1, extra: Partial<CourseContent> = {}) {
  return signCatalogueEntry(sampleCourse(slug, version, extra), { signer: await sampleSigner() });
}

/** A signed sample tombstone. */
export async function signedTombstone(slug: string, version: number) {
  return signCatalogueEntry(sampleTombstone(slug, version), { signer: await sampleSigner() });
}

const entry = (action: string, subject: string): CatalogueAuditEntry => ({
  at: "2026-06-01T00:00:00Z",
  actor: "k1",
  action,
  subject,
  origin: "192.0.2.1",
  details: { v: 1 },
});

const facts = async (e: CatalogueEntry): Promise<PublishedChange> => ({
  op: e.type === "Tombstone" ? "delete" : "put",
  recordId: e.id,
  version: e.version,
  recordHash: await recordHashOf(e),
});

/** Runs the contract against `make`. */
export function courseRepositoryContract(name: string, make: CourseRepositoryFactory) {
  describe(`CourseRepository contract: ${name}`, () => {
    it("stores version 1, then only the next version; get gives the latest", async () => {
      const { repository: repo } = await make({});
      const v1 = await signedCourse("water-101");
      const v2 = await signedCourse("water-101", 2, { mode: "online" });
      expect(await repo.get(v1.id)).toBeUndefined();
      expect(await repo.put(v2)).toBe(false);
      expect(await repo.put(v1)).toBe(true);
      expect(await repo.put(v1)).toBe(false);
      expect(await repo.put(await signedCourse("water-101", 3))).toBe(false);
      expect(await repo.put(v2)).toBe(true);
      expect(await repo.get(v1.id)).toEqual(v2);
    });

    it("stores, publishes and audits together; a refused version does none of them", async () => {
      const { repository: repo, audited, published } = await make({});
      const v1 = await signedCourse("a");
      const gone = await signedTombstone("a", 2);
      expect(await repo.put(v1, entry("course.create", v1.id))).toBe(true);
      expect(await repo.put(v1, entry("course.create", "again"))).toBe(false);
      expect(await repo.put(gone, entry("course.delete", gone.id))).toBe(true);
      expect(await published()).toEqual([await facts(v1), await facts(gone)]);
      expect((await audited()).map((e) => [e.action, e.subject, e.origin, e.details])).toEqual([
        ["course.create", v1.id, "192.0.2.1", { v: 1 }],
        ["course.delete", gone.id, "192.0.2.1", { v: 1 }],
      ]);
    });

    it("keeps a tombstone as the latest version; the record may live again at the next version", async () => {
      const { repository: repo } = await make({});
      await repo.put(await signedCourse("b"));
      const gone = await signedTombstone("b", 2);
      expect(await repo.put(gone)).toBe(true);
      expect(await repo.get(gone.id)).toEqual(gone);
      expect(await repo.list()).toEqual([]);
      expect(await repo.list({ includeDeleted: true })).toEqual([gone]);
      const again = await signedCourse("b", 3);
      expect(await repo.put(again)).toBe(true);
      expect(await repo.list()).toEqual([again]);
    });

    it("stores nothing, audits nothing, when the feed append fails", async () => {
      const { repository: repo, audited, published } = await make({ failingFeed: true });
      const v1 = await signedCourse("c");
      await expect(repo.put(v1, entry("course.create", v1.id))).rejects.toThrow();
      expect(await repo.get(v1.id)).toBeUndefined();
      expect(await repo.list({ includeDeleted: true })).toEqual([]);
      expect(await audited()).toEqual([]);
      expect(await published()).toEqual([]);
    });

    it("lets exactly one of several concurrent writers of a version win, with one event and one entry", async () => {
      const { repository: repo, audited, published } = await make({});
      await repo.put(await signedCourse("race"));
      const rivals = await Promise.all(
        ["online", "in-person", "blended"].map((mode) =>
          signedCourse("race", 2, { mode: mode as CourseContent["mode"] }),
        ),
      );
      const results = await Promise.all(rivals.map((r) => repo.put(r, entry("course.update", r.mode))));
      expect(results.filter(Boolean)).toHaveLength(1);
      const winner = rivals[results.indexOf(true)];
      expect(await repo.get(rivals[0]?.id ?? "")).toEqual(winner);
      expect(await audited()).toHaveLength(1);
      expect((await published()).map((p) => p.version)).toEqual([1, 2]);
    });

    it("lists the latest versions by id, in pages", async () => {
      const { repository: repo } = await make({});
      for (const slug of ["c", "a", "d", "b"]) await repo.put(await signedCourse(slug));
      await repo.put(await signedCourse("b", 2));
      const ids = (await repo.list()).map((e) => [e.id.split("/").at(-1), e.version]);
      expect(ids).toEqual([
        ["a", 1],
        ["b", 2],
        ["c", 1],
        ["d", 1],
      ]);
      const first = await repo.list({ limit: 2 });
      expect(first.map((e) => e.id.split("/").at(-1))).toEqual(["a", "b"]);
      const rest = await repo.list({ after: first.at(-1)?.id, limit: 10 });
      expect(rest.map((e) => e.id.split("/").at(-1))).toEqual(["c", "d"]);
    });
  });
}
