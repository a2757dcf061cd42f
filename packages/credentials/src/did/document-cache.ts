/**
 * A small time-bounded LRU cache of resolved documents with in-flight de-duplication: concurrent loads of
 * one key share one promise, and only successes are kept, so a transient failure is retried next time.
 */
import { type Clock, systemClock } from "@learnbridge/core";
import type { Outcome } from "../verify/report.ts";

export interface DocumentCacheOptions {
  readonly clock?: Clock;
  /** How long a success is kept; 0 disables caching (de-duplication still applies). */
  readonly ttlMs: number;
  readonly maxEntries: number;
}

export interface DocumentCache<T> {
  /** Returns the cached value for `key`, joins a load in flight, or runs `loader` (caching its success). */
  load(
    key: string,
    loader: () => Promise<Outcome<T>>,
    options?: { readonly cache?: boolean },
  ): Promise<Outcome<T>>;
  /** Forgets one key, or everything. */
  clear(key?: string): void;
}

/** Creates a cache; throws a TypeError for negative limits. */
export function createDocumentCache<T>(options: DocumentCacheOptions): DocumentCache<T> {
  const { clock = systemClock, ttlMs, maxEntries } = options;
  if (!(ttlMs >= 0) || !(maxEntries >= 0)) throw new TypeError("cache ttlMs and maxEntries must be >= 0");
  const entries = new Map<string, { readonly value: Outcome<T>; readonly expiresAt: number }>();
  const inFlight = new Map<string, Promise<Outcome<T>>>();

  function lookup(key: string): Outcome<T> | undefined {
    const entry = entries.get(key);
    if (!entry) return undefined;
    entries.delete(key);
    if (clock().getTime() >= entry.expiresAt) return undefined;
    entries.set(key, entry); // re-insert: Map order is the recency order
    return entry.value;
  }

  function store(key: string, value: Outcome<T>): void {
    if (ttlMs === 0 || maxEntries === 0) return;
    entries.set(key, { value, expiresAt: clock().getTime() + ttlMs });
    while (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
  }

  return {
    load(key, loader, { cache = true } = {}) {
      const hit = cache ? lookup(key) : undefined;
      if (hit) return Promise.resolve(hit);
      const pending = inFlight.get(key);
      if (pending) return pending;
      const loading = (async () => {
        try {
          const value = await loader();
          if (value.ok && cache) store(key, value);
          return value;
        } finally {
          inFlight.delete(key);
        }
      })();
      inFlight.set(key, loading);
      return loading;
    },
    clear(key) {
      if (key === undefined) entries.clear();
      else entries.delete(key);
    },
  };
}
