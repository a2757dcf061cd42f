/**
 * The caller's address for the audit log. Forwarding headers are believed only when the deployment says a
 * proxy in front overwrites them; otherwise anyone could write any address into the log.
 */
import type { Context, MiddlewareHandler } from "hono";
import type { AppEnv } from "../deps.ts";

// An IPv4 or IPv6 literal, nothing that could smuggle text into a log line.
const ADDRESS = /^[0-9A-Fa-f:.]{2,45}$/;

/** How a runtime root reads the peer's address off the connection (Node: the socket), when it can. */
export type PeerAddress = (c: Context) => string | undefined;

/**
 * Sets `c.var.clientAddress`: behind a trusted proxy from CF-Connecting-IP, else the last X-Forwarded-For
 * hop; otherwise the connection's own peer address when the root can tell it; else `unknown`.
 */
export function clientAddress(
  options: { trustProxy?: boolean; peerAddress?: PeerAddress } = {},
): MiddlewareHandler<AppEnv> {
  return async function clientAddress(c, next) {
    let address: string | undefined;
    if (options.trustProxy) {
      // The last entry is the one our own proxy appended; entries left of it are the client's say-so.
      address = c.req.header("CF-Connecting-IP") ?? c.req.header("X-Forwarded-For")?.split(",").at(-1);
    }
    if (!address && options.peerAddress) {
      try {
        address = options.peerAddress(c);
      } catch {
        address = undefined;
      }
    }
    address = address?.trim();
    c.set("clientAddress", address && ADDRESS.test(address) ? address : "unknown");
    await next();
  };
}
