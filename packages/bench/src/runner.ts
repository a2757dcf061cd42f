/** Runs cases one after another: each is checked once (it must verify), then measured. */
import type { BenchCase } from "./cases/index.ts";
import { measure, type Stats } from "./harness.ts";

export interface CaseResult {
  readonly case: BenchCase;
  readonly stats: Stats;
}

export interface RunOptions {
  readonly durationMs: number;
  readonly warmupMs: number;
  /** At least this many timed calls per case (default: the harness's). */
  readonly minOps?: number;
  /** Called before each case's timing, e.g. a full GC so that no case pays for the garbage of the last. */
  readonly beforeMeasure?: () => void;
  /** Called after each case, e.g. to show progress. */
  readonly onResult?: (result: CaseResult) => void;
}

/** Runs `run` once and throws when `check` does not accept its result: a failing case measures nothing. */
export async function checkCase(benchCase: BenchCase): Promise<void> {
  let result: unknown;
  try {
    result = await benchCase.run();
  } catch (cause) {
    throw new Error(`case ${benchCase.id} threw`, { cause });
  }
  if (!(await benchCase.check(result))) {
    throw new Error(`case ${benchCase.id} did not verify: ${JSON.stringify(result)?.slice(0, 500)}`);
  }
}

/** Checks and measures every case in order; the check runs right before each case's own timing. */
export async function runCases(cases: readonly BenchCase[], options: RunOptions): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  for (const benchCase of cases) {
    await checkCase(benchCase);
    options.beforeMeasure?.();
    const stats = await measure(() => benchCase.run(), options);
    const result = { case: benchCase, stats };
    options.onResult?.(result);
    results.push(result);
  }
  return results;
}
