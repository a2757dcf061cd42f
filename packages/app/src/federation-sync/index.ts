/** The follower in a centre app: its assembly, its routes, their OpenAPI description. */
export { type FederationSync, type FederationSyncOptions, federationSync } from "./federation-sync.ts";
export { type PeerKeys, type PeerKeysOptions, peerKeys } from "./peer-keys.ts";
export { FEDERATION_SYNC_PATHS, FEDERATION_SYNC_SCHEMAS } from "./sync-openapi.ts";
export { federationSyncRoutes, peerView } from "./sync-routes.ts";
