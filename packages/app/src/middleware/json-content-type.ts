/** Request bodies must be JSON (`application/json` or any `application/*+json`): else 415. */
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../deps.ts";
import { ProblemError } from "../problem.ts";

const JSON_MEDIA_TYPE = /^application\/(?:[\w.+-]+\+)?json$/;

/** True for a JSON media type, parameters (charset) aside. */
export const isJsonMediaType = (contentType: string | undefined): boolean =>
  JSON_MEDIA_TYPE.test(contentType?.split(";")[0]?.trim().toLowerCase() ?? "");

/** Refuses a request that carries a body of another media type; bodiless requests pass. */
export function jsonContentType(): MiddlewareHandler<AppEnv> {
  return async function jsonContentType(c, next) {
    const contentType = c.req.header("Content-Type");
    const length = c.req.header("Content-Length");
    // Over HTTP/1.1 a body needs a length or chunked encoding; a POST with neither (and no type) has none,
    // even though the Node adapter hands the app a (empty) body stream for it.
    const framed = length !== undefined || c.req.header("Transfer-Encoding") !== undefined;
    const hasBody = c.req.raw.body !== null && length !== "0" && (framed || contentType !== undefined);
    if (hasBody && !isJsonMediaType(contentType)) {
      throw new ProblemError(
        "UNSUPPORTED_MEDIA_TYPE",
        `expected application/json, got ${contentType ?? "none"}`,
        {
          headers: { "Accept-Post": "application/json" },
        },
      );
    }
    await next();
  };
}
