/**
 * Migration 0010: the node's own catalogue and its feed. A record row and its feed event are written in one
 * transaction (course-repository.ts), so the two tables never disagree. `catalogue_records` carries the
 * federation contract's columns (the same as the replica's), which the search index reads.
 */
import { FEED_STATEMENTS } from "../federation/feed-schema.ts";
import type { Migration } from "../migrations.ts";

export const CATALOGUE_FEED_MIGRATION: Migration = {
  id: "0010-catalogue-feed",
  statements: [
    // One row per record: its latest signed version, or its signed tombstone (deleted = 1).
    `CREATE TABLE catalogue_records (
      record_id TEXT PRIMARY KEY,
      owner TEXT NOT NULL,
      version INTEGER NOT NULL CHECK (version >= 1),
      record_hash TEXT NOT NULL,
      record_json TEXT NOT NULL,
      search_text TEXT NOT NULL,
      level INTEGER,
      credits REAL,
      languages TEXT NOT NULL DEFAULT '[]',
      mode TEXT,
      country TEXT,
      audience TEXT NOT NULL DEFAULT '[]',
      deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
    ) STRICT`,
    "CREATE INDEX catalogue_records_live ON catalogue_records (record_id) WHERE deleted = 0",
    ...FEED_STATEMENTS,
  ],
};
