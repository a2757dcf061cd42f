/**
 * Where a protocol flow's time goes: each step of each run is timed and summed, so the report can say which
 * share of an issuance or an answer each request took (shares, not means: they are stable under warm-up).
 */

/** One step's total over the runs since the last reset. */
export interface StepTotal {
  readonly step: string;
  readonly totalMs: number;
  readonly runs: number;
}

/** A named stopwatch per step, in the order the steps first ran. */
export class StepTimes {
  readonly #totals = new Map<string, { totalMs: number; runs: number }>();
  readonly #now: () => number;

  constructor(now: () => number = () => performance.now()) {
    this.#now = now;
  }

  /** Runs `operation` and adds its time to `step`. */
  async time<T>(step: string, operation: () => Promise<T>): Promise<T> {
    const started = this.#now();
    try {
      return await operation();
    } finally {
      const total = this.#totals.get(step) ?? { totalMs: 0, runs: 0 };
      total.totalMs += this.#now() - started;
      total.runs++;
      this.#totals.set(step, total);
    }
  }

  /** Forgets every total, e.g. after the check run. */
  reset(): void {
    this.#totals.clear();
  }

  /** The totals, in the order the steps first ran. */
  totals(): StepTotal[] {
    return [...this.#totals].map(([step, { totalMs, runs }]) => ({ step, totalMs, runs }));
  }

  /** Each step's share (0..1) of the time of all steps. */
  shares(): { readonly step: string; readonly share: number }[] {
    const totals = this.totals();
    const all = totals.reduce((sum, t) => sum + t.totalMs, 0);
    return totals.map(({ step, totalMs }) => ({ step, share: all > 0 ? totalMs / all : 0 }));
  }
}
