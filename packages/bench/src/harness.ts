/**
 * A small benchmark harness: one async operation, awaited sequentially on one core, warmed up, then run for
 * a fixed time with every call timed, so that the report can give a mean and tail percentiles per op.
 */

/** The timings of one case. Times are in microseconds. */
export interface Stats {
  readonly ops: number;
  readonly opsPerSecond: number;
  readonly meanUs: number;
  readonly p50Us: number;
  readonly p95Us: number;
  readonly p99Us: number;
}

export interface MeasureOptions {
  /** How long to run after the warm-up, in milliseconds. */
  readonly durationMs: number;
  /** How long to warm up (JIT, caches), in milliseconds. */
  readonly warmupMs: number;
  /** At least this many timed calls, however slow the operation (default 5). */
  readonly minOps?: number;
  /** The time source, in milliseconds (default `performance.now`). */
  readonly now?: () => number;
}

/**
 * The `p`-th percentile (0..100) of ascending `sorted` samples, by linear interpolation between the closest
 * ranks (the method of NumPy's default and of Excel's PERCENTILE.INC). NaN for no samples.
 * @example percentile([1, 2, 3, 4], 50) // 2.5
 */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (!(p >= 0 && p <= 100)) throw new TypeError(`percentile: p must be within 0..100, got ${p}`);
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const rank = (p / 100) * (n - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  const a = sorted[low] as number;
  const b = sorted[high] as number;
  return a + (b - a) * (rank - low);
}

/** Stats of per-op samples (µs) taken over `elapsedMs` of wall time. */
export function summarise(samplesUs: readonly number[] | Float64Array, elapsedMs: number): Stats {
  const sorted = Float64Array.from(samplesUs).sort();
  const ops = sorted.length;
  let total = 0;
  for (const sample of sorted) total += sample;
  return {
    ops,
    // Throughput from wall time, so the gaps between timed calls (loop, timer) are charged too.
    opsPerSecond: ops === 0 || elapsedMs <= 0 ? 0 : ops / (elapsedMs / 1000),
    meanUs: ops === 0 ? Number.NaN : total / ops,
    p50Us: percentile(sorted, 50),
    p95Us: percentile(sorted, 95),
    p99Us: percentile(sorted, 99),
  };
}

/**
 * Runs `operation` for `warmupMs`, then for `durationMs`, one call at a time, and times each call.
 * @example const stats = await measure(() => crypto.subtle.digest("SHA-256", data), { durationMs: 1500, warmupMs: 200 });
 */
export async function measure(operation: () => Promise<unknown>, options: MeasureOptions): Promise<Stats> {
  if (typeof operation !== "function") throw new TypeError("measure: operation must be a function");
  const now = options.now ?? (() => performance.now());
  const minOps = options.minOps ?? 5;
  const warmupEnd = now() + options.warmupMs;
  do await operation();
  while (now() < warmupEnd);

  const samples: number[] = [];
  const start = now();
  const end = start + options.durationMs;
  let last = start;
  while (last < end || samples.length < minOps) {
    await operation();
    const after = now();
    samples.push((after - last) * 1000);
    last = after;
  }
  return summarise(samples, last - start);
}
