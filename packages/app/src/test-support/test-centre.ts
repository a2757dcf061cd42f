/**
 * A centre assembled from in-memory ports for the app's tests: did:web:centre.example at
 * https://centre.example, a fixed clock, and a verifier that resolves the centre's own DID document and
 * fetches status lists from the app itself, as a stranger would over HTTPS.
 */
import { type Clock, randomBytes } from "@learnbridge/core";
import {
  buildAchievementCredential,
  createKeyResolver,
  StatusListAllocator,
  type VerifierOptions,
} from "@learnbridge/credentials";
import {
  CentreKeys,
  createApiKey,
  createKeyVault,
  Issuance,
  JobRunner,
  type Scope,
} from "@learnbridge/issuer";
import type { Hono } from "hono";
import { createCentreApp } from "../app.ts";
import { MemoryChallengeStore } from "../challenges.ts";
import { type AppEnv, type CentreAppDeps, statusBaseUrlOf } from "../deps.ts";
import { memoryCentreStores } from "./memory-centre-stores.ts";

export const CENTRE_DID = "did:web:centre.example";
export const CENTRE_URL = "https://centre.example";
export const NOW = new Date("2026-06-01T00:00:00Z");
export const LEARNER_DID = "did:example:learner-1";

export interface TestCentreOptions
  extends Partial<
    Pick<
      CentreAppDeps,
      "limits" | "trustProxy" | "logError" | "catalogueSearch" | "offers" | "vcApiExchanges" | "rateLimits"
    >
  > {
  readonly did?: string;
  readonly publicUrl?: string;
  readonly clock?: Clock;
}

/** Builds the centre and its app; `token(...scopes)` mints an API key and returns its bearer token. */
export async function testCentre(options: TestCentreOptions = {}) {
  const did = options.did ?? CENTRE_DID;
  const publicUrl = options.publicUrl ?? CENTRE_URL;
  const clock = options.clock ?? (() => NOW);
  const stores = memoryCentreStores({ challenges: new MemoryChallengeStore({ clock }) });
  const { statusLists, audit, credentials, apiKeys, challenges, achievements, profile, jobs } = stores;
  const keys = new CentreKeys({
    did,
    repository: stores.keys,
    vault: await createKeyVault(randomBytes(32)),
    clock,
  });
  const issuance = new Issuance({
    keys,
    credentials,
    statusLists,
    allocator: new StatusListAllocator({ repository: statusLists }),
    statusBaseUrl: statusBaseUrlOf(publicUrl),
    clock,
  });
  const jobRunner = new JobRunner({ jobs, issuance, did, clock });
  const verifier: VerifierOptions = {
    // The DID document as published now (keys appear on first use and on rotation).
    resolveKey: async (id, purpose) =>
      createKeyResolver({ documents: new Map([[did, await keys.didDocument()]]) })(id, purpose),
    fetchStatusList: async (url) => {
      const response = await app.request(url);
      if (!response.ok)
        return { ok: false, code: "STATUS_LIST_UNAVAILABLE", message: `HTTP ${response.status}` };
      return { ok: true, value: await response.json() };
    },
  };
  const app: Hono<AppEnv> = createCentreApp({
    publicUrl,
    keys,
    issuance,
    credentials,
    statusLists,
    apiKeys,
    audit,
    challenges,
    achievements,
    profile,
    jobs,
    jobRunner,
    verifier,
    clock,
    ...options,
  });
  const token = async (...scopes: Scope[]) =>
    (await createApiKey(apiKeys, { name: `test ${scopes.join("+")}`, scopes }, clock)).token;
  return {
    app,
    keys,
    issuance,
    credentials,
    statusLists,
    audit,
    apiKeys,
    challenges,
    achievements,
    profile,
    jobs,
    jobRunner,
    token,
  };
}

/** A JSON POST, with a bearer token when given. */
export function postJson(
  app: Hono<AppEnv>,
  path: string,
  body: unknown,
  init: { token?: string; headers?: Record<string, string> } = {},
): Promise<Response> {
  return Promise.resolve(
    app.request(path, {
      method: "POST",
      body: typeof body === "string" ? body : JSON.stringify(body),
      headers: {
        "Content-Type": "application/json",
        ...(init.token ? { Authorization: `Bearer ${init.token}` } : {}),
        ...init.headers,
      },
    }),
  );
}

/** A GET with a bearer token when given. */
export function getWith(app: Hono<AppEnv>, path: string, token?: string): Promise<Response> {
  return Promise.resolve(app.request(path, token ? { headers: { Authorization: `Bearer ${token}` } } : {}));
}

/** An unsigned Open Badges 3.0 credential from the centre to `learner`, without id or status. */
export async function unsignedCredential(learner = LEARNER_DID, issuer = CENTRE_DID) {
  const vc = await buildAchievementCredential(
    {
      issuer: { id: issuer, name: { en: "Centre Example Open Learning" }, country: "KE" },
      achievement: {
        id: "https://centre.example/achievements/data-101",
        name: { en: "Data Analysis Foundations", sw: "Misingi ya Uchambuzi wa Data" },
        description: { en: "Cleans and summarises tabular data." },
        criteria: { narrative: { en: "Passed the final assessment." } },
        sourceLanguage: "en",
      },
      learner: { did: learner },
    },
    { clock: () => NOW },
  );
  delete vc.id;
  delete vc.credentialStatus;
  return vc;
}

/** Issues through the API with a fresh `issue` key; returns the 201 body's credential. */
export async function issueViaApi(
  centre: Awaited<ReturnType<typeof testCentre>>,
  options: { format?: "ldp_vc" | "jwt_vc"; learner?: string } = {},
): Promise<Record<string, unknown>> {
  const response = await postJson(
    centre.app,
    "/credentials/issue",
    {
      credential: await unsignedCredential(options.learner),
      options: { format: options.format ?? "ldp_vc" },
    },
    { token: await centre.token("issue") },
  );
  if (response.status !== 201) throw new Error(`issue failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { verifiableCredential: Record<string, unknown> }).verifiableCredential;
}
