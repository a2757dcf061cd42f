/**
 * The wallet file's schema as ordered migrations. Each migration runs in one write batch together with the
 * row that records it, so a wallet is never half-migrated. A migration is never edited once released. One
 * more step needs the unlocked wallet's key and runs on unlock (wallet-vault.ts), recorded in the same table.
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
  {
    id: "0002-sealed-records",
    statements: [
      // Every personal row, sealed under the wallet's data key (see sealed-records.ts): its kind, a keyed
      // hash of its key (credential id, DID, kid, alias) and the AES-GCM ciphertext. `seq` keeps the order
      // rows were first written (an INTEGER PRIMARY KEY, so VACUUM does not renumber it).
      `CREATE TABLE wallet_records (
        seq INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('credential', 'did', 'key', 'private-key')),
        row_id TEXT NOT NULL UNIQUE,
        sealed BLOB NOT NULL
      ) STRICT`,
      "CREATE INDEX wallet_records_kind ON wallet_records (kind, seq)",
      // The four plaintext tables of 0001 are emptied into it and dropped on the first unlock, which alone
      // has the key: see SEAL_ROWS_MIGRATION in wallet-vault.ts, recorded in wallet_migrations like these.
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
  const applied = async () =>
    new Set((await database.execute({ sql: "SELECT id FROM wallet_migrations" })).rows.map((row) => row.id));
  const before = await applied();
  const done: string[] = [];
  for (const migration of migrations) {
    if (before.has(migration.id)) continue;
    try {
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
    } catch (error) {
      // Another process opening the same wallet applied it first (its batch committed, ours rolled back).
      if ((await applied()).has(migration.id)) continue;
      throw error;
    }
    done.push(migration.id);
  }
  return done;
}
