/**
 * Veramo's private key store on the wallet database, every key sealed with AES-GCM under the wallet's data
 * key (itself wrapped under the key derived from the learner's passphrase, see data-key.ts). The alias is
 * never written in clear (Veramo's alias is the public key) and each sealed key is bound to its row, so rows
 * cannot be swapped; a row that no longer opens (tampering, another wallet) is reported, never guessed at.
 */
import {
  AbstractPrivateKeyStore,
  type ImportablePrivateKey,
  type ManagedPrivateKey,
} from "@veramo/key-manager";
import type { WalletVault } from "./data-key.ts";
import { type OnConflict, SealedRecords, sealedRecordStatement } from "./sealed-records.ts";
import type { SqlStatement, WalletDatabase } from "./wallet-database.ts";

/** Seals a private key and returns the statement that stores it (used by the store and by backup import). */
export async function sealedKeyStatement(
  key: ManagedPrivateKey,
  vault: WalletVault,
  onConflict: Extract<OnConflict, "fail" | "ignore"> = "fail",
): Promise<SqlStatement> {
  if (!/^[0-9a-fA-F]+$/.test(key.privateKeyHex)) throw new TypeError("privateKeyHex must be hexadecimal");
  const { alias, type, privateKeyHex } = key;
  return sealedRecordStatement(vault, "private-key", alias, { alias, type, privateKeyHex }, onConflict);
}

/** An `AbstractPrivateKeyStore` on libSQL with the keys encrypted at rest. */
export class SqlPrivateKeyStore extends AbstractPrivateKeyStore {
  readonly #database: WalletDatabase;
  readonly #vault: WalletVault;
  readonly #records: SealedRecords<ManagedPrivateKey>;

  constructor(database: WalletDatabase, vault: WalletVault) {
    super();
    this.#database = database;
    this.#vault = vault;
    this.#records = new SealedRecords(database, vault, "private-key");
  }

  async importKey(args: ImportablePrivateKey): Promise<ManagedPrivateKey> {
    const key: ManagedPrivateKey = { ...args, alias: args.alias || crypto.randomUUID() };
    const existing = await this.#records.get(key.alias);
    if (existing) {
      // As Veramo's memory store: importing the same key again is fine, another key under the alias is not.
      if (existing.privateKeyHex.toLowerCase() !== key.privateKeyHex.toLowerCase()) {
        throw new Error("key_already_exists: key exists with different data, please use a different alias");
      }
      return existing;
    }
    await this.#database.execute(await sealedKeyStatement(key, this.#vault));
    return key;
  }

  async getKey({ alias }: { alias: string }): Promise<ManagedPrivateKey> {
    const key = await this.#records.get(alias);
    if (!key) throw new Error(`not_found: PrivateKey not found for alias=${alias}`);
    return key;
  }

  deleteKey({ alias }: { alias: string }): Promise<boolean> {
    return this.#records.delete(alias);
  }

  listKeys(_args: Record<string, never> = {}): Promise<ManagedPrivateKey[]> {
    return this.#records.list();
  }
}
