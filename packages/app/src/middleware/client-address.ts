/**
 * The caller's address for the audit log. Forwarding headers are believed only when the deployment says a
 * proxy in front overwrites them; otherwise anyone could write any address into the log.
 */
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../deps.ts";

// An IPv4 or IPv6 literal, nothing that could smuggle text into a log line.
const ADDRESS = /^[0-9A-Fa-f:.]{2,45}$/;

/** Sets `c.var.clientAddress` from CF-Connecting-IP, else the last X-Forwarded-For hop, else `unknown`. */
export function clientAddress(options: { trustProxy?: boolean } = {}): MiddlewareHandler<AppEnv> {
  return async function clientAddress(c, next) {
    let address: string | undefined;
    if (options.trustProxy) {
      // The last entry is the one our own proxy appended; entries left of it are the client's say-so.
      address = c.req.header("CF-Connecting-IP") ?? c.req.header("X-Forwarded-For")?.split(",").at(-1);
    }
    address = address?.trim();
    c.set("clientAddress", address && ADDRESS.test(address) ? address : "unknown");
    await next();
  };
}
