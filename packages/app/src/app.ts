/**
 * `createCentreApp(deps)`: a centre node's HTTP API as one Hono app, Web Standards only, so the Node root and
 * the Workers root serve the same object. Routes live under the path of `publicUrl`, so every URL the centre
 * publishes (DID document, status lists, Location headers) is one this app answers.
 */
import type { ErrorCode } from "@learnbridge/core";
import { Hono } from "hono";
import { requestId } from "hono/request-id";
import { secureHeaders } from "hono/secure-headers";
import { courseRoutes } from "./catalogue/course-routes.ts";
import { type AppEnv, type CentreAppDeps, resolveDeps, statusBaseUrlOf } from "./deps.ts";
import { feedRoutes } from "./federation-feed/feed-routes.ts";
import { federationSyncRoutes } from "./federation-sync/sync-routes.ts";
import { federationFormRoutes, federationTrustRoutes } from "./federation-trust/index.ts";
import { bodyLimit } from "./middleware/body-limit.ts";
import { clientAddress } from "./middleware/client-address.ts";
import { jsonContentType } from "./middleware/json-content-type.ts";
import { language } from "./middleware/language.ts";
import { oid4vciFormRoutes, oid4vciRootRoutes, oid4vciRoutes } from "./oid4vci/oid4vci-routes.ts";
import { oid4vpFormRoutes, oid4vpRoutes } from "./oid4vp/routes.ts";
import { type ProblemTitles, problemErrorHandler, problemNotFound } from "./problem.ts";
import { achievementRoutes } from "./routes/achievements.ts";
import { achievementIssueRoutes } from "./routes/achievements-issue.ts";
import { apiKeyRoutes } from "./routes/api-keys.ts";
import { auditRoutes } from "./routes/audit.ts";
import { challengeRoutes } from "./routes/challenges.ts";
import { credentialRecordRoutes } from "./routes/credential-records.ts";
import { credentialStatusRoutes } from "./routes/credential-status.ts";
import { didDocumentRoutes } from "./routes/did-document.ts";
import { healthRoutes } from "./routes/health.ts";
import { issueCredentialRoutes } from "./routes/issue-credential.ts";
import { jobLimitsOf, jobRoutes } from "./routes/jobs.ts";
import { keyRoutes } from "./routes/keys.ts";
import { openApiRoutes } from "./routes/openapi.ts";
import { profileRoutes } from "./routes/profile.ts";
import { statusListRoutes } from "./routes/status-lists.ts";
import { verifyCredentialRoutes } from "./routes/verify-credential.ts";
import { verifyPresentationRoutes } from "./routes/verify-presentation.ts";
import { catalogueSearchRoutes } from "./search/search-routes.ts";
import { StatusListPublisher } from "./status-publisher.ts";
import { vcApiExchangeFeature } from "./vc-api/exchange-routes.ts";

/**
 * Builds a centre's app; throws a TypeError when the deps do not fit together.
 * @example export default { fetch: createCentreApp(deps).fetch }
 */
export function createCentreApp(input: CentreAppDeps): Hono<AppEnv> {
  const deps = resolveDeps(input);
  const { i18n } = deps;
  const titles: ProblemTitles = (lang, code: ErrorCode) => i18n.getFixedT(lang)(`error.${code}`);
  const publisher = new StatusListPublisher({
    keys: deps.keys,
    statusLists: deps.statusLists,
    statusBaseUrl: statusBaseUrlOf(deps.publicUrl),
    clock: deps.clock,
    ttlMs: deps.statusListCacheMs ?? 60_000,
  });

  const postJobs = `POST ${deps.basePath}/jobs`;
  const app = new Hono<AppEnv>();
  app.use(
    requestId(),
    secureHeaders({
      // JSON only today: nothing to run, nothing to frame. Public documents may be fetched from anywhere.
      contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
      crossOriginResourcePolicy: "cross-origin",
      // A page that needs more than this sets its own CSP, which is kept (the claim page: its hashed style).
      overwrite: false,
    }),
    language(),
    clientAddress({
      trustProxy: deps.trustProxy ?? false,
      ...(deps.peerAddress ? { peerAddress: deps.peerAddress } : {}),
    }),
    bodyLimit(deps.maxBodyBytes, { [postJobs]: jobLimitsOf(deps).maxBodyBytes }),
    // A bulk job is most often a spreadsheet export: POST /jobs also takes text/csv, and parses it itself.
    // OpenID4VP answers (direct_post) and the request form are form-encoded.
    jsonContentType({
      [postJobs]: ["text/csv"],
      ...(deps.oid4vp ? oid4vpFormRoutes(deps.basePath) : {}),
      // OpenID4VCI token requests are form-encoded.
      ...(deps.offers ? oid4vciFormRoutes(deps.basePath) : {}),
      // The federation's trust mark status endpoint takes a form (OpenID Federation §8.4.1).
      ...federationFormRoutes(deps),
    }),
  );
  const features = [
    healthRoutes(),
    didDocumentRoutes(deps),
    openApiRoutes(deps),
    challengeRoutes(deps),
    verifyCredentialRoutes(deps),
    verifyPresentationRoutes(deps),
    issueCredentialRoutes(deps),
    credentialStatusRoutes(deps, publisher),
    credentialRecordRoutes(deps),
    statusListRoutes(publisher),
    achievementRoutes(deps),
    achievementIssueRoutes(deps),
    profileRoutes(deps),
    apiKeyRoutes(deps),
    auditRoutes(deps),
    keyRoutes(deps),
    jobRoutes(deps),
    oid4vciRoutes(deps),
    ...(deps.oid4vp ? [oid4vpRoutes(deps)] : []),
    ...vcApiExchangeFeature(deps),
    catalogueSearchRoutes(deps),
    ...(deps.catalogue ? [courseRoutes(deps, deps.catalogue), feedRoutes(deps, deps.catalogue.feed)] : []),
    federationTrustRoutes(deps),
    ...(deps.federationSync ? [federationSyncRoutes(deps, deps.federationSync)] : []),
  ];
  for (const feature of features) app.route(deps.basePath || "/", feature);
  // OpenID4VCI metadata sits between the host and the centre's path (RFC 8414 §3.1), so at the origin root.
  app.route("/", oid4vciRootRoutes(deps));
  app.onError(problemErrorHandler(titles, deps.logError));
  app.notFound(problemNotFound(titles));
  return app;
}
