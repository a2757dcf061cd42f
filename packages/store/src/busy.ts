/**
 * Retrying what the database refused with SQLITE_BUSY. A busy statement or batch changed nothing, so it is
 * safe to run again. It happens across processes on a `file:` database, and on sqld even from one client:
 * about one autocommit insert in 8,000 under load is refused while the server checkpoints its WAL.
 */
import { type SqlClient, sqlErrorCode } from "./sql-client.ts";

/** How long to keep trying while the database is busy. */
export interface BusyRetryOptions {
  /** Waits between attempts; default `setTimeout`. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Attempts in all, backing off from 10 ms to 100 ms; default 100 (about 10 s). */
  readonly busyAttempts?: number;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** True for SQLITE_BUSY and SQLITE_LOCKED (and their extended codes): the lock was taken, nothing applied. */
export function isBusy(error: unknown): boolean {
  const code = sqlErrorCode(error) ?? "";
  return code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED");
}

/**
 * Runs `operation`, again while it rejects as busy; any other rejection, or the last busy one, passes through.
 * `operation` must be atomic (one statement, one batch, or a whole transaction), so a retry repeats nothing.
 */
export async function retryWhileBusy<T>(
  operation: () => Promise<T>,
  options: BusyRetryOptions = {},
): Promise<T> {
  const sleep = options.sleep ?? defaultSleep;
  const attempts = options.busyAttempts ?? 100;
  if (!Number.isSafeInteger(attempts) || attempts < 1) throw new TypeError("busyAttempts must be at least 1");
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      if (!isBusy(error) || attempt >= attempts) throw error;
      await sleep(Math.min(5 * 2 ** attempt, 100));
    }
  }
}

/**
 * `client` with `execute` and `batch` retried while busy. `transaction` is passed through: a busy statement
 * inside one leaves the transaction to its owner, who must retry the whole of it.
 */
export function busyRetrying(client: SqlClient, options: BusyRetryOptions = {}): SqlClient {
  return {
    execute: (statement) => retryWhileBusy(() => client.execute(statement), options),
    batch: (statements, mode) => retryWhileBusy(() => client.batch(statements, mode), options),
    transaction: (mode) => client.transaction(mode),
  };
}
