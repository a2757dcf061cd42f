/**
 * Changing the wallet's passphrase. A change must make the old passphrase worth nothing, even to someone who
 * once copied the wallet file and knew it: with the same data key re-wrapped, they could unwrap it from their
 * copy and read any later copy of the file. So a change makes a NEW data key, re-seals every row under it
 * (with new row ids, as those are keyed by the data key), wraps it under a key derived from the new
 * passphrase (fresh salt, today's iteration count) and writes the lot in ONE transaction, then rewrites the
 * file (VACUUM) so no row under the retired key stays in its free pages. A failure at any point leaves the
 * old passphrase working and the new one useless. A wallet opened before the change holds the retired key
 * and must be opened again. Backups are other files: each still opens with the passphrase it was made with.
 */
import { type Clock, LearnbridgeError } from "@learnbridge/core";
import { newDataSecret, unwrapDataSecret, vaultFromSecret, wrapDataSecret } from "./data-key.ts";
import { assertNewPassphrase } from "./passphrase-rule.ts";
import { readSealedRows, resealStatements, sameRows } from "./reseal-records.ts";
import { migrateWallet } from "./schema.ts";
import { DEFAULT_KDF_ITERATIONS, deriveSealingKey, newKdfParams, type SealingKey } from "./sealing-key.ts";
import type { SqlStatement, WalletDatabase } from "./wallet-database.ts";
import { readSetting, sealPassphraseCheck, unlockWallet } from "./wallet-lock.ts";
import { DATA_KEY, openWalletVault, RESIDUE, wipeResidue } from "./wallet-vault.ts";

/** How often a change reads the rows again after another process wrote one meanwhile, before giving up. */
const ATTEMPTS = 3;

const setting = (name: string, value: string): SqlStatement => ({
  sql: "UPDATE wallet_settings SET value = ? WHERE name = ?",
  args: [value, name],
});

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
  // As any unlock would (its own transaction): afterwards every row is under the data key, to re-seal.
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
 * process changed it at the same moment (theirs stands) or kept writing rows meanwhile (nothing changed).
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
  const oldSecret = await unwrapDataSecret(oldKey, wrapped);
  if (!oldSecret) {
    throw new LearnbridgeError("INTERNAL", "the wallet's data key cannot be opened: the file was changed");
  }
  const oldVault = await vaultFromSecret(oldSecret);
  const newKey = await deriveSealingKey(
    newPassphrase,
    newKdfParams(options.kdfIterations ?? DEFAULT_KDF_ITERATIONS),
  );
  const newSecret = newDataSecret();
  const newVault = await vaultFromSecret(newSecret);
  const settings = [
    setting("kdf", JSON.stringify(newKey.params)),
    setting("passphrase_check", await sealPassphraseCheck(newKey)),
    setting(DATA_KEY, await wrapDataSecret(newKey, newSecret)),
  ];
  // Best effort: these copies of the secrets are not needed any more (WebCrypto may keep its own).
  oldSecret.fill(0);
  newSecret.fill(0);
  for (let attempt = 1; ; attempt++) {
    const rows = await readSealedRows(database);
    const { statements, rowIds } = await resealStatements(rows, oldVault, newVault);
    try {
      await database.batch(
        [
          // The old rows and the old wrapped data key are zeroed where SQLite frees or moves them, rather
          // than left in the page. The setting lasts for this connection: harmless.
          { sql: "PRAGMA secure_delete = ON" },
          // Compare-and-swap: unless the data key is still the one unwrapped above, this inserts a second
          // `data_key` row, fails on the primary key and rolls the whole batch back.
          {
            sql: `INSERT INTO wallet_settings (name, value) SELECT ?, '' WHERE NOT EXISTS
              (SELECT 1 FROM wallet_settings WHERE name = ? AND value = ?)`,
            args: [DATA_KEY, DATA_KEY, wrapped],
          },
          ...statements,
          // The same for the rows: unless every row now has one of the new ids (none was added, changed or
          // deleted by another process since they were read), a row would stay under the retired key.
          {
            sql: `INSERT INTO wallet_settings (name, value) SELECT ?, ''
              WHERE (SELECT count(*) FROM wallet_records) <> ?
              OR EXISTS (SELECT 1 FROM wallet_records WHERE row_id NOT IN (SELECT value FROM json_each(?)))`,
            args: [DATA_KEY, rows.length, JSON.stringify(rowIds)],
          },
          ...settings,
          {
            sql: "INSERT INTO wallet_settings (name, value) VALUES (?, '1') ON CONFLICT (name) DO NOTHING",
            args: [RESIDUE],
          },
        ],
        "write",
      );
      break;
    } catch (error) {
      if ((await readSetting(database, DATA_KEY)) !== wrapped) {
        throw new LearnbridgeError(
          "CONFLICT",
          "the passphrase was changed somewhere else at the same moment; that change stands",
          {},
          { cause: error },
        );
      }
      if (sameRows(rows, await readSealedRows(database))) throw error;
      // Another process wrote a row meanwhile (a credential arrived): read them again and start over.
      if (attempt === ATTEMPTS) {
        throw new LearnbridgeError(
          "CONFLICT",
          "the wallet kept changing while its passphrase was being changed; nothing was changed",
          {},
          { cause: error },
        );
      }
    }
  }
  // Rows deleted before today (without secure_delete) may still sit in free space under the retired key,
  // which the old passphrase opens: rewriting the file drops them. Retried on unlock when it cannot run now.
  await wipeResidue(database);
  return newKey;
}
