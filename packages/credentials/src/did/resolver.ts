/**
 * The DID resolver: methods registered in a map (key, jwk and web by default; more plug in), documents known
 * in advance consulted first, network results cached for a while, concurrent resolutions of one DID shared.
 * Failures are data (`didResolutionMetadata.error`), never exceptions.
 */
import type { Clock, ErrorCode } from "@learnbridge/core";
import { err, type Outcome } from "../verify/report.ts";
import type { DidDocument } from "./did-document.ts";
import { resolveDidJwk } from "./did-jwk.ts";
import { resolveDidKey } from "./did-key.ts";
import { parseDid } from "./did-syntax.ts";
import { resolveDidWeb } from "./did-web.ts";
import { createDocumentCache } from "./document-cache.ts";
import { type NetworkOptions, type NetworkPolicy, networkPolicy } from "./fetch-document.ts";

/** One DID method. */
export interface DidMethodDriver {
  /** Whether results may be cached: true for fetched documents; derived ones (did:key) are recomputed. */
  readonly cacheable: boolean;
  resolve(did: string, policy: NetworkPolicy): Outcome<DidDocument> | Promise<Outcome<DidDocument>>;
}

export interface DidResolutionResult {
  readonly didDocument: DidDocument | null;
  readonly didResolutionMetadata: {
    readonly error?: ErrorCode;
    readonly message?: string;
    readonly data?: Readonly<Record<string, unknown>>;
  };
  readonly didDocumentMetadata: Readonly<Record<string, unknown>>;
}

export interface DidResolver {
  /** Resolves a bare DID (no fragment) to its document, or to error metadata. */
  resolve(did: string): Promise<DidResolutionResult>;
}

export interface DidResolverOptions extends NetworkOptions {
  /** Defaults to the system clock; drives cache expiry. */
  readonly clock?: Clock;
  /** How long a fetched DID document is reused. Default 5 minutes; 0 disables the cache. */
  readonly cacheTtlMs?: number;
  /** Default 1000. */
  readonly maxCacheEntries?: number;
  /** Documents known in advance (DID documents, controller documents), keyed by their `id`; never fetched. */
  readonly documents?: ReadonlyMap<string, object>;
  /** Extra or replacement methods, by method name (`web` for did:web). */
  readonly methods?: Readonly<Record<string, DidMethodDriver>>;
}

export const DEFAULT_CACHE_TTL_MS = 5 * 60 * 1000;
export const DEFAULT_MAX_CACHE_ENTRIES = 1000;

/** The methods every resolver speaks. */
export const DEFAULT_DID_METHODS: Readonly<Record<string, DidMethodDriver>> = {
  key: { cacheable: false, resolve: resolveDidKey },
  jwk: { cacheable: false, resolve: resolveDidJwk },
  web: { cacheable: true, resolve: resolveDidWeb },
};

/** Checks the `documents` option once, at construction: every entry must be an object whose `id` is its key. */
export function checkKnownDocuments(documents: ReadonlyMap<string, object> | undefined): void {
  for (const [id, document] of documents ?? []) {
    if (typeof document !== "object" || document === null || (document as { id?: unknown }).id !== id) {
      throw new TypeError(`documents: the entry for ${id} must be an object whose id is ${id}`);
    }
  }
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

const found = (didDocument: DidDocument): DidResolutionResult => ({
  didDocument,
  didResolutionMetadata: {},
  didDocumentMetadata: {},
});

/** The result as an outcome, for callers that chain checks. */
export function resolutionOutcome(result: DidResolutionResult): Outcome<DidDocument> {
  const { didDocument, didResolutionMetadata: meta } = result;
  if (didDocument && !meta.error) return { ok: true, value: didDocument };
  return err(meta.error ?? "DID_RESOLUTION_FAILED", meta.message ?? "DID resolution failed", {
    ...meta.data,
  });
}

/**
 * Creates a DID resolver. Production passes nothing but policy; tests inject fetch and clock.
 * @example const result = await createDidResolver().resolve("did:web:example.edu");
 */
export function createDidResolver(options: DidResolverOptions = {}): DidResolver {
  checkKnownDocuments(options.documents);
  const policy = networkPolicy(options);
  const methods = { ...DEFAULT_DID_METHODS, ...options.methods };
  const cache = createDocumentCache<DidDocument>({
    clock: options.clock,
    ttlMs: options.cacheTtlMs ?? DEFAULT_CACHE_TTL_MS,
    maxEntries: options.maxCacheEntries ?? DEFAULT_MAX_CACHE_ENTRIES,
  });

  async function run(driver: DidMethodDriver, did: string): Promise<Outcome<DidDocument>> {
    try {
      const outcome = await driver.resolve(did, policy);
      return outcome.ok ? { ok: true, value: deepFreeze(outcome.value) } : outcome;
    } catch (cause) {
      return err(
        "DID_RESOLUTION_FAILED",
        `resolver failed: ${cause instanceof Error ? cause.message : String(cause)}`,
      );
    }
  }

  return {
    async resolve(did) {
      const known = options.documents?.get(did);
      if (known) return found(known as DidDocument);
      const parsed = parseDid(did);
      const driver = parsed && Object.hasOwn(methods, parsed.method) ? methods[parsed.method] : undefined;
      const outcome = !parsed
        ? err<DidDocument>("DID_INVALID", "not a DID", { did })
        : !driver
          ? err<DidDocument>("DID_METHOD_UNSUPPORTED", `did:${parsed.method} is not supported`, { did })
          : await cache.load(did, () => run(driver, did), { cache: driver.cacheable });
      if (outcome.ok) return found(outcome.value);
      return {
        didDocument: null,
        didResolutionMetadata: {
          error: outcome.code,
          message: outcome.message,
          ...(outcome.data ? { data: outcome.data } : {}),
        },
        didDocumentMetadata: {},
      };
    },
  };
}
