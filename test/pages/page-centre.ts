/**
 * Test support for the page tests: a centre assembled as the Node root assembles it (libSQL stores on a
 * migrated file, one writer), served over real HTTP on 127.0.0.1 at an ephemeral port, with a profile, a
 * multilingual achievement, staff's token and a clock the test can set back (to make an offer that has
 * since expired). Its did:web is the loopback origin, so a wallet and the centre itself resolve it over HTTP.
 */
import { assembleCentre, type Centre } from "../../packages/app/src/index.ts";
import { randomBytes } from "../../packages/core/src/index.ts";
import { createApiKey } from "../../packages/issuer/src/index.ts";
import { libsqlCentreStores, migrate } from "../../packages/store/src/index.ts";
import type { LibsqlBackend } from "../../packages/store/src/testing/index.ts";
import { serveOnLoopback } from "../../packages/wallet/src/testing/serve.ts";

export const SLUG = "digital-skills";
const ACHIEVEMENT = {
  slug: SLUG,
  name: {
    en: "Digital Skills for Seniors",
    zh: "老年人数字技能",
    sw: "Ujuzi wa Kidijitali kwa Wazee",
    ar: "المهارات الرقمية لكبار السن",
  },
  description: { en: "Video calls and mobile payments.", zh: "视频通话和移动支付。" },
  criteria: { narrative: { en: "Completed every session.", zh: "完成全部课程。" } },
  sourceLanguage: "en",
  achievementType: "MicroCredential",
  ectsCredits: 2,
  workloadHours: 50,
  eqfLevel: 3,
};
const PROFILE = {
  name: { en: "Nairobi Open Learning Centre", zh: "内罗毕开放学习中心", sw: "Kituo cha Elimu Huria Nairobi" },
  sourceLanguage: "en",
  country: "KE",
  email: "help@nairobi.example",
};

/** What POST /oid4vci/offers answers (the fields these tests read). */
export interface CreatedOffer {
  readonly id: string;
  readonly offerUri: string;
  readonly claimUrl: string;
  readonly pin?: string;
}

/** A running centre: its origin, the assembled centre, and staff's way to make offers. */
export interface PageCentre {
  readonly url: string;
  readonly centre: Centre;
  /** Makes an offer through the API as staff would, for a learner speaking `language`. */
  offer(learner: { name: string; language: string }, extra?: Record<string, unknown>): Promise<CreatedOffer>;
  /** Runs `action` with the centre's clock `ms` in the past. */
  inThePast<T>(ms: number, action: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

async function call(url: string, token: string, method: string, body: unknown) {
  const response = await fetch(url, {
    method,
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${text}`);
  return JSON.parse(text) as unknown;
}

/** Starts a centre on a fresh database of `backend` (a libsqlBackends() entry). */
export async function startPageCentre(backend: LibsqlBackend): Promise<PageCentre> {
  let offsetMs = 0;
  const clock = () => new Date(Date.now() - offsetMs);
  let handle: (request: Request) => Response | Promise<Response> = () =>
    new Response("starting", { status: 503 });
  const server = await serveOnLoopback((request) => handle(request));
  const client = await backend.open();
  await migrate(client);
  const stores = libsqlCentreStores(client, { oneWriter: true });
  const loopbackOnly = (host: string) => /^127\.0\.0\.1:\d+$/.test(host);
  const centre = await assembleCentre({
    publicUrl: server.url,
    stores,
    masterKey: randomBytes(32),
    clock,
    // The centre verifies presentations of its own credentials: its did:web and status lists are on loopback.
    network: { allowPrivateNetwork: true, allowHttp: loopbackOnly },
  });
  handle = (request) => centre.app.fetch(request);
  const { token } = await createApiKey(stores.apiKeys, {
    name: "pages",
    scopes: ["admin", "issue", "achievements"],
  });
  await call(`${server.url}/profile`, token, "PUT", PROFILE);
  await call(`${server.url}/achievements`, token, "POST", ACHIEVEMENT);
  return {
    url: server.url,
    centre,
    offer: async (learner, extra = {}) =>
      (await call(`${server.url}/oid4vci/offers`, token, "POST", {
        achievement: SLUG,
        learner,
        ...extra,
      })) as CreatedOffer,
    async inThePast(ms, action) {
      offsetMs = ms;
      try {
        return await action();
      } finally {
        offsetMs = 0;
      }
    },
    close: () => server.close(),
  };
}
