/**
 * Request bodies must be JSON (`application/json` or any `application/*+json`): else 415. A route may take
 * other media types as well, named in `alsoAccepted` by method and full path; it then reads them itself.
 */
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../deps.ts";
import { ProblemError } from "../problem.ts";

const JSON_MEDIA_TYPE = /^application\/(?:[\w.+-]+\+)?json$/;

/** The media type of a Content-Type header, lower-cased, without parameters. */
export const mediaTypeOf = (contentType: string | undefined): string =>
  contentType?.split(";")[0]?.trim().toLowerCase() ?? "";

/** True for a JSON media type, parameters (charset) aside. */
export const isJsonMediaType = (contentType: string | undefined): boolean =>
  JSON_MEDIA_TYPE.test(mediaTypeOf(contentType));

/**
 * Refuses a request that carries a body of another media type; bodiless requests pass.
 * @example jsonContentType({ "POST /jobs": ["text/csv"] })
 */
export function jsonContentType(
  alsoAccepted: Readonly<Record<string, readonly string[]>> = {},
): MiddlewareHandler<AppEnv> {
  return async function jsonContentType(c, next) {
    const contentType = c.req.header("Content-Type");
    const length = c.req.header("Content-Length");
    // Over HTTP/1.1 a body needs a length or chunked encoding; a POST with neither (and no type) has none,
    // even though the Node adapter hands the app a (empty) body stream for it.
    const framed = length !== undefined || c.req.header("Transfer-Encoding") !== undefined;
    const hasBody = c.req.raw.body !== null && length !== "0" && (framed || contentType !== undefined);
    const others = alsoAccepted[`${c.req.method} ${c.req.path}`] ?? [];
    if (hasBody && !isJsonMediaType(contentType) && !others.includes(mediaTypeOf(contentType))) {
      const accepted = ["application/json", ...others].join(", ");
      throw new ProblemError("UNSUPPORTED_MEDIA_TYPE", `expected ${accepted}, got ${contentType ?? "none"}`, {
        headers: { "Accept-Post": accepted },
      });
    }
    await next();
  };
}
