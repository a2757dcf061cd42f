/**
 * Opens the wallet's vault on unlock. The data key lives wrapped under the passphrase key in
 * `wallet_settings`; a wallet that has none yet (a new one, or one made before its rows were sealed) gets one
 * here, and every plaintext row it still has is sealed in the same transaction that drops the old tables and
 * records the step, so a wallet is either wholly old or wholly sealed. SQLite keeps deleted pages' bytes in
 * the file, so an upgraded wallet is then rewritten (VACUUM), retried on each unlock until it succeeds.
 */
import { type Clock, LearnbridgeError, systemClock } from "@learnbridge/core";
import {
  newDataSecret,
  unwrapDataSecret,
  vaultFromSecret,
  type WalletVault,
  wrapDataSecret,
} from "./data-key.ts";
import { LEGACY_TABLES, readLegacyRecords } from "./legacy-rows.ts";
import { sealedRecordStatement } from "./sealed-records.ts";
import type { SealingKey } from "./sealing-key.ts";
import type { SqlStatement, WalletDatabase } from "./wallet-database.ts";
import { readSetting } from "./wallet-lock.ts";

/** The id, in `wallet_migrations`, of the step that seals an old wallet's rows (it needs the key). */
export const SEAL_ROWS_MIGRATION = "0003-seal-plaintext-rows";

/** The setting that holds the data key, wrapped under the passphrase key. */
export const DATA_KEY = "data_key";
/**
 * Set while the file may still hold in free pages what it must not: an old wallet's plaintext, or rows sealed
 * under a data key a passphrase change retired (change-passphrase.ts). The name is older than the second use.
 */
export const RESIDUE = "plaintext_residue";

/**
 * Rewrites the file once plaintext or retired ciphertext has been deleted from it, when RESIDUE says so;
 * best effort, retried on the next unlock.
 */
export async function wipeResidue(database: WalletDatabase): Promise<void> {
  if ((await readSetting(database, RESIDUE)) === undefined) return;
  try {
    await database.execute({ sql: "VACUUM" });
  } catch {
    // VACUUM needs the file to itself (another process may have the wallet open): the rows are sealed
    // (or re-sealed) already, and the flag stays so that the next unlock tries again.
    return;
  }
  await database.execute({ sql: "DELETE FROM wallet_settings WHERE name = ?", args: [RESIDUE] });
}

/** Makes the data key and seals the old tables' rows into `wallet_records`, in one transaction. */
async function sealWallet(
  database: WalletDatabase,
  sealingKey: SealingKey,
  clock: Clock,
): Promise<WalletVault> {
  const secret = newDataSecret();
  const vault = await vaultFromSecret(secret);
  const legacy = await readLegacyRecords(database, sealingKey);
  const statements: SqlStatement[] = [
    ...(await Promise.all(
      legacy.map(({ kind, key, value }) => sealedRecordStatement(vault, kind, key, value, "fail")),
    )),
    ...LEGACY_TABLES.map((table) => ({ sql: `DROP TABLE IF EXISTS ${table}` })),
    {
      sql: "INSERT INTO wallet_settings (name, value) VALUES (?, ?)",
      args: [DATA_KEY, await wrapDataSecret(sealingKey, secret)],
    },
    ...(legacy.length > 0
      ? [{ sql: "INSERT INTO wallet_settings (name, value) VALUES (?, '1')", args: [RESIDUE] }]
      : []),
    {
      sql: "INSERT INTO wallet_migrations (id, applied_at) VALUES (?, ?)",
      args: [SEAL_ROWS_MIGRATION, clock().toISOString()],
    },
  ];
  await database.batch(statements, "write");
  return vault;
}

/**
 * The vault of an unlocked wallet (`sealingKey` from its passphrase); seals an old wallet's rows first.
 * INTERNAL when the wrapped data key does not open under a passphrase key that passed the lock's check.
 */
export async function openWalletVault(
  database: WalletDatabase,
  sealingKey: SealingKey,
  options: { readonly clock?: Clock } = {},
): Promise<WalletVault> {
  const wrapped = await readSetting(database, DATA_KEY);
  if (wrapped !== undefined) {
    const secret = await unwrapDataSecret(sealingKey, wrapped);
    if (!secret) {
      throw new LearnbridgeError("INTERNAL", "the wallet's data key cannot be opened: the file was changed");
    }
    await wipeResidue(database);
    return vaultFromSecret(secret);
  }
  let vault: WalletVault;
  try {
    vault = await sealWallet(database, sealingKey, options.clock ?? systemClock);
  } catch (error) {
    // Another process unlocked the same wallet at the same moment and sealed it first: use its data key.
    if ((await readSetting(database, DATA_KEY)) !== undefined) return openWalletVault(database, sealingKey);
    throw error;
  }
  await wipeResidue(database);
  return vault;
}
