/**
 * The follower's view of other nodes' keys: their DID documents, fetched under the network rules and kept
 * for a while, with `forget(did)` so that an unknown key makes the follower fetch that document again
 * (once: the follower decides how often). The centre's own document is answered locally.
 */
import type { Clock, PublicKey } from "@learnbridge/core";
import {
  createDidResolver,
  createKeyResolver,
  type DidDocument,
  type DidResolutionResult,
  type DidResolver,
  type KeyResolver,
  type NetworkOptions,
  ok,
  type ProofPurpose,
  resolveDidWeb,
} from "@learnbridge/credentials";

export interface PeerKeysOptions {
  readonly network?: NetworkOptions;
  readonly clock?: Clock;
  /** How long a fetched DID document is used; default 10 minutes. */
  readonly ttlMs?: number;
  /** The centre itself: its DID and its current document. */
  readonly self?: { readonly did: string; readonly document: () => Promise<DidDocument> };
}

/** The keys of peers and record owners. */
export interface PeerKeys {
  /** The key resolver record checks use (eddsa-jcs-2022 proofs by an owner's assertion key). */
  readonly resolveKey: KeyResolver;
  /**
   * The public key of `keyId` listed under `purpose`; undefined when the document does not hold it. Throws
   * when the document cannot be fetched now, so that a peer that is merely unreachable is not mistaken
   * for one that signs with a key it never published.
   */
  publicKey(keyId: string, purpose: ProofPurpose): Promise<PublicKey | undefined>;
  /**
   * Forgets the document of `did`, so that the next lookup fetches it; with `olderThanMs`, only a document
   * held at least that long (a throttle for lookups that strangers can trigger). True when it forgot one.
   */
  forget(did: string, options?: { readonly olderThanMs?: number }): boolean;
}

const MISSING_KEY = new Set(["KEY_NOT_FOUND", "KEY_NOT_AUTHORIZED", "KEY_CONTROLLER_MISMATCH"]);

/** Builds the cache; `forget` is what the follower's `refreshKeys` calls. */
export function peerKeys(options: PeerKeysOptions = {}): PeerKeys {
  const clock = options.clock ?? (() => new Date());
  const ttlMs = options.ttlMs ?? 600_000;
  const uncached = createDidResolver({
    ...options.network,
    cacheTtlMs: 0,
    methods: {
      web: {
        cacheable: false,
        resolve: async (did, policy) =>
          did === options.self?.did ? ok(await options.self.document()) : resolveDidWeb(did, policy),
      },
    },
  });
  const documents = new Map<string, { readonly at: number; readonly result: Promise<DidResolutionResult> }>();
  const didResolver: DidResolver = {
    resolve(did) {
      const held = documents.get(did);
      if (held && clock().getTime() - held.at < ttlMs) return held.result;
      const result = uncached.resolve(did);
      documents.set(did, { at: clock().getTime(), result });
      // Only documents are kept: a failure is tried again next time.
      void result.then((r) => {
        if (r.didResolutionMetadata.error && documents.get(did)?.result === result) documents.delete(did);
      });
      return result;
    },
  };
  const resolveKey = createKeyResolver({
    ...options.network,
    didResolver,
    ...(options.clock ? { clock: options.clock } : {}),
  });
  return {
    resolveKey,
    async publicKey(keyId, purpose) {
      const resolved = await resolveKey(keyId, { purpose });
      if (resolved.ok) return resolved.value.publicKey;
      if (MISSING_KEY.has(resolved.code)) return undefined;
      throw new Error(`${keyId}: ${resolved.message} (${resolved.code})`);
    },
    forget(did, { olderThanMs = 0 } = {}) {
      const held = documents.get(did);
      if (!held || clock().getTime() - held.at < olderThanMs) return false;
      return documents.delete(did);
    },
  };
}
