/**
 * Veramo's key store on the wallet database: which KMS holds each key, its type, public key and metadata.
 * Never the private half: Veramo's KeyManager may hand one over on import, and it is dropped here because
 * private keys live sealed in the private key store.
 */
import type { IKey, ManagedKeyInfo } from "@veramo/core";
import { AbstractKeyStore } from "@veramo/key-manager";
import {
  optionalText,
  type SqlRow,
  type SqlStatement,
  textColumn,
  type WalletDatabase,
} from "./wallet-database.ts";

/** The statement that records one key's public part (used by the store and by backup import). */
export function keyRowStatement(
  key: Partial<IKey>,
  onConflict: "update" | "ignore" = "update",
): SqlStatement {
  const { kid, kms, type, publicKeyHex, meta } = key;
  if (!kid || !kms || !type || !publicKeyHex) {
    throw new TypeError("a key needs kid, kms, type and publicKeyHex");
  }
  return {
    sql: `INSERT INTO wallet_keys (kid, kms, type, public_key_hex, meta) VALUES (?, ?, ?, ?, ?)
          ON CONFLICT (kid) ${
            onConflict === "ignore"
              ? "DO NOTHING"
              : `DO UPDATE SET kms = excluded.kms, type = excluded.type,
                 public_key_hex = excluded.public_key_hex, meta = excluded.meta`
          }`,
    args: [kid, kms, type, publicKeyHex, meta ? JSON.stringify(meta) : null],
  };
}

function keyFromRow(row: SqlRow): ManagedKeyInfo {
  const meta = optionalText(row, "meta");
  return {
    kid: textColumn(row, "kid"),
    kms: textColumn(row, "kms"),
    type: textColumn(row, "type") as IKey["type"],
    publicKeyHex: textColumn(row, "public_key_hex"),
    ...(meta ? { meta: JSON.parse(meta) } : {}),
  };
}

/** An `AbstractKeyStore` on libSQL. */
export class SqlKeyStore extends AbstractKeyStore {
  readonly #database: WalletDatabase;

  constructor(database: WalletDatabase) {
    super();
    this.#database = database;
  }

  async importKey(args: Partial<IKey>): Promise<boolean> {
    await this.#database.execute(keyRowStatement(args));
    return true;
  }

  async getKey({ kid }: { kid: string }): Promise<IKey> {
    const { rows } = await this.#database.execute({
      sql: "SELECT * FROM wallet_keys WHERE kid = ?",
      args: [kid],
    });
    // Veramo's own stores answer a missing key with this error; its managers rely on a throw.
    if (!rows[0]) throw new Error("Key not found");
    return keyFromRow(rows[0]);
  }

  async deleteKey({ kid }: { kid: string }): Promise<boolean> {
    const { rowsAffected } = await this.#database.execute({
      sql: "DELETE FROM wallet_keys WHERE kid = ?",
      args: [kid],
    });
    return rowsAffected > 0;
  }

  async listKeys(_args: Record<string, never> = {}): Promise<ManagedKeyInfo[]> {
    const { rows } = await this.#database.execute({ sql: "SELECT * FROM wallet_keys ORDER BY rowid" });
    return rows.map(keyFromRow);
  }
}
