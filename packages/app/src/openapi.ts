/**
 * The OpenAPI 3.1 description of a centre's HTTP API, served at `/openapi.json`. A test checks that every
 * route the app registers is described here. Paths are relative to the server URL (the centre's publicUrl).
 */

import { CATALOGUE_PATHS, CATALOGUE_SCHEMAS } from "./catalogue/catalogue-openapi.ts";
import { FEED_PATHS, FEED_SCHEMAS } from "./federation-feed/feed-openapi.ts";
import { FEDERATION_SYNC_PATHS, FEDERATION_SYNC_SCHEMAS } from "./federation-sync/sync-openapi.ts";
import { FEDERATION_TRUST_PATHS, FEDERATION_TRUST_SCHEMAS } from "./federation-trust/federation-openapi.ts";
import { OID4VCI_SCHEMAS, oid4vciPaths } from "./oid4vci/oid4vci-openapi.ts";
import { OID4VP_PATHS, OID4VP_SCHEMAS } from "./oid4vp/oid4vp-openapi.ts";
import { RATE_LIMITED } from "./openapi-fragments.ts";
import { API_SCHEMAS } from "./openapi-schemas.ts";
import { ACHIEVEMENT_PATHS, ACHIEVEMENT_SCHEMAS } from "./routes/achievements-openapi.ts";
import { STAFF_ADMIN_PATHS, STAFF_ADMIN_SCHEMAS } from "./routes/api-keys-openapi.ts";
import { JOB_PATHS, JOB_SCHEMAS } from "./routes/jobs-openapi.ts";
import { SEARCH_PATHS, SEARCH_SCHEMAS } from "./search/search-openapi.ts";
import { VC_API_EXCHANGE_PATHS, VC_API_EXCHANGE_SCHEMAS } from "./vc-api/exchange-openapi.ts";

type Json = Record<string, unknown>;
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: Json, mediaType = "application/json") => ({ content: { [mediaType]: { schema } } });
const problem = (description: string) => ({
  description,
  ...json(ref("Problem"), "application/problem+json"),
});
const body = (name: string) => ({ required: true, ...json(ref(name)) });
const STAFF = (scopes: string) => ({
  security: [{ apiKey: [] }],
  description: `Staff: an API key with ${scopes}.`,
});
const STAFF_ERRORS = { "401": problem("No, unknown or revoked API key"), "403": problem("Missing scope") };
const BODY_ERRORS = {
  "400": problem("Not JSON, or a field of the request is wrong"),
  "413": problem("Body too large"),
  "415": problem("Body is not JSON"),
};
const report = (ok: string) => ({
  "200": { description: ok, ...json(ref("VerificationReport")) },
  ...BODY_ERRORS,
  "422": {
    description: "Not verified: a problem (code = first failed check) carrying the full report",
    ...json({ allOf: [ref("Problem"), ref("VerificationReport")] }, "application/problem+json"),
  },
});
const idParam = (name: string, description: string) => ({
  name,
  in: "path",
  required: true,
  description,
  schema: { type: "string" },
});

/** The OpenAPI document of a centre at `publicUrl`, whose DID document is at `didDocumentPath`. */
export function openApiDocument(options: {
  publicUrl: string;
  didDocumentPath: string;
  catalogue?: unknown;
  oid4vp?: unknown;
  offers?: unknown;
  federation?: { readonly authority: { readonly isSuperior: boolean } };
  vcApiExchanges?: unknown;
  federationSync?: unknown;
}): Json {
  const paths: Json = {
    "/health": {
      get: { summary: "Liveness", responses: { "200": { description: "Up", ...json({ type: "object" }) } } },
    },
    [options.didDocumentPath]: {
      get: {
        summary: "The centre's DID document (did:web)",
        responses: {
          "200": { description: "DID document", ...json({ type: "object" }, "application/did+json") },
        },
      },
    },
    "/openapi.json": {
      get: {
        summary: "This document",
        responses: { "200": { description: "OpenAPI 3.1", ...json({ type: "object" }) } },
      },
    },
    "/credentials/issue": {
      post: {
        ...STAFF("scope issue"),
        summary: "Issue a credential (VC API)",
        requestBody: body("IssueRequest"),
        responses: {
          "201": { description: "Issued", ...json(ref("VerifiableCredentialResponse")) },
          "200": {
            description: "Issued earlier under the same requestKey",
            ...json(ref("VerifiableCredentialResponse")),
          },
          ...BODY_ERRORS,
          ...STAFF_ERRORS,
          "409": problem("A credential with this id exists"),
          "422": problem("The credential is invalid: code names the first problem, `problems` lists all"),
        },
      },
    },
    "/credentials/verify": {
      post: {
        summary: "Verify a credential (VC API)",
        requestBody: body("VerifyCredentialRequest"),
        responses: { ...report("Verified"), ...RATE_LIMITED },
      },
    },
    "/presentations/verify": {
      post: {
        summary: "Verify a presentation; a challenge must come from POST /challenges",
        requestBody: body("VerifyPresentationRequest"),
        responses: { ...report("Verified"), ...RATE_LIMITED },
      },
    },
    "/challenges": {
      post: {
        summary: "A one-time challenge for a presentation",
        responses: {
          "200": {
            description: "Challenge",
            ...json({
              type: "object",
              required: ["challenge"],
              properties: { challenge: { type: "string" } },
            }),
          },
        },
      },
    },
    "/credentials/status": {
      post: {
        ...STAFF("scope revoke"),
        summary: "Revoke a credential (VC API)",
        requestBody: body("UpdateStatusRequest"),
        responses: {
          "200": { description: "Revoked", ...json({ type: "object" }) },
          ...BODY_ERRORS,
          ...STAFF_ERRORS,
          "404": problem("Unknown credential"),
          "409": problem("Already revoked"),
        },
      },
    },
    "/credentials": {
      get: {
        ...STAFF("scope issue"),
        summary: "Issued credentials, newest first",
        parameters: [
          { name: "state", in: "query", schema: { enum: ["active", "revoked", "suspended"] } },
          {
            name: "subject",
            in: "query",
            schema: { type: "string" },
            description: "learner DID or identity hash",
          },
          { name: "achievementId", in: "query", schema: { type: "string" } },
          { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 100, default: 50 } },
          {
            name: "before",
            in: "query",
            description: "A credential id: the page after it",
            schema: { type: "string" },
          },
        ],
        responses: {
          "200": {
            description: "A page",
            ...json({
              type: "object",
              properties: {
                credentials: { type: "array", items: ref("CredentialSummary") },
                next: { type: "string" },
              },
            }),
          },
          "400": problem("Bad query"),
          ...STAFF_ERRORS,
        },
      },
    },
    "/credentials/{id}": {
      get: {
        ...STAFF("scope issue or revoke"),
        summary: "One issued credential and its state",
        parameters: [idParam("id", "The credential id, URL-encoded (urn:uuid:…)")],
        responses: {
          "200": {
            description: "Found",
            ...json({
              type: "object",
              properties: { verifiableCredential: { type: "object" }, state: { type: "string" } },
            }),
          },
          ...STAFF_ERRORS,
          "404": problem("Unknown credential"),
        },
      },
    },
    "/status/{listId}": {
      get: {
        summary: "A signed BitstringStatusListCredential",
        parameters: [idParam("listId", "The list id")],
        responses: {
          "200": { description: "The list", ...json({ type: "object" }, "application/vc+ld+json") },
          "404": problem("Unknown list"),
        },
      },
    },
  };
  return {
    openapi: "3.1.0",
    info: {
      title: "Learnbridge centre",
      version: "0.1.0",
      description:
        "Issue, verify and revoke micro-credentials (W3C VC 2.0 / Open Badges 3.0); VC API shapes.",
    },
    servers: [{ url: options.publicUrl }],
    paths: {
      ...paths,
      ...ACHIEVEMENT_PATHS,
      ...STAFF_ADMIN_PATHS,
      ...JOB_PATHS,
      ...SEARCH_PATHS,
      // Described only where served: a centre without a presentation request store has no verifier routes.
      ...(options.oid4vp ? OID4VP_PATHS : {}),
      ...(options.catalogue ? { ...CATALOGUE_PATHS, ...FEED_PATHS } : {}),
      ...(options.federation ? FEDERATION_TRUST_PATHS(options.federation.authority.isSuperior) : {}),
      ...(options.offers && options.vcApiExchanges ? VC_API_EXCHANGE_PATHS : {}),
      ...(options.offers ? oid4vciPaths(options.publicUrl) : {}),
      ...(options.federationSync ? FEDERATION_SYNC_PATHS : {}),
    },
    components: {
      schemas: {
        ...API_SCHEMAS,
        ...ACHIEVEMENT_SCHEMAS,
        ...STAFF_ADMIN_SCHEMAS,
        ...JOB_SCHEMAS,
        ...(options.oid4vp ? OID4VP_SCHEMAS : {}),
        ...(options.catalogue ? { ...CATALOGUE_SCHEMAS, ...FEED_SCHEMAS } : {}),
        ...(options.federation ? FEDERATION_TRUST_SCHEMAS : {}),
        ...(options.offers && options.vcApiExchanges ? VC_API_EXCHANGE_SCHEMAS : {}),
        ...(options.offers ? OID4VCI_SCHEMAS : {}),
        ...(options.federationSync ? FEDERATION_SYNC_SCHEMAS : {}),
        ...SEARCH_SCHEMAS,
      },
      securitySchemes: {
        apiKey: { type: "http", scheme: "bearer", description: "A staff API key, lbk_…" },
        ...(options.offers
          ? { accessToken: { type: "http", scheme: "bearer", description: "An OpenID4VCI access token" } }
          : {}),
      },
    },
  };
}
