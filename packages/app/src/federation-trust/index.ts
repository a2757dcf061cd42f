/** The federation's trust in a centre app: protocol and admin routes, the verifier's trust check. */
import { Hono } from "hono";
import type { AppEnv, ResolvedDeps } from "../deps.ts";
import { federationAdminRoutes } from "./federation-admin-routes.ts";
import { federationProtocolRoutes, KEY_ROLLOVER_PATH, TRUST_MARK_STATUS_PATH } from "./federation-routes.ts";

export {
  type CentreFederationConfig,
  type CentreFederationOptions,
  centreFederation,
  federationKeysOf,
  federationNetworkOf,
} from "./centre-federation.ts";
export { FEDERATION_TRUST_PATHS, FEDERATION_TRUST_SCHEMAS } from "./federation-openapi.ts";
export { achievementFactsOf, federationTrustEvaluator } from "./trust-evaluator.ts";

/** The federation routes when the centre takes part in a federation, else none. */
export function federationTrustRoutes(deps: ResolvedDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  if (!deps.federation) return app;
  return app
    .route("/", federationProtocolRoutes(deps.federation, deps.rateLimit("federation-resolve")))
    .route("/", federationAdminRoutes(deps.federation, deps.apiKeys));
}

/** The routes that take other bodies than JSON, for the JSON content-type guard, when served. */
export function federationFormRoutes(
  deps: Pick<ResolvedDeps, "federation" | "basePath">,
): Record<string, string[]> {
  return deps.federation?.authority.isSuperior
    ? {
        [`POST ${deps.basePath}${TRUST_MARK_STATUS_PATH}`]: ["application/x-www-form-urlencoded"],
        [`POST ${deps.basePath}${KEY_ROLLOVER_PATH}`]: ["application/entity-statement+jwt"],
      }
    : {};
}
export {
  type FederationSettings,
  federationSettingsFrom,
  type SettingProblem,
} from "./settings-from-env.ts";
