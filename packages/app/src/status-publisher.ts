/**
 * Publishing status lists: the signed BitstringStatusListCredential of a list, as verifiers fetch it. A
 * signed list is reused for a short while (verifiers cache it as long anyway: Cache-Control max-age) and
 * dropped at once when this process changes a bit. Another process's revocation shows within the TTL.
 */
import type { Clock } from "@learnbridge/core";
import {
  addDataIntegrityProof,
  issueStatusListCredential,
  readStatusList,
  type StatusListRepository,
} from "@learnbridge/credentials";
import type { CentreKeys } from "@learnbridge/issuer";

export interface StatusListPublisherOptions {
  readonly keys: CentreKeys;
  readonly statusLists: StatusListRepository;
  /** Lists are published at `${statusBaseUrl}/${listId}`; that URL is also the credential's id. */
  readonly statusBaseUrl: string;
  readonly clock: Clock;
  /** How long a signed list is reused; 0 signs on every request. */
  readonly ttlMs: number;
  /** Signed lists kept at most; default 256. */
  readonly maxEntries?: number;
}

/** Signs status lists on demand, with a small per-list cache. */
export class StatusListPublisher {
  readonly #o: StatusListPublisherOptions;
  readonly #cache = new Map<string, { expiresAt: number; signed: Promise<object | undefined> }>();

  constructor(options: StatusListPublisherOptions) {
    this.#o = options;
  }

  /** The signed list credential, or undefined for a list this centre does not have. */
  async publish(listId: string): Promise<object | undefined> {
    const now = this.#o.clock().getTime();
    const cached = this.#cache.get(listId);
    if (cached && cached.expiresAt > now) return cached.signed;
    // Concurrent requests share one signing; a failure or an unknown list is not remembered.
    const signed = this.#sign(listId);
    const forget = () => {
      if (this.#cache.get(listId)?.signed === signed) this.#cache.delete(listId);
    };
    signed.then((list) => list ?? forget(), forget);
    if (this.#o.ttlMs > 0) {
      this.#cache.delete(listId);
      if (this.#cache.size >= (this.#o.maxEntries ?? 256)) {
        this.#cache.delete(this.#cache.keys().next().value as string);
      }
      this.#cache.set(listId, { expiresAt: now + this.#o.ttlMs, signed });
    }
    return signed;
  }

  /** Forgets the signed copy of a list whose bits changed. */
  invalidate(listId: string): void {
    this.#cache.delete(listId);
  }

  async #sign(listId: string): Promise<object | undefined> {
    const { keys, statusLists, clock } = this.#o;
    const record = await statusLists.getList(listId);
    if (!record) return undefined;
    const signer = await keys.signer();
    return issueStatusListCredential({
      id: `${this.#o.statusBaseUrl}/${listId}`,
      issuer: keys.did,
      purpose: record.purpose,
      list: await readStatusList(statusLists, listId),
      clock,
      sign: (unsigned) => addDataIntegrityProof(unsigned, { signer, clock }),
    });
  }
}
