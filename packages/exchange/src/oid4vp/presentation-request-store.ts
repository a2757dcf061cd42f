/**
 * Where presentation requests and their results live until they are deleted, and the hashes of accepted
 * presentations that refuse replays. The port is owned here; the in-memory twin suits one process and the
 * tests, @learnbridge/store implements it on libSQL, and both pass `presentationRequestStoreContract`.
 * Times are milliseconds since the epoch.
 */
import type { DcqlQuery } from "./dcql.ts";
import type { ResponseEncryptionJwk, ResponseMode } from "./response-encryption.ts";

/** Where a request stands. `expired` is never stored: it is a pending request past `expiresAt`. */
export type StoredRequestStatus = "pending" | "completed" | "failed";

/** Why the last answer to a still-pending request was refused, for the employer to see. */
export interface Refusal {
  readonly code: string;
  readonly message: string;
  readonly at: number;
}

/**
 * The key of a request answered by `direct_post.jwt`: its public JWK as the request object publishes it
 * (the `kid` is the request's id), and its private JWK sealed by the node's key vault (never in plain text).
 */
export interface ResponseKey {
  readonly publicJwk: ResponseEncryptionJwk;
  readonly sealedPrivateKey: string;
}

/** One presentation request and, once answered, its result. */
export interface PresentationRequestRecord {
  /** Public id: names the request in URLs. */
  readonly id: string;
  /** The `state` the wallet posts back; a second random value, so the id alone cannot answer. */
  readonly state: string;
  readonly nonce: string;
  /** SHA-256 (base64url) of the read token; the token itself is shown once and never stored. */
  readonly readTokenHash: string;
  readonly query: DcqlQuery;
  /** The employer's language when the request was made: the default for explaining the result. */
  readonly language: string;
  /** How the wallet must post its answer. */
  readonly responseMode: ResponseMode;
  /** With `direct_post.jwt`, while the request is pending: completing it forgets the key. */
  readonly responseKey?: ResponseKey;
  readonly status: StoredRequestStatus;
  readonly createdAt: number;
  /** Answers are refused from then on. */
  readonly expiresAt: number;
  /** The record is deleted by `purge` from then on. */
  readonly deleteAfter: number;
  readonly completedAt?: number;
  /** The outcome (reports per credential), JSON. */
  readonly result?: Readonly<Record<string, unknown>>;
  readonly lastRefusal?: Refusal;
}

/** What completing a request stores. */
export interface Completion {
  readonly status: "completed" | "failed";
  readonly completedAt: number;
  readonly deleteAfter: number;
  readonly result: Readonly<Record<string, unknown>>;
  /** Hashes of the presentations accepted; a later answer carrying any of them is a replay. */
  readonly presentationHashes: readonly string[];
  /** Until when those hashes are remembered. */
  readonly hashesExpireAt: number;
}

/** How a completion went: `done`, or why nothing was written. */
export type CompletionOutcome = "done" | "missing" | "not-pending" | "expired" | "replayed";

/** What one purge deleted. */
export interface PurgeReport {
  readonly requests: number;
  readonly hashes: number;
}

export interface PresentationRequestStore {
  /** Stores a new request; rejects when its id or state is taken. */
  insert(record: PresentationRequestRecord): Promise<void>;
  get(id: string): Promise<PresentationRequestRecord | undefined>;
  findByState(state: string): Promise<PresentationRequestRecord | undefined>;
  /** True when any of `hashes` belongs to a presentation accepted earlier and still remembered at `now`. */
  anySeen(hashes: readonly string[], now: number): Promise<boolean>;
  /**
   * Atomically: if the request is pending, not expired at `now`, and none of the hashes was seen, stores the
   * result and the hashes and forgets the response key. Of two racing completions, exactly one is `done`.
   */
  complete(id: string, completion: Completion, now: number): Promise<CompletionOutcome>;
  /** Notes why an answer was refused; only while the request is pending. */
  recordRefusal(id: string, refusal: Refusal): Promise<void>;
  /** Deletes requests whose `deleteAfter` and hashes whose expiry are at or before `now`. */
  purge(now: number): Promise<PurgeReport>;
}

/** The in-memory twin. Records are copied in and out, as a database would. */
export class MemoryPresentationRequestStore implements PresentationRequestStore {
  readonly #requests = new Map<string, PresentationRequestRecord>();
  readonly #byState = new Map<string, string>();
  readonly #hashes = new Map<string, number>();

  async insert(record: PresentationRequestRecord): Promise<void> {
    if (this.#requests.has(record.id) || this.#byState.has(record.state)) {
      throw new Error(`presentation request ${record.id} (or its state) exists`);
    }
    this.#requests.set(record.id, structuredClone(record));
    this.#byState.set(record.state, record.id);
  }

  async get(id: string): Promise<PresentationRequestRecord | undefined> {
    const record = this.#requests.get(id);
    return record && structuredClone(record);
  }

  async findByState(state: string): Promise<PresentationRequestRecord | undefined> {
    const id = this.#byState.get(state);
    return id === undefined ? undefined : this.get(id);
  }

  async anySeen(hashes: readonly string[], now: number): Promise<boolean> {
    return this.#seen(hashes, now);
  }

  async complete(id: string, completion: Completion, now: number): Promise<CompletionOutcome> {
    const record = this.#requests.get(id);
    if (!record) return "missing";
    if (record.status !== "pending") return "not-pending";
    if (record.expiresAt <= now) return "expired";
    // No await between the checks and the writes: racing completions see each other's effects.
    if (this.#seen(completion.presentationHashes, now)) return "replayed";
    const { responseKey: _forgotten, ...kept } = record;
    this.#requests.set(id, {
      ...kept,
      status: completion.status,
      completedAt: completion.completedAt,
      deleteAfter: completion.deleteAfter,
      result: structuredClone(completion.result),
    });
    for (const hash of completion.presentationHashes) this.#hashes.set(hash, completion.hashesExpireAt);
    return "done";
  }

  #seen(hashes: readonly string[], now: number): boolean {
    return hashes.some((hash) => (this.#hashes.get(hash) ?? 0) > now);
  }

  async recordRefusal(id: string, refusal: Refusal): Promise<void> {
    const record = this.#requests.get(id);
    if (record?.status === "pending") this.#requests.set(id, { ...record, lastRefusal: { ...refusal } });
  }

  async purge(now: number): Promise<PurgeReport> {
    let requests = 0;
    let hashes = 0;
    for (const [id, record] of this.#requests) {
      if (record.deleteAfter > now) continue;
      this.#requests.delete(id);
      this.#byState.delete(record.state);
      requests++;
    }
    for (const [hash, expiresAt] of this.#hashes) {
      if (expiresAt > now) continue;
      this.#hashes.delete(hash);
      hashes++;
    }
    return { requests, hashes };
  }
}
