/**
 * The options every verifier takes, and their defaults: the bundled document loader, a DID-based key
 * resolver, the system clock, a status-list fetch under the same network rules as did:web.
 */
import { type Clock, systemClock } from "@learnbridge/core";
import { bundledDocumentLoader, type DocumentLoader } from "../contexts/document-loader.ts";
import { fetchJsonDocument, type NetworkOptions, networkPolicy } from "../did/fetch-document.ts";
import { createKeyResolver } from "../did/key-resolver.ts";
import type { KeyResolver } from "./key-resolver.ts";
import type { Check, Outcome } from "./report.ts";
import { BUNDLED_SCHEMAS } from "./schema-check.ts";
import type { StructureLimits } from "./structure.ts";

/** Decides whether an issuer is a trusted member of a network; the federation plugs in here. */
export type TrustEvaluator = (issuer: string, credential: Record<string, unknown>) => Promise<Check>;

export interface VerifierOptions {
  readonly documentLoader?: DocumentLoader;
  /** Finds issuers' and holders' keys; default: did:key, did:jwk and did:web under `network`. */
  readonly resolveKey?: KeyResolver;
  readonly clock?: Clock;
  /** Network rules for did:web and status lists (fetch, timeouts, size caps, private addresses). */
  readonly network?: NetworkOptions;
  /** Dereferences a status list credential; default: an HTTPS GET of JSON under `network`. */
  readonly fetchStatusList?: (url: string) => Promise<Outcome<unknown>>;
  /** Fills the trust check; without it the check is skipped (NOT_CONFIGURED). */
  readonly trust?: TrustEvaluator;
  /** JSON Schemas by URL; default: the bundled Open Badges schemas. */
  readonly schemas?: ReadonlyMap<string, object>;
  readonly limits?: StructureLimits;
}

export interface ResolvedVerifierOptions {
  readonly documentLoader: DocumentLoader;
  readonly resolveKey: KeyResolver;
  readonly clock: Clock;
  readonly fetchStatusList: (url: string) => Promise<Outcome<unknown>>;
  readonly trust?: TrustEvaluator;
  readonly schemas: ReadonlyMap<string, object>;
  readonly limits: StructureLimits;
}

/** Fills in the defaults. Misuse (a non-function where a function belongs) is a TypeError. */
export function resolveVerifierOptions(options: VerifierOptions = {}): ResolvedVerifierOptions {
  for (const key of ["documentLoader", "resolveKey", "clock", "fetchStatusList", "trust"] as const) {
    if (options[key] !== undefined && typeof options[key] !== "function") {
      throw new TypeError(`verifier option ${key} must be a function`);
    }
  }
  const policy = networkPolicy(options.network);
  return {
    documentLoader: options.documentLoader ?? bundledDocumentLoader,
    resolveKey: options.resolveKey ?? createKeyResolver({ ...options.network, clock: options.clock }),
    clock: options.clock ?? systemClock,
    fetchStatusList:
      options.fetchStatusList ??
      (async (url) => {
        if (!URL.canParse(url)) return { ok: false, code: "STATUS_ENTRY_INVALID", message: "not a URL" };
        return fetchJsonDocument(new URL(url), policy);
      }),
    ...(options.trust ? { trust: options.trust } : {}),
    schemas: options.schemas ?? BUNDLED_SCHEMAS,
    limits: options.limits ?? {},
  };
}
