/**
 * The federation endpoints of OpenID Federation 1.0 that a node serves: its Entity Configuration at
 * `/.well-known/openid-federation`, and under `/federation/` fetch, list, resolve, trust mark status, trust
 * mark, trust-marked listing and historical keys. Errors here are the specification's JSON
 * (`{error, error_description}`, §8.9), not problem documents, because federation peers read them.
 */
import { LearnbridgeError } from "@learnbridge/core";
import {
  ENTITY_STATEMENT_MEDIA_TYPE,
  type FederationNode,
  isEntityId,
  JWK_SET_MEDIA_TYPE,
  RESOLVE_RESPONSE_MEDIA_TYPE,
  TRUST_MARK_MEDIA_TYPE,
  TRUST_MARK_STATUS_MEDIA_TYPE,
} from "@learnbridge/federation";
import { type Context, Hono, type MiddlewareHandler } from "hono";
import type { AppEnv } from "../deps.ts";
import { publicCors } from "../middleware/public-cors.ts";

/** The route that takes a form-encoded body (for the JSON content-type guard). */
export const TRUST_MARK_STATUS_PATH = "/federation/trust_mark_status";
/** The route that takes a subordinate's Entity Configuration after its key rotation (Learnbridge's extension). */
export const KEY_ROLLOVER_PATH = "/federation/key_rollover";

type ErrorStatus = 400 | 401 | 404 | 503;

/** A refused rollover hint as the specification's error (§8.9). */
const ROLLOVER_ERRORS: Partial<Record<string, [ErrorStatus, string]>> = {
  ENTITY_STATEMENT_INVALID: [400, "invalid_request"],
  UNAUTHORIZED: [401, "invalid_client"],
  NOT_FOUND: [404, "not_found"],
  UPSTREAM_UNAVAILABLE: [503, "temporarily_unavailable"],
};
const federationError = (
  c: Context<AppEnv>,
  status: ErrorStatus,
  error: string,
  description: string,
  extra: Record<string, unknown> = {},
) => c.json({ error, error_description: description, ...extra }, status, { "Cache-Control": "no-store" });

const jwt = (c: Context<AppEnv>, body: string, mediaType: string, maxAge = 60) =>
  c.body(body, 200, { "Content-Type": mediaType, "Cache-Control": `public, max-age=${maxAge}` });

/** `sub` (or another entity id parameter) of the query; undefined when missing or malformed. */
const entityParam = (c: Context<AppEnv>, name: string) => {
  const value = c.req.query(name);
  return isEntityId(value) ? value : undefined;
};

/** Public federation endpoints of `federation`. */
export function federationProtocolRoutes(
  federation: FederationNode,
  limitResolve: MiddlewareHandler<AppEnv> = async (_c, next) => next(),
): Hono<AppEnv> {
  const superior = federation.authority.isSuperior;
  const app = new Hono<AppEnv>()
    .use("/.well-known/openid-federation", publicCors())
    .use("/federation/*", publicCors())
    .get("/.well-known/openid-federation", async (c) =>
      jwt(c, await federation.entityConfiguration(), ENTITY_STATEMENT_MEDIA_TYPE, 300),
    )
    .get("/federation/resolve", limitResolve, async (c) => {
      const sub = entityParam(c, "sub");
      const anchors = c.req.queries("trust_anchor") ?? [];
      if (!sub || anchors.length === 0)
        return federationError(c, 400, "invalid_request", "sub and trust_anchor are required entity ids");
      if (!anchors.some((a) => federation.config.trustAnchors.some((t) => t.entityId === a))) {
        return federationError(
          c,
          404,
          "invalid_trust_anchor",
          "none of these trust anchors is configured here",
        );
      }
      const resolved = await federation.resolveResponse(sub, anchors);
      if (!resolved.ok) {
        return federationError(c, 404, "invalid_trust_chain", resolved.reason, { code: resolved.code });
      }
      return jwt(c, resolved.value, RESOLVE_RESPONSE_MEDIA_TYPE);
    })
    .get("/federation/historical_keys", async (c) =>
      jwt(c, await federation.historicalKeys(), JWK_SET_MEDIA_TYPE, 300),
    );
  if (!superior) return app;
  return app
    .get("/federation/fetch", async (c) => {
      const sub = entityParam(c, "sub");
      if (!sub) return federationError(c, 400, "invalid_request", "sub must be an entity id");
      const answer = await federation.authority.subordinateStatement(sub);
      if (answer.found) return jwt(c, answer.jwt, ENTITY_STATEMENT_MEDIA_TYPE);
      // Unsigned, so it can only make a verifier trust less: the precise reason, "suspended", is safe to give.
      return answer.suspended
        ? federationError(c, 404, "not_found", `${sub} is suspended`, { subordinate_status: "suspended" })
        : federationError(c, 404, "not_found", `${sub} is not a subordinate of this entity`);
    })
    .get("/federation/list", async (c) => {
      const flag = (name: string) => {
        const value = c.req.query(name);
        return value === undefined ? undefined : value === "true";
      };
      const type = c.req.query("trust_mark_type");
      const ids = await federation.authority.list({
        entityTypes: c.req.queries("entity_type") ?? [],
        ...(flag("intermediate") !== undefined ? { intermediate: flag("intermediate") } : {}),
        ...(flag("trust_marked") !== undefined ? { trustMarked: flag("trust_marked") } : {}),
        ...(type ? { trustMarkType: type } : {}),
      });
      return c.json(ids, 200, { "Cache-Control": "public, max-age=60" });
    })
    .post(KEY_ROLLOVER_PATH, async (c) => {
      // A subordinate that rotated its key posts its Entity Configuration, signed with a key pinned for it;
      // its keys are then re-read from what it serves.
      const body = (await c.req.text()).trim();
      if (body === "" || body.length > 256 * 1024)
        return federationError(
          c,
          400,
          "invalid_request",
          "the body must be the subordinate's Entity Configuration",
        );
      try {
        return c.json(await federation.authority.acceptRolloverHint(body), 200, {
          "Cache-Control": "no-store",
        });
      } catch (error) {
        const known = error instanceof LearnbridgeError ? ROLLOVER_ERRORS[error.code] : undefined;
        if (!known || !(error instanceof LearnbridgeError)) throw error;
        return federationError(c, known[0], known[1], error.message);
      }
    })
    .post(TRUST_MARK_STATUS_PATH, async (c) => {
      const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
      const mark = form.trust_mark;
      if (typeof mark !== "string" || mark === "" || mark.length > 64 * 1024) {
        return federationError(
          c,
          400,
          "invalid_request",
          "trust_mark is required (application/x-www-form-urlencoded)",
        );
      }
      return c.body(await federation.trustMarks.statusResponse(mark), 200, {
        "Content-Type": TRUST_MARK_STATUS_MEDIA_TYPE,
        "Cache-Control": "no-store",
      });
    })
    .get("/federation/trust_mark", async (c) => {
      const type = c.req.query("trust_mark_type");
      const sub = entityParam(c, "sub");
      if (!type || !sub)
        return federationError(c, 400, "invalid_request", "trust_mark_type and sub are required");
      const mark = await federation.trustMarks.activeMark(type, sub);
      if (!mark)
        return federationError(c, 404, "not_found", `${sub} holds no active ${type} mark from this issuer`);
      return c.body(mark, 200, { "Content-Type": TRUST_MARK_MEDIA_TYPE, "Cache-Control": "no-store" });
    })
    .get("/federation/trust_mark_list", async (c) => {
      const type = c.req.query("trust_mark_type");
      if (!type) return federationError(c, 400, "invalid_request", "trust_mark_type is required");
      const sub = c.req.query("sub");
      return c.json(await federation.trustMarks.markedEntities(type, sub), 200, {
        "Cache-Control": "public, max-age=60",
      });
    });
}
