/**
 * The output of `pnpm bench --wallets`: a table per protocol in the harness's style, each flow's steps under
 * its row and its ratio to the plain VC API call it wraps, or the same as JSON.
 */
import type { Machine } from "../report.ts";
import type { WalletResult, WalletsBenchResult } from "./wallets-bench.ts";

/** A flow against its plain call: its ops/s as a fraction of the plain call's, and its time as a multiple. */
export interface VersusPlain {
  readonly baseline: string;
  /** flow ops/s ÷ plain ops/s (below 1: the flow completes fewer per second). */
  readonly throughput: number;
  /** plain ops/s ÷ flow ops/s: how many plain calls' time one complete flow takes. */
  readonly time: number;
}

export function versusPlain(result: WalletResult, all: readonly WalletResult[]): VersusPlain | undefined {
  const baseline = result.case.baseline;
  const plain = all.find((r) => r.case.id === baseline)?.stats.opsPerSecond;
  const flow = result.stats.opsPerSecond;
  if (!baseline || !plain || !flow) return undefined;
  return { baseline, throughput: flow / plain, time: plain / flow };
}

const int = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const ms = (us: number) => {
  const value = us / 1000;
  return value >= 100 ? int.format(value) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
};
const perSecond = (ops: number) => (ops >= 100 ? int.format(ops) : ops.toFixed(1));
const percent = (f: number) => `${(f * 100).toFixed(0)}%`;

const COLUMNS = ["/s", "mean ms", "p50 ms", "p95 ms", "time vs plain"] as const;
const WIDTHS = [9, 9, 9, 9, 15] as const;

/** The results as text tables, one per protocol, under lines describing the machine and the run. */
export function formatWalletsTable(result: WalletsBenchResult, machine: Machine, mode: string): string {
  const { results } = result;
  const labelWidth = Math.max(...results.map((r) => r.case.label.length)) + 4;
  const cell = (text: string, i: number) => text.padStart(WIDTHS[i] ?? 10);
  const database = result.storage === "file" ? "a libSQL file in WAL mode" : "libSQL :memory:";
  const lines = [
    `Machine: ${machine.cpu} (${machine.cpus} cpus, ${machine.memoryGiB} GiB), ${machine.platform}, ` +
      `Node ${machine.node} (V8 ${machine.v8})`,
    `Mode: ${mode}; one core, sequential awaits, in-process through app.request() (no sockets) on a centre ` +
      `assembled as \`pnpm start\` does, on ${database}.`,
    `"/s": complete runs per second; "time vs plain": one complete flow's time in plain VC API calls of the ` +
      `same credential or presentation (the protocol's overhead); each step's share of the flow below it.`,
  ];
  let group = "";
  for (const r of results) {
    if (r.case.group !== group) {
      group = r.case.group;
      lines.push("", group.padEnd(labelWidth) + COLUMNS.map(cell).join(""));
    }
    const ratio = versusPlain(r, results);
    const { stats } = r;
    lines.push(
      `  ${r.case.label}`.padEnd(labelWidth) +
        [
          perSecond(stats.opsPerSecond),
          ms(stats.meanUs),
          ms(stats.p50Us),
          ms(stats.p95Us),
          ratio ? `${ratio.time.toFixed(2)}x` : "",
        ]
          .map(cell)
          .join("")
          .trimEnd(),
    );
    if (r.steps?.length) {
      lines.push(`      ${r.steps.map((s) => `${s.step} ${percent(s.share)}`).join(" · ")}`);
    }
  }
  return lines.join("\n");
}

/** The results as one JSON document. */
export function formatWalletsJson(result: WalletsBenchResult, machine: Machine, mode: string): string {
  return JSON.stringify(
    {
      machine,
      mode,
      storage: result.storage,
      results: result.results.map((r) => {
        const ratio = versusPlain(r, result.results);
        return {
          id: r.case.id,
          group: r.case.group,
          label: r.case.label,
          kind: r.case.kind,
          ...r.stats,
          ...(ratio ? { versusPlain: ratio } : {}),
          ...(r.steps ? { steps: r.steps } : {}),
        };
      }),
    },
    null,
    2,
  );
}
