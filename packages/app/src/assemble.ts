/**
 * Assembles a centre from its storage ports and secrets: keys, issuance, the verifier, the app. Both runtime
 * roots call this, so a node on Node and a node on Workers are built the same way. The verifier knows the
 * centre itself: its own DID document and status lists are answered locally, never fetched over the network
 * (on Workers a fetch to one's own hostname is not even possible).
 */
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
} from "@learnbridge/issuer";
import type { Hono } from "hono";
import { createCentreApp } from "./app.ts";
import type { ChallengeStore } from "./challenges.ts";
import { type AppEnv, statusBaseUrlOf } from "./deps.ts";
import type { PeerAddress } from "./middleware/client-address.ts";

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
}

export interface AssembleOptions {
  readonly publicUrl: string;
  readonly stores: CentreStores;
  /** At least 32 bytes; seals the centre's private keys at rest. */
  readonly masterKey: Uint8Array;
  /** Network rules for resolving other issuers and their status lists. */
  readonly network?: NetworkOptions;
  readonly trust?: TrustEvaluator;
  readonly trustProxy?: boolean;
  readonly peerAddress?: PeerAddress;
  readonly clock?: Clock;
  /** How long one start of bulk job work may run (Workers: before the invocation ends); default none. */
  readonly jobRunBudgetMs?: number;
}

export interface Centre {
  readonly app: Hono<AppEnv>;
  readonly keys: CentreKeys;
  readonly issuance: Issuance;
  /** Runs bulk jobs: the Node root resumes it at start and on a timer, Workers on a Cron Trigger. */
  readonly jobRunner: JobRunner;
  readonly did: string;
}

/** Builds the centre; creates its first key when it has none. */
export async function assembleCentre(options: AssembleOptions): Promise<Centre> {
  const { publicUrl, stores } = options;
  const clock = options.clock ?? systemClock;
  const did = didWebFromUrl(publicUrl);
  const keys = new CentreKeys({
    did,
    repository: stores.keys,
    vault: await createKeyVault(options.masterKey),
    clock,
  });
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
  const verifier: VerifierOptions = {
    ...(options.network ? { network: options.network } : {}),
    resolveKey,
    clock,
    ...(options.trust ? { trust: options.trust } : {}),
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
    ...(options.trustProxy !== undefined ? { trustProxy: options.trustProxy } : {}),
    ...(options.peerAddress ? { peerAddress: options.peerAddress } : {}),
  });
  return { app, keys, issuance, jobRunner, did };
}
