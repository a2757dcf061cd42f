/**
 * CORS for the public endpoints (verify, challenges, status lists, DID document, OpenAPI): any origin, no
 * credentials. Staff routes get no CORS at all: they are for servers and same-origin pages.
 */
import type { MiddlewareHandler } from "hono";
import { cors } from "hono/cors";
import type { AppEnv } from "../deps.ts";

/** `Access-Control-Allow-Origin: *` for GET and POST with a JSON body. */
export function publicCors(): MiddlewareHandler<AppEnv> {
  const handler = cors({
    origin: "*",
    allowMethods: ["GET", "POST"],
    allowHeaders: ["Content-Type", "Accept-Language"],
    exposeHeaders: ["X-Request-Id", "Content-Language", "Location", "Retry-After"],
    maxAge: 600,
  });
  return async function publicCors(c, next) {
    return handler(c, next);
  };
}
