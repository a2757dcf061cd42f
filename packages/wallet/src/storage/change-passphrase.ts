/**
 * Changing the wallet's passphrase. Only three settings depend on it: the key-derivation parameters, the
 * lock's check value and the wrapped data key (rows and private keys are sealed under the data key, which
 * stays the same). So a change unwraps 32 bytes and never opens a row: it derives a key from the new
 * passphrase with a fresh salt and today's iteration count, and writes the three settings in one transaction.
 * A failure at any point leaves the old passphrase working and the new one useless.
 */
import { type Clock, LearnbridgeError } from "@learnbridge/core";
import { unwrapDataSecret, wrapDataSecret } from "./data-key.ts";
import { assertNewPassphrase } from "./passphrase-rule.ts";
import { migrateWallet } from "./schema.ts";
import { DEFAULT_KDF_ITERATIONS, deriveSealingKey, newKdfParams, type SealingKey } from "./sealing-key.ts";
import type { SqlStatement, WalletDatabase } from "./wallet-database.ts";
import { readSetting, sealPassphraseCheck, unlockWallet } from "./wallet-lock.ts";
import { DATA_KEY, openWalletVault } from "./wallet-vault.ts";

/** What a passphrase change may be told. */
export interface ChangePassphraseOptions {
  /** PBKDF2 iterations for the new key (default 600,000, today's figure, whatever the old key used). */
  readonly kdfIterations?: number;
  readonly clock?: Clock;
}

/** The wrapped data key, after sealing an old wallet whose private keys still sit under the passphrase key. */
async function wrappedDataKey(
  database: WalletDatabase,
  oldKey: SealingKey,
  clock: { readonly clock?: Clock },
): Promise<string> {
  const wrapped = await readSetting(database, DATA_KEY);
  if (wrapped !== undefined) return wrapped;
  // As any unlock would (its own transaction): afterwards the data key is the one thing to re-wrap.
  await migrateWallet(database, clock);
  await openWalletVault(database, oldKey, clock);
  const sealed = await readSetting(database, DATA_KEY);
  if (sealed === undefined) throw new LearnbridgeError("INTERNAL", "the wallet could not be sealed");
  return sealed;
}

/**
 * Changes the passphrase of the wallet in `database` from `oldPassphrase` to `newPassphrase` and returns the
 * new passphrase key. FIELD_INVALID for a too-short new passphrase, NOT_FOUND when there is no wallet,
 * UNAUTHORIZED when the old passphrase is wrong (nothing is written in these cases), CONFLICT when another
 * process changed it at the same moment (theirs stands).
 * @example await changePassphrase(client, "old passphrase", "a new, longer passphrase");
 */
export async function changePassphrase(
  database: WalletDatabase,
  oldPassphrase: string,
  newPassphrase: string,
  options: ChangePassphraseOptions = {},
): Promise<SealingKey> {
  assertNewPassphrase(newPassphrase);
  const oldKey = await unlockWallet(database, oldPassphrase);
  const clock = options.clock ? { clock: options.clock } : {};
  const wrapped = await wrappedDataKey(database, oldKey, clock);
  const secret = await unwrapDataSecret(oldKey, wrapped);
  if (!secret) {
    throw new LearnbridgeError("INTERNAL", "the wallet's data key cannot be opened: the file was changed");
  }
  const newKey = await deriveSealingKey(
    newPassphrase,
    newKdfParams(options.kdfIterations ?? DEFAULT_KDF_ITERATIONS),
  );
  const rewrapped = await wrapDataSecret(newKey, secret);
  // Best effort: this copy of the secret is not needed any more (WebCrypto may keep its own).
  secret.fill(0);
  const setting = (name: string, value: string): SqlStatement => ({
    sql: "UPDATE wallet_settings SET value = ? WHERE name = ?",
    args: [value, name],
  });
  const statements: SqlStatement[] = [
    // SQLite rewrites a value of the same size in place, but leaves the old bytes in the page whenever it
    // moves a row; zeroed instead, the old wrapped data key (which the old passphrase, perhaps seen by
    // someone, would open) can never stay in the file. The setting lasts for this connection: harmless.
    { sql: "PRAGMA secure_delete = ON" },
    // Compare-and-swap: unless the data key is still the one unwrapped above, this inserts a second
    // `data_key` row, fails on the primary key and rolls the whole batch back.
    {
      sql: `INSERT INTO wallet_settings (name, value) SELECT ?, '' WHERE NOT EXISTS
        (SELECT 1 FROM wallet_settings WHERE name = ? AND value = ?)`,
      args: [DATA_KEY, DATA_KEY, wrapped],
    },
    setting("kdf", JSON.stringify(newKey.params)),
    setting("passphrase_check", await sealPassphraseCheck(newKey)),
    setting(DATA_KEY, rewrapped),
  ];
  try {
    await database.batch(statements, "write");
  } catch (error) {
    if ((await readSetting(database, DATA_KEY)) !== wrapped) {
      throw new LearnbridgeError(
        "CONFLICT",
        "the passphrase was changed somewhere else at the same moment; that change stands",
        {},
        { cause: error },
      );
    }
    throw error;
  }
  return newKey;
}
