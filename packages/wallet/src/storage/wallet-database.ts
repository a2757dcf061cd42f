/**
 * The subset of a libSQL client the wallet needs. `@libsql/client`'s `Client` satisfies it structurally, so
 * only the CLI imports the driver and calls `createClient`; the stores and the protocol code never do, and
 * tests can pass any object of this shape.
 */

/** A value bound to a `?` placeholder. */
export type SqlValue = null | string | number | bigint | Uint8Array;

/** One SQL statement with positional arguments. */
export interface SqlStatement {
  sql: string;
  args?: SqlValue[];
}

/** A result row, by column name (never name a column `length`: a libSQL row's own `length` hides it). */
export interface SqlRow {
  readonly [column: string]: null | string | number | bigint | ArrayBuffer;
}

/** What a statement returns. */
export interface SqlResult {
  readonly rows: readonly SqlRow[];
  readonly rowsAffected: number;
}

/** The wallet's database as its stores see it. */
export interface WalletDatabase {
  /** Runs one statement on its own (autocommit). */
  execute(statement: SqlStatement): Promise<SqlResult>;
  /** Runs statements atomically in one write transaction: all of them happen, or none. */
  batch(statements: SqlStatement[], mode: "write"): Promise<SqlResult[]>;
}

/** A column read as text; a TypeError when the schema was not respected (a programming error). */
export function textColumn(row: SqlRow, column: string): string {
  const value = row[column];
  if (typeof value !== "string") throw new TypeError(`wallet database: column ${column} is not text`);
  return value;
}

/** A nullable text column. */
export function optionalText(row: SqlRow, column: string): string | undefined {
  const value = row[column];
  return typeof value === "string" ? value : undefined;
}

/** A blob column as bytes; a TypeError when the schema was not respected (a programming error). */
export function blobColumn(row: SqlRow, column: string): Uint8Array {
  const value = row[column];
  if (!(value instanceof ArrayBuffer)) throw new TypeError(`wallet database: column ${column} is not a blob`);
  return new Uint8Array(value);
}
