/**
 * A federation of centres in one process, for the trust tests here and in test/federation: each node is a full centre
 * (`assembleCentre` on memory ports) at an https origin, and one injected fetch routes each origin to its
 * app, so every federation request is real HTTP handling without a socket. Origins can be taken offline.
 */
import { randomBytes } from "@learnbridge/core";
import { buildAchievementCredential, didWebFromUrl, type VerificationReport } from "@learnbridge/credentials";
import {
  type FederationRole,
  MemoryTrustChainCache,
  TRUST_MARK_TYPES,
  type TrustAnchor,
} from "@learnbridge/federation";
import {
  CentreKeys,
  createApiKey,
  createKeyVault,
  type MemoryAuditLog,
  MemoryKeyRepository,
} from "@learnbridge/issuer";
import { assembleCentre, type Centre } from "../assemble.ts";
import { memoryCentreStores } from "../test-support/memory-centre-stores.ts";
import { federationKeysOf } from "./centre-federation.ts";

export const T0 = new Date("2026-12-01T08:00:00Z");

/** The network: its apps by origin, a shared clock, and origins that are down. */
export class TrustNetwork {
  readonly apps = new Map<
    string,
    { request(url: string, init?: RequestInit): Response | Promise<Response> }
  >();
  readonly offline = new Set<string>();
  now = T0;
  readonly clock = () => this.now;
  readonly fetch = async (url: string, init: RequestInit = {}): Promise<Response> => {
    const origin = new URL(url).origin;
    if (this.offline.has(origin)) throw new TypeError(`fetch failed: ${origin} is unreachable`);
    const app = this.apps.get(origin);
    if (!app) throw new TypeError(`fetch failed: no host ${origin}`);
    return app.request(url, init);
  };
}

/** A node of the network, with an admin token and a token that may issue. */
export interface TestNode {
  readonly url: string;
  readonly centre: Centre;
  readonly token: string;
  readonly audit: MemoryAuditLog;
  /** Its key store (a test may revoke a key) and its resolved trust chains (a test may forget them). */
  readonly keyRepository: MemoryKeyRepository;
  readonly chains: MemoryTrustChainCache;
  /** POST JSON with the admin token. */
  admin(path: string, body?: unknown, method?: string): Promise<Response>;
}

/** Keys made before the centre is assembled, so an anchor's configuration can pin them. */
export async function preparedKeys(url: string) {
  const repository = new MemoryKeyRepository();
  const masterKey = randomBytes(32);
  const keys = new CentreKeys({
    did: didWebFromUrl(url),
    repository,
    vault: await createKeyVault(masterKey),
  });
  await keys.activeKey();
  return {
    repository,
    masterKey,
    anchor: { entityId: url, jwks: await federationKeysOf(keys).jwks() } as TrustAnchor,
  };
}

/** Assembles a centre at `url` in `network` with a federation role. */
export async function startNode(
  network: TrustNetwork,
  url: string,
  options: {
    readonly role: FederationRole;
    readonly name: string;
    readonly authorityHints?: string[];
    readonly anchors: TrustAnchor[];
    readonly prepared?: Awaited<ReturnType<typeof preparedKeys>>;
    readonly trustMarkIssuers?: Record<string, string[]>;
  },
): Promise<TestNode> {
  const prepared = options.prepared ?? (await preparedKeys(url));
  const chains = new MemoryTrustChainCache();
  const stores = memoryCentreStores({ keys: prepared.repository, trustChains: chains });
  const { apiKeys, audit } = stores;
  const centre = await assembleCentre({
    publicUrl: url,
    masterKey: prepared.masterKey,
    clock: network.clock,
    network: { fetch: network.fetch, allowPrivateNetwork: true },
    stores,
    federation: {
      role: options.role,
      organizationName: options.name,
      ...(options.authorityHints ? { authorityHints: options.authorityHints } : {}),
      trustAnchors: options.anchors,
      ...(options.trustMarkIssuers ? { trustMarkIssuers: options.trustMarkIssuers } : {}),
      // Ask trust mark issuers every time, so each change shows at once.
      markStatusTtlSeconds: 0,
    },
  });
  network.apps.set(new URL(url).origin, centre.app);
  const { token } = await createApiKey(apiKeys, { name: "operator", scopes: ["admin", "issue"] });
  const admin = async (path: string, body?: unknown, method = "POST") =>
    centre.app.request(`${url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  return { url, centre, token, audit, keyRepository: prepared.repository, chains, admin };
}

/** The entity ids of the open university the federation tests run: headquarters, a branch, two leaves. */
export const OPEN_UNIVERSITY = {
  HQ: "https://hq.openuniversity.example",
  BRANCH: "https://guangdong.openuniversity.example",
  NAIROBI: "https://nairobi.openuniversity.example",
  SENIORS: "https://seniors.openuniversity.example",
  STRANGER: "https://stranger.example",
} as const;

/**
 * Starts the open university: hq (anchor; it and the branch issue accreditation and micro-credential
 * marks, hq also credit recogniser marks) → branch (intermediate) → nairobi (leaf); seniors (leaf under hq);
 * and a stranger, a leaf naming the branch that nobody enrols. The subordinates are enrolled; no trust mark
 * is issued yet.
 */
export async function startOpenUniversity(network: TrustNetwork) {
  const { HQ, BRANCH, NAIROBI, SENIORS, STRANGER } = OPEN_UNIVERSITY;
  const hqKeys = await preparedKeys(HQ);
  const anchors = [hqKeys.anchor];
  const { accreditedCentre, microcredentialIssuer, creditRecogniser } = TRUST_MARK_TYPES;
  const hq = await startNode(network, HQ, {
    role: "anchor",
    name: "Open University Headquarters",
    anchors,
    prepared: hqKeys,
    trustMarkIssuers: {
      [accreditedCentre]: [HQ, BRANCH],
      [microcredentialIssuer]: [HQ, BRANCH],
      [creditRecogniser]: [HQ],
    },
  });
  const leaf = (url: string, name: string, superior: string) =>
    startNode(network, url, { role: "leaf", name, authorityHints: [superior], anchors });
  const branch = await startNode(network, BRANCH, {
    role: "intermediate",
    name: "Guangdong Provincial Branch",
    authorityHints: [HQ],
    anchors,
  });
  const nairobi = await leaf(NAIROBI, "Nairobi Open Learning Centre", BRANCH);
  const seniors = await leaf(SENIORS, "Seniors' University", HQ);
  const stranger = await leaf(STRANGER, "Stranger Academy", BRANCH);
  for (const [superior, sub] of [
    [hq, BRANCH],
    [hq, SENIORS],
    [branch, NAIROBI],
  ] as const) {
    const enrolled = await superior.admin("/federation/subordinates", { entityId: sub });
    if (enrolled.status !== 201) throw new Error(`enrolling ${sub}: ${await enrolled.text()}`);
  }
  return { hq, branch, nairobi, seniors, stranger, anchors };
}

/** Issues an Open Badges micro-credential at `node` for an achievement at EQF `level` in `field`. */
export async function issueAt(node: TestNode, level: number, field: string, network: TrustNetwork) {
  const credential = await buildAchievementCredential(
    {
      issuer: { id: node.centre.did, name: { en: "Centre" }, country: "KE" },
      achievement: {
        id: `${node.url}/achievements/water-${level}-${field}`,
        name: { en: "Water management", sw: "Usimamizi wa maji" },
        description: { en: "Managing water for a community" },
        criteria: { narrative: { en: "Passed the final assessment" } },
        sourceLanguage: "en",
        achievementType: "MicroCredential",
        eqfLevel: level,
        fieldOfStudy: field,
      },
      learner: { did: "did:example:amina" },
    },
    { clock: network.clock },
  );
  delete credential.id;
  const response = await node.centre.app.request(`${node.url}/credentials/issue`, {
    method: "POST",
    headers: { authorization: `Bearer ${node.token}`, "content-type": "application/json" },
    body: JSON.stringify({ credential }),
  });
  if (response.status !== 201) throw new Error(`issue failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { verifiableCredential: Record<string, unknown> }).verifiableCredential;
}

/** The trust check of `verifier`'s report on `credential`. */
export async function trustCheckAt(verifier: TestNode, credential: unknown) {
  const response = await verifier.centre.app.request(`${verifier.url}/credentials/verify`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ verifiableCredential: credential }),
  });
  const report = (await response.json()) as VerificationReport;
  const trust = report.checks.find((c) => c.name === "trust");
  if (!trust) throw new Error(`no trust check: ${JSON.stringify(report)}`);
  return { status: response.status, report, trust };
}

export { TRUST_MARK_TYPES };
