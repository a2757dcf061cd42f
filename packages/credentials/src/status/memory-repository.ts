/**
 * In-memory `StatusListRepository`, for tests and single-process demos. Each method yields once before it
 * acts so that concurrent callers really interleave, as they do against a database.
 */
import type { StatusListRecord, StatusListRepository } from "./repository.ts";

const tick = () => Promise.resolve();

/** A `StatusListRepository` in a few maps; state lasts as long as the object. */
export class MemoryStatusListRepository implements StatusListRepository {
  readonly #lists = new Map<string, StatusListRecord>();
  readonly #bySequence = new Map<string, StatusListRecord>();
  readonly #current = new Map<string, StatusListRecord>();
  readonly #claims = new Map<string, Set<number>>();
  readonly #set = new Map<string, Set<number>>();

  async currentList(purpose: string): Promise<StatusListRecord | undefined> {
    await tick();
    return this.#current.get(purpose);
  }

  async openList(list: StatusListRecord): Promise<StatusListRecord> {
    await tick();
    const key = `${list.purpose}\u0000${list.sequence}`;
    const existing = this.#bySequence.get(key);
    if (existing) return existing;
    if (this.#lists.has(list.id)) throw new TypeError(`openList: list id ${list.id} is already used`);
    const record = { id: list.id, purpose: list.purpose, sequence: list.sequence, length: list.length };
    this.#lists.set(record.id, record);
    this.#bySequence.set(key, record);
    this.#claims.set(record.id, new Set());
    this.#set.set(record.id, new Set());
    const current = this.#current.get(record.purpose);
    if (!current || current.sequence < record.sequence) this.#current.set(record.purpose, record);
    return record;
  }

  async getList(listId: string): Promise<StatusListRecord | undefined> {
    await tick();
    return this.#lists.get(listId);
  }

  async tryClaim(listId: string, index: number): Promise<boolean> {
    await tick();
    const claims = this.#claimsOf(listId, index);
    if (claims.has(index)) return false;
    claims.add(index);
    return true;
  }

  async claimedIndexes(listId: string): Promise<readonly number[]> {
    await tick();
    return [...(this.#claims.get(listId) ?? [])];
  }

  async setStatus(listId: string, index: number, set: boolean): Promise<boolean> {
    await tick();
    if (!this.#claimsOf(listId, index).has(index)) return false;
    const bits = this.#set.get(listId);
    if (set) bits?.add(index);
    else bits?.delete(index);
    return true;
  }

  async indexesWithStatus(listId: string): Promise<readonly number[]> {
    await tick();
    return [...(this.#set.get(listId) ?? [])];
  }

  #claimsOf(listId: string, index: number): Set<number> {
    const list = this.#lists.get(listId);
    const claims = this.#claims.get(listId);
    if (!list || !claims) throw new TypeError(`unknown status list ${listId}`);
    if (!Number.isSafeInteger(index) || index < 0 || index >= list.length) {
      throw new TypeError(`index ${index} is outside list ${listId} (length ${list.length})`);
    }
    return claims;
  }
}
