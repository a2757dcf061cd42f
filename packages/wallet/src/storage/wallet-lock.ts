/**
 * The wallet's lock: the passphrase's key-derivation parameters and a sealed check value, kept in the wallet
 * file. Unlocking derives the key and opens the check value, so a wrong passphrase is told apart at once
 * instead of surfacing later as an unreadable private key.
 */
import { LearnbridgeError, utf8 } from "@learnbridge/core";
import {
  DEFAULT_KDF_ITERATIONS,
  deriveSealingKey,
  newKdfParams,
  readKdfParams,
  type SealingKey,
} from "./sealing-key.ts";
import type { WalletDatabase } from "./wallet-database.ts";

const CHECK_CONTEXT = "learnbridge-wallet:passphrase-check";
const CHECK_VALUE = "learnbridge-wallet";

/** Reads one setting; undefined when it was never written. */
export async function readSetting(database: WalletDatabase, name: string): Promise<string | undefined> {
  const { rows } = await database.execute({
    sql: "SELECT value FROM wallet_settings WHERE name = ?",
    args: [name],
  });
  const value = rows[0]?.value;
  return typeof value === "string" ? value : undefined;
}

/** The lock's check value sealed under `key`: what tells its passphrase apart from any other. */
export const sealPassphraseCheck = (key: SealingKey): Promise<string> =>
  key.seal(utf8(CHECK_VALUE), CHECK_CONTEXT);

/** True when the database already holds a wallet. */
export async function isWalletInitialised(database: WalletDatabase): Promise<boolean> {
  return (await readSetting(database, "kdf")) !== undefined;
}

/**
 * Locks a new wallet with `passphrase`; CONFLICT when the database already holds one (its keys would
 * become unreadable under another passphrase).
 */
export async function createWalletLock(
  database: WalletDatabase,
  passphrase: string,
  iterations = DEFAULT_KDF_ITERATIONS,
): Promise<SealingKey> {
  if (await isWalletInitialised(database)) {
    throw new LearnbridgeError("CONFLICT", "there is already a wallet here");
  }
  const key = await deriveSealingKey(passphrase, newKdfParams(iterations));
  const check = await sealPassphraseCheck(key);
  // Both rows or neither: a wallet with parameters but no check value could never be opened.
  await database.batch(
    [
      {
        sql: "INSERT INTO wallet_settings (name, value) VALUES ('kdf', ?)",
        args: [JSON.stringify(key.params)],
      },
      { sql: "INSERT INTO wallet_settings (name, value) VALUES ('passphrase_check', ?)", args: [check] },
    ],
    "write",
  );
  return key;
}

/** True when the settings table exists: it does in every wallet, whatever its schema version. */
async function hasSettings(database: WalletDatabase): Promise<boolean> {
  const { rows } = await database.execute({
    sql: "SELECT name FROM sqlite_schema WHERE type = 'table' AND name = 'wallet_settings'",
  });
  return rows.length > 0;
}

/**
 * Unlocks the wallet: NOT_FOUND when there is none, UNAUTHORIZED when the passphrase is not its own. Reads
 * only the lock's settings and writes nothing, so it can run before the schema is brought up to date.
 */
export async function unlockWallet(database: WalletDatabase, passphrase: string): Promise<SealingKey> {
  const stored = (await hasSettings(database)) ? await readSetting(database, "kdf") : undefined;
  if (stored === undefined) throw new LearnbridgeError("NOT_FOUND", "there is no wallet here yet");
  const params = readKdfParams(JSON.parse(stored));
  const check = await readSetting(database, "passphrase_check");
  if (!params || check === undefined) {
    throw new LearnbridgeError("INTERNAL", "the wallet's lock settings are damaged");
  }
  const key = await deriveSealingKey(passphrase, params);
  if (!(await key.open(check, CHECK_CONTEXT))) {
    throw new LearnbridgeError("UNAUTHORIZED", "the passphrase does not open this wallet");
  }
  return key;
}
