/**
 * What a centre app is built from: its public URL, its issuing domain and storage ports, the verifier's
 * options, and the few deployment switches. `resolveDeps` checks them once and fills the defaults.
 */
import type { CatalogueSearch } from "@learnbridge/catalogue";
import { type Clock, systemClock } from "@learnbridge/core";
import { didWebFromUrl, type StatusListRepository, type VerifierOptions } from "@learnbridge/credentials";
import type { ExchangeStore } from "@learnbridge/exchange";
import type { FederationNode } from "@learnbridge/federation";
import { createI18n } from "@learnbridge/i18n";
import type {
  AchievementRepository,
  ApiKeyRecord,
  ApiKeyRepository,
  AuditLog,
  CentreKeys,
  CentreProfileRepository,
  CredentialRepository,
  Issuance,
  JobRepository,
  JobRunner,
} from "@learnbridge/issuer";
import type { CatalogueFeature } from "./catalogue/catalogue-feature.ts";
import type { ChallengeStore } from "./challenges.ts";
import type { FederationSync } from "./federation-sync/federation-sync.ts";
import type { PeerAddress } from "./middleware/client-address.ts";
import { type RateLimiter, type RateLimitFeature, rateLimiter } from "./middleware/rate-limit.ts";
import type { OfferFeature } from "./oid4vci/offer-feature.ts";
import type { Oid4vpOptions } from "./oid4vp/oid4vp-options.ts";

export interface CentreAppDeps {
  /** The centre's public origin, with a path when it is served under one: `https://centre.example/lahore`. */
  readonly publicUrl: string;
  readonly keys: CentreKeys;
  /** Must publish status entries under `statusBaseUrlOf(publicUrl)`, where this app serves the lists. */
  readonly issuance: Issuance;
  readonly credentials: CredentialRepository;
  readonly statusLists: StatusListRepository;
  readonly apiKeys: ApiKeyRepository;
  readonly audit: AuditLog;
  readonly challenges: ChallengeStore;
  /** The centre's achievement definitions (versions stored with their audit entries). */
  readonly achievements: AchievementRepository;
  /** The centre's profile: the awarding body its credentials name. */
  readonly profile: CentreProfileRepository;
  /** Bulk issuance jobs and their rows. */
  readonly jobs: JobRepository;
  /** Runs a job after `POST /jobs` stored it (on Workers inside `waitUntil`). */
  readonly jobRunner: Pick<JobRunner, "enqueue">;
  /** The centre's own courses and its signed change feed; without it their routes are absent. */
  readonly catalogue?: CatalogueFeature;
  /** Full-text search over the own and followed catalogues; without it the search finds nothing. */
  readonly catalogueSearch?: CatalogueSearch;
  /** The OpenID4VP verifier for employers' presentation requests; without it its routes are absent. */
  readonly oid4vp?: Oid4vpOptions;
  /** Credential offers to learners, over OpenID4VCI and VC-API; without it their routes are absent. */
  readonly offers?: OfferFeature;
  /** Where VC-API exchanges of offers live (with `offers`: the claim workflow for VC-API wallets). */
  readonly vcApiExchanges?: ExchangeStore;
  /** The centre's place in the OpenID Federation (role, superiors, anchors); without it its routes are absent. */
  readonly federation?: FederationNode;
  /** The follower of other nodes' catalogue feeds (hints, peers, quarantine); without it its routes are absent. */
  readonly federationSync?: FederationSync;
  /** Options of the public verify endpoints (network rules, key resolver, status fetch, trust). */
  readonly verifier?: VerifierOptions;
  readonly clock?: Clock;
  readonly limits?: {
    readonly maxBodyBytes?: number;
    /** Rows one bulk job may hold; default 10,000. */
    readonly maxJobRows?: number;
    /** The body of `POST /jobs`; default 16 MiB. */
    readonly maxJobBodyBytes?: number;
  };
  /** Believe CF-Connecting-IP / X-Forwarded-For: set only behind a proxy that overwrites them. */
  readonly trustProxy?: boolean;
  /** The connection's peer address, from the runtime root (Node reads the socket); for the audit log. */
  readonly peerAddress?: PeerAddress;
  /** Budgets of the costly public endpoints per client address and minute; without it they are unlimited. */
  readonly rateLimits?: RateLimitFeature;
  /** How long a signed status list is reused before it is signed again; default 60 s. */
  readonly statusListCacheMs?: number;
  /** Where unexpected errors are reported (never to the client); default `console.error`. */
  readonly logError?: (error: unknown, requestId: string | undefined) => void;
}

/** The deps with defaults filled and the URL facts derived. */
export interface ResolvedDeps extends CentreAppDeps {
  /** `publicUrl` without a trailing slash. */
  readonly publicUrl: string;
  /** The path part of `publicUrl` ("" at the origin root); every route lives under it. */
  readonly basePath: string;
  /** Where the DID document is served, below `basePath`: `/.well-known/did.json` or `/did.json`. */
  readonly didDocumentPath: string;
  readonly clock: Clock;
  readonly maxBodyBytes: number;
  readonly verifierOptions: VerifierOptions;
  readonly logError: (error: unknown, requestId: string | undefined) => void;
  /** The rate limit of a route group (a no-op without `rateLimits`), one counter per app. */
  readonly rateLimit: RateLimiter;
  /** The messages in every language, loaded once for the app and all its routes. */
  readonly i18n: ReturnType<typeof createI18n>;
}

/** The variables middleware leaves on the context for the routes. */
export interface AppEnv {
  Variables: {
    requestId: string;
    /** The negotiated language of human-readable text in responses. */
    language: string;
    /** The caller's address when known and trusted, else `unknown`. */
    clientAddress: string;
    /** The authenticated staff key (staff routes only). */
    apiKey: ApiKeyRecord;
  };
}

/** Where Issuance must point status entries so that this app serves their lists. */
export const statusBaseUrlOf = (publicUrl: string): string => `${publicUrl.replace(/\/+$/, "")}/status`;

const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/** Checks the deps (TypeError on misuse) and fills the defaults. */
export function resolveDeps(deps: CentreAppDeps): ResolvedDeps {
  for (const name of [
    "keys",
    "issuance",
    "credentials",
    "statusLists",
    "apiKeys",
    "audit",
    "challenges",
    "achievements",
    "profile",
    "jobs",
    "jobRunner",
  ] as const) {
    if (!deps?.[name]) throw new TypeError(`createCentreApp: ${name} is required`);
  }
  if (typeof deps.publicUrl !== "string" || !URL.canParse(deps.publicUrl)) {
    throw new TypeError("createCentreApp: publicUrl must be an absolute URL");
  }
  const url = new URL(deps.publicUrl);
  if (!/^https?:$/.test(url.protocol) || url.search || url.hash || url.username || url.password) {
    throw new TypeError("createCentreApp: publicUrl must be http(s) with no query, fragment or credentials");
  }
  const basePath = url.pathname.replace(/\/+$/, "");
  // A did:web names exactly one document URL: with a path it is `<path>/did.json`, never the host's
  // `/.well-known/did.json` (that one belongs to whoever owns the origin root).
  if (deps.keys.did.startsWith("did:web:") && didWebFromUrl(url) !== deps.keys.did) {
    throw new TypeError(`createCentreApp: ${deps.keys.did} is not the did:web of ${deps.publicUrl}`);
  }
  const maxBodyBytes = deps.limits?.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (!Number.isSafeInteger(maxBodyBytes) || maxBodyBytes <= 0) {
    throw new TypeError("createCentreApp: limits.maxBodyBytes must be a positive integer");
  }
  const clock = deps.clock ?? systemClock;
  return {
    ...deps,
    publicUrl: `${url.origin}${basePath}`,
    basePath,
    didDocumentPath: basePath ? "/did.json" : "/.well-known/did.json",
    clock,
    maxBodyBytes,
    verifierOptions: { ...deps.verifier, clock: deps.verifier?.clock ?? clock },
    rateLimit: rateLimiter(deps.rateLimits, { apiKeys: deps.apiKeys, clock }),
    logError: deps.logError ?? ((error, requestId) => console.error("centre app:", requestId, error)),
    i18n: createI18n(),
  };
}
