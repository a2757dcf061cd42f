/**
 * Migration 0011: the follower's tables. `federation_peers` (position, health, quarantine of each followed
 * feed), `catalogue_replica` (the catalogue view: one row per record, with the federation contract's
 * columns that the search index reads, plus the follower's own `record_hash`, `op`, `hidden`, `feed`),
 * `replica_feed_entries` (what each feed says of each record, for its state digest and re-snapshots) and
 * `federation_quarantine` (refused records, equivocations, quarantined peers: the report an admin reads).
 */
import type { Migration } from "../migrations.ts";

export const CATALOGUE_REPLICA_MIGRATION: Migration = {
  id: "0011-catalogue-replica",
  statements: [
    `CREATE TABLE federation_peers (
      feed TEXT PRIMARY KEY,
      did TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('active', 'quarantined')),
      quarantine TEXT,
      phase TEXT NOT NULL CHECK (phase IN ('snapshot', 'changes')),
      cursor INTEGER NOT NULL CHECK (cursor >= 0),
      head_hash TEXT,
      snapshot_after TEXT,
      snapshot_as_of_seq INTEGER,
      known_head_seq INTEGER NOT NULL CHECK (known_head_seq >= 0),
      record_count INTEGER NOT NULL CHECK (record_count >= 0),
      state_digest TEXT NOT NULL,
      checkpoint TEXT,
      failures INTEGER NOT NULL CHECK (failures >= 0),
      breaker TEXT NOT NULL CHECK (breaker IN ('closed', 'open')),
      openings INTEGER NOT NULL CHECK (openings >= 0),
      next_pull_at TEXT NOT NULL,
      last_error TEXT,
      last_success_at TEXT,
      followed_at TEXT NOT NULL
    ) STRICT`,
    "CREATE INDEX federation_peers_due ON federation_peers (next_pull_at) WHERE status = 'active'",
    // A rowid table with the record id as its key: the search index's triggers read the contract's columns.
    `CREATE TABLE catalogue_replica (
      record_id TEXT PRIMARY KEY,
      owner TEXT NOT NULL,
      version INTEGER NOT NULL CHECK (version >= 1),
      record_json TEXT NOT NULL,
      search_text TEXT NOT NULL,
      level INTEGER,
      credits REAL,
      languages TEXT NOT NULL DEFAULT '[]',
      mode TEXT,
      country TEXT,
      audience TEXT NOT NULL DEFAULT '[]',
      deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
      record_hash TEXT NOT NULL,
      op TEXT NOT NULL CHECK (op IN ('put', 'delete')),
      hidden INTEGER NOT NULL DEFAULT 0 CHECK (hidden IN (0, 1)),
      feed TEXT NOT NULL
    ) STRICT`,
    "CREATE INDEX catalogue_replica_feed ON catalogue_replica (feed, record_id)",
    `CREATE TABLE replica_feed_entries (
      feed TEXT NOT NULL,
      record_id TEXT NOT NULL,
      version INTEGER NOT NULL CHECK (version >= 1),
      record_hash TEXT NOT NULL,
      deleted INTEGER NOT NULL CHECK (deleted IN (0, 1)),
      marked INTEGER NOT NULL DEFAULT 0 CHECK (marked IN (0, 1)),
      PRIMARY KEY (feed, record_id)
    ) STRICT, WITHOUT ROWID`,
    "CREATE INDEX replica_feed_entries_record ON replica_feed_entries (record_id)",
    "CREATE INDEX replica_feed_entries_marked ON replica_feed_entries (feed, record_id) WHERE marked = 1",
    `CREATE TABLE federation_quarantine (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      kind TEXT NOT NULL CHECK (kind IN ('record', 'peer')),
      feed TEXT NOT NULL,
      record_id TEXT,
      owner TEXT,
      version INTEGER,
      code TEXT NOT NULL,
      reason TEXT NOT NULL,
      details TEXT,
      at TEXT NOT NULL
    ) STRICT`,
  ],
};
