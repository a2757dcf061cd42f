/**
 * The benchmark's output: the machine, a table per group with ratios (ours against each peer, every row as a
 * fraction of raw Ed25519 verify), or the same as JSON.
 */
import { cpus, totalmem } from "node:os";
import { RAW_VERIFY_ID } from "./cases/index.ts";
import type { CaseResult } from "./runner.ts";

export interface Machine {
  readonly cpu: string;
  readonly cpus: number;
  readonly memoryGiB: number;
  readonly node: string;
  readonly v8: string;
  readonly platform: string;
}

/** The machine the numbers were taken on. */
export function describeMachine(): Machine {
  const all = cpus();
  return {
    cpu: all[0]?.model.trim() ?? "unknown",
    cpus: all.length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    v8: process.versions.v8,
    platform: `${process.platform}-${process.arch}`,
  };
}

/** One row's derived figures: fraction of raw Ed25519 verify, and ours/peer for a peer's row. */
export interface Ratios {
  readonly ofRawVerify?: number;
  readonly oursOverPeer?: { readonly peer: string; readonly ours: string; readonly ratio: number };
}

function ratiosOf(result: CaseResult, all: readonly CaseResult[]): Ratios {
  const byId = new Map(all.map((r) => [r.case.id, r]));
  const raw = byId.get(RAW_VERIFY_ID)?.stats.opsPerSecond;
  const versus = result.case.versus;
  const ours = versus ? byId.get(versus.id) : undefined;
  return {
    ...(raw ? { ofRawVerify: result.stats.opsPerSecond / raw } : {}),
    ...(versus && ours
      ? {
          oursOverPeer: {
            peer: versus.peer,
            ours: versus.id,
            ratio: ours.stats.opsPerSecond / result.stats.opsPerSecond,
          },
        }
      : {}),
  };
}

const int = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const micros = (us: number) => (us >= 100 ? int.format(us) : us.toFixed(1));
const percent = (fraction: number) =>
  fraction >= 0.1 ? `${(fraction * 100).toFixed(0)}%` : `${(fraction * 100).toFixed(1)}%`;

const COLUMNS = ["ops/s", "mean µs", "p50 µs", "p99 µs", "of raw verify", "ours vs peer"] as const;
const WIDTHS = [10, 9, 9, 9, 15, 25] as const;

/** The results as text tables, one per group, under a line describing the machine and the run. */
export function formatTable(results: readonly CaseResult[], machine: Machine, mode: string): string {
  const labelWidth = Math.max(...results.map((r) => r.case.label.length)) + 2;
  const cell = (text: string, i: number) => text.padStart(WIDTHS[i] ?? 10);
  const lines = [
    `Machine: ${machine.cpu} (${machine.cpus} cpus, ${machine.memoryGiB} GiB), ${machine.platform}, ` +
      `Node ${machine.node} (V8 ${machine.v8})`,
    `Mode: ${mode}; one core, sequential awaits. "of raw verify": ops/s as a fraction of raw Ed25519 ` +
      `verify; "ours vs peer": our ops/s over the peer's (>1x: ours is faster).`,
  ];
  let group = "";
  for (const result of results) {
    if (result.case.group !== group) {
      group = result.case.group;
      lines.push("", group.padEnd(labelWidth) + COLUMNS.map(cell).join(""));
    }
    const { stats } = result;
    const ratios = ratiosOf(result, results);
    const peer = ratios.oursOverPeer;
    lines.push(
      `  ${result.case.label}`.padEnd(labelWidth) +
        [
          int.format(stats.opsPerSecond),
          micros(stats.meanUs),
          micros(stats.p50Us),
          micros(stats.p99Us),
          ratios.ofRawVerify === undefined ? "" : percent(ratios.ofRawVerify),
          peer ? `ours/${peer.peer} ${peer.ratio.toFixed(2)}x` : "",
        ]
          .map(cell)
          .join(""),
    );
  }
  return lines.join("\n");
}

/** The results as one JSON document. */
export function formatJson(results: readonly CaseResult[], machine: Machine, mode: string): string {
  return JSON.stringify(
    {
      machine,
      mode,
      results: results.map((result) => ({
        id: result.case.id,
        group: result.case.group,
        label: result.case.label.trim(),
        kind: result.case.kind,
        ...result.stats,
        ...ratiosOf(result, results),
      })),
    },
    null,
    2,
  );
}
