/**
 * Staff routes: an API key as a bearer token (RFC 6750), holding one of the scopes the route needs.
 * 401 with WWW-Authenticate for a missing, unknown or revoked key; 403 for a key without the scope.
 * Authenticated answers are never stored by caches.
 */
import { type ApiKeyRepository, authenticate, hasScope, type Scope } from "@learnbridge/issuer";
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../deps.ts";
import { ProblemError } from "../problem.ts";

const REALM = 'Bearer realm="learnbridge"';

/** Requires a bearer key holding any one of `scopes`; sets `c.var.apiKey`. */
export function requireScope(apiKeys: ApiKeyRepository, ...scopes: Scope[]): MiddlewareHandler<AppEnv> {
  if (scopes.length === 0) throw new TypeError("requireScope: name at least one scope");
  return async function requireScope(c, next) {
    const header = c.req.header("Authorization");
    const token = /^Bearer +([^\s]+) *$/i.exec(header ?? "")?.[1];
    if (!token) {
      throw new ProblemError("UNAUTHORIZED", "a bearer API key is required", {
        headers: { "WWW-Authenticate": REALM },
      });
    }
    const key = await authenticate(apiKeys, token);
    if (!key) {
      throw new ProblemError("UNAUTHORIZED", "the API key is unknown or revoked", {
        headers: { "WWW-Authenticate": `${REALM}, error="invalid_token"` },
      });
    }
    if (!scopes.some((scope) => hasScope(key, scope))) {
      const needed = scopes.join(" ");
      throw new ProblemError("FORBIDDEN", `this API key lacks the scope: ${scopes.join(" or ")}`, {
        headers: { "WWW-Authenticate": `${REALM}, error="insufficient_scope", scope="${needed}"` },
        extras: { requiredScopes: scopes },
      });
    }
    c.set("apiKey", key);
    await next();
    c.header("Cache-Control", "private, no-store");
  };
}
