/**
 * Veramo's private key store on the wallet database, every key sealed with AES-GCM under the key derived
 * from the learner's passphrase (see sealing-key.ts). The alias is bound to its ciphertext, so rows cannot
 * be swapped; a row that no longer opens (tampering, another passphrase) is reported, never guessed at.
 */
import { fromHex, toHex } from "@learnbridge/core";
import {
  AbstractPrivateKeyStore,
  type ImportablePrivateKey,
  type ManagedPrivateKey,
} from "@veramo/key-manager";
import type { SealingKey } from "./sealing-key.ts";
import { type SqlRow, type SqlStatement, textColumn, type WalletDatabase } from "./wallet-database.ts";

const contextOf = (alias: string) => `learnbridge-wallet:private-key:${alias}`;

/** Seals a private key and returns the statement that stores it (used by the store and by backup import). */
export async function sealedKeyStatement(
  key: ManagedPrivateKey,
  sealingKey: SealingKey,
  onConflict: "fail" | "ignore" = "fail",
): Promise<SqlStatement> {
  if (!/^[0-9a-fA-F]+$/.test(key.privateKeyHex)) throw new TypeError("privateKeyHex must be hexadecimal");
  const sealed = await sealingKey.seal(fromHex(key.privateKeyHex), contextOf(key.alias));
  return {
    sql: `INSERT ${onConflict === "ignore" ? "OR IGNORE " : ""}INTO wallet_private_keys (alias, type, sealed) VALUES (?, ?, ?)`,
    args: [key.alias, key.type, sealed],
  };
}

/** An `AbstractPrivateKeyStore` on libSQL with the keys encrypted at rest. */
export class SqlPrivateKeyStore extends AbstractPrivateKeyStore {
  readonly #database: WalletDatabase;
  readonly #sealingKey: SealingKey;

  constructor(database: WalletDatabase, sealingKey: SealingKey) {
    super();
    this.#database = database;
    this.#sealingKey = sealingKey;
  }

  async #open(row: SqlRow): Promise<ManagedPrivateKey> {
    const alias = textColumn(row, "alias");
    const plaintext = await this.#sealingKey.open(textColumn(row, "sealed"), contextOf(alias));
    if (!plaintext) throw new Error(`private key ${alias} cannot be opened with this passphrase`);
    return {
      alias,
      type: textColumn(row, "type") as ManagedPrivateKey["type"],
      privateKeyHex: toHex(plaintext),
    };
  }

  async importKey(args: ImportablePrivateKey): Promise<ManagedPrivateKey> {
    const key: ManagedPrivateKey = { ...args, alias: args.alias || crypto.randomUUID() };
    const existing = await this.#find(key.alias);
    if (existing) {
      // As Veramo's memory store: importing the same key again is fine, another key under the alias is not.
      if (existing.privateKeyHex.toLowerCase() !== key.privateKeyHex.toLowerCase()) {
        throw new Error("key_already_exists: key exists with different data, please use a different alias");
      }
      return existing;
    }
    await this.#database.execute(await sealedKeyStatement(key, this.#sealingKey));
    return key;
  }

  async #find(alias: string): Promise<ManagedPrivateKey | undefined> {
    const { rows } = await this.#database.execute({
      sql: "SELECT * FROM wallet_private_keys WHERE alias = ?",
      args: [alias],
    });
    return rows[0] ? this.#open(rows[0]) : undefined;
  }

  async getKey({ alias }: { alias: string }): Promise<ManagedPrivateKey> {
    const key = await this.#find(alias);
    if (!key) throw new Error(`not_found: PrivateKey not found for alias=${alias}`);
    return key;
  }

  async deleteKey({ alias }: { alias: string }): Promise<boolean> {
    const { rowsAffected } = await this.#database.execute({
      sql: "DELETE FROM wallet_private_keys WHERE alias = ?",
      args: [alias],
    });
    return rowsAffected > 0;
  }

  async listKeys(_args: Record<string, never> = {}): Promise<ManagedPrivateKey[]> {
    const { rows } = await this.#database.execute({
      sql: "SELECT * FROM wallet_private_keys ORDER BY rowid",
    });
    return Promise.all(rows.map((row) => this.#open(row)));
  }
}
