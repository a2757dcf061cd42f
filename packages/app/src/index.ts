/**
 * @learnbridge/app: a centre node's HTTP API (VC API issue, verify, status, challenges; DID document; status
 * lists; OpenAPI), its middleware and its one problem-details error handler. The two roots build the deps.
 */

export { createCentreApp } from "./app.ts";
export { type AssembleOptions, assembleCentre, type Centre, type CentreStores } from "./assemble.ts";
export {
  type ChallengeStore,
  type IssuedChallenge,
  MemoryChallengeStore,
  type MemoryChallengeStoreOptions,
} from "./challenges.ts";
export { type AppEnv, type CentreAppDeps, statusBaseUrlOf } from "./deps.ts";
export type { CentreFederationConfig } from "./federation-trust/centre-federation.ts";
export {
  type FederationSettings,
  type FederationSyncSettings,
  federationSettingsFrom,
  type SettingProblem,
} from "./federation-trust/settings-from-env.ts";
export {
  DEFAULT_RATE_LIMIT_PER_MINUTE,
  type RateLimitSettings,
  rateLimitSettingsFrom,
} from "./middleware/rate-limit-settings.ts";
export { type OfferSettings, offerSettingsFrom } from "./oid4vci/offer-settings-from-env.ts";
export { type Oid4vpSettings, oid4vpSettingsFrom } from "./oid4vp/oid4vp-settings-from-env.ts";
export { openApiDocument } from "./openapi.ts";
export { PROBLEM_MEDIA_TYPE, PROBLEM_TYPE_BASE, ProblemError } from "./problem.ts";
export { StatusListPublisher, type StatusListPublisherOptions } from "./status-publisher.ts";
