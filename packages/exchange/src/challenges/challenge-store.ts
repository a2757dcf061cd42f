/**
 * Presentation challenges (VC API `POST /challenges`): a verifier hands out a random nonce, the holder signs
 * it into the presentation's proof, and the verifier accepts it once, before it expires. The exchange domain
 * owns the port; the in-memory twin suits one process, and @learnbridge/store keeps challenges in the
 * centre's database so that every process and every Worker isolate behind one address shares them.
 */
import { type Clock, randomBytes, systemClock, toBase64Url } from "@learnbridge/core";

/** A challenge as handed out: the value to sign, and until when it is accepted. */
export interface IssuedChallenge {
  readonly challenge: string;
  /** Milliseconds since the epoch. */
  readonly expiresAt: number;
}

/** Where a verifier keeps the challenges it handed out until they are used or expire. */
export interface ChallengeStore {
  /** Mints and remembers a fresh random challenge. */
  issue(): Promise<IssuedChallenge>;
  /** True exactly once for a challenge that was issued and has not expired; it is forgotten either way. */
  consume(challenge: string): Promise<boolean>;
}

/** What every ChallengeStore is built with; each has a default. */
export interface ChallengeStoreOptions {
  readonly clock?: Clock;
  /** Lifetime of a challenge; default 10 minutes. */
  readonly ttlMs?: number;
  /** Challenges kept at most; the oldest go first (the endpoint is public). Default 10,000. */
  readonly maxEntries?: number;
  /** Random bytes for new challenges; default the platform's CSPRNG. */
  readonly random?: (byteLength: number) => Uint8Array;
}

/** The in-memory twin's options: those of every challenge store. */
export type MemoryChallengeStoreOptions = ChallengeStoreOptions;

/** The options with their defaults, checked: a TypeError names the store that was misconfigured. */
export function challengeStoreSettings(options: ChallengeStoreOptions, store: string) {
  const settings = {
    clock: options.clock ?? systemClock,
    ttlMs: options.ttlMs ?? 10 * 60 * 1000,
    maxEntries: options.maxEntries ?? 10_000,
    random: options.random ?? randomBytes,
  };
  if (!(settings.ttlMs > 0) || !Number.isSafeInteger(settings.maxEntries) || settings.maxEntries < 1) {
    throw new TypeError(`${store}: ttlMs and maxEntries must be positive`);
  }
  return settings;
}

/** A new challenge value: 24 random bytes, 32 base64url characters. */
export function newChallenge(random: (byteLength: number) => Uint8Array = randomBytes): string {
  return toBase64Url(random(24));
}

/** The in-memory twin: a Map in insertion (= expiry) order. */
export class MemoryChallengeStore implements ChallengeStore {
  readonly #pending = new Map<string, number>();
  readonly #settings: ReturnType<typeof challengeStoreSettings>;

  constructor(options: ChallengeStoreOptions = {}) {
    this.#settings = challengeStoreSettings(options, "MemoryChallengeStore");
  }

  async issue(): Promise<IssuedChallenge> {
    const { clock, ttlMs, maxEntries, random } = this.#settings;
    const now = clock().getTime();
    for (const [challenge, expiresAt] of this.#pending) {
      if (expiresAt > now && this.#pending.size < maxEntries) break;
      this.#pending.delete(challenge);
    }
    const challenge = newChallenge(random);
    const expiresAt = now + ttlMs;
    this.#pending.set(challenge, expiresAt);
    return { challenge, expiresAt };
  }

  async consume(challenge: string): Promise<boolean> {
    const expiresAt = this.#pending.get(challenge);
    this.#pending.delete(challenge);
    return expiresAt !== undefined && expiresAt > this.#settings.clock().getTime();
  }
}
