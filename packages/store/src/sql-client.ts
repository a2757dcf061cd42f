/**
 * The subset of a libSQL client that the store needs. `@libsql/client`'s `Client` (Node: `file:`, `http:`;
 * workerd: the web client) satisfies it structurally, so only the two runtime roots import the driver and
 * call `createClient`; the store never does, and tests can pass any object of this shape.
 */

/** A value bound to a `?` placeholder. */
export type SqlValue = null | string | number | bigint | boolean | ArrayBuffer | Uint8Array | Date;

/** A value read from a column (integers are numbers unless the root chose another `intMode`). */
export type SqlColumnValue = null | string | number | bigint | ArrayBuffer;

/** One SQL statement with positional arguments. */
export interface SqlStatement {
  sql: string;
  args?: SqlValue[];
}

/**
 * A result row, by column name. A @libsql/client row also has `length` (its column count), which hides a
 * column of that name: never name a column `length`.
 */
export interface SqlRow {
  readonly [column: string]: SqlColumnValue;
}

/** What a statement returns. */
export interface SqlResult {
  readonly rows: readonly SqlRow[];
  /** Rows inserted, updated or deleted by the statement (0 for an ignored `ON CONFLICT DO NOTHING`). */
  readonly rowsAffected: number;
}

/** An interactive transaction: it holds its connection (or server stream) until it settles. */
export interface SqlTransaction {
  /** Runs one statement inside the transaction. */
  execute(statement: SqlStatement): Promise<SqlResult>;
  /** Makes the changes durable and ends the transaction. */
  commit(): Promise<void>;
  /** Discards the changes and ends the transaction. */
  rollback(): Promise<void>;
  /** Ends the transaction, rolling back if it is still open; safe to call after commit or rollback. */
  close(): void;
}

/** The database as the store sees it. */
export interface SqlClient {
  /** Runs one statement on its own (autocommit). */
  execute(statement: SqlStatement): Promise<SqlResult>;
  /** Runs statements atomically in one write transaction (`BEGIN IMMEDIATE`); one round trip over HTTP. */
  batch(statements: SqlStatement[], mode: "write"): Promise<SqlResult[]>;
  /** Opens a write transaction (`BEGIN IMMEDIATE`); rejects with code `SQLITE_BUSY` when another writer holds the lock. */
  transaction(mode: "write"): Promise<SqlTransaction>;
}

/** The driver's error code (`SQLITE_BUSY`, `SQLITE_CONSTRAINT_PRIMARYKEY`…), if `error` carries one. */
export function sqlErrorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}
