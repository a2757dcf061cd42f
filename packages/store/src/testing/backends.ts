/**
 * The libSQL databases every store contract test runs against: `:memory:`, a temporary `file:`, a real
 * sqld over HTTP, and a `file:` through node:sqlite (the Node root's client for embedded files). Call
 * `libsqlBackends()` at the top of a test file: it registers the hooks that start sqld and clean up. The
 * domain's in-memory twin is not here: it is per port, so each test file adds its own.
 *
 * What `:memory:` is with @libsql/client 0.18 on Node: one connection per client, hence one private database
 * per client that lives until `close()`. An open transaction holds that connection, and any other call on
 * the client rejects with TRANSACTION_ACTIVE rather than waiting. `file::memory:?cache=shared` would be one
 * database for the whole process (named memory databases are refused), so it cannot isolate tests.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Client, createClient } from "@libsql/client";
import { afterAll, beforeAll } from "vitest";
// The Node root's client, tested here on every store: the store cannot depend on @learnbridge/node.
import { openNodeSqlite } from "../node-sqlite/node-sqlite-client.ts";
import { type SqldServer, startSqld } from "./sqld.ts";

/**
 * Requests one client keeps in flight to sqld. At the client's default of 20, 1,000 concurrent writes stall
 * sqld 0.24.32's write queue (a lock slot is handed to a parked waiter and every writer then waits 5 s per
 * slot, or forever) in most runs of 15,000; at 5, none did in one client, but two clients at 5 each (the
 * two-writer test) stalled once in CI. At 2 per client the throughput over loopback is still the same.
 */
export const SQLD_CONCURRENCY = 2;

/** One kind of libSQL database. */
export interface LibsqlBackend {
  readonly name: string;
  /** A client on a fresh, empty (unmigrated) database; closed when the file's tests end. */
  open(): Promise<Client>;
  /** The URL of `client`'s database, for another process to open; absent when it cannot be shared. */
  readonly urlOf?: (client: Client) => string;
  /** Another client on the same database as `client`, which stays open; absent when there is no such thing. */
  readonly connectAgain?: (client: Client) => Promise<Client>;
  /** Closes `client` and opens a new one on the same database, as a restart would; absent likewise. */
  readonly reopen?: (client: Client) => Promise<Client>;
}

/** The `:memory:`, `file:`, sqld and node:sqlite backends, with `beforeAll`/`afterAll` hooks registered. */
export function libsqlBackends(): readonly [LibsqlBackend, LibsqlBackend, LibsqlBackend, LibsqlBackend] {
  const urls = new Map<Client, string>();
  let dir: string | undefined;
  let server: SqldServer | undefined;
  let files = 0;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "learnbridge-store-"));
    server = await startSqld();
  });
  afterAll(async () => {
    for (const client of urls.keys()) client.close();
    urls.clear();
    await server?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const connect = (url: string) => {
    const client = url.startsWith("node-sqlite:")
      ? // It has what the tests call (execute and batch with strings too, transaction, close), not the rest.
        (openNodeSqlite(url.slice("node-sqlite:".length)) as unknown as Client)
      : createClient(url.startsWith("http") ? { url, concurrency: SQLD_CONCURRENCY } : { url });
    urls.set(client, url);
    return client;
  };
  const urlOf = (client: Client) => {
    const url = urls.get(client);
    if (!url) throw new TypeError("libsqlBackends: the client was not opened here, or was reopened");
    // Another process opens the same file with @libsql/client.
    return url.replace(/^node-sqlite:/, "");
  };
  const connectAgain = async (client: Client) => {
    const url = urls.get(client);
    if (!url) throw new TypeError("libsqlBackends: the client was not opened here, or was reopened");
    return connect(url);
  };
  const reopen = async (client: Client) => {
    const again = await connectAgain(client);
    client.close();
    urls.delete(client);
    return again;
  };
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new TypeError("libsqlBackends: open() runs inside tests, after beforeAll");
    return value;
  };

  return [
    { name: "libsql :memory:", open: async () => connect(":memory:") },
    {
      name: "libsql file",
      open: async () => connect(`file:${join(started(dir), `db-${++files}.db`)}`),
      urlOf,
      connectAgain,
      reopen,
    },
    {
      name: "sqld over http",
      // One server per test file; "fresh" means emptied, so tests using it must not run concurrently.
      open: async () => {
        const { url } = started(server);
        await dropAllTables(url);
        return connect(url);
      },
      urlOf,
      connectAgain,
      reopen,
    },
    {
      name: "node:sqlite file",
      open: async () => connect(`node-sqlite:file:${join(started(dir), `db-${++files}.db`)}`),
      urlOf,
      connectAgain,
      reopen,
    },
  ];
}

/** Empties a database: every table, children first (the latest created), foreign keys checked at commit. */
async function dropAllTables(url: string): Promise<void> {
  const client = createClient({ url });
  try {
    const { rows } = await client.execute(
      // Virtual tables first: dropping one drops its shadow tables, and a shadow table dropped alone would
      // leave the virtual table unloadable (FTS5: "vtable constructor failed").
      "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' " +
        "ORDER BY sql LIKE 'CREATE VIRTUAL TABLE%' DESC, rowid DESC",
    );
    if (rows.length === 0) return;
    const drops = rows.map((row) => ({
      sql: `DROP TABLE IF EXISTS "${String(row.name).replaceAll('"', '""')}"`,
    }));
    await client.batch([{ sql: "PRAGMA defer_foreign_keys = ON" }, ...drops], "write");
  } finally {
    client.close();
  }
}
