/**
 * The wallet file's schema as ordered migrations. Each migration runs in one write batch together with the
 * row that records it, so a wallet is never half-migrated. A migration is never edited once released.
 */
import { type Clock, systemClock } from "@learnbridge/core";
import type { WalletDatabase } from "./wallet-database.ts";

/** One step of the schema: an id that is never reused, and its statements. */
export interface WalletMigration {
  readonly id: string;
  readonly statements: readonly string[];
}

/** Every migration of the wallet, in order. */
export const WALLET_MIGRATIONS: readonly WalletMigration[] = [
  {
    id: "0001-wallet",
    statements: [
      // Settings: the passphrase's key-derivation parameters and check value, the learner's default DID.
      "CREATE TABLE wallet_settings (name TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT",
      // Veramo's key store: public key metadata only; the private half lives sealed in wallet_private_keys.
      `CREATE TABLE wallet_keys (
        kid TEXT PRIMARY KEY,
        kms TEXT NOT NULL,
        type TEXT NOT NULL,
        public_key_hex TEXT NOT NULL,
        meta TEXT
      ) STRICT`,
      // Veramo's private key store, each key sealed with AES-GCM under the passphrase-derived key.
      "CREATE TABLE wallet_private_keys (alias TEXT PRIMARY KEY, type TEXT NOT NULL, sealed TEXT NOT NULL) STRICT",
      // Veramo's DID store; `position` keeps the order DIDs were made in (the first is the default).
      `CREATE TABLE wallet_dids (
        did TEXT PRIMARY KEY,
        alias TEXT,
        provider TEXT NOT NULL,
        controller_key_id TEXT,
        keys TEXT NOT NULL,
        services TEXT NOT NULL,
        position INTEGER NOT NULL
      ) STRICT`,
      // The credentials, each exactly as the issuer sent it, with what a list needs to show.
      `CREATE TABLE wallet_credentials (
        id TEXT PRIMARY KEY,
        format TEXT NOT NULL CHECK (format IN ('ldp_vc', 'jwt_vc_json')),
        credential TEXT NOT NULL,
        issuer TEXT NOT NULL,
        issuer_name TEXT,
        types TEXT NOT NULL,
        achievement_name TEXT,
        holder TEXT,
        received_at TEXT NOT NULL
      ) STRICT`,
      "CREATE INDEX wallet_credentials_received ON wallet_credentials (received_at)",
    ],
  },
];

/** Applies the migrations this database has not seen yet; returns the ids applied. */
export async function migrateWallet(
  database: WalletDatabase,
  options: { readonly migrations?: readonly WalletMigration[]; readonly clock?: Clock } = {},
): Promise<string[]> {
  const { migrations = WALLET_MIGRATIONS, clock = systemClock } = options;
  await database.execute({
    sql: "CREATE TABLE IF NOT EXISTS wallet_migrations (id TEXT PRIMARY KEY, applied_at TEXT NOT NULL) STRICT",
  });
  const { rows } = await database.execute({ sql: "SELECT id FROM wallet_migrations" });
  const applied = new Set(rows.map((row) => row.id));
  const done: string[] = [];
  for (const migration of migrations) {
    if (applied.has(migration.id)) continue;
    await database.batch(
      [
        ...migration.statements.map((sql) => ({ sql })),
        {
          sql: "INSERT INTO wallet_migrations (id, applied_at) VALUES (?, ?)",
          args: [migration.id, clock().toISOString()],
        },
      ],
      "write",
    );
    done.push(migration.id);
  }
  return done;
}
