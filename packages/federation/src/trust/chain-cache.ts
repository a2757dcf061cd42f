/**
 * The port for resolved trust chains: kept until the earliest `exp` in the chain, so that a verifier
 * works offline from what it resolved before, and with the last status each trust mark issuer reported.
 */
import type { TrustMarkStatus } from "./trust-mark.ts";

/** The last status a trust mark issuer reported for one mark, and when (seconds). */
export interface CachedMarkStatus {
  readonly status: TrustMarkStatus;
  readonly checkedAt: number;
}

/** One resolved chain, as compact JWS (they are validated again when read). */
export interface CachedChain {
  /** The chain's subject entity id: the cache key. */
  readonly subject: string;
  readonly anchor: string;
  /** Subject's Entity Configuration first, the anchor's last. */
  readonly statements: readonly string[];
  /** The earliest `exp` of the chain, in seconds since the epoch. */
  readonly expiresAt: number;
  /** When the chain was resolved, in seconds since the epoch. */
  readonly resolvedAt: number;
  /** By `markKey` of each trust mark in the subject's configuration. */
  readonly markStatuses: Readonly<Record<string, CachedMarkStatus>>;
}

export interface TrustChainCache {
  /** The entry for `subject`, expired or not (the reader decides), or undefined. */
  get(subject: string): Promise<CachedChain | undefined>;
  /** Stores or replaces the entry for `entry.subject`. */
  put(entry: CachedChain): Promise<void>;
  /** Forgets `subject`. */
  delete(subject: string): Promise<void>;
  /** Forgets every entry that expired before `nowSeconds`; returns how many. */
  purgeExpired(nowSeconds: number): Promise<number>;
}

/** The in-memory twin. */
export class MemoryTrustChainCache implements TrustChainCache {
  readonly #entries = new Map<string, CachedChain>();

  async get(subject: string) {
    const entry = this.#entries.get(subject);
    return entry && structuredClone(entry);
  }

  async put(entry: CachedChain) {
    this.#entries.set(entry.subject, structuredClone(entry));
  }

  async delete(subject: string) {
    this.#entries.delete(subject);
  }

  async purgeExpired(nowSeconds: number) {
    let purged = 0;
    for (const [subject, entry] of this.#entries) {
      if (entry.expiresAt < nowSeconds) {
        this.#entries.delete(subject);
        purged++;
      }
    }
    return purged;
  }
}
