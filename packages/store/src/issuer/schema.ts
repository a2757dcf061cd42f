/** The issuer domain's tables (migration 0002): keys, API keys, the audit log, issued credentials. */
import type { Migration } from "../migrations.ts";

export const ISSUER_MIGRATION: Migration = {
  id: "0002-issuer",
  statements: [
    `CREATE TABLE centre_keys (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      id TEXT NOT NULL UNIQUE,
      algorithm TEXT NOT NULL,
      public_key_multibase TEXT NOT NULL,
      sealed_private_key TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('active', 'retired', 'revoked')),
      created_at TEXT NOT NULL
    ) STRICT`,
    `CREATE TABLE api_keys (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      token_hash TEXT NOT NULL UNIQUE,
      scopes TEXT NOT NULL,
      created_at TEXT NOT NULL,
      revoked_at TEXT
    ) STRICT`,
    `CREATE TABLE audit_log (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      at TEXT NOT NULL,
      actor TEXT NOT NULL,
      action TEXT NOT NULL,
      subject TEXT NOT NULL,
      origin TEXT,
      details TEXT
    ) STRICT`,
    `CREATE TABLE issued_credentials (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      id TEXT NOT NULL UNIQUE,
      achievement_id TEXT,
      subject TEXT NOT NULL,
      format TEXT NOT NULL CHECK (format IN ('ldp_vc', 'jwt_vc')),
      credential TEXT NOT NULL,
      status_list_id TEXT NOT NULL,
      status_index INTEGER NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('active', 'revoked', 'suspended')),
      issued_at TEXT NOT NULL,
      request_key TEXT UNIQUE,
      UNIQUE (status_list_id, status_index)
    ) STRICT`,
    "CREATE INDEX issued_credentials_subject ON issued_credentials (subject)",
    "CREATE INDEX issued_credentials_achievement ON issued_credentials (achievement_id)",
  ],
};
