/** The federation: signed feeds, the follower, HTTP message signatures and OpenID Federation trust. */
export * from "./feed/index.ts";
export * from "./http-signature/index.ts";
export * from "./sync/index.ts";
export * from "./trust/index.ts";
