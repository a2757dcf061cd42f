/** The centre's database as the Node root opens it, for the server and for `learnbridge admin` alike. */
import type { SqlClient } from "@learnbridge/store";
import { openNodeSqlite } from "@learnbridge/store/node-sqlite";
import { createClient } from "@libsql/client";

/** A client for `url` and whether it is an embedded file (whose writes then take turns in one process). */
export function openCentreDatabase(url: string): {
  client: SqlClient & { close(): void };
  embedded: boolean;
} {
  const embedded = url.startsWith("file:");
  // An embedded file goes through node:sqlite (WAL; a write waits up to 5 s for another process's lock
  // without blocking the event loop): @libsql/client leaks memory per statement there; see
  // @learnbridge/store/node-sqlite. A server (sqld, Turso) stays on @libsql/client.
  const client = embedded ? openNodeSqlite(url, { busyTimeoutMs: 5000 }) : createClient({ url });
  return { client, embedded };
}
