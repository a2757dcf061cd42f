/**
 * The tables of OpenID4VP presentation requests (migration 0008-presentation-requests): each request with
 * its result until it is deleted, and the hashes of accepted presentations that refuse replays. Times that
 * are compared (expiry, deletion) are integers, milliseconds since the epoch. Migration
 * 0016-presentation-response-keys adds how the wallet must answer, and for `direct_post.jwt` the request's own
 * encryption key (its public JWK and its private JWK sealed by the node's key vault, JSON), cleared once the
 * request is answered and deleted with the row.
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

/** How each request is answered, and the sealed key of an encrypted (`direct_post.jwt`) one. */
export const PRESENTATION_RESPONSE_KEYS_MIGRATION: Migration = {
  id: "0016-presentation-response-keys",
  statements: [
    `ALTER TABLE presentation_requests ADD COLUMN response_mode TEXT NOT NULL DEFAULT 'direct_post'
      CHECK (response_mode IN ('direct_post', 'direct_post.jwt'))`,
    "ALTER TABLE presentation_requests ADD COLUMN response_key TEXT",
  ],
};
