/**
 * The tables of OpenID4VP presentation requests (migration 0008-presentation-requests): each request with
 * its result until it is deleted, and the hashes of accepted presentations that refuse replays. Times that
 * are compared (expiry, deletion) are integers, milliseconds since the epoch.
 */
import type { Migration } from "../migrations.ts";

export const PRESENTATION_REQUESTS_MIGRATION: Migration = {
  id: "0008-presentation-requests",
  statements: [
    `CREATE TABLE presentation_requests (
      id TEXT PRIMARY KEY,
      state TEXT NOT NULL UNIQUE,
      nonce TEXT NOT NULL,
      read_token_hash TEXT NOT NULL,
      query TEXT NOT NULL,
      language TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('pending', 'completed', 'failed')),
      created_at INTEGER NOT NULL,
      expires_at INTEGER NOT NULL,
      delete_after INTEGER NOT NULL,
      completed_at INTEGER,
      result TEXT,
      last_refusal TEXT
    ) STRICT`,
    "CREATE INDEX presentation_requests_due ON presentation_requests (delete_after)",
    `CREATE TABLE presentation_hashes (
      hash TEXT PRIMARY KEY,
      request_id TEXT NOT NULL,
      expires_at INTEGER NOT NULL
    ) STRICT, WITHOUT ROWID`,
    "CREATE INDEX presentation_hashes_due ON presentation_hashes (expires_at)",
  ],
};
