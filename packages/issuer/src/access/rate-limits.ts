/**
 * Rate limits on public endpoints ("how often may this client call"): fixed windows counted in storage, so
 * every process and Worker isolate of a centre counts against the same budget. The consumer (the app's
 * middleware) decides what a count means; the store only counts, atomically.
 */

/** Counts requests per bucket (a route group), client key (an address) and window. */
export interface RateLimitStore {
  /**
   * Counts one request of `key` in `bucket` during the window that starts at `windowStart` (ms since the
   * epoch) and returns the window's count including this one. Atomic: N parallel hits return 1..N.
   */
  hit(bucket: string, key: string, windowStart: number): Promise<number>;
  /** Deletes every window that started before `before` (ms); returns how many it deleted. */
  purge(before: number): Promise<number>;
}

/** The checks every implementation applies to `hit`'s arguments: a TypeError on misuse. */
export function checkRateLimitHit(bucket: string, key: string, windowStart: number): void {
  if (!bucket || !key) throw new TypeError("RateLimitStore.hit: bucket and key are required");
  if (!Number.isSafeInteger(windowStart) || windowStart < 0) {
    throw new TypeError("RateLimitStore.hit: windowStart must be whole milliseconds");
  }
}

/** The in-memory twin: one process's counts (a single-process test or dev centre). */
export class MemoryRateLimitStore implements RateLimitStore {
  readonly #windows = new Map<string, { windowStart: number; hits: number }>();

  async hit(bucket: string, key: string, windowStart: number) {
    checkRateLimitHit(bucket, key, windowStart);
    // JSON keeps a "|" inside a key from making two pairs collide.
    const id = JSON.stringify([bucket, key, windowStart]);
    const window = this.#windows.get(id) ?? { windowStart, hits: 0 };
    window.hits += 1;
    this.#windows.set(id, window);
    return window.hits;
  }

  async purge(before: number) {
    let deleted = 0;
    for (const [id, window] of this.#windows) {
      if (window.windowStart < before) {
        this.#windows.delete(id);
        deleted += 1;
      }
    }
    return deleted;
  }
}
