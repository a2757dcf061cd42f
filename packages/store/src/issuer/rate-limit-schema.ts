/** The table of rate-limit windows (migration 0019-rate-limits): one row per route group, client and minute. */
import type { Migration } from "../migrations.ts";

export const RATE_LIMITS_MIGRATION: Migration = {
  id: "0019-rate-limits",
  statements: [
    // Without rowid: the primary key is the row, so a hit is one b-tree lookup and update.
    `CREATE TABLE rate_limits (
      bucket TEXT NOT NULL,
      client_key TEXT NOT NULL,
      window_start INTEGER NOT NULL CHECK (window_start >= 0),
      hits INTEGER NOT NULL CHECK (hits >= 1),
      PRIMARY KEY (bucket, client_key, window_start)
    ) STRICT, WITHOUT ROWID`,
    // The purge deletes by age alone.
    "CREATE INDEX rate_limits_age ON rate_limits (window_start)",
  ],
};
