/** The federation benchmark runs end to end at a small size and reports every figure (no timing is asserted). */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { describeMachine } from "../report.ts";
import { runFederationBench } from "./federation-bench.ts";
import { formatFederationJson, formatFederationTable } from "./federation-report.ts";
import { SEARCH_CASES } from "./search-bench.ts";

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe("bench --federation", () => {
  it("generates a corpus once, searches it in every language, and reports the figures", {
    timeout: 60_000,
  }, async () => {
    const dir = await mkdtemp(join(tmpdir(), "learnbridge-bench-federation-"));
    dirs.push(dir);
    const first = await runFederationBench({ syncRecords: 120, searchRecords: 3000, searchRuns: 2, dir });
    expect(first.search?.generatedSeconds).toBeGreaterThan(0);
    // Every first-page query of the set finds something in a corpus of this size, in each language.
    const firstPages = first.search?.cases.filter((c) => !c.label.includes("offset")) ?? [];
    expect(firstPages.length).toBeGreaterThan(10);
    for (const c of firstPages)
      expect({ label: c.label, found: c.hits > 0 }).toEqual({ label: c.label, found: true });

    // The sync part: every record arrived, both ways, and an idle poll is two small exchanges.
    expect(first.sync).toMatchObject({
      records: 120,
      sync: { digestMatches: true },
      bootstrap: { digestMatches: true },
    });
    expect(first.sync?.idlePoll.steady.map((e) => e.status)).toEqual([304, 304]);

    const again = await runFederationBench({ syncRecords: 120, searchRecords: 3000, searchRuns: 2, dir });
    expect(again.search?.generatedSeconds).toBeUndefined();
    expect(again.search?.cases.map((c) => c.hits)).toEqual(first.search?.cases.map((c) => c.hits));

    const table = formatFederationTable(again, describeMachine(), "test");
    for (const { label } of SEARCH_CASES) expect(table).toContain(label);
    expect(table).toMatch(/sync +[\d,]+ records\/s/);
    expect(table).toMatch(/steady state: [\d,]+ B per poll/);
    expect(table).toContain("reused from an earlier run");
    expect(JSON.parse(formatFederationJson(again, describeMachine(), "test")).search.records).toBe(3000);
  });
});
