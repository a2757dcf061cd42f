/**
 * The centre `pnpm bench --wallets` talks to: assembled in this process as the Node root assembles it (every
 * port on libSQL, a file in WAL mode or `:memory:`, migrations, `assembleCentre`), with a staff key made the
 * way the root registers `ADMIN_TOKEN`, a profile and one achievement to award. Requests go through
 * `app.request()`: no socket, so the figures are the protocols' own cost, not the HTTP server's.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { assembleCentre, type Centre } from "@learnbridge/app";
import { randomBytes } from "@learnbridge/core";
import { createApiKey } from "@learnbridge/issuer";
import { libsqlCentreStores, migrate } from "@learnbridge/store";
import { createClient } from "@libsql/client";

export const CENTRE_URL = "https://centre.example";
/** The achievement every offer awards; its credential configurations are `<slug>_ldp_vc` and `_jwt_vc_json`. */
export const ACHIEVEMENT_SLUG = "digital-skills";
export const ACHIEVEMENT_URL = `${CENTRE_URL}/achievements/${ACHIEVEMENT_SLUG}`;

const ACHIEVEMENT = {
  slug: ACHIEVEMENT_SLUG,
  name: { en: "Digital Skills for Seniors", zh: "老年人数字技能", sw: "Ujuzi wa Kidijitali kwa Wazee" },
  description: { en: "Video calls and mobile payments.", zh: "视频通话和移动支付。" },
  criteria: { narrative: { en: "Completed every session.", zh: "完成全部课程。" } },
  sourceLanguage: "en",
  achievementType: "MicroCredential",
  creditsAvailable: 2,
  ectsCredits: 2,
  eqfLevel: 3,
};
const PROFILE = {
  name: { en: "Nairobi Open Learning Centre", zh: "内罗毕开放学习中心" },
  sourceLanguage: "en",
  country: "KE",
  url: CENTRE_URL,
};

// biome-ignore lint/suspicious/noExplicitAny: JSON answers are checked field by field where they are used.
export type Json = any;

/** What one request answered: status, headers, and the body parsed as JSON when it is JSON, else text. */
export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: Json;
}

export interface RequestOptions {
  readonly method?: string;
  /** A JSON body, or form fields (sent `application/x-www-form-urlencoded`). */
  readonly json?: unknown;
  readonly form?: Record<string, string>;
  /** A bearer token; `staff` uses the centre's staff key. */
  readonly token?: string | "staff";
}

export interface WalletCentre {
  readonly centre: Centre;
  /** One request to the app; `url` is a path or an absolute URL of the centre. */
  request(url: string, options?: RequestOptions): Promise<Answer>;
  close(): Promise<void>;
}

/** Where the centre keeps its data: a fresh libSQL file (as `pnpm start` does) or `:memory:`. */
export type CentreStorage = "file" | "memory";

/** Assembles the centre, registers the staff key, sets the profile and defines the achievement. */
export async function walletCentre(storage: CentreStorage = "file"): Promise<WalletCentre> {
  const dir = storage === "file" ? await mkdtemp(join(tmpdir(), "learnbridge-bench-wallets-")) : undefined;
  const client = createClient({ url: dir ? `file:${join(dir, "centre.db")}` : ":memory:" });
  try {
    if (dir) await client.execute("PRAGMA journal_mode = WAL");
    await migrate(client);
    const stores = libsqlCentreStores(client);
    const centre = await assembleCentre({ publicUrl: CENTRE_URL, stores, masterKey: randomBytes(32) });
    const { token: staffToken } = await createApiKey(stores.apiKeys, {
      name: "bench staff",
      scopes: ["admin"],
    });
    const request = (url: string, options: RequestOptions = {}) =>
      send(centre, url, options.token === "staff" ? { ...options, token: staffToken } : options);
    await expectStatus(request("/profile", { method: "PUT", json: PROFILE, token: "staff" }), 200);
    await expectStatus(request("/achievements", { json: ACHIEVEMENT, token: "staff" }), 201);
    return {
      centre,
      request,
      close: async () => {
        client.close();
        if (dir) await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    client.close();
    if (dir) await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

async function send(centre: Centre, url: string, options: RequestOptions): Promise<Answer> {
  const headers: Record<string, string> = {};
  let body: string | undefined;
  if (options.json !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(options.json);
  } else if (options.form) {
    headers["content-type"] = "application/x-www-form-urlencoded";
    body = new URLSearchParams(options.form).toString();
  }
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const response = await centre.app.request(url, {
    method: options.method ?? (body === undefined ? "GET" : "POST"),
    headers,
    ...(body === undefined ? {} : { body }),
  });
  const text = await response.text();
  const json = /json/.test(response.headers.get("content-type") ?? "");
  return { status: response.status, headers: response.headers, body: json ? JSON.parse(text) : text };
}

/** The answer when it has `status`; otherwise an error naming the request's answer. */
export async function expectStatus(answer: Promise<Answer> | Answer, status: number): Promise<Answer> {
  const got = await answer;
  if (got.status !== status) {
    const body = typeof got.body === "string" ? got.body : JSON.stringify(got.body);
    throw new Error(`expected HTTP ${status}, got ${got.status}: ${body.slice(0, 500)}`);
  }
  return got;
}
