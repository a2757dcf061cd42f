/** Every case runs and verifies, briefly measured, and the table reports each one (a --quick-like run). */
import { describe, expect, it } from "vitest";
import { allCases } from "./cases/index.ts";
import { createFixtures } from "./fixtures.ts";
import { describeMachine, formatJson, formatTable } from "./report.ts";
import { checkCase, runCases } from "./runner.ts";

describe("bench smoke", () => {
  it("runs every case; each one verifies", { timeout: 20_000 }, async () => {
    const cases = await allCases(await createFixtures());
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
    const results = await runCases(cases, { durationMs: 20, warmupMs: 0 });
    expect(results.map((r) => r.case.id)).toEqual(cases.map((c) => c.id));
    for (const { stats } of results) expect(stats.opsPerSecond).toBeGreaterThan(0);

    const table = formatTable(results, describeMachine(), "test");
    for (const c of cases) expect(table).toContain(c.label);
    expect(table).toMatch(/ours\/DB \d+\.\d\dx/);
    const json = JSON.parse(formatJson(results, describeMachine(), "test"));
    expect(json.results.find((r: { id: string }) => r.id === "raw.verify.Ed25519").ofRawVerify).toBe(1);
  });

  it("refuses to measure a case whose result does not verify", async () => {
    const [first] = await allCases(await createFixtures());
    if (!first) throw new Error("no cases");
    await expect(checkCase({ ...first, check: () => false })).rejects.toThrow(/did not verify/);
  });
});
