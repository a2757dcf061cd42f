/**
 * The storage port of status lists, owned here by its consumer (the allocator and the publisher). The
 * in-memory implementation sits beside it; `packages/store` implements it on libSQL. Both must pass
 * `statusListRepositoryContract` (repository-contract.ts).
 *
 * What an implementation must guarantee, and how libSQL does it:
 * - A claim is durable and happens once: `tryClaim` is one `INSERT INTO status_claims (list_id, idx)
 *   ... ON CONFLICT DO NOTHING` under `UNIQUE (list_id, idx)`; true iff a row was inserted. No
 *   read-then-write, so 1,000 concurrent issuances and a kill -9 between any two statements never hand
 *   out an index twice. Claims and lists are never deleted.
 * - Opening the next list is a compare-and-swap on `UNIQUE (purpose, sequence)`: insert, ignore the
 *   conflict, then select the row at that sequence; every racer gets the same winner.
 * - A status bit is a column of the claim row (`UPDATE ... SET status = ?`), so concurrent revocations
 *   never lose each other the way a read-modify-write of a 16 KiB blob would.
 */
import { Bitstring } from "./bitstring.ts";

/** A status list as the store keeps it. */
export interface StatusListRecord {
  /** Opaque random id; the consumer maps it to the list's public URL. */
  readonly id: string;
  readonly purpose: string;
  /** Rank among the lists of one purpose (0, 1, 2…); unique per purpose; never published. */
  readonly sequence: number;
  /** Number of entries (bits). */
  readonly length: number;
}

/** Storage of status lists, index claims and status bits. */
export interface StatusListRepository {
  /** The list of `purpose` with the highest sequence, or undefined before the first is opened. */
  currentList(purpose: string): Promise<StatusListRecord | undefined>;
  /**
   * Stores `list` unless a list of the same purpose and sequence exists; returns the stored one (this one
   * or the one that won the race). Atomic.
   */
  openList(list: StatusListRecord): Promise<StatusListRecord>;
  /** A list by id. */
  getList(listId: string): Promise<StatusListRecord | undefined>;
  /**
   * Claims `index` of a list for good. Atomic and durable: true for exactly one caller ever, false once
   * taken. Rejects with a TypeError for an unknown list or an index outside it.
   */
  tryClaim(listId: string, index: number): Promise<boolean>;
  /** Every claimed index of a list, in any order. */
  claimedIndexes(listId: string): Promise<readonly number[]>;
  /** Sets or clears the status bit of a claimed index; false (and no change) when the index is unclaimed. */
  setStatus(listId: string, index: number, set: boolean): Promise<boolean>;
  /** The indexes of a list whose status bit is set, in any order. */
  indexesWithStatus(listId: string): Promise<readonly number[]>;
}

/**
 * The bits of a stored list, ready for `buildStatusListCredential` (which refuses lists shorter than the
 * spec's minimum, so short test lists can be read but never published).
 */
export async function readStatusList(repository: StatusListRepository, listId: string): Promise<Bitstring> {
  const record = await repository.getList(listId);
  if (!record) throw new TypeError(`readStatusList: unknown list ${listId}`);
  const list = Bitstring.create(record.length, { minLength: 8 });
  for (const index of await repository.indexesWithStatus(listId)) list.set(index, true);
  return list;
}
