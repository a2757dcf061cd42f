/** The output of `pnpm bench --federation`: one section per figure, with ratios, or the same as JSON. */
import type { Machine } from "../report.ts";
import type { SearchBenchResult } from "./search-bench.ts";
import type { PollExchange, SyncBenchResult } from "./sync-bench.ts";

/** Everything one `--federation` run measured; a part is absent when it was not run. */
export interface FederationBenchResult {
  readonly sync?: SyncBenchResult;
  readonly search?: SearchBenchResult;
}

const int = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const ms = (value: number) =>
  value >= 100 ? int.format(value) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

/** The search section: per query p50/p95, and the whole set's. */
function formatSearch(result: SearchBenchResult): string[] {
  const labelWidth = Math.max(...result.cases.map((c) => c.label.length)) + 4;
  const generated =
    result.generatedSeconds === undefined
      ? "reused from an earlier run"
      : `generated in ${result.generatedSeconds.toFixed(1)} s (${int.format(result.records / result.generatedSeconds)} records/s, FTS index by triggers)`;
  const lines = [
    `Search over ${int.format(result.records)} replica records (libSQL file, ${mib(result.fileBytes)}; corpus ${generated})`,
    `  ${result.runsPerQuery} timed runs per query after one untimed; first page of 20.`,
    `  ${"query".padEnd(labelWidth - 2)}${"hits".padStart(6)}${"p50 ms".padStart(9)}${"p95 ms".padStart(9)}${"p95/p50".padStart(9)}`,
  ];
  for (const c of result.cases) {
    lines.push(
      `  ${c.label.padEnd(labelWidth - 2)}${`${c.hits}${c.more ? "+" : ""}`.padStart(6)}${ms(c.p50Ms).padStart(9)}` +
        `${ms(c.p95Ms).padStart(9)}${`${(c.p95Ms / c.p50Ms).toFixed(1)}x`.padStart(9)}`,
    );
  }
  lines.push(
    `  ${"all queries".padEnd(labelWidth - 2)}${"".padStart(6)}${ms(result.p50Ms).padStart(9)}${ms(result.p95Ms).padStart(9)}`,
  );
  return lines;
}

const bytesOf = (exchanges: readonly PollExchange[]) =>
  exchanges.reduce((sum, e) => sum + e.requestBytes + e.responseBytes, 0);
const percent = (f: number) => (f >= 0.1 ? `${(f * 100).toFixed(0)}%` : `${(f * 100).toFixed(1)}%`);

/** The sync section: throughput of the changes path and of a bootstrap, and the idle poll's bytes. */
function formatSync(result: SyncBenchResult): string[] {
  const { sync, bootstrap, idlePoll } = result;
  const check = (matches: boolean) => (matches ? "digest = origin's" : "DIGEST DIFFERS");
  const lines = [
    `Catalogue sync, two centres in one process, each on its own libSQL file (search triggers included)`,
    `  origin: ${int.format(result.records)} courses signed and published in ${result.publishSeconds.toFixed(1)} s ` +
      `(${int.format(result.records / result.publishSeconds)}/s, record + feed event in one write each)`,
    `  sync      ${int.format(sync.recordsPerSecond).padStart(7)} records/s  ${int.format(result.records)} change events, ` +
      `${sync.pages} pages, ${sync.seconds.toFixed(1)} s; ${check(sync.digestMatches)}`,
    `  bootstrap ${int.format(bootstrap.recordsPerSecond).padStart(7)} records/s  ${int.format(result.records)} records ` +
      `from the snapshot, ${bootstrap.pages} pages, ${bootstrap.seconds.toFixed(1)} s; ${check(bootstrap.digestMatches)}`,
    `  sync/raw Ed25519 verify: ${percent(sync.recordsPerSecond / result.rawVerifyPerSecond)} ` +
      `(raw verify ${int.format(result.rawVerifyPerSecond)}/s); bootstrap/sync ${(bootstrap.recordsPerSecond / sync.recordsPerSecond).toFixed(2)}x`,
    "  idle poll (a caught-up follower; HTTP/1.1 bytes, no TLS):",
  ];
  for (const [name, exchanges] of [
    ["first", idlePoll.first],
    ["steady", idlePoll.steady],
  ] as const) {
    for (const e of exchanges) {
      lines.push(
        `    ${name.padEnd(7)}${e.request.padEnd(70)}${String(e.status).padStart(4)}` +
          `${`${e.requestBytes} + ${e.responseBytes} B`.padStart(14)} (body ${e.bodyBytes} B)`,
      );
    }
  }
  const steady = bytesOf(idlePoll.steady);
  lines.push(
    `    steady state: ${int.format(steady)} B per poll; polled every 5 minutes, ` +
      `${((steady * 288) / 1024).toFixed(0)} KiB a day per followed feed`,
  );
  return lines;
}

/** The results as text under a line describing the machine and the run. */
export function formatFederationTable(result: FederationBenchResult, machine: Machine, mode: string): string {
  const lines = [
    `Machine: ${machine.cpu} (${machine.cpus} cpus, ${machine.memoryGiB} GiB), ${machine.platform}, ` +
      `Node ${machine.node} (V8 ${machine.v8})`,
    `Mode: ${mode}.`,
  ];
  if (result.sync) lines.push("", ...formatSync(result.sync));
  if (result.search) lines.push("", ...formatSearch(result.search));
  return lines.join("\n");
}

/** The results as one JSON document. */
export function formatFederationJson(result: FederationBenchResult, machine: Machine, mode: string): string {
  return JSON.stringify({ machine, mode, ...result }, null, 2);
}
