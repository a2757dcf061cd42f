/**
 * `pnpm bench --wallets` end to end with a tiny run on libSQL `:memory:`: every flow completes and checks
 * (a credential the centre verifies, a completed verdict), and the report has every row, ratio and step.
 * No figure is asserted.
 */
import { describe, expect, it } from "vitest";
import { describeMachine } from "../report.ts";
import { StepTimes } from "./step-times.ts";
import { GROUPS } from "./wallet-cases.ts";
import { runWalletsBench } from "./wallets-bench.ts";
import { formatWalletsJson, formatWalletsTable } from "./wallets-report.ts";

const FLOW_STEPS = {
  "oid4vci.ldp_vc": ["offer", "offer JSON", "token + PIN", "nonce", "credential"],
  "oid4vci.jwt_vc_json": ["offer", "offer JSON", "token + PIN", "nonce", "credential"],
  "oid4vp.ldp_vc": ["request", "request object", "wallet signs", "direct_post", "result"],
  "oid4vp.jwt_vc_json": ["request", "request object", "wallet signs", "direct_post", "result"],
  "oid4vp.jwt_vc_json.encrypted": [
    "request",
    "request object",
    "wallet signs",
    "wallet encrypts",
    "direct_post.jwt",
    "result",
  ],
  "vcapi.claim": ["offer", "start", "DIDAuth → credential"],
} as const;

describe("bench --wallets", () => {
  it("runs every flow and its plain call, each checked, and reports them", { timeout: 60_000 }, async () => {
    const result = await runWalletsBench({ durationMs: 1, warmupMs: 0, minOps: 2, storage: "memory" });
    expect(result.results.map((r) => r.case.id)).toEqual([
      "oid4vci.ldp_vc",
      "issue.ldp_vc",
      "oid4vci.jwt_vc_json",
      "issue.jwt_vc",
      "oid4vp.ldp_vc",
      "oid4vp.ldp_vc.encrypted",
      "verify.ldp_vc",
      "present.ldp_vc",
      "oid4vp.jwt_vc_json",
      "oid4vp.jwt_vc_json.encrypted",
      "verify.jwt_vc_json",
      "present.jwt_vc_json",
      "vcapi.claim",
    ]);
    for (const { stats } of result.results) expect(stats.ops).toBeGreaterThanOrEqual(2);

    const json = JSON.parse(formatWalletsJson(result, describeMachine(), "test"));
    expect(json).toMatchObject({ mode: "test", storage: "memory", machine: { node: process.version } });
    const byId = new Map(json.results.map((r: { id: string }) => [r.id, r]));
    for (const [id, steps] of Object.entries(FLOW_STEPS)) {
      const row = byId.get(id) as {
        versusPlain: { baseline: string; throughput: number; time: number };
        steps: { step: string; share: number }[];
      };
      expect(byId.has(row.versusPlain.baseline)).toBe(true);
      expect(row.versusPlain.time * row.versusPlain.throughput).toBeCloseTo(1, 9);
      expect(row.steps.map((s) => s.step)).toEqual(steps);
      expect(row.steps.reduce((sum, s) => sum + s.share, 0)).toBeCloseTo(1, 9);
    }
    expect(byId.get("vcapi.claim")).toMatchObject({ versusPlain: { baseline: "issue.ldp_vc" } });
    expect(byId.get("issue.ldp_vc")).not.toHaveProperty("versusPlain");
    for (const row of json.results) expect(row).toHaveProperty("p95Us");

    const table = formatWalletsTable(result, describeMachine(), "test");
    for (const group of Object.values(GROUPS)) expect(table).toMatch(new RegExp(`^${group} +/s`, "m"));
    for (const { case: c } of result.results) expect(table).toContain(c.label);
    expect(table.match(/^ {2}(OpenID4V|VC-API).* \d+\.\d\dx$/gm)).toHaveLength(7);
    expect(table).toMatch(
      /^ {6}offer \d+% · offer JSON \d+% · token \+ PIN \d+% · nonce \d+% · credential \d+%$/m,
    );
    expect(table).toMatch(/^ {6}request \d+% · request object \d+% · wallet signs \d+%/m);
  });
});

describe("StepTimes", () => {
  it("sums each step's time, keeps their order, and gives shares", async () => {
    let now = 0;
    const steps = new StepTimes(() => now);
    const step = (ms: number) => async () => {
      now += ms;
    };
    await steps.time("offer", step(1));
    await steps.time("credential", step(3));
    await steps.time("offer", step(1));
    await expect(steps.time("credential", () => Promise.reject(new Error("x")))).rejects.toThrow("x");
    expect(steps.totals()).toEqual([
      { step: "offer", totalMs: 2, runs: 2 },
      { step: "credential", totalMs: 3, runs: 2 },
    ]);
    expect(steps.shares()).toEqual([
      { step: "offer", share: 0.4 },
      { step: "credential", share: 0.6 },
    ]);
    steps.reset();
    expect(steps.shares()).toEqual([]);
  });
});
