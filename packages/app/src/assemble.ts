/**
 * Assembles a centre from its storage ports and secrets: keys, issuance, the verifier, the app. Both runtime
 * roots call this, so a node on Node and a node on Workers are built the same way. The verifier knows the
 * centre itself: its own DID document and status lists are answered locally, never fetched over the network
 * (on Workers a fetch to one's own hostname is not even possible).
 */
import type { CatalogueSearch, CourseRepository } from "@learnbridge/catalogue";
import { type Clock, systemClock } from "@learnbridge/core";
import {
  createKeyResolver,
  didWebFromUrl,
  fetchJsonDocument,
  type NetworkOptions,
  networkPolicy,
  ok,
  resolveDidWeb,
  StatusListAllocator,
  type StatusListRepository,
  type TrustEvaluator,
  type VerifierOptions,
} from "@learnbridge/credentials";
import type { ExchangeStore, NonceStore, OfferStore } from "@learnbridge/exchange";
import type { FeedLog, ReplicaStore, RetentionPolicy } from "@learnbridge/federation";
import {
  entityIdOf,
  type FederationNode,
  MemoryTrustRegistry,
  type TrustChainCache,
  type TrustRegistry,
} from "@learnbridge/federation";
import {
  type AchievementRepository,
  type ApiKeyRepository,
  type AuditLog,
  CentreKeys,
  type CentreProfileRepository,
  type CredentialRepository,
  createKeyVault,
  Issuance,
  issuerProfileOf,
  type JobRepository,
  JobRunner,
  type KeyRepository,
  type RateLimitStore,
} from "@learnbridge/issuer";
import type { Hono } from "hono";
import { createCentreApp } from "./app.ts";
import type { ChallengeStore } from "./challenges.ts";
import { type AppEnv, statusBaseUrlOf } from "./deps.ts";
import {
  type FederationSync,
  type FederationSyncOptions,
  federationSync,
} from "./federation-sync/federation-sync.ts";
import {
  type CentreFederationConfig,
  centreFederation,
  federationKeysOf,
  federationNetworkOf,
  federationTrustEvaluator,
} from "./federation-trust/index.ts";
import type { PeerAddress } from "./middleware/client-address.ts";
import { rateLimitBudgetsOf } from "./middleware/rate-limit-settings.ts";
import type { OfferFeature } from "./oid4vci/offer-feature.ts";
import type { Oid4vpOptions } from "./oid4vp/oid4vp-options.ts";
import { searchOverStores } from "./search/store-search.ts";

/** Every storage port a centre needs. */
export interface CentreStores {
  readonly keys: KeyRepository;
  readonly apiKeys: ApiKeyRepository;
  readonly audit: AuditLog;
  readonly credentials: CredentialRepository;
  readonly statusLists: StatusListRepository;
  readonly challenges: ChallengeStore;
  readonly achievements: AchievementRepository;
  readonly profile: CentreProfileRepository;
  readonly jobs: JobRepository;
  /** Employers' presentation requests (OpenID4VP); without it the centre verifies no wallet answers. */
  readonly presentationRequests?: Oid4vpOptions["store"];
  /** Credential offers to learners and their OpenID4VCI nonces; without both the centre makes no offers. */
  readonly offers?: OfferStore;
  readonly offerNonces?: NonceStore;
  /** VC-API exchanges (with the offers: the claim workflow for VC-API wallets such as LCW). */
  readonly vcApiExchanges?: ExchangeStore;
  /**
   * The search index over the own and followed catalogues (libSQL: `LibsqlCatalogueSearch`); default, with
   * `courses` or `replica`: the in-memory twin reading them.
   */
  readonly catalogueSearch?: CatalogueSearch;
  /** The centre's own courses, published to `feed` in the same write (libSQL: one database for both). */
  readonly courses?: CourseRepository;
  /** The centre's signed change feed; with `courses`, the catalogue and feed routes are served. */
  readonly feed?: FeedLog;
  /** The replica of followed catalogues (libSQL: `LibsqlReplicaStore`); with it the centre follows peers. */
  readonly replica?: ReplicaStore;
  /** The federation's subordinates and trust marks (default: in memory, beside the audit log). */
  readonly trustRegistry?: TrustRegistry;
  /** Resolved trust chains, so verification works offline until they expire (default: in memory). */
  readonly trustChains?: TrustChainCache;
  /** Counts of requests per client and minute, shared by every process and isolate (see `rateLimits`). */
  readonly rateLimits?: RateLimitStore;
}

export interface AssembleOptions {
  readonly publicUrl: string;
  readonly stores: CentreStores;
  /** At least 32 bytes; seals the centre's private keys at rest. */
  readonly masterKey: Uint8Array;
  /** Network rules for resolving other issuers and their status lists. */
  readonly network?: NetworkOptions;
  /** The trust check; default: the federation's, when `federation` is set. */
  readonly trust?: TrustEvaluator;
  /** The centre's role in the OpenID Federation; its entity id is `publicUrl`. */
  readonly federation?: CentreFederationConfig;
  readonly trustProxy?: boolean;
  readonly peerAddress?: PeerAddress;
  readonly clock?: Clock;
  /** How long one start of bulk job work may run (Workers: before the invocation ends); default none. */
  readonly jobRunBudgetMs?: number;
  /** How long presentation requests and their results last (defaults: 30 minutes, 1 hour). */
  readonly oid4vp?: Omit<Oid4vpOptions, "store" | "vault">;
  /** How long offers, pre-authorized codes, access tokens and nonces last (PRE_AUTHORIZED_CODE_TTL). */
  readonly offers?: Omit<OfferFeature, "store" | "nonces">;
  /** The follower: aggregator mode, extra hint targets, its trust check (default: the federation's). */
  readonly sync?: Pick<FederationSyncOptions, "aggregator" | "hintTargets" | "isTrustedOwner" | "follower">;
  /** How long the feed keeps events for followers; default 10,000 events and 30 days. */
  readonly feedRetention?: RetentionPolicy;
  /**
   * Verifications per client address and minute (RATE_LIMIT_PER_MINUTE; other groups derived), counted in
   * `stores.rateLimits`. Off when absent or 0: only the roots turn it on, so tests and embedders that make
   * many requests from one (unknown) address are not limited unless they ask to be.
   */
  readonly rateLimits?: {
    readonly perMinute: number;
    readonly logWarning?: (message: string, error: unknown) => void;
  };
}

export interface Centre {
  readonly app: Hono<AppEnv>;
  readonly keys: CentreKeys;
  readonly issuance: Issuance;
  /** Runs bulk jobs: the Node root resumes it at start and on a timer, Workers on a Cron Trigger. */
  readonly jobRunner: JobRunner;
  readonly did: string;
  /** The centre's federation node, when it takes part in one (its `isTrustedOwner` serves followers). */
  readonly federation?: FederationNode;
  /** Deletes expired presentation requests, results and replay hashes: the roots run it on a timer. */
  readonly purgePresentationRequests: () => Promise<{ requests: number; hashes: number }>;
  /** The follower of peers' feeds, when the centre keeps a replica: the roots call its `runDue` on a timer. */
  readonly federationSync?: FederationSync;
}

/** Builds the centre; creates its first key when it has none. */
export async function assembleCentre(options: AssembleOptions): Promise<Centre> {
  const { publicUrl, stores } = options;
  const clock = options.clock ?? systemClock;
  const perMinute = options.rateLimits?.perMinute ?? 0;
  if (perMinute > 0 && !stores.rateLimits) {
    throw new TypeError("assembleCentre: rateLimits needs stores.rateLimits to count in");
  }
  const did = didWebFromUrl(publicUrl);
  // One vault: the centre's keys, and the keys of encrypted presentation requests (OpenID4VP direct_post.jwt).
  const vault = await createKeyVault(options.masterKey);
  const keys = new CentreKeys({ did, repository: stores.keys, vault, clock });
  await keys.activeKey();
  const statusBaseUrl = statusBaseUrlOf(publicUrl);
  const issuance = new Issuance({
    keys,
    credentials: stores.credentials,
    statusLists: stores.statusLists,
    allocator: new StatusListAllocator({ repository: stores.statusLists }),
    statusBaseUrl,
    clock,
  });
  const jobRunner = new JobRunner({
    jobs: stores.jobs,
    issuance,
    did,
    // Credentials built from a job's flat rows name the centre as its profile says.
    issuerProfile: async (language) => {
      const profile = await stores.profile.get();
      return profile && issuerProfileOf(did, profile, language);
    },
    clock,
    ...(options.jobRunBudgetMs ? { runBudgetMs: options.jobRunBudgetMs } : {}),
  });
  const policy = networkPolicy(options.network);
  const resolveKey = createKeyResolver({
    ...options.network,
    clock,
    methods: {
      web: {
        cacheable: false,
        resolve: async (target, netPolicy) =>
          target === did ? ok(await keys.didDocument()) : resolveDidWeb(target, netPolicy),
      },
    },
  });
  const federation = options.federation
    ? centreFederation({
        publicUrl,
        keys,
        config: await withSelfAnchor(options.federation, publicUrl, keys),
        registry: stores.trustRegistry ?? new MemoryTrustRegistry({ audit: stores.audit }),
        ...(stores.trustChains ? { cache: stores.trustChains } : {}),
        network: federationNetworkOf(publicUrl, options.network, () => app),
        ...(options.network?.allowHttp ? { allowHttp: policy.allowHttp } : {}),
        clock,
      })
    : undefined;
  const trust =
    options.trust ??
    (federation
      ? federationTrustEvaluator(
          federation,
          options.network?.allowHttp ? { allowHttp: policy.allowHttp } : {},
        )
      : undefined);
  const verifier: VerifierOptions = {
    ...(options.network ? { network: options.network } : {}),
    resolveKey,
    clock,
    ...(trust ? { trust } : {}),
    fetchStatusList: async (url) => {
      if (url.startsWith(`${statusBaseUrl}/`)) {
        const response = await app.request(url);
        if (!response.ok)
          return { ok: false, code: "STATUS_LIST_UNAVAILABLE", message: `HTTP ${response.status}` };
        return ok(await response.json());
      }
      if (!URL.canParse(url)) return { ok: false, code: "STATUS_ENTRY_INVALID", message: "not a URL" };
      return fetchJsonDocument(new URL(url), policy);
    },
  };
  const isTrustedOwner = options.sync?.isTrustedOwner ?? federation?.isTrustedOwner;
  const sync = stores.replica
    ? federationSync({
        publicUrl,
        keys,
        replica: stores.replica,
        ...options.sync,
        ...(isTrustedOwner ? { isTrustedOwner } : {}),
        ...(stores.feed ? { feed: stores.feed } : {}),
        ...(options.network ? { network: options.network } : {}),
        clock,
      })
    : undefined;
  const app = createCentreApp({
    publicUrl,
    keys,
    issuance,
    credentials: stores.credentials,
    statusLists: stores.statusLists,
    apiKeys: stores.apiKeys,
    audit: stores.audit,
    challenges: stores.challenges,
    achievements: stores.achievements,
    profile: stores.profile,
    jobs: stores.jobs,
    jobRunner,
    verifier,
    clock,
    ...(stores.presentationRequests
      ? { oid4vp: { ...options.oid4vp, store: stores.presentationRequests, vault } }
      : {}),
    // Without an index of the stores' own, the in-memory twin reads the catalogue and replica ports.
    ...(stores.catalogueSearch || stores.courses || stores.replica
      ? { catalogueSearch: stores.catalogueSearch ?? searchOverStores(stores) }
      : {}),
    ...(stores.courses && stores.feed
      ? {
          catalogue: {
            courses: stores.courses,
            feed: stores.feed,
            ...(options.feedRetention ? { retention: options.feedRetention } : {}),
          },
        }
      : {}),
    ...(federation ? { federation } : {}),
    ...(stores.offers && stores.offerNonces
      ? { offers: { ...options.offers, store: stores.offers, nonces: stores.offerNonces } }
      : {}),
    ...(stores.vcApiExchanges ? { vcApiExchanges: stores.vcApiExchanges } : {}),
    ...(sync ? { federationSync: sync } : {}),
    ...(options.trustProxy !== undefined ? { trustProxy: options.trustProxy } : {}),
    ...(options.peerAddress ? { peerAddress: options.peerAddress } : {}),
    ...(perMinute > 0 && stores.rateLimits
      ? {
          rateLimits: {
            store: stores.rateLimits,
            budgets: rateLimitBudgetsOf(perMinute),
            ...(options.rateLimits?.logWarning ? { logWarning: options.rateLimits.logWarning } : {}),
          },
        }
      : {}),
  });
  const purgePresentationRequests = async () =>
    stores.presentationRequests?.purge(clock().getTime()) ?? { requests: 0, hashes: 0 };
  return {
    app,
    keys,
    issuance,
    jobRunner,
    did,
    purgePresentationRequests,
    ...(federation ? { federation } : {}),
    ...(sync ? { federationSync: sync } : {}),
  };
}

/**
 * A trust anchor accepts itself: when its configuration does not list its own keys (they are made on its
 * first start, so an operator cannot write them down beforehand), its current public keys are added.
 */
async function withSelfAnchor(
  config: CentreFederationConfig,
  publicUrl: string,
  keys: CentreKeys,
): Promise<CentreFederationConfig> {
  const entityId = entityIdOf(publicUrl);
  if (config.role !== "anchor" || config.trustAnchors.some((a) => a.entityId === entityId)) return config;
  const jwks = await federationKeysOf(keys).jwks();
  return { ...config, trustAnchors: [...config.trustAnchors, { entityId, jwks }] };
}
