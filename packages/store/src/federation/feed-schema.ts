/**
 * The tables of a node's feed (part of migration 0010): the events still served, the latest state of every
 * record the feed ever carried (tombstones included, so the version rule outlives compaction), and the head.
 */
import { EMPTY_DIGEST } from "@learnbridge/federation";

export const FEED_STATEMENTS: readonly string[] = [
  // seq is the rowid: an append that lost a race fails on it, and pages read in key order.
  `CREATE TABLE feed_events (
    seq INTEGER PRIMARY KEY CHECK (seq >= 1),
    hash TEXT NOT NULL,
    record_id TEXT NOT NULL,
    at TEXT NOT NULL,
    event TEXT NOT NULL
  ) STRICT`,
  `CREATE TABLE feed_records (
    record_id TEXT PRIMARY KEY,
    version INTEGER NOT NULL CHECK (version >= 1),
    record_hash TEXT NOT NULL,
    deleted INTEGER NOT NULL CHECK (deleted IN (0, 1)),
    seq INTEGER NOT NULL
  ) STRICT, WITHOUT ROWID`,
  // Compaction asks "is this event a live record's latest?" by seq; the snapshot walks live ids in order.
  "CREATE INDEX feed_records_seq ON feed_records (seq)",
  "CREATE INDEX feed_records_live ON feed_records (record_id, seq) WHERE deleted = 0",
  `CREATE TABLE feed_head (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    seq INTEGER NOT NULL CHECK (seq >= 0),
    hash TEXT,
    state_digest TEXT NOT NULL,
    record_count INTEGER NOT NULL CHECK (record_count >= 0),
    retained_from INTEGER NOT NULL CHECK (retained_from >= 1)
  ) STRICT`,
  `INSERT INTO feed_head (id, seq, hash, state_digest, record_count, retained_from)
    VALUES (1, 0, NULL, '${EMPTY_DIGEST}', 0, 1)`,
];
