/** Caps request bodies (counted while streaming when there is no Content-Length): 413 PAYLOAD_TOO_LARGE. */
import type { MiddlewareHandler } from "hono";
import { bodyLimit as honoBodyLimit } from "hono/body-limit";
import type { AppEnv } from "../deps.ts";
import { ProblemError } from "../problem.ts";

/** Refuses bodies over `maxBytes` with a problem. */
export function bodyLimit(maxBytes: number): MiddlewareHandler<AppEnv> {
  const limit = honoBodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new ProblemError("PAYLOAD_TOO_LARGE", `the request body exceeds ${maxBytes} bytes`, {
        extras: { maxBytes },
      });
    },
  });
  return async function bodyLimit(c, next) {
    return limit(c, next);
  };
}
