/**
 * The state of VC-API (VCALM) exchanges and the port that keeps it. An exchange moves
 * pending -> active (a challenge is out) -> complete, or to invalid when it can never complete; every change
 * bumps `sequence`, and the store writes a change only over the sequence it was made from, so of two racing
 * steps exactly one is recorded. That is what makes a challenge single use across processes and isolates.
 */

/** The states the VCALM spec names for an exchange. */
export type ExchangeState = "pending" | "active" | "complete" | "invalid";

/** Why the last step failed, kept for the exchange's state (`lastError`). */
export interface ExchangeError {
  readonly code: string;
  readonly detail: string;
}

/** One exchange of a workflow. Times are milliseconds since the epoch. */
export interface VcApiExchange {
  /** The workflow's local id, e.g. `claim`. */
  readonly workflow: string;
  /** The exchange's local id within the workflow: the offer id, or a random id for a PIN-unlocked claim. */
  readonly id: string;
  /** The offer the exchange delivers (claim workflow). */
  readonly offerId: string;
  readonly state: ExchangeState;
  /** 0 on creation, +1 on every change: the compare-and-set token. */
  readonly sequence: number;
  /** When the exchange stops taking steps. */
  readonly expiresAt: number;
  /** The outstanding DIDAuth challenge, while the exchange waits for a presentation. */
  readonly challenge?: string;
  readonly challengeExpiresAt?: number;
  /** The DID that authenticated, once it did. */
  readonly holder?: string;
  /** The id of the credential the exchange delivered. */
  readonly credentialId?: string;
  readonly lastError?: ExchangeError;
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** Where exchanges live: one row per (workflow, id). */
export interface ExchangeStore {
  get(workflow: string, id: string): Promise<VcApiExchange | undefined>;
  /** Stores `exchange` (sequence 0) unless one with its workflow and id exists; returns the stored one. */
  create(exchange: VcApiExchange): Promise<VcApiExchange>;
  /**
   * Replaces the stored exchange with `next` only when the stored sequence is `next.sequence - 1`; false
   * (and nothing written) when another step got there first or the exchange is gone.
   */
  update(next: VcApiExchange): Promise<boolean>;
  /** Deletes the exchanges that expired before `before` (ms); returns how many. */
  deleteExpired(before: number): Promise<number>;
}

const keyOf = (workflow: string, id: string) => `${workflow}\u0000${id}`;

/** The in-memory twin: one process only (a Worker needs the libSQL store). */
export class MemoryExchangeStore implements ExchangeStore {
  readonly #rows = new Map<string, VcApiExchange>();

  async get(workflow: string, id: string) {
    return this.#rows.get(keyOf(workflow, id));
  }

  async create(exchange: VcApiExchange) {
    if (exchange.sequence !== 0) throw new TypeError("ExchangeStore.create: a new exchange has sequence 0");
    const key = keyOf(exchange.workflow, exchange.id);
    const existing = this.#rows.get(key);
    if (existing) return existing;
    this.#rows.set(key, exchange);
    return exchange;
  }

  async update(next: VcApiExchange) {
    const key = keyOf(next.workflow, next.id);
    const stored = this.#rows.get(key);
    if (!stored || stored.sequence !== next.sequence - 1) return false;
    this.#rows.set(key, next);
    return true;
  }

  async deleteExpired(before: number) {
    let deleted = 0;
    for (const [key, exchange] of this.#rows) {
      if (exchange.expiresAt < before) {
        this.#rows.delete(key);
        deleted += 1;
      }
    }
    return deleted;
  }
}
