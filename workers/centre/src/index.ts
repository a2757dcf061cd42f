/**
 * The Worker root: one centre on Cloudflare Workers with a remote libSQL database (Turso or sqld). Bindings
 * exist per request, so the centre is built inside `fetch()` on first use and kept for the isolate's life,
 * keyed by the configuration it was built from; migrations run once per isolate.
 */
import { assembleCentre, type Centre, PROBLEM_MEDIA_TYPE, PROBLEM_TYPE_BASE } from "@learnbridge/app";
import { MESSAGES } from "@learnbridge/i18n";
import { registerApiToken } from "@learnbridge/issuer";
import { libsqlCentreStores, migrate } from "@learnbridge/store";
import { createClient } from "@libsql/client/web";
import type { ExecutionContext } from "hono";
import { type CentreEnv, type ConfigProblem, readConfig, type WorkerConfig } from "./config.ts";

let built: { readonly key: string; readonly centre: Promise<Centre> } | undefined;

/** How long one invocation works on bulk jobs; the Cron Trigger (wrangler.toml) resumes them each minute. */
const JOB_RUN_BUDGET_MS = 25_000;

export default {
  async fetch(request: Request, env: CentreEnv, ctx: ExecutionContext): Promise<Response> {
    const read = readConfig(env);
    if (!read.ok) {
      console.error(`learnbridge: invalid configuration\n${describe(read.problems)}`);
      return internalProblem(`invalid configuration: ${describe(read.problems)}`, {
        problems: read.problems,
      });
    }
    let centre: Centre;
    try {
      centre = await centreFor(read.config);
    } catch (error) {
      console.error("learnbridge: the centre could not start", error);
      return internalProblem("the centre could not start (database unreachable?); it has been logged");
    }
    // The app gets no bindings: secrets stay in this root.
    return centre.app.fetch(request, {}, ctx);
  },

  /**
   * The Cron Trigger: resumes bulk jobs that an earlier invocation's budget left unfinished, pulls the
   * followed feeds that are due, announces the centre's own feed to its peers, and deletes expired
   * presentation results.
   */
  async scheduled(_controller: unknown, env: CentreEnv, ctx: ExecutionContext): Promise<void> {
    const read = readConfig(env);
    if (!read.ok) {
      console.error(`learnbridge: invalid configuration\n${describe(read.problems)}`);
      return;
    }
    const centre = await centreFor(read.config);
    ctx.waitUntil(centre.jobRunner.resume());
    if (centre.federationSync) ctx.waitUntil(centre.federationSync.runDue());
    // Employers' presentation results are deleted once they expire.
    ctx.waitUntil(centre.purgePresentationRequests());
  },
};

/** The centre for `config`, built once per isolate; a failed build is forgotten so the next request retries. */
function centreFor(config: WorkerConfig): Promise<Centre> {
  if (built?.key !== config.cacheKey) {
    const centre = buildCentre(config);
    built = { key: config.cacheKey, centre };
    centre.catch(() => {
      if (built?.centre === centre) built = undefined;
    });
  }
  return built.centre;
}

async function buildCentre(config: WorkerConfig): Promise<Centre> {
  const client = createClient({
    url: config.databaseUrl,
    ...(config.databaseAuthToken ? { authToken: config.databaseAuthToken } : {}),
  });
  await migrate(client);
  // Presentation challenges live in the database too, so any isolate accepts one another isolate issued.
  const stores = libsqlCentreStores(client);
  // No `network.resolveHost`: Workers have no DNS API, and Cloudflare's fetch never reaches private addresses.
  const centre = await assembleCentre({
    publicUrl: config.publicUrl,
    stores,
    masterKey: config.masterKey,
    // Cloudflare's edge sets CF-Connecting-IP itself; a client cannot forge it.
    trustProxy: true,
    // Bulk job work runs in waitUntil, which ends about 30 s after the response: stop taking rows before.
    jobRunBudgetMs: JOB_RUN_BUDGET_MS,
    offers: { preAuthorizedCodeLifetimeMs: config.preAuthorizedCodeLifetimeMs },
    oid4vp: { responseMode: config.oid4vpResponseMode },
    // In the database, so one budget holds across isolates (RATE_LIMIT_PER_MINUTE; on by default).
    rateLimits: { perMinute: config.rateLimitPerMinute },
    ...(config.federation ? { federation: config.federation } : {}),
    ...(config.sync ? { sync: config.sync } : {}),
  });
  // Another isolate may race us to it; registerApiToken tolerates that.
  if (config.adminToken) {
    await registerApiToken(stores.apiKeys, config.adminToken, {
      name: "bootstrap admin (ADMIN_TOKEN)",
      scopes: ["admin"],
    });
  }
  return centre;
}

function describe(problems: readonly ConfigProblem[]): string {
  return problems.map((p) => `${p.variable}: ${p.reason}`).join("; ");
}

/** An RFC 9457 problem for failures before the app exists (the app renders every other one). */
function internalProblem(detail: string, extras: Record<string, unknown> = {}): Response {
  const body = {
    type: `${PROBLEM_TYPE_BASE}INTERNAL`,
    title: MESSAGES.en.error.INTERNAL,
    status: 500,
    code: "INTERNAL",
    detail,
    ...extras,
  };
  return new Response(JSON.stringify(body), {
    status: 500,
    headers: { "Content-Type": PROBLEM_MEDIA_TYPE, "Content-Language": "en", "Cache-Control": "no-store" },
  });
}
