/** The table of VC-API exchanges (migration 0007-vc-api-exchanges): one row per workflow and exchange id. */
import type { Migration } from "../migrations.ts";

export const VC_API_EXCHANGES_MIGRATION: Migration = {
  id: "0007-vc-api-exchanges",
  statements: [
    // Times are epoch milliseconds; `sequence` is the compare-and-set token every step updates over.
    `CREATE TABLE vc_api_exchanges (
      workflow TEXT NOT NULL,
      id TEXT NOT NULL,
      offer_id TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('pending', 'active', 'complete', 'invalid')),
      sequence INTEGER NOT NULL CHECK (sequence >= 0),
      expires_at INTEGER NOT NULL,
      challenge TEXT,
      challenge_expires_at INTEGER,
      holder TEXT,
      credential_id TEXT,
      last_error TEXT,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      PRIMARY KEY (workflow, id)
    ) STRICT, WITHOUT ROWID`,
    "CREATE INDEX vc_api_exchanges_expiry ON vc_api_exchanges (expires_at)",
  ],
};
