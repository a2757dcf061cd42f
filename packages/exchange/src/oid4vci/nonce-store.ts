/**
 * The port for OID4VCI `c_nonce` values: handed out by the nonce endpoint, each accepted in one key proof,
 * once, before it expires. The endpoint is public, so a store keeps only live nonces and sheds expired ones.
 */

export interface NonceStore {
  /** Remembers `nonce` until `expiresAt` (epoch ms); expired nonces may be dropped on the way. */
  put(nonce: string, expiresAt: number, now: number): Promise<void>;
  /** True exactly once for a nonce that was put and has not expired at `now`; it is forgotten either way. */
  consume(nonce: string, now: number): Promise<boolean>;
}

/** The in-memory twin: a Map in insertion order; the oldest go first beyond `maxEntries` (default 10,000). */
export class MemoryNonceStore implements NonceStore {
  readonly #nonces = new Map<string, number>();
  readonly #maxEntries: number;

  constructor(options: { readonly maxEntries?: number } = {}) {
    this.#maxEntries = options.maxEntries ?? 10_000;
    if (!(this.#maxEntries > 0)) throw new TypeError("MemoryNonceStore: maxEntries must be positive");
  }

  async put(nonce: string, expiresAt: number, now: number) {
    for (const [old, until] of this.#nonces) {
      if (until > now && this.#nonces.size < this.#maxEntries) break;
      this.#nonces.delete(old);
    }
    this.#nonces.set(nonce, expiresAt);
  }

  async consume(nonce: string, now: number) {
    const expiresAt = this.#nonces.get(nonce);
    this.#nonces.delete(nonce);
    return expiresAt !== undefined && expiresAt > now;
  }
}
