/**
 * Moving every sealed row of the wallet from one data key to another, for a passphrase change: each row is
 * opened under the old key and sealed again under the new one, with its new keyed-hash id, in place (its
 * `seq`, the order Veramo's DID list relies on, stays). A row's key is not stored beside it, so it is read
 * back from the opened value, where every store puts it, and checked against the row's old id.
 */
import { LearnbridgeError } from "@learnbridge/core";
import type { RecordKind, WalletVault } from "./data-key.ts";
import { blobColumn, type SqlStatement, textColumn, type WalletDatabase } from "./wallet-database.ts";

/** One row of `wallet_records` as it is on disk. */
export interface SealedRow {
  readonly seq: number | bigint;
  readonly kind: RecordKind;
  readonly rowId: string;
  readonly sealed: Uint8Array;
}

/** The field of each kind's value that its row id was made from (credential-store, did-store, …). */
const KEY_FIELD: Record<RecordKind, string> = {
  credential: "id",
  did: "did",
  key: "kid",
  "private-key": "alias",
};

const isKind = (kind: string): kind is RecordKind => Object.hasOwn(KEY_FIELD, kind);

/** Every sealed row, in order. */
export async function readSealedRows(database: WalletDatabase): Promise<SealedRow[]> {
  const { rows } = await database.execute({
    sql: "SELECT seq, kind, row_id, sealed FROM wallet_records ORDER BY seq",
  });
  return rows.map((row) => {
    const kind = textColumn(row, "kind");
    const { seq } = row;
    if (!isKind(kind) || (typeof seq !== "number" && typeof seq !== "bigint")) {
      throw new TypeError("wallet database: a wallet_records row has no kind or seq");
    }
    return { seq, kind, rowId: textColumn(row, "row_id"), sealed: blobColumn(row, "sealed") };
  });
}

/** True when both reads saw the same rows, byte for byte. */
export function sameRows(a: readonly SealedRow[], b: readonly SealedRow[]): boolean {
  const equalBytes = (x: Uint8Array, y: Uint8Array) => x.length === y.length && x.every((v, i) => v === y[i]);
  return (
    a.length === b.length &&
    a.every((row, i) => {
      const other = b[i];
      return (
        other !== undefined &&
        BigInt(row.seq) === BigInt(other.seq) &&
        row.rowId === other.rowId &&
        equalBytes(row.sealed, other.sealed)
      );
    })
  );
}

/** One row under the new key, and the statement that writes it over the old one. */
async function resealed(row: SealedRow, from: WalletVault, to: WalletVault) {
  const damaged = () =>
    new LearnbridgeError(
      "INTERNAL",
      `a ${row.kind} in the wallet cannot be opened with this wallet's key (the file was changed or damaged)`,
      { kind: row.kind },
    );
  const value = await from.open(row.kind, row.rowId, row.sealed);
  const key = (value as Record<string, unknown> | undefined)?.[KEY_FIELD[row.kind]];
  // Never guessed at: a row whose key does not give back its id would be lost under the new key.
  if (typeof key !== "string" || key === "" || (await from.rowId(row.kind, key)) !== row.rowId)
    throw damaged();
  const rowId = await to.rowId(row.kind, key);
  const statement: SqlStatement = {
    // Matches only the row exactly as it was read: one changed since by another process stays as it is,
    // under the old key, and the guard in change-passphrase.ts then rolls the whole batch back.
    sql: "UPDATE wallet_records SET row_id = ?, sealed = ? WHERE seq = ? AND row_id = ? AND sealed = ?",
    args: [rowId, await to.seal(row.kind, rowId, value), row.seq, row.rowId, row.sealed],
  };
  return { rowId, statement };
}

/**
 * The statements that re-seal `rows` from the vault `from` to the vault `to`, and the rows' new ids.
 * INTERNAL when a row does not open under `from` (nothing can be moved then: the file was changed).
 */
export async function resealStatements(
  rows: readonly SealedRow[],
  from: WalletVault,
  to: WalletVault,
): Promise<{ statements: SqlStatement[]; rowIds: string[] }> {
  const done = await Promise.all(rows.map((row) => resealed(row, from, to)));
  return { statements: done.map((d) => d.statement), rowIds: done.map((d) => d.rowId) };
}
