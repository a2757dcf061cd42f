/**
 * `pnpm bench --federation`: the catalogue federation's figures, each from the real code in this process:
 * sync throughput, a bootstrap from the snapshot, the bytes of an idle poll (two centres on libSQL files),
 * and search latency over a large replica. Sizes are options so that a test can run it small.
 */
import type { FederationBenchResult } from "./federation-report.ts";
import { runSearchBench } from "./search-bench.ts";
import { runSyncBench } from "./sync-bench.ts";

export interface FederationBenchOptions {
  /** Courses an origin publishes, pulled by a follower and bootstrapped by a newcomer (issue: 100,000). */
  readonly syncRecords: number;
  /** Replica records the search runs over (issue: 1,000,000). */
  readonly searchRecords: number;
  readonly searchRuns: number;
  /** Where generated corpora are kept; default the OS temp directory. */
  readonly dir?: string;
  readonly onProgress?: (text: string) => void;
}

/** The sizes of a full run and of `--quick`. */
export const FEDERATION_SIZES = {
  full: { syncRecords: 100_000, searchRecords: 1_000_000, searchRuns: 30 },
  quick: { syncRecords: 5_000, searchRecords: 50_000, searchRuns: 10 },
} as const;

/** Runs every federation benchmark in turn. */
export async function runFederationBench(options: FederationBenchOptions): Promise<FederationBenchResult> {
  const shared = {
    ...(options.dir ? { dir: options.dir } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  };
  const sync = await runSyncBench({ records: options.syncRecords, ...shared });
  const search = await runSearchBench({
    records: options.searchRecords,
    runsPerQuery: options.searchRuns,
    ...shared,
  });
  return { sync, search };
}
