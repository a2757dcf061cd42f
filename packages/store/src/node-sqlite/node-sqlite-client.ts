/**
 * The store's SqlClient on Node's built-in `node:sqlite` (SQLite 3.53 with FTS5), for an embedded `file:`
 * database. We wrote it instead of keeping `@libsql/client` 0.18 (libsql 0.5.29, the newest release) there
 * for two measured reasons:
 * - libsql leaks native memory per statement executed, never freed even after `close()`
 *   (tursodatabase/libsql-client-ts#333): measured at 83 KB per idle federation poll (7 statements), so a
 *   centre grew without bound. Through this client RSS grew only with the JS heap over 6,000 such polls.
 * - Each pooled libsql connection is its own SQLite connection, and a statement refused with SQLITE_BUSY is
 *   never reset: its connection stays on a stale snapshot (reads miss rows, writes stay busy).
 * Here one connection runs every autocommit statement and batch (node:sqlite resets each statement after it
 * runs), and each interactive transaction gets a connection of its own from a small pool, so its `await`s
 * never interleave with other work of the process. Waiting for the write lock is asynchronous: connections
 * have no SQLite busy timeout (a synchronous wait would block the event loop that must finish the
 * transaction being waited for); a BEGIN or an autocommit statement refused as busy changed nothing and is
 * tried again after a short sleep until `busyTimeoutMs`, then rejects with code SQLITE_BUSY. Values and
 * errors look as they do through @libsql/client (numbers bind as REAL, booleans as 1/0, a Date as its time,
 * BLOBs read as ArrayBuffer; `code` is the primary result code name, `extendedCode` the extended one).
 * libsql stays for sqld/Turso URLs and in Workers. Node only (`node:sqlite`): a subpath of its own that the
 * Node root imports; nothing the Worker bundles reaches it.
 */

import { DatabaseSync, type SQLInputValue, type StatementSync } from "node:sqlite";
import { fileURLToPath } from "node:url";
import type {
  SqlClient,
  SqlColumnValue,
  SqlResult,
  SqlRow,
  SqlStatement,
  SqlTransaction,
  SqlValue,
} from "../sql-client.ts";

/** Options of `openNodeSqlite`. */
export interface NodeSqliteOptions {
  /** How long a write waits for another connection's (or process's) write lock; default 5000 ms. */
  readonly busyTimeoutMs?: number;
  /** Waits between attempts while busy; default `setTimeout`. */
  readonly sleep?: (ms: number) => Promise<void>;
}

/** A statement as @libsql/client also accepts it: SQL alone, or with arguments. */
export type NodeSqliteStatement = string | SqlStatement;

/** Idle transaction connections kept open for the next transaction. */
const POOL_SIZE = 4;
/** Prepared statements kept per connection (the stores use a few hundred distinct statements at most). */
const STATEMENT_CACHE_SIZE = 500;
const RETURNING = /\bRETURNING\b/i;

// biome-ignore format: a table
const PRIMARY = [
  "OK", "ERROR", "INTERNAL", "PERM", "ABORT", "BUSY", "LOCKED", "NOMEM", "READONLY", "INTERRUPT", "IOERR",
  "CORRUPT", "NOTFOUND", "FULL", "CANTOPEN", "PROTOCOL", "EMPTY", "SCHEMA", "TOOBIG", "CONSTRAINT",
  "MISMATCH", "MISUSE", "NOLFS", "AUTH", "FORMAT", "RANGE", "NOTADB", "NOTICE", "WARNING",
];
/** Extended result codes by primary code, indexed by `code >> 8` (SQLite's own names). */
// biome-ignore format: a table
const EXTENDED: Record<number, readonly string[]> = {
  1: ["", "MISSING_COLLSEQ", "RETRY", "SNAPSHOT"],
  4: ["", "", "ROLLBACK"],
  5: ["", "RECOVERY", "SNAPSHOT", "TIMEOUT"],
  6: ["", "SHAREDCACHE", "VTAB"],
  8: ["", "RECOVERY", "CANTLOCK", "ROLLBACK", "DBMOVED", "CANTINIT", "DIRECTORY"],
  11: ["", "VTAB", "SEQUENCE", "INDEX"],
  14: ["", "NOTEMPDIR", "ISDIR", "FULLPATH", "CONVPATH", "DIRTYWAL", "SYMLINK"],
  19: [
    "", "CHECK", "COMMITHOOK", "FOREIGNKEY", "FUNCTION", "NOTNULL", "PRIMARYKEY", "TRIGGER", "UNIQUE",
    "VTAB", "ROWID", "PINNED", "DATATYPE",
  ],
};

/** An error of the database, shaped as @libsql/client's: `code` SQLITE_CONSTRAINT, `extendedCode` …_UNIQUE. */
export class SqliteError extends Error {
  readonly code: string;
  readonly extendedCode: string;
  readonly rawCode: number | undefined;
  constructor(code: string, message: string, rawCode?: number, extendedCode = code, cause?: unknown) {
    super(`${code}: ${message}`, cause === undefined ? undefined : { cause });
    this.name = "SqliteError";
    this.code = code;
    this.extendedCode = extendedCode;
    this.rawCode = rawCode;
  }
}

/** `error` from node:sqlite as a SqliteError; anything else (a bad argument: TypeError, RangeError) as is. */
function mapped(error: unknown): unknown {
  const e = error as { code?: unknown; errcode?: unknown; message?: string };
  if (e?.code !== "ERR_SQLITE_ERROR" || typeof e.errcode !== "number") return error;
  const primary = `SQLITE_${PRIMARY[e.errcode & 0xff] ?? "ERROR"}`;
  const suffix = EXTENDED[e.errcode & 0xff]?.[e.errcode >> 8];
  return new SqliteError(
    primary,
    e.message ?? "",
    e.errcode,
    suffix ? `${primary}_${suffix}` : primary,
    error,
  );
}

const isBusy = (error: unknown) => error instanceof SqliteError && error.code === "SQLITE_BUSY";

function bound(value: SqlValue, index: number): SQLInputValue {
  if (typeof value === "boolean") return value ? 1 : 0;
  if (value instanceof Date) return value.getTime();
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  if (value === undefined) throw new TypeError(`argument ${index + 1} is undefined`);
  return value;
}

function normalised(statement: NodeSqliteStatement): SqlStatement {
  if (typeof statement === "string") return { sql: statement };
  if (typeof statement?.sql !== "string") throw new TypeError("a statement needs its sql");
  return statement;
}

/** One SQLite connection with its prepared statements. */
class Connection {
  readonly db: DatabaseSync;
  readonly #statements = new Map<string, { statement: StatementSync; reads: boolean }>();
  readonly #changes: StatementSync;
  /**
   * Opens the file. Only while opening (reading the schema, and `setup`, e.g. switching the file to WAL)
   * does the connection wait for another process's lock synchronously, up to `openTimeoutMs`: two centres
   * starting at once on a new file meet there, once, before either serves. Afterwards nothing waits
   * synchronously (busy_timeout 0): statements refused as busy are retried asynchronously, as said above.
   */
  constructor(path: string, openTimeoutMs: number, setup?: string) {
    // Foreign keys on and double-quoted strings refused, as libsql has them (node:sqlite's defaults too).
    this.db = new DatabaseSync(path, { timeout: openTimeoutMs, enableForeignKeyConstraints: true });
    try {
      if (setup) this.db.exec(setup);
      this.#changes = this.db.prepare("SELECT changes() AS n");
      this.db.exec("PRAGMA busy_timeout = 0");
    } catch (error) {
      this.db.close();
      throw mapped(error);
    }
  }

  run(statement: SqlStatement): SqlResult {
    const { sql, args = [] } = statement;
    try {
      let cached = this.#statements.get(sql);
      if (cached) {
        this.#statements.delete(sql); // re-inserted below: the map's order is the recency order
      } else {
        const prepared = this.db.prepare(sql);
        cached = { statement: prepared, reads: prepared.columns().length > 0 };
        if (this.#statements.size >= STATEMENT_CACHE_SIZE) {
          this.#statements.delete(this.#statements.keys().next().value as string);
        }
      }
      this.#statements.set(sql, cached);
      const values = args.map(bound);
      if (!cached.reads) {
        const { changes } = cached.statement.run(...values);
        return { rows: [], rowsAffected: Number(changes) };
      }
      const rows = cached.statement.all(...values).map(plainRow);
      // `… RETURNING` both reads and writes; libsql says 0 there, sqld and this client count the rows.
      const rowsAffected = RETURNING.test(sql) ? Number(this.#changes.get()?.n ?? 0) : 0;
      return { rows, rowsAffected };
    } catch (error) {
      throw mapped(error);
    }
  }

  close(): void {
    this.#statements.clear();
    if (this.db.isOpen) this.db.close();
  }
}

/** A row as @libsql/client gives it: a plain object, BLOBs as ArrayBuffer. */
function plainRow(row: Record<string, unknown>): SqlRow {
  const plain: Record<string, SqlColumnValue> = {};
  for (const column in row) {
    const value = row[column];
    plain[column] =
      value instanceof Uint8Array
        ? (value.buffer.slice(value.byteOffset, value.byteOffset + value.byteLength) as ArrayBuffer)
        : (value as SqlColumnValue);
  }
  return plain;
}

/** The path of a `file:` URL (`file:data/x.db`, `file:///srv/x.db`) or a plain path. */
export function sqlitePathOf(url: string): string {
  if (url.startsWith("file://")) return fileURLToPath(url);
  const path = url.startsWith("file:") ? url.slice("file:".length) : url;
  if (path === "" || path.includes("?") || path === ":memory:") {
    throw new TypeError(`openNodeSqlite: a database file is required, not ${JSON.stringify(url)}`);
  }
  return path;
}

/** The SqlClient on a node:sqlite file, with `close()` and SQL strings accepted as @libsql/client does. */
export interface NodeSqliteClient extends SqlClient {
  execute(statement: NodeSqliteStatement): Promise<SqlResult>;
  batch(statements: NodeSqliteStatement[], mode: "write"): Promise<SqlResult[]>;
  transaction(mode: "write"): Promise<NodeSqliteTransaction>;
  readonly closed: boolean;
  /** Closes every connection; open transactions are rolled back. */
  close(): void;
}

/** An interactive transaction on its own connection. */
export interface NodeSqliteTransaction extends SqlTransaction {
  execute(statement: NodeSqliteStatement): Promise<SqlResult>;
}

/**
 * Opens (creating if needed) the database file at `url` in WAL mode.
 * @example const client = openNodeSqlite("file:data/centre.db"); await migrate(client);
 */
export function openNodeSqlite(url: string, options: NodeSqliteOptions = {}): NodeSqliteClient {
  const path = sqlitePathOf(url);
  const busyTimeoutMs = options.busyTimeoutMs ?? 5000;
  if (!Number.isFinite(busyTimeoutMs) || busyTimeoutMs < 0) throw new TypeError("busyTimeoutMs must be >= 0");
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  // WAL: readers never block the writer, nor the writer them. It is a property of the file, kept.
  const main = new Connection(path, busyTimeoutMs, "PRAGMA journal_mode = WAL");
  const idle: Connection[] = [];
  const busy = new Set<Connection>();
  let closed = false;

  const open = () => {
    if (closed) throw new SqliteError("CLIENT_CLOSED", "the client is closed");
  };
  /** Runs `attempt` again while it throws busy (it must change nothing when it does), asynchronously. */
  const whileBusy = async <T>(attempt: () => T): Promise<T> => {
    const deadline = Date.now() + busyTimeoutMs;
    for (let wait = 1; ; wait = Math.min(wait * 2, 25)) {
      open();
      try {
        return attempt();
      } catch (error) {
        if (!isBusy(error) || Date.now() + wait > deadline) throw error;
      }
      await sleep(wait);
    }
  };
  const begin = (connection: Connection) => connection.run({ sql: "BEGIN IMMEDIATE" });
  const rollback = (connection: Connection) => {
    if (connection.db.isOpen && connection.db.isTransaction) connection.db.exec("ROLLBACK");
  };
  const release = (connection: Connection) => {
    busy.delete(connection);
    if (closed || idle.length >= POOL_SIZE || !connection.db.isOpen) connection.close();
    else idle.push(connection);
  };

  const client: NodeSqliteClient = {
    get closed() {
      return closed;
    },
    execute: async (statement) => {
      const s = normalised(statement);
      return whileBusy(() => main.run(s));
    },
    async batch(statements, mode) {
      if (mode !== "write") throw new TypeError('batch: only mode "write" is supported');
      const all = statements.map(normalised);
      // BEGIN to COMMIT in one synchronous attempt: nothing else of the process runs on `main` meanwhile,
      // and an attempt refused as busy was rolled back whole, so it can be tried again.
      return whileBusy(() => {
        begin(main);
        try {
          const results = all.map((s) => main.run(s));
          main.run({ sql: "COMMIT" });
          return results;
        } catch (error) {
          rollback(main);
          throw error;
        }
      });
    },
    async transaction(mode) {
      if (mode !== "write") throw new TypeError('transaction: only mode "write" is supported');
      open();
      const connection = idle.pop() ?? new Connection(path, busyTimeoutMs);
      busy.add(connection);
      try {
        await whileBusy(() => begin(connection));
      } catch (error) {
        release(connection);
        throw error;
      }
      let settled = false;
      const live = () => {
        if (settled || !connection.db.isOpen) {
          throw new SqliteError("TRANSACTION_CLOSED", "The transaction is closed");
        }
      };
      const end = () => {
        if (settled) return;
        settled = true;
        release(connection);
      };
      return {
        execute: async (statement) => {
          live();
          return connection.run(normalised(statement));
        },
        // A COMMIT that fails leaves the transaction open for its owner to roll back or close.
        commit: async () => {
          live();
          connection.run({ sql: "COMMIT" });
          end();
        },
        rollback: async () => {
          live();
          try {
            rollback(connection);
          } finally {
            end();
          }
        },
        close() {
          if (settled) return;
          try {
            rollback(connection);
          } finally {
            end();
          }
        },
      };
    },
    close() {
      if (closed) return;
      closed = true;
      for (const connection of [main, ...idle, ...busy]) connection.close();
      idle.length = 0;
      busy.clear();
    },
  };
  return client;
}
