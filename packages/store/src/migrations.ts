/**
 * The store's schema as ordered migrations, and the runner that applies them. Each migration runs in its own
 * write transaction (`BEGIN IMMEDIATE`) that first checks `schema_migrations`, so two processes starting at
 * once serialise on the write lock and the second sees the first's row and skips. A migration is never
 * edited once released: change the schema by appending one.
 */
import { type Clock, systemClock } from "@learnbridge/core";
import { type BusyRetryOptions, retryWhileBusy } from "./busy.ts";
import { CATALOGUE_FEED_MIGRATION } from "./catalogue/catalogue-schema.ts";
import { CATALOGUE_SEARCH_MIGRATION } from "./catalogue/search-schema.ts";
import { PRESENTATION_CHALLENGES_MIGRATION } from "./exchange/challenge-schema.ts";
import { VC_API_EXCHANGES_MIGRATION } from "./exchange/exchange-schema.ts";
import {
  CREDENTIAL_OFFERS_MIGRATION,
  OFFER_LIVE_CODES_MIGRATION,
  OFFER_PRE_AUTHORIZED_CODES_MIGRATION,
} from "./exchange/offer-schema.ts";
import {
  PRESENTATION_REQUESTS_MIGRATION,
  PRESENTATION_RESPONSE_KEYS_MIGRATION,
} from "./exchange/presentation-schema.ts";
import { FOLLOWER_REVALIDATION_MIGRATION } from "./federation/follower-revalidation-schema.ts";
import { REPLICA_OWNER_COUNTS_MIGRATION } from "./federation/replica-owner-counts-schema.ts";
import { CATALOGUE_REPLICA_MIGRATION } from "./federation/replica-schema.ts";
import { FEDERATION_TRUST_MIGRATION } from "./federation/trust-schema.ts";
import { ACHIEVEMENTS_MIGRATION } from "./issuer/achievement-schema.ts";
import { JOBS_MIGRATION } from "./issuer/job-schema.ts";
import { RATE_LIMITS_MIGRATION } from "./issuer/rate-limit-schema.ts";
import { ISSUER_MIGRATION } from "./issuer/schema.ts";
import { SUSPENSION_MIGRATION } from "./issuer/suspension-schema.ts";
import type { SqlClient } from "./sql-client.ts";

/** One step of the schema: an id that is never reused, and the statements it runs. */
export interface Migration {
  readonly id: string;
  readonly statements: readonly string[];
}

/** Every migration of the store, in the order they apply. */
export const MIGRATIONS: readonly Migration[] = [
  {
    id: "0001-status-lists",
    statements: [
      // Not `length`: a @libsql/client row's own `length` (its column count) would hide such a column.
      `CREATE TABLE status_lists (
        id TEXT PRIMARY KEY,
        purpose TEXT NOT NULL,
        sequence INTEGER NOT NULL CHECK (sequence >= 0),
        entries INTEGER NOT NULL CHECK (entries > 0),
        created_at TEXT NOT NULL,
        UNIQUE (purpose, sequence)
      ) STRICT`,
      // A status bit lives in its claim row, so concurrent revocations update different rows.
      `CREATE TABLE status_claims (
        list_id TEXT NOT NULL REFERENCES status_lists (id),
        idx INTEGER NOT NULL CHECK (idx >= 0),
        status INTEGER NOT NULL DEFAULT 0 CHECK (status IN (0, 1)),
        PRIMARY KEY (list_id, idx)
      ) STRICT, WITHOUT ROWID`,
      "CREATE INDEX status_claims_set ON status_claims (list_id, idx) WHERE status = 1",
    ],
  },
  ISSUER_MIGRATION,
  ACHIEVEMENTS_MIGRATION,
  JOBS_MIGRATION,
  SUSPENSION_MIGRATION,
  CREDENTIAL_OFFERS_MIGRATION,
  VC_API_EXCHANGES_MIGRATION,
  PRESENTATION_REQUESTS_MIGRATION,
  FEDERATION_TRUST_MIGRATION,
  CATALOGUE_FEED_MIGRATION,
  CATALOGUE_REPLICA_MIGRATION,
  CATALOGUE_SEARCH_MIGRATION,
  OFFER_PRE_AUTHORIZED_CODES_MIGRATION,
  FOLLOWER_REVALIDATION_MIGRATION,
  PRESENTATION_CHALLENGES_MIGRATION,
  PRESENTATION_RESPONSE_KEYS_MIGRATION,
  OFFER_LIVE_CODES_MIGRATION,
  REPLICA_OWNER_COUNTS_MIGRATION,
  RATE_LIMITS_MIGRATION,
];

/** Options of `migrate`. */
export interface MigrateOptions extends BusyRetryOptions {
  /** Default `MIGRATIONS`; tests pass their own. */
  readonly migrations?: readonly Migration[];
  /** Stamps `applied_at`; default the system clock. */
  readonly clock?: Clock;
}

/** What one `migrate` call did. */
export interface MigrationReport {
  /** Ids this call applied, in order; empty when another process (or an earlier run) already had. */
  readonly applied: readonly string[];
}

const LEDGER = `CREATE TABLE IF NOT EXISTS schema_migrations (
  id TEXT PRIMARY KEY,
  applied_at TEXT NOT NULL
) STRICT`;

/**
 * Brings the database up to date; idempotent and safe to run from several processes at once.
 * @example await migrate(client); // at start-up, before serving
 */
export async function migrate(client: SqlClient, options: MigrateOptions = {}): Promise<MigrationReport> {
  const migrations = options.migrations ?? MIGRATIONS;
  checkMigrations(migrations);
  const clock = options.clock ?? systemClock;
  const applied: string[] = [];
  for (const migration of migrations) {
    // A busy BEGIN, statement or COMMIT leaves nothing behind (the transaction is rolled back): retry it whole.
    if (await retryWhileBusy(() => applyOnce(client, migration, clock), options)) applied.push(migration.id);
  }
  return { applied };
}

/** Applies `migration` unless recorded; true if this call applied it. Everything happens in one transaction. */
async function applyOnce(client: SqlClient, migration: Migration, clock: Clock): Promise<boolean> {
  // Over HTTP the BEGIN travels with the first statement, so SQLITE_BUSY may surface there, not here.
  const tx = await client.transaction("write");
  try {
    await tx.execute({ sql: LEDGER });
    const done = await tx.execute({
      sql: "SELECT 1 FROM schema_migrations WHERE id = ?",
      args: [migration.id],
    });
    if (done.rows.length > 0) {
      await tx.rollback();
      return false;
    }
    for (const sql of migration.statements) await tx.execute({ sql });
    await tx.execute({
      sql: "INSERT INTO schema_migrations (id, applied_at) VALUES (?, ?)",
      args: [migration.id, clock().toISOString()],
    });
    await tx.commit();
    return true;
  } finally {
    tx.close();
  }
}

function checkMigrations(migrations: readonly Migration[]): void {
  const ids = new Set<string>();
  for (const migration of migrations) {
    if (typeof migration?.id !== "string" || migration.id === "") {
      throw new TypeError("migrate: every migration needs an id");
    }
    if (ids.has(migration.id)) throw new TypeError(`migrate: duplicate migration id ${migration.id}`);
    if (!Array.isArray(migration.statements) || migration.statements.length === 0) {
      throw new TypeError(`migrate: migration ${migration.id} has no statements`);
    }
    ids.add(migration.id);
  }
}
