import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { validateAchievement, validateCentreProfile } from "@learnbridge/issuer";
import {
  LibsqlAchievementRepository,
  LibsqlAuditLog,
  LibsqlCentreProfileRepository,
  LibsqlKeyRepository,
  migrate,
} from "@learnbridge/store";
import { type Client, createClient } from "@libsql/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SAMPLE_ACHIEVEMENTS, SAMPLE_PROFILE, seedSampleData } from "./sample.ts";

const URL = "http://127.0.0.1:8787";
let dir: string;
const clients: Client[] = [];
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "learnbridge-sample-"));
});
afterAll(async () => {
  for (const client of clients) client.close();
  await rm(dir, { recursive: true, force: true });
});

async function open(file: string) {
  const client = createClient({ url: `file:${join(dir, file)}`, timeout: 5000 });
  clients.push(client);
  await client.execute("PRAGMA journal_mode = WAL");
  await migrate(client);
  return {
    client,
    keys: new LibsqlKeyRepository(client),
    achievements: new LibsqlAchievementRepository(client),
    profile: new LibsqlCentreProfileRepository(client),
    audit: new LibsqlAuditLog(client),
  };
}

describe("seedSampleData", () => {
  it("seeds valid samples once, even when two processes start at the same moment", async () => {
    // Two connections, as two processes would have; the seeds interleave at every await.
    const a = await open("race.db");
    const b = await open("race.db");
    const notices = await Promise.all([seedSampleData(a, URL), seedSampleData(b, URL)]);
    expect(notices.filter(Boolean).length).toBeGreaterThanOrEqual(1);
    expect(notices.find(Boolean)).toContain("Learnbridge Sample Centre");
    const listed = await a.achievements.list();
    expect(listed.map((r) => [r.slug, r.version])).toEqual([
      ["community-health-basics", 1],
      ["digital-skills-for-seniors", 1],
    ]);
    expect((await a.audit.list()).map((e) => [e.action, e.actor])).toEqual([
      ["achievement.create", "system"],
      ["achievement.create", "system"],
      ["profile.update", "system"],
    ]);
    expect(await seedSampleData(a, URL)).toBeUndefined();
  });

  it("is not a first start once a key exists; finishes a seed that stopped half-way", async () => {
    const started = await open("started.db");
    await started.keys.insert({
      id: "key-1",
      algorithm: "EdDSA",
      publicKeyMultibase: "z6Mk",
      sealedPrivateKey: "sealed",
      status: "active",
      createdAt: "2026-01-01T00:00:00Z",
    });
    expect(await seedSampleData(started, URL)).toBeUndefined();
    expect(await started.achievements.list()).toEqual([]);

    const half = await open("half.db");
    const [slug, content] = Object.entries(SAMPLE_ACHIEVEMENTS)[0] ?? [];
    if (!slug || !content) throw new Error("no samples");
    const at = "2026-01-01T00:00:00Z";
    await half.achievements.put({ slug, content, version: 1, archived: false, createdAt: at, updatedAt: at });
    expect(await seedSampleData(half, URL)).toBeDefined();
    expect(await half.achievements.list()).toHaveLength(2);
    expect(await half.profile.get()).toMatchObject(SAMPLE_PROFILE);
  });

  it("passes the same validation as anything staff would send", () => {
    expect(validateCentreProfile(SAMPLE_PROFILE).ok).toBe(true);
    for (const [slug, content] of Object.entries(SAMPLE_ACHIEVEMENTS)) {
      const checked = validateAchievement({ slug, ...content });
      expect(checked.ok ? [] : checked.problems).toEqual([]);
    }
  });
});
