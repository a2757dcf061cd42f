/**
 * Migration 0014: what lets the follower poll cheaply and take back what it refused too early.
 * `federation_peers.changes_etag` keeps the ETag of a peer's last empty changes answer (JSON `{etag, after}`;
 * the checkpoint's ETag rides in the `checkpoint` JSON already). `replica_untrusted_records` keeps, per peer,
 * the records refused because their owner was not trusted (one row per record, its highest refused version),
 * to fetch again once the owner is; refusals listed in the quarantine before this migration are taken over.
 */
import type { Migration } from "../migrations.ts";

export const FOLLOWER_REVALIDATION_MIGRATION: Migration = {
  id: "0014-follower-etags-untrusted-records",
  statements: [
    "ALTER TABLE federation_peers ADD COLUMN changes_etag TEXT",
    `CREATE TABLE replica_untrusted_records (
      feed TEXT NOT NULL,
      record_id TEXT NOT NULL,
      version INTEGER NOT NULL CHECK (version >= 1),
      owner TEXT NOT NULL,
      code TEXT NOT NULL,
      at TEXT NOT NULL,
      PRIMARY KEY (feed, record_id)
    ) STRICT, WITHOUT ROWID`,
    "CREATE INDEX replica_untrusted_records_owner ON replica_untrusted_records (feed, owner, record_id)",
    // The highest refused version of each record of a followed feed, unless the feed view holds it since.
    `INSERT INTO replica_untrusted_records (feed, record_id, version, owner, code, at)
      SELECT q.feed, q.record_id, MAX(q.version), q.owner, 'TRUST_UNKNOWN', MAX(q.at)
      FROM federation_quarantine AS q JOIN federation_peers AS p ON p.feed = q.feed
      WHERE q.kind = 'record' AND q.code = 'RECORD_OWNER_UNTRUSTED'
        AND q.record_id IS NOT NULL AND q.owner IS NOT NULL AND q.version IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM replica_feed_entries AS e
          WHERE e.feed = q.feed AND e.record_id = q.record_id AND e.version >= q.version)
      GROUP BY q.feed, q.record_id`,
  ],
};
