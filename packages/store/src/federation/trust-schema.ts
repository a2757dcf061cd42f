/** Migration 0009: the federation trust tables (subordinates, issued and held trust marks, the chain cache). */
import type { Migration } from "../migrations.ts";

export const FEDERATION_TRUST_MIGRATION: Migration = {
  id: "0009-federation-trust",
  statements: [
    `CREATE TABLE federation_subordinates (
      entity_id TEXT PRIMARY KEY,
      jwks TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('active', 'suspended')),
      intermediate INTEGER NOT NULL CHECK (intermediate IN (0, 1)),
      entity_types TEXT NOT NULL,
      organization_name TEXT,
      enrolled_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      suspension_reason TEXT
    ) STRICT`,
    `CREATE TABLE federation_issued_trust_marks (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      id TEXT NOT NULL UNIQUE,
      type TEXT NOT NULL,
      sub TEXT NOT NULL,
      jwt TEXT NOT NULL,
      issued_at TEXT NOT NULL,
      expires_at TEXT,
      revoked_at TEXT,
      revocation_reason TEXT
    ) STRICT`,
    "CREATE INDEX federation_issued_trust_marks_sub ON federation_issued_trust_marks (sub, type)",
    `CREATE TABLE federation_held_trust_marks (
      type TEXT NOT NULL,
      issuer TEXT NOT NULL,
      jwt TEXT NOT NULL,
      expires_at INTEGER,
      fetched_at TEXT NOT NULL,
      PRIMARY KEY (type, issuer)
    ) STRICT, WITHOUT ROWID`,
    `CREATE TABLE federation_chain_cache (
      subject TEXT PRIMARY KEY,
      anchor TEXT NOT NULL,
      statements TEXT NOT NULL,
      expires_at INTEGER NOT NULL,
      resolved_at INTEGER NOT NULL,
      mark_statuses TEXT NOT NULL
    ) STRICT`,
    "CREATE INDEX federation_chain_cache_expiry ON federation_chain_cache (expires_at)",
  ],
};
