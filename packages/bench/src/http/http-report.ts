/** The output of `pnpm bench --http`: one table beside the echo ceiling, a bulk-issuance line, or JSON. */
import type { Machine } from "../report.ts";
import type { HttpBenchResult, HttpRow } from "./http-bench.ts";

/** A row's throughput as a fraction of the echo app's, and its median latency as a multiple of the echo's. */
export function versusEcho(row: HttpRow, rows: readonly HttpRow[]) {
  const echo = rows.find((r) => r.id === "echo" && r.connections === row.connections)?.result;
  if (!echo) return undefined;
  return {
    throughput: row.result.requestsPerSecond / echo.requestsPerSecond,
    p50: row.result.p50Ms / echo.p50Ms,
  };
}

const int = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const ms = (value: number) =>
  value >= 100 ? int.format(value) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
const percent = (f: number) => (f >= 0.1 ? `${(f * 100).toFixed(0)}%` : `${(f * 100).toFixed(1)}%`);
const times = (f: number) => `${f >= 10 ? f.toFixed(0) : f.toFixed(1)}x`;

const COLUMNS = ["conns", "req/s", "p50 ms", "p99 ms", "req/s of echo", "p50 vs echo", "other answers"];
const WIDTHS = [6, 9, 9, 9, 15, 13, 15];

/** The results as a text table under a line describing the machine and the run. */
export function formatHttpTable(result: HttpBenchResult, machine: Machine, mode: string): string {
  const labelWidth = Math.max(...result.rows.map((r) => r.label.length)) + 2;
  const cell = (text: string, i: number) => text.padStart(WIDTHS[i] ?? 10);
  const lines = [
    `Machine: ${machine.cpu} (${machine.cpus} cpus, ${machine.memoryGiB} GiB), ${machine.platform}, ` +
      `Node ${machine.node} (V8 ${machine.v8})`,
    `Mode: ${mode}. Servers in child processes on loopback (@hono/node-server; the centre on an embedded ` +
      `libSQL file); load from autocannon in this process, keep-alive, one request in flight per connection.`,
    "",
    "route".padEnd(labelWidth) + COLUMNS.map(cell).join(""),
  ];
  for (const row of result.rows) {
    const { result: r } = row;
    const ratio = versusEcho(row, result.rows);
    const other = Object.entries(r.unexpected).map(([status, n]) => `${n}×${status}`);
    if (r.errors) other.push(`${r.errors} errors`);
    lines.push(
      row.label.padEnd(labelWidth) +
        [
          String(row.connections),
          int.format(r.requestsPerSecond),
          ms(r.p50Ms),
          ms(r.p99Ms),
          ratio ? percent(ratio.throughput) : "",
          ratio ? times(ratio.p50) : "",
          other.join(" ") || "-",
        ]
          .map(cell)
          .join(""),
    );
  }
  const { bulk } = result;
  lines.push(
    "",
    `Bulk issuance: ${bulk.count} ldp_vc at ${bulk.connections} connections in ${bulk.seconds.toFixed(1)} s = ` +
      `${int.format(bulk.credentialsPerSecond)} credentials/s; ${bulk.distinctStatusEntries} distinct status ` +
      `entries, ${bulk.listed} found in the centre's records.`,
  );
  return lines.join("\n");
}

/** The same figures as JSON. */
export function formatHttpJson(result: HttpBenchResult, machine: Machine, mode: string): string {
  const rows = result.rows.map((row) => ({
    id: row.id,
    label: row.label,
    connections: row.connections,
    ...row.result,
    versusEcho: versusEcho(row, result.rows),
  }));
  return JSON.stringify({ machine, mode, rows, bulk: result.bulk }, null, 2);
}
