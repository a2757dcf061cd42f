/**
 * Presentation challenges (VC API `POST /challenges`): a verifier hands out a random nonce, the holder signs
 * it into the presentation's proof, and the verifier accepts it once, before it expires. The port is owned
 * here; the in-memory twin suits one process (a Worker needs a shared store: KV, D1 or a Durable Object).
 */
import { type Clock, randomBytes, systemClock, toBase64Url } from "@learnbridge/core";

export interface IssuedChallenge {
  readonly challenge: string;
  /** Milliseconds since the epoch. */
  readonly expiresAt: number;
}

export interface ChallengeStore {
  /** Mints and remembers a fresh random challenge. */
  issue(): Promise<IssuedChallenge>;
  /** True exactly once for a challenge that was issued and has not expired; it is forgotten either way. */
  consume(challenge: string): Promise<boolean>;
}

export interface MemoryChallengeStoreOptions {
  readonly clock?: Clock;
  /** Lifetime of a challenge; default 10 minutes. */
  readonly ttlMs?: number;
  /** Challenges kept at most; the oldest go first (the endpoint is public). Default 10,000. */
  readonly maxEntries?: number;
}

/** The in-memory twin: a Map in insertion (= expiry) order. */
export class MemoryChallengeStore implements ChallengeStore {
  readonly #pending = new Map<string, number>();
  readonly #clock: Clock;
  readonly #ttlMs: number;
  readonly #maxEntries: number;

  constructor(options: MemoryChallengeStoreOptions = {}) {
    this.#clock = options.clock ?? systemClock;
    this.#ttlMs = options.ttlMs ?? 10 * 60 * 1000;
    this.#maxEntries = options.maxEntries ?? 10_000;
    if (!(this.#ttlMs > 0) || !(this.#maxEntries > 0)) {
      throw new TypeError("MemoryChallengeStore: ttlMs and maxEntries must be positive");
    }
  }

  async issue(): Promise<IssuedChallenge> {
    const now = this.#clock().getTime();
    for (const [challenge, expiresAt] of this.#pending) {
      if (expiresAt > now && this.#pending.size < this.#maxEntries) break;
      this.#pending.delete(challenge);
    }
    const challenge = toBase64Url(randomBytes(24));
    const expiresAt = now + this.#ttlMs;
    this.#pending.set(challenge, expiresAt);
    return { challenge, expiresAt };
  }

  async consume(challenge: string): Promise<boolean> {
    const expiresAt = this.#pending.get(challenge);
    this.#pending.delete(challenge);
    return expiresAt !== undefined && expiresAt > this.#clock().getTime();
  }
}
