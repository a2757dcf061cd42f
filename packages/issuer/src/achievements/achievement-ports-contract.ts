/**
 * Contract suites for the achievement ports (re-exported by `@learnbridge/issuer/testing`): the in-memory
 * twins and the libSQL store run the same ones. Each takes a factory returning a fresh, empty port.
 */
import { describe, expect, it } from "vitest";
import type { AuditEntry, AuditLog } from "../audit/audit-log.ts";
import type { AchievementRecord, AchievementRepository } from "./achievement-repository.ts";
import type { CentreProfileRepository, StoredCentreProfile } from "./centre-profile.ts";

/** A fresh, empty port and the audit log its atomic writes append to (the same database). */
type Make<T> = () => Promise<{ readonly repository: T; readonly audit: AuditLog }>;

const entry = (action: string, subject: string): AuditEntry => ({
  at: "2026-01-01T00:00:00Z",
  actor: "k1",
  action,
  subject,
  origin: "192.0.2.1",
  details: { v: 1 },
});

const version = (slug: string, n: number, extra: Partial<AchievementRecord> = {}): AchievementRecord => ({
  slug,
  version: n,
  archived: false,
  createdAt: "2026-01-01T00:00:00Z",
  updatedAt: `2026-01-0${n}T00:00:00Z`,
  content: {
    name: { en: `${slug} v${n}`, zh: "数据" },
    description: "What it certifies.",
    criteria: { narrative: { en: "Passed." } },
    sourceLanguage: "en",
    eqfLevel: 3,
    learningOutcomes: [
      { text: { en: "Summarises data" }, frameworkUri: "http://data.europa.eu/esco/skill/x" },
    ],
  },
  ...extra,
});

/** AchievementRepository: versions are consecutive and never overwritten, the list shows the latest. */
export function achievementRepositoryContract(name: string, make: Make<AchievementRepository>) {
  describe(`AchievementRepository contract: ${name}`, () => {
    it("stores version 1, then only the next version; keeps every version readable", async () => {
      const { repository: repo } = await make();
      expect(await repo.get("data-101")).toBeUndefined();
      expect(await repo.put(version("data-101", 2))).toBe(false);
      expect(await repo.put(version("data-101", 1))).toBe(true);
      expect(await repo.put(version("data-101", 1, { archived: true }))).toBe(false);
      expect(await repo.put(version("data-101", 3))).toBe(false);
      expect(await repo.put(version("data-101", 2, { archived: true }))).toBe(true);
      expect(await repo.get("data-101")).toEqual(version("data-101", 2, { archived: true }));
      expect(await repo.get("data-101", 1)).toEqual(version("data-101", 1));
      expect(await repo.get("data-101", 3)).toBeUndefined();
      expect(await repo.get("missing", 1)).toBeUndefined();
    });

    it("stores a version and its audit entry together; a refused version stores neither", async () => {
      const { repository: repo, audit } = await make();
      expect(await repo.put(version("a", 1), entry("achievement.create", "a1"))).toBe(true);
      expect(await repo.put(version("a", 1), entry("achievement.create", "a1-again"))).toBe(false);
      expect(await repo.put(version("a", 3), entry("achievement.update", "a3"))).toBe(false);
      expect(await repo.put(version("a", 2), entry("achievement.update", "a2"))).toBe(true);
      expect((await audit.list()).map((e) => [e.action, e.subject, e.origin, e.details])).toEqual([
        ["achievement.create", "a1", "192.0.2.1", { v: 1 }],
        ["achievement.update", "a2", "192.0.2.1", { v: 1 }],
      ]);
    });

    it("lets exactly one of several concurrent writers of the same version win, with one entry", async () => {
      const { repository: repo, audit } = await make();
      await repo.put(version("race", 1));
      const results = await Promise.all(
        ["a", "b", "c"].map((who) => repo.put(version("race", 2), entry("achievement.update", who))),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      expect((await repo.get("race"))?.version).toBe(2);
      expect(await audit.list()).toHaveLength(1);
    });

    it("lists the latest versions by slug, pages, hides archived unless asked, filters by course", async () => {
      const { repository: repo } = await make();
      for (const slug of ["c", "a", "d", "b"]) await repo.put(version(slug, 1));
      await repo.put(version("b", 2, { archived: true }));
      await repo.put(
        version("d", 2, {
          content: { ...version("d", 2).content, courseRecord: { id: "urn:course:1", version: 4 } },
        }),
      );
      expect((await repo.list()).map((r) => [r.slug, r.version])).toEqual([
        ["a", 1],
        ["c", 1],
        ["d", 2],
      ]);
      expect((await repo.list({ includeArchived: true })).map((r) => r.slug)).toEqual(["a", "b", "c", "d"]);
      expect((await repo.list({ after: "a", limit: 1 })).map((r) => r.slug)).toEqual(["c"]);
      expect((await repo.list({ after: "c" })).map((r) => r.slug)).toEqual(["d"]);
      const byCourse = await repo.list({ courseId: "urn:course:1" });
      expect(byCourse.map((r) => r.slug)).toEqual(["d"]);
      expect(byCourse[0]?.content.courseRecord).toEqual({ id: "urn:course:1", version: 4 });
    });
  });
}

const profile = (name: string): StoredCentreProfile => ({
  name: { en: name, sw: "Kituo" },
  sourceLanguage: "en",
  country: "KE",
  url: "https://centre.example",
  updatedAt: "2026-01-01T00:00:00Z",
});

/** CentreProfileRepository: one profile, replaced by put, kept by putIfAbsent. */
export function centreProfileRepositoryContract(name: string, make: Make<CentreProfileRepository>) {
  describe(`CentreProfileRepository contract: ${name}`, () => {
    it("stores once if absent (one entry), then replaces on put (with its entry)", async () => {
      const { repository: repo, audit } = await make();
      expect(await repo.get()).toBeUndefined();
      const first = await Promise.all([
        repo.putIfAbsent(profile("One"), entry("profile.seed", "one")),
        repo.putIfAbsent(profile("Two"), entry("profile.seed", "two")),
      ]);
      expect(first.filter(Boolean)).toHaveLength(1);
      const kept = await repo.get();
      expect(await repo.putIfAbsent(profile("Three"))).toBe(false);
      expect(await repo.get()).toEqual(kept);
      const { country: _, ...noCountry } = profile("Four");
      await repo.put(noCountry, entry("profile.update", "four"));
      expect(await repo.get()).toEqual(noCountry);
      const entries = (await audit.list()).map((e) => e.action);
      expect(entries).toEqual(["profile.seed", "profile.update"]);
    });
  });
}
