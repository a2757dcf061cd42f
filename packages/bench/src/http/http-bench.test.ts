/**
 * `pnpm bench --http` end to end, very briefly: both servers start, every route answers right under load, the
 * bulk issuance is found in the centre's records, and the table prints every row. No figure is asserted.
 */
import { describe, expect, it } from "vitest";
import { describeMachine } from "../report.ts";
import { echoApp } from "./echo-server.ts";
import { runHttpBench } from "./http-bench.ts";
import { formatHttpJson, formatHttpTable } from "./http-report.ts";

describe("bench --http smoke", () => {
  it("the echo app answers the JSON body it was sent", async () => {
    const body = JSON.stringify({
      verifiableCredential: { id: "urn:uuid:1", proof: { type: "DataIntegrityProof" } },
    });
    const response = await echoApp().request("/echo", { method: "POST", body });
    expect(await response.text()).toBe(body);
  });

  it("measures every route at 1 and 2 connections and bulk-issues", { timeout: 60_000 }, async () => {
    const result = await runHttpBench({
      seconds: 0.1,
      warmupSeconds: 0.05,
      // Counted, not timed: a 0.1 s window on a loaded machine could close before one answer (it did).
      requests: 6,
      connections: [1, 2],
      bulk: { count: 20, connections: 4 },
    });
    expect(result.rows.map((r) => `${r.id}@${r.connections}`)).toEqual(
      ["echo", "verify.ldp_vc", "verify.jwt_vc", "issue.ldp_vc", "issue.jwt_vc"].flatMap((id) => [
        `${id}@1`,
        `${id}@2`,
      ]),
    );
    for (const { result: r } of result.rows) {
      expect(r.requests).toBe(6);
      expect(r.unexpected).toEqual({});
      expect(r.errors).toBe(0);
    }
    expect(result.bulk).toMatchObject({ count: 20, distinctStatusEntries: 20, listed: 20 });

    const table = formatHttpTable(result, describeMachine(), "test");
    expect(table).toContain("POST /credentials/verify jwt_vc");
    expect(table).toMatch(/Bulk issuance: 20 ldp_vc at 4 connections/);
    expect(JSON.parse(formatHttpJson(result, describeMachine(), "test")).rows[0].versusEcho.throughput).toBe(
      1,
    );
  });
});
