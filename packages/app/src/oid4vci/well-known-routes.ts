/**
 * The metadata a wallet reads first: `/.well-known/openid-credential-issuer` and
 * `/.well-known/oauth-authorization-server`. For a centre under a path (`https://host/lahore`) they live
 * where OID4VCI 1.0 §12.2.2 and RFC 8414 §3.1 put them, between the host and the path
 * (`/.well-known/openid-credential-issuer/lahore`): this app is mounted at the origin root for them. Older
 * wallets append the segment instead (`/lahore/.well-known/…`); `legacyWellKnownRoutes` answers those.
 */
import { authorizationServerMetadata, credentialIssuerMetadata } from "@learnbridge/exchange";
import { type Context, Hono } from "hono";
import type { AppEnv, ResolvedDeps } from "../deps.ts";
import { publicCors } from "../middleware/public-cors.ts";
import type { OfferServices } from "./offer-feature.ts";

export const ISSUER_METADATA = "openid-credential-issuer";
export const AS_METADATA = "oauth-authorization-server";

function metadataHandlers(deps: ResolvedDeps, services: OfferServices) {
  return {
    issuer: async (c: Context<AppEnv>) => {
      const metadata = await credentialIssuerMetadata({
        publicUrl: deps.publicUrl,
        achievements: services.context.achievements,
        profile: await deps.profile.get(),
        signingAlgorithm: (await deps.keys.activeKey()).algorithm,
      });
      // Every language is sent, whatever Accept-Language asked (OID4VCI 1.0 §12.2.2 allows it).
      return c.json(metadata, 200, { "Cache-Control": "public, max-age=60" });
    },
    authorizationServer: (c: Context<AppEnv>) =>
      c.json(authorizationServerMetadata(deps.publicUrl), 200, { "Cache-Control": "public, max-age=3600" }),
  };
}

/** The metadata at the paths the specifications name: mount at the origin root ("/"). */
export function wellKnownRoutes(deps: ResolvedDeps, services: OfferServices): Hono<AppEnv> {
  const handlers = metadataHandlers(deps, services);
  const issuerPath = `/.well-known/${ISSUER_METADATA}${deps.basePath}`;
  const asPath = `/.well-known/${AS_METADATA}${deps.basePath}`;
  return new Hono<AppEnv>()
    .use(issuerPath, publicCors())
    .use(asPath, publicCors())
    .get(issuerPath, handlers.issuer)
    .get(asPath, handlers.authorizationServer);
}

/** For a centre under a path only: the same metadata at `<path>/.well-known/…`, mounted under the path. */
export function legacyWellKnownRoutes(deps: ResolvedDeps, services: OfferServices): Hono<AppEnv> {
  const handlers = metadataHandlers(deps, services);
  const app = new Hono<AppEnv>();
  if (deps.basePath === "") return app;
  return app
    .use(`/.well-known/${ISSUER_METADATA}`, publicCors())
    .use(`/.well-known/${AS_METADATA}`, publicCors())
    .get(`/.well-known/${ISSUER_METADATA}`, handlers.issuer)
    .get(`/.well-known/${AS_METADATA}`, handlers.authorizationServer);
}
