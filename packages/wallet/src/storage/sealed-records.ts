/**
 * The one table that holds the wallet's personal data: `wallet_records`, one sealed row per credential, DID,
 * key and private key. A row shows only its kind, a keyed-hash id and AES-GCM ciphertext; its order (`seq`)
 * is the order rows were first written, which Veramo's DID list relies on.
 */
import { LearnbridgeError } from "@learnbridge/core";
import type { RecordKind, WalletVault } from "./data-key.ts";
import {
  blobColumn,
  type SqlRow,
  type SqlStatement,
  textColumn,
  type WalletDatabase,
} from "./wallet-database.ts";

/** What writing a row whose key is already there does: replace its value, keep the old one, or fail. */
export type OnConflict = "replace" | "ignore" | "fail";

const CONFLICT_CLAUSE: Record<OnConflict, string> = {
  replace: "ON CONFLICT (row_id) DO UPDATE SET sealed = excluded.sealed",
  ignore: "ON CONFLICT (row_id) DO NOTHING",
  fail: "",
};

/** The statement that seals and writes one record (for the stores, backup import and the sealing migration). */
export async function sealedRecordStatement(
  vault: WalletVault,
  kind: RecordKind,
  key: string,
  value: unknown,
  onConflict: OnConflict,
): Promise<SqlStatement> {
  const rowId = await vault.rowId(kind, key);
  return {
    sql: `INSERT INTO wallet_records (kind, row_id, sealed) VALUES (?, ?, ?) ${CONFLICT_CLAUSE[onConflict]}`,
    args: [kind, rowId, await vault.seal(kind, rowId, value)],
  };
}

/** The records of one kind, sealed under the wallet's vault. */
export class SealedRecords<T> {
  readonly #database: WalletDatabase;
  readonly #vault: WalletVault;
  readonly #kind: RecordKind;

  constructor(database: WalletDatabase, vault: WalletVault, kind: RecordKind) {
    this.#database = database;
    this.#vault = vault;
    this.#kind = kind;
  }

  async #open(row: SqlRow): Promise<T> {
    const value = await this.#vault.open(this.#kind, textColumn(row, "row_id"), blobColumn(row, "sealed"));
    // Never guessed at: a row that does not open was changed, moved from another row, or is another wallet's.
    if (value === undefined) {
      throw new LearnbridgeError(
        "INTERNAL",
        `a ${this.#kind} in the wallet cannot be opened with this wallet's key (the file was changed or damaged)`,
        { kind: this.#kind },
      );
    }
    return value as T;
  }

  /** Writes `value` under `key`; false when nothing changed (the key was taken and `ignore` was asked). */
  async put(key: string, value: T, onConflict: OnConflict): Promise<boolean> {
    const statement = await sealedRecordStatement(this.#vault, this.#kind, key, value, onConflict);
    return (await this.#database.execute(statement)).rowsAffected > 0;
  }

  /** The value under `key`, if any. */
  async get(key: string): Promise<T | undefined> {
    if (typeof key !== "string" || key === "") return undefined;
    const { rows } = await this.#database.execute({
      sql: "SELECT row_id, sealed FROM wallet_records WHERE row_id = ? AND kind = ?",
      args: [await this.#vault.rowId(this.#kind, key), this.#kind],
    });
    return rows[0] ? this.#open(rows[0]) : undefined;
  }

  /** Every value of this kind, in the order first written. */
  async list(): Promise<T[]> {
    const { rows } = await this.#database.execute({
      sql: "SELECT row_id, sealed FROM wallet_records WHERE kind = ? ORDER BY seq",
      args: [this.#kind],
    });
    return Promise.all(rows.map((row) => this.#open(row)));
  }

  /** Deletes the row under `key`; false when there was none. */
  async delete(key: string): Promise<boolean> {
    if (typeof key !== "string" || key === "") return false;
    const { rowsAffected } = await this.#database.execute({
      sql: "DELETE FROM wallet_records WHERE row_id = ? AND kind = ?",
      args: [await this.#vault.rowId(this.#kind, key), this.#kind],
    });
    return rowsAffected > 0;
  }
}
