/**
 * One writer at a time per database in this process. On an embedded `file:` database every pooled
 * connection of @libsql/client is its own SQLite connection, and two of them writing at once do not queue:
 * the second one gets SQLITE_BUSY (at once, or after the busy timeout, during which its synchronous call
 * blocks the event loop, so the transaction it waits for cannot finish either). Worse, with libsql 0.5 a
 * statement refused as busy is never reset, so its connection goes back to the pool still reading the
 * database as it was: later reads on it return stale rows (a search that "loses" records for a while) and
 * its writes stay busy until the statement is garbage-collected. Writers of the same process therefore
 * take turns here: an interactive write transaction holds the turn from `BEGIN` to its end, a batch or a
 * writing statement for its one call; reads (`SELECT`) never wait, since in WAL mode they block no one.
 * Other processes and sqld's own writers are still met with SQLITE_BUSY, which the callers retry.
 */
import type { SqlClient, SqlStatement, SqlTransaction } from "./sql-client.ts";

/** A statement that only reads: it runs without waiting for the writers' turn. */
const READS = /^\s*SELECT\b/i;

/** A FIFO turn: `take()` resolves with the function that gives the turn to the next in line. */
function turns() {
  let last: Promise<void> = Promise.resolve();
  return {
    take(): Promise<() => void> {
      let give!: () => void;
      const mine = new Promise<void>((resolve) => {
        give = resolve;
      });
      const before = last;
      last = before.then(() => mine);
      let given = false;
      return before.then(() => () => {
        if (!given) {
          given = true;
          give();
        }
      });
    },
  };
}

const wrapped = new WeakMap<SqlClient, SqlClient>();
const serialised = new WeakSet<SqlClient>();

/**
 * `client` with its writes taking turns in this process (the same wrapper, hence the same turn, for every
 * store built on one client). Do not write through the wrapper from inside one of its transactions: that
 * writer would wait for its own turn.
 * @example const writes = oneWriter(client); const tx = await writes.transaction("write"); // others wait until tx ends
 */
export function oneWriter(client: SqlClient): SqlClient {
  if (typeof client?.transaction !== "function") throw new TypeError("oneWriter: a SqlClient is required");
  if (serialised.has(client)) return client;
  const known = wrapped.get(client);
  if (known) return known;
  const turn = turns();
  const inTurn = async <T>(work: () => Promise<T>): Promise<T> => {
    const done = await turn.take();
    try {
      return await work();
    } finally {
      done();
    }
  };
  const writer: SqlClient = {
    execute: (statement: SqlStatement) =>
      READS.test(statement.sql) ? client.execute(statement) : inTurn(() => client.execute(statement)),
    batch: (statements, mode) => inTurn(() => client.batch(statements, mode)),
    async transaction(mode) {
      const done = await turn.take();
      let tx: SqlTransaction;
      try {
        tx = await client.transaction(mode);
      } catch (error) {
        done();
        throw error;
      }
      return {
        execute: (statement) => tx.execute(statement),
        // A commit that failed leaves the transaction open until its owner closes it: the turn stays taken.
        commit: async () => {
          await tx.commit();
          done();
        },
        rollback: () => tx.rollback().finally(done),
        close() {
          try {
            tx.close();
          } finally {
            done();
          }
        },
      };
    },
  };
  wrapped.set(client, writer);
  serialised.add(writer);
  return writer;
}
