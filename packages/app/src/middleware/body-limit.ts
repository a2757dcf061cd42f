/** Caps request bodies (counted while streaming when there is no Content-Length): 413 PAYLOAD_TOO_LARGE. */
import type { MiddlewareHandler } from "hono";
import { bodyLimit as honoBodyLimit } from "hono/body-limit";
import type { AppEnv } from "../deps.ts";
import { ProblemError } from "../problem.ts";

const limitOf = (maxBytes: number): MiddlewareHandler<AppEnv> =>
  honoBodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new ProblemError("PAYLOAD_TOO_LARGE", `the request body exceeds ${maxBytes} bytes`, {
        extras: { maxBytes },
      });
    },
  });

/**
 * Refuses bodies over `maxBytes` with a problem; `routes` gives a route a limit of its own, keyed by method
 * and full path.
 * @example bodyLimit(1 << 20, { "POST /jobs": 16 << 20 })
 */
export function bodyLimit(
  maxBytes: number,
  routes: Readonly<Record<string, number>> = {},
): MiddlewareHandler<AppEnv> {
  const fallback = limitOf(maxBytes);
  const own = new Map(Object.entries(routes).map(([route, max]) => [route, limitOf(max)]));
  return async function bodyLimit(c, next) {
    return (own.get(`${c.req.method} ${c.req.path}`) ?? fallback)(c, next);
  };
}
