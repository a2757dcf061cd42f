/**
 * `StatusListRepository` on libSQL (tables from migration 0001-status-lists). Every write is one statement
 * or one batch, never read-then-write: a claim is an `INSERT ... ON CONFLICT DO NOTHING` on the claim's
 * primary key, opening a list is an insert that the `UNIQUE (purpose, sequence)` constraint arbitrates, and
 * a status bit is an `UPDATE` of one claim row. So concurrent callers, in one process or many, need no lock.
 */
import { type Clock, systemClock } from "@learnbridge/core";
import type { StatusListRecord, StatusListRepository } from "@learnbridge/credentials";
import { type BusyRetryOptions, busyRetrying } from "./busy.ts";
import type { SqlClient, SqlRow } from "./sql-client.ts";

/** Options of `LibsqlStatusListRepository`. */
export interface LibsqlStatusListRepositoryOptions extends BusyRetryOptions {
  /** Stamps `created_at` of new lists; default the system clock. */
  readonly clock?: Clock;
}

const LIST_COLUMNS = "id, purpose, sequence, entries";

/**
 * Status lists, claims and bits in a migrated libSQL database.
 * @example const repository = new LibsqlStatusListRepository(client); // after `await migrate(client)`
 */
export class LibsqlStatusListRepository implements StatusListRepository {
  readonly #db: SqlClient;
  readonly #clock: Clock;

  constructor(client: SqlClient, options: LibsqlStatusListRepositoryOptions = {}) {
    if (typeof client?.execute !== "function") {
      throw new TypeError("LibsqlStatusListRepository: a SqlClient is required");
    }
    // Every statement here is atomic on its own, so a busy one is simply run again.
    this.#db = busyRetrying(client, options);
    this.#clock = options.clock ?? systemClock;
  }

  async currentList(purpose: string): Promise<StatusListRecord | undefined> {
    const { rows } = await this.#db.execute({
      sql: `SELECT ${LIST_COLUMNS} FROM status_lists WHERE purpose = ? ORDER BY sequence DESC LIMIT 1`,
      args: [purpose],
    });
    return rows[0] && toRecord(rows[0]);
  }

  async openList(list: StatusListRecord): Promise<StatusListRecord> {
    checkList(list);
    // The insert is ignored when another opener won the (purpose, sequence) slot; the select then reads the
    // winner. One write transaction, one round trip over HTTP.
    const [, selected] = await this.#db.batch(
      [
        {
          sql: `INSERT INTO status_lists (${LIST_COLUMNS}, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
          args: [list.id, list.purpose, list.sequence, list.length, this.#clock().toISOString()],
        },
        {
          sql: `SELECT ${LIST_COLUMNS} FROM status_lists WHERE purpose = ? AND sequence = ?`,
          args: [list.purpose, list.sequence],
        },
      ],
      "write",
    );
    const row = selected?.rows[0];
    // Nothing at the slot means the insert hit the id's primary key instead: the caller reused an id.
    if (!row) throw new TypeError(`openList: list id ${list.id} is already used`);
    return toRecord(row);
  }

  async getList(listId: string): Promise<StatusListRecord | undefined> {
    const { rows } = await this.#db.execute({
      sql: `SELECT ${LIST_COLUMNS} FROM status_lists WHERE id = ?`,
      args: [listId],
    });
    return rows[0] && toRecord(rows[0]);
  }

  async tryClaim(listId: string, index: number): Promise<boolean> {
    checkIndex(listId, index);
    // Inserts only for a known list and an index inside it; 0 rows is a taken index or misuse, told apart
    // afterwards (lists are immutable and never deleted, so the check cannot race).
    const { rowsAffected } = await this.#db.execute({
      sql: `INSERT INTO status_claims (list_id, idx)
            SELECT id, ? FROM status_lists WHERE id = ? AND ? < entries
            ON CONFLICT DO NOTHING`,
      args: [index, listId, index],
    });
    if (rowsAffected === 1) return true;
    await this.#checkInside(listId, index);
    return false;
  }

  async claimedIndexes(listId: string): Promise<readonly number[]> {
    const { rows } = await this.#db.execute({
      sql: "SELECT idx FROM status_claims WHERE list_id = ?",
      args: [listId],
    });
    return rows.map((row) => Number(row.idx));
  }

  async setStatus(listId: string, index: number, set: boolean): Promise<boolean> {
    checkIndex(listId, index);
    const { rowsAffected } = await this.#db.execute({
      sql: "UPDATE status_claims SET status = ? WHERE list_id = ? AND idx = ?",
      args: [set ? 1 : 0, listId, index],
    });
    if (rowsAffected === 1) return true;
    await this.#checkInside(listId, index);
    return false;
  }

  async indexesWithStatus(listId: string): Promise<readonly number[]> {
    const { rows } = await this.#db.execute({
      sql: "SELECT idx FROM status_claims WHERE list_id = ? AND status = 1",
      args: [listId],
    });
    return rows.map((row) => Number(row.idx));
  }

  /** Rejects as the port requires for an unknown list or an index past its end. */
  async #checkInside(listId: string, index: number): Promise<void> {
    const list = await this.getList(listId);
    if (!list) throw new TypeError(`unknown status list ${listId}`);
    if (index >= list.length) {
      throw new TypeError(`index ${index} is outside list ${listId} (length ${list.length})`);
    }
  }
}

function toRecord(row: SqlRow): StatusListRecord {
  return {
    id: String(row.id),
    purpose: String(row.purpose),
    sequence: Number(row.sequence),
    length: Number(row.entries),
  };
}

function checkIndex(listId: string, index: number): void {
  if (!Number.isSafeInteger(index) || index < 0) {
    throw new TypeError(`index ${index} is outside list ${listId}`);
  }
}

function checkList(list: StatusListRecord): void {
  if (
    typeof list?.id !== "string" ||
    list.id === "" ||
    typeof list.purpose !== "string" ||
    list.purpose === ""
  ) {
    throw new TypeError("openList: a list needs an id and a purpose");
  }
  if (!Number.isSafeInteger(list.sequence) || list.sequence < 0) {
    throw new TypeError(`openList: bad sequence ${list.sequence}`);
  }
  if (!Number.isSafeInteger(list.length) || list.length < 1) {
    throw new TypeError(`openList: bad length ${list.length}`);
  }
}
