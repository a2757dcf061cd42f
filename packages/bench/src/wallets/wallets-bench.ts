/**
 * `pnpm bench --wallets`: complete wallet protocol runs per second, in this process through `app.request()`
 * on a centre assembled as the Node root assembles it; each flow beside the plain VC API call it wraps, so
 * that the ratio is the protocol's own overhead. Every case is checked once, then measured by the harness.
 */
import type { Stats } from "../harness.ts";
import { runCases } from "../runner.ts";
import { type WalletCase, walletCases } from "./wallet-cases.ts";
import { type CentreStorage, walletCentre } from "./wallet-centre.ts";

export interface WalletsBenchOptions {
  /** Timed milliseconds per case, after `warmupMs` of the same. */
  readonly durationMs: number;
  readonly warmupMs: number;
  /** At least this many timed runs per case (default the harness's). */
  readonly minOps?: number;
  /** The centre's database: a fresh libSQL file (default, as `pnpm start`) or `:memory:`. */
  readonly storage?: CentreStorage;
  /** Called before each case is timed, e.g. a full GC. */
  readonly beforeMeasure?: () => void;
  readonly onProgress?: (text: string) => void;
}

export interface WalletResult {
  readonly case: WalletCase;
  readonly stats: Stats;
  /** A flow's steps and each one's share of its time (over the warm-up and the timed runs). */
  readonly steps?: readonly { readonly step: string; readonly share: number }[];
}

export interface WalletsBenchResult {
  readonly storage: CentreStorage;
  readonly results: readonly WalletResult[];
}

/** Assembles the centre, builds the cases, checks and measures each in turn, closes the centre. */
export async function runWalletsBench(options: WalletsBenchOptions): Promise<WalletsBenchResult> {
  const storage = options.storage ?? "file";
  const progress = options.onProgress ?? (() => {});
  progress("assembling the centre and issuing the wallet's credentials");
  const centre = await walletCentre(storage);
  try {
    const results: WalletResult[] = [];
    for (const walletCase of await walletCases(centre)) {
      progress(`measuring ${walletCase.label.trim()}`);
      const [measured] = await runCases([walletCase], {
        durationMs: options.durationMs,
        warmupMs: options.warmupMs,
        ...(options.minOps ? { minOps: options.minOps } : {}),
        // The check run is not one of the measured runs: its steps are forgotten.
        beforeMeasure: () => {
          walletCase.steps?.reset();
          options.beforeMeasure?.();
        },
      });
      if (!measured) throw new Error(`case ${walletCase.id} was not measured`);
      const steps = walletCase.steps?.shares();
      results.push({ case: walletCase, stats: measured.stats, ...(steps ? { steps } : {}) });
    }
    return { storage, results };
  } finally {
    await centre.close();
  }
}
