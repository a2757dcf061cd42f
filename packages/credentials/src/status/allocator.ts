/**
 * Hands out status list indexes that reveal nothing: each is drawn uniformly at random among the unused
 * indexes of the current list (never sequential, so neither issue order nor group size leaks), and is
 * claimed in the repository before it is returned, so an index is never given twice, across restarts too.
 * The allocator itself holds no state that correctness depends on: only a cache of the current list.
 */
import { LearnbridgeError, toBase64Url } from "@learnbridge/core";
import { DEFAULT_MAX_DECODED_BYTES, MIN_STATUS_LIST_LENGTH } from "./bitstring.ts";
import type { StatusListRecord, StatusListRepository } from "./repository.ts";
import type { StatusPurpose } from "./status-list-credential.ts";

/** Fills `bytes` with random values, as `crypto.getRandomValues` does. */
export type RandomSource = (bytes: Uint8Array<ArrayBuffer>) => unknown;

const systemRandom: RandomSource = (bytes) => crypto.getRandomValues(bytes);

/** Options of `StatusListAllocator`. */
export interface StatusListAllocatorOptions {
  readonly repository: StatusListRepository;
  /**
   * Entries of each new list; default and spec minimum 131,072, a multiple of 8. Shorter lists are for
   * tests: `buildStatusListCredential` refuses to publish them.
   */
  readonly listLength?: number;
  readonly random?: RandomSource;
  /** Random probes before falling back to a scan of the free indexes; default 16. */
  readonly probeAttempts?: number;
  /** Lists one purpose may open before allocation fails with STATUS_LIST_FULL; default unlimited. */
  readonly maxListsPerPurpose?: number;
}

/** Where a credential's status lives: map `listId` to the list URL and pass both to `statusEntry`. */
export interface StatusAllocation {
  readonly listId: string;
  readonly purpose: StatusPurpose;
  readonly index: number;
}

/**
 * Allocates random, never-reused indexes in status lists, opening a new list when the current one is full.
 * @example const { listId, index } = await new StatusListAllocator({ repository }).allocate("revocation");
 */
export class StatusListAllocator {
  readonly #repository: StatusListRepository;
  readonly #listLength: number;
  readonly #random: RandomSource;
  readonly #probeAttempts: number;
  readonly #maxLists: number;
  readonly #current = new Map<string, StatusListRecord>();

  constructor(options: StatusListAllocatorOptions) {
    if (!options?.repository) throw new TypeError("StatusListAllocator: repository is required");
    const listLength = options.listLength ?? MIN_STATUS_LIST_LENGTH;
    if (!Number.isSafeInteger(listLength) || listLength < 8 || listLength % 8 !== 0) {
      throw new TypeError("StatusListAllocator: listLength must be a positive multiple of 8");
    }
    if (listLength > DEFAULT_MAX_DECODED_BYTES * 8) {
      throw new TypeError("StatusListAllocator: listLength exceeds what verifiers accept by default");
    }
    const probeAttempts = options.probeAttempts ?? 16;
    if (!Number.isInteger(probeAttempts) || probeAttempts < 0) {
      throw new TypeError("StatusListAllocator: probeAttempts must be a non-negative integer");
    }
    const maxLists = options.maxListsPerPurpose ?? Number.POSITIVE_INFINITY;
    if (!(maxLists >= 1)) throw new TypeError("StatusListAllocator: maxListsPerPurpose must be at least 1");
    this.#repository = options.repository;
    this.#listLength = listLength;
    this.#random = options.random ?? systemRandom;
    this.#probeAttempts = probeAttempts;
    this.#maxLists = maxLists;
  }

  /** Claims a fresh index for `purpose`; rejects with STATUS_LIST_FULL when no list may be opened. */
  async allocate(purpose: StatusPurpose): Promise<StatusAllocation> {
    if (typeof purpose !== "string" || purpose === "") throw new TypeError("allocate: purpose is required");
    let list =
      this.#current.get(purpose) ??
      (await this.#repository.currentList(purpose)) ??
      (await this.#open(purpose, 0));
    for (;;) {
      this.#current.set(purpose, list);
      const index = await this.#claimIn(list);
      if (index !== undefined) return { listId: list.id, purpose, index };
      list = await this.#next(list);
    }
  }

  /** A random free index of `list`, claimed; undefined when the list is full. */
  async #claimIn(list: StatusListRecord): Promise<number | undefined> {
    for (let attempt = 0; attempt < this.#probeAttempts; attempt++) {
      const index = randomIndex(list.length, this.#random);
      if (await this.#repository.tryClaim(list.id, index)) return index;
    }
    // Probes keep colliding, so the list is nearly full: draw from a snapshot of its free indexes. Claims are
    // never released, so every index free now was free in the snapshot; each lost race removes one.
    const free = freeIndexes(list.length, await this.#repository.claimedIndexes(list.id));
    while (free.length > 0) {
      const pick = randomIndex(free.length, this.#random);
      const index = free[pick] as number;
      free[pick] = free[free.length - 1] as number;
      free.pop();
      if (await this.#repository.tryClaim(list.id, index)) return index;
    }
    return undefined;
  }

  /** The list after a full one: one another allocator opened meanwhile, or a new one. */
  async #next(full: StatusListRecord): Promise<StatusListRecord> {
    const current = await this.#repository.currentList(full.purpose);
    if (current && current.sequence > full.sequence) return current;
    return this.#open(full.purpose, full.sequence + 1);
  }

  async #open(purpose: string, sequence: number): Promise<StatusListRecord> {
    if (sequence >= this.#maxLists) {
      throw new LearnbridgeError("STATUS_LIST_FULL", `every status list for '${purpose}' is full`, {
        purpose,
        lists: sequence,
      });
    }
    const id = toBase64Url(randomBytes(16, this.#random));
    return this.#repository.openList({ id, purpose, sequence, length: this.#listLength });
  }
}

/** A uniform integer in [0, n), n ≤ 2^32, by rejection sampling (no modulo bias). */
export function randomIndex(n: number, random: RandomSource = systemRandom): number {
  if (!Number.isSafeInteger(n) || n < 1 || n > 2 ** 32) throw new TypeError(`randomIndex: bad range ${n}`);
  // Accept draws below the largest multiple of n that fits in 32 bits; the rest would favour small values.
  const limit = 2 ** 32 - (2 ** 32 % n);
  const bytes = new Uint8Array(4);
  const view = new DataView(bytes.buffer);
  // limit > 2^31, so each draw is accepted with probability > 1/2: 64 rejections mean a broken source.
  for (let attempt = 0; attempt < 64; attempt++) {
    random(bytes);
    const draw = view.getUint32(0);
    if (draw < limit) return draw % n;
  }
  throw new Error("randomIndex: the random source keeps returning out-of-range values");
}

function randomBytes(count: number, random: RandomSource): Uint8Array {
  const bytes = new Uint8Array(count);
  random(bytes);
  return bytes;
}

function freeIndexes(length: number, claimed: readonly number[]): number[] {
  const taken = new Uint8Array(length);
  for (const index of claimed) taken[index] = 1;
  const free: number[] = [];
  for (let i = 0; i < length; i++) if (taken[i] === 0) free.push(i);
  return free;
}
