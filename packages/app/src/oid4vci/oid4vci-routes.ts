/**
 * The offer feature of a centre app: staff offers, the learner's claim page, and the OpenID4VCI issuer.
 * `oid4vciRoutes` mounts under the centre's path with the other features; `oid4vciRootRoutes` at the origin
 * root, for the well-known metadata. Both are empty when the centre makes no offers (`deps.offers` unset).
 */
import { Hono } from "hono";
import type { AppEnv, ResolvedDeps } from "../deps.ts";
import { claimRoutes } from "./claim-routes.ts";
import { offerServicesOf } from "./offer-feature.ts";
import { offerRoutes } from "./offer-routes.ts";
import { protocolRoutes, tokenEndpointBusy } from "./protocol-routes.ts";
import { legacyWellKnownRoutes, wellKnownRoutes } from "./well-known-routes.ts";

export { oid4vciFormRoutes } from "./protocol-routes.ts";

/** The routes below the centre's path. */
export function oid4vciRoutes(deps: ResolvedDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const services = offerServicesOf(deps);
  if (!services) return app;
  return app
    .route("/", offerRoutes(deps, services))
    .route("/", protocolRoutes(services, deps.rateLimit("claim", tokenEndpointBusy)))
    .route("/", claimRoutes(deps, services))
    .route("/", legacyWellKnownRoutes(deps, services));
}

/** The routes at the origin root: the metadata documents. */
export function oid4vciRootRoutes(deps: ResolvedDeps): Hono<AppEnv> {
  const services = offerServicesOf(deps);
  return services ? wellKnownRoutes(deps, services) : new Hono<AppEnv>();
}
