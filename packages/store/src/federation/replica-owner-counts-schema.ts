/**
 * Migration 0018: live replica records per owner, for the follower's cap per owner (a compromised member
 * must not fill every follower's disk and search index). `replica_owner_counts` holds, per owner, the rows
 * of `catalogue_replica` that are records (not tombstones) and not hidden: exactly what the follower's
 * `isLiveRow` counts. Triggers keep it in the same transaction as every write of the replica (a page, a
 * sweep, an unfollow, the bench's bulk insert), so no writer has to remember it and a page reads one row per
 * owner instead of counting up to the cap. Rows already held are counted once, here.
 */
import type { Migration } from "../migrations.ts";

const LIVE = (row: "NEW" | "OLD") => `${row}.op = 'put' AND ${row}.hidden = 0`;
const ADD_NEW = `INSERT INTO replica_owner_counts (owner, live) SELECT NEW.owner, 1 WHERE ${LIVE("NEW")}
    ON CONFLICT (owner) DO UPDATE SET live = live + 1`;
const REMOVE_OLD = `UPDATE replica_owner_counts SET live = live - 1 WHERE owner = OLD.owner AND ${LIVE("OLD")}`;

export const REPLICA_OWNER_COUNTS_MIGRATION: Migration = {
  id: "0018-replica-owner-counts",
  statements: [
    `CREATE TABLE replica_owner_counts (
      owner TEXT PRIMARY KEY,
      live INTEGER NOT NULL CHECK (live >= 0)
    ) STRICT, WITHOUT ROWID`,
    `INSERT INTO replica_owner_counts (owner, live)
      SELECT owner, count(*) FROM catalogue_replica WHERE op = 'put' AND hidden = 0 GROUP BY owner`,
    `CREATE TRIGGER catalogue_replica_owner_count_insert AFTER INSERT ON catalogue_replica BEGIN
      ${ADD_NEW};
    END`,
    // An upsert that updates fires this one (not the insert trigger); most touch neither column's meaning.
    `CREATE TRIGGER catalogue_replica_owner_count_update AFTER UPDATE OF owner, op, hidden ON catalogue_replica
    WHEN OLD.owner IS NOT NEW.owner OR (${LIVE("OLD")}) IS NOT (${LIVE("NEW")}) BEGIN
      ${REMOVE_OLD};
      ${ADD_NEW};
    END`,
    `CREATE TRIGGER catalogue_replica_owner_count_delete AFTER DELETE ON catalogue_replica BEGIN
      ${REMOVE_OLD};
    END`,
  ],
};
