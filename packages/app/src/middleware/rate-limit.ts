/**
 * Rate limits on the public endpoints that cost the centre real work (verification, presentation requests,
 * trust-chain resolution, the PIN form and the token endpoint): fixed one-minute windows per route group and
 * client address, counted in the database so that every process and Worker isolate shares one budget.
 * Over the budget: 429 RATE_LIMITED with Retry-After, and the route does nothing.
 */

import type { Clock } from "@learnbridge/core";
import {
  API_TOKEN_PATTERN,
  type ApiKeyRepository,
  authenticate,
  type RateLimitStore,
} from "@learnbridge/issuer";
import type { Context, MiddlewareHandler } from "hono";
import type { AppEnv } from "../deps.ts";
import { ProblemError } from "../problem.ts";
import type { RateLimitBudgets, RateLimitGroup } from "./rate-limit-settings.ts";

const WINDOW_MS = 60_000;

/** The counts and each group's budget; a budget of 0 leaves its group unlimited. */
export interface RateLimitFeature {
  readonly store: RateLimitStore;
  readonly budgets: RateLimitBudgets;
  /** Where a failing store is reported; default `console.warn`. */
  readonly logWarning?: (message: string, error: unknown) => void;
}

/**
 * What a route answers instead of the problem document when its caller is over the budget (a person at a
 * form reads a page, an OAuth client an OAuth error); undefined keeps the problem document. `Retry-After`
 * is set on it as on the problem.
 */
export type LimitedAnswer = (
  c: Context<AppEnv>,
  retryAfter: number,
) => Response | undefined | Promise<Response | undefined>;

/** Gives a route group's middleware: `limit("verify")`, or a page's `limit("claim", answer)`. */
export type RateLimiter = (group: RateLimitGroup, answer?: LimitedAnswer) => MiddlewareHandler<AppEnv>;

const unlimited: MiddlewareHandler<AppEnv> = async function unlimited(_c, next) {
  await next();
};

/**
 * The limiter of one app. Without `feature` every group is unlimited (tests and embedders that did not
 * ask for limits); the runtime roots turn it on.
 * @example const limit = rateLimiter(feature, { apiKeys, clock }); app.post("/credentials/verify", limit("verify"), handler)
 */
export function rateLimiter(
  feature: RateLimitFeature | undefined,
  context: { readonly apiKeys: ApiKeyRepository; readonly clock: Clock },
): RateLimiter {
  if (!feature) return () => unlimited;
  const warn = feature.logWarning ?? ((message, error) => console.warn(message, error));
  // Old windows go opportunistically: the first request of each new minute in this process or isolate
  // deletes the earlier ones (an indexed range delete), so no timer or cron is needed for them.
  let purgedBefore = 0;
  const purge = async (windowStart: number) => {
    if (windowStart <= purgedBefore) return;
    purgedBefore = windowStart;
    try {
      await feature.store.purge(windowStart);
    } catch (error) {
      warn("rate limits: old windows could not be deleted", error);
    }
  };

  return (group, answer) => {
    const limit = feature.budgets[group];
    if (!limit) return unlimited;
    return async function rateLimit(c, next) {
      if (await isStaff(c, context.apiKeys)) return next();
      const now = context.clock().getTime();
      const windowStart = now - (now % WINDOW_MS);
      // Behind no trusted proxy and with no peer address from the root, every caller is "unknown": they
      // share one budget rather than none, since an unlimited "unknown" would let anyone skip the limit
      // by hiding their address. The roots tell the address (Node: the socket; Workers: CF-Connecting-IP).
      const client = c.get("clientAddress") || "unknown";
      let count: number;
      try {
        count = await feature.store.hit(group, client, windowStart);
      } catch (error) {
        // Fail open: a database hiccup must not take verification down; the limit is a guard, not a gate.
        warn(`rate limits: the store failed; ${group} request from ${client} let through`, error);
        return next();
      }
      await purge(windowStart);
      if (count > limit) {
        const retryAfter = Math.max(1, Math.ceil((windowStart + WINDOW_MS - now) / 1000));
        const response = await answer?.(c, retryAfter);
        if (response) {
          response.headers.set("Retry-After", String(retryAfter));
          return response;
        }
        throw new ProblemError(
          "RATE_LIMITED",
          `at most ${limit} such requests per minute from one address; try again in ${retryAfter} s`,
          { headers: { "Retry-After": String(retryAfter) }, extras: { limit, retryAfter } },
        );
      }
      return next();
    };
  };
}

/** True for a request carrying a working staff key: staff tools and HR integrations are not limited. */
async function isStaff(c: Context<AppEnv>, apiKeys: ApiKeyRepository): Promise<boolean> {
  const token = /^Bearer +([^\s]+) *$/i.exec(c.req.header("Authorization") ?? "")?.[1];
  if (!token || !API_TOKEN_PATTERN.test(token)) return false;
  try {
    return (await authenticate(apiKeys, token)) !== undefined;
  } catch {
    return false;
  }
}
