/**
 * The OpenAPI description of the offer feature: staff offers, the claim page, the OpenID4VCI metadata and
 * endpoints (see ../openapi.ts). The metadata of a centre under a path lives at the origin root, so those
 * paths carry a server of their own.
 */
import {
  BODY_ERRORS,
  type Json,
  json,
  pathParam,
  problem,
  queryParam,
  RATE_LIMITED,
  ref,
  requestBody,
  STAFF_ERRORS,
  staff,
} from "../openapi-fragments.ts";

const ID = pathParam("id", "The offer id (not the pre-authorized code: each fetch of the offer mints one)");
const oauthError = (description: string) => ({ description, ...json(ref("OAuthError")) });
const NO_OFFER = problem("OFFER_EXPIRED, GRANT_USED or GRANT_INVALID (withdrawn): the offer cannot be used");

export const OID4VCI_SCHEMAS: Json = {
  CreateOfferRequest: {
    type: "object",
    description: "An award of an achievement (`achievement`) or a credential issued here (`credentialId`)",
    required: ["learner"],
    additionalProperties: false,
    properties: {
      achievement: { type: "string", description: "An achievement's slug" },
      credentialId: { type: "string", format: "uri" },
      learner: {
        type: "object",
        required: ["name"],
        properties: { name: { type: "string", maxLength: 200 }, language: { type: "string" } },
      },
      result: {
        type: "object",
        properties: { grade: { type: "string" }, creditsEarned: { type: "number", minimum: 0 } },
      },
      formats: { type: "array", items: { enum: ["ldp_vc", "jwt_vc"] } },
      expiresInDays: { type: "number", exclusiveMinimum: 0, maximum: 90, default: 7 },
      txCode: {
        description: "A PIN (default 6 digits), its length, or none",
        oneOf: [
          { type: "boolean" },
          { type: "object", properties: { length: { type: "integer", minimum: 4, maximum: 8 } } },
        ],
      },
    },
  },
  OfferView: {
    type: "object",
    required: [
      "id",
      "state",
      "expired",
      "achievementId",
      "learner",
      "expiresAt",
      "offerUri",
      "claimUrl",
      "protocols",
    ],
    properties: {
      id: { type: "string" },
      state: { enum: ["offered", "redeemed", "revoked"] },
      expired: { type: "boolean" },
      achievementId: { type: "string", format: "uri" },
      learner: { type: "object", properties: { name: { type: "string" }, language: { type: "string" } } },
      expiresAt: { type: "string", format: "date-time" },
      txCode: {
        oneOf: [
          { type: "null" },
          {
            type: "object",
            properties: {
              length: { type: "integer" },
              failures: { type: "integer" },
              locked: { type: "boolean" },
            },
          },
        ],
      },
      credentialId: { type: "string" },
      holder: { type: "string" },
      offerUri: { type: "string", description: "openid-credential-offer://?credential_offer_uri=…" },
      claimUrl: { type: "string", format: "uri" },
      qrCodeUrl: { type: "string", format: "uri" },
      protocols: {
        type: "object",
        properties: { OID4VCI: { type: "string" }, vcapi: { type: "string", format: "uri" } },
      },
    },
  },
  CreatedOffer: {
    allOf: [
      ref("OfferView"),
      {
        type: "object",
        properties: {
          pin: { type: "string", pattern: "^[0-9]{4,8}$", description: "The PIN in clear, this once" },
          lcwDeepLink: { type: "string", format: "uri" },
        },
      },
    ],
  },
  CredentialOfferObject: {
    type: "object",
    required: ["credential_issuer", "credential_configuration_ids", "grants"],
    properties: {
      credential_issuer: { type: "string", format: "uri" },
      credential_configuration_ids: { type: "array", minItems: 1, items: { type: "string" } },
      grants: { type: "object" },
    },
  },
  OAuthError: {
    type: "object",
    required: ["error", "code"],
    properties: {
      error: {
        type: "string",
        examples: ["invalid_grant", "invalid_token", "invalid_proof", "invalid_nonce"],
      },
      error_description: { type: "string" },
      code: {
        type: "string",
        description: "Learnbridge's stable error code (TX_CODE_INVALID, NONCE_INVALID…)",
      },
    },
  },
};

const metadata = (summary: string, servers?: Json[]) => ({
  ...(servers ? { servers } : {}),
  get: { summary, responses: { "200": { description: "Metadata", ...json({ type: "object" }) } } },
});

/** The paths, relative to the centre's public URL (the well-known documents relative to its origin). */
export function oid4vciPaths(publicUrl: string): Json {
  const { origin, pathname } = new URL(publicUrl);
  const basePath = pathname.replace(/\/+$/, "");
  const root = basePath ? [{ url: origin }] : undefined;
  const paths: Json = {
    [`/.well-known/openid-credential-issuer${basePath}`]: metadata(
      "OpenID4VCI Credential Issuer Metadata",
      root,
    ),
    [`/.well-known/oauth-authorization-server${basePath}`]: metadata(
      "OAuth 2.0 Authorization Server Metadata",
      root,
    ),
    "/oid4vci/offers": {
      post: {
        ...staff("scope issue"),
        summary: "Offer a learner a credential: the links, the QR code, and the PIN (shown once)",
        requestBody: requestBody("CreateOfferRequest"),
        responses: {
          "201": { description: "Offered", ...json(ref("CreatedOffer")) },
          ...BODY_ERRORS,
          ...STAFF_ERRORS,
          "404": problem("Unknown achievement or credential"),
          "409": problem("Archived achievement, inactive credential, or no centre profile"),
          "422": problem("A field is invalid"),
        },
      },
      get: {
        ...staff("scope issue"),
        summary: "Offers, newest first",
        parameters: [
          queryParam("state", { enum: ["offered", "redeemed", "revoked"] }),
          queryParam("limit", { type: "integer", minimum: 1, maximum: 100, default: 50 }),
          queryParam("before", { type: "string" }, "An offer id: the page after it"),
        ],
        responses: {
          "200": {
            description: "A page",
            ...json({
              type: "object",
              properties: { offers: { type: "array", items: ref("OfferView") }, next: { type: "string" } },
            }),
          },
          "400": problem("Bad query"),
          ...STAFF_ERRORS,
        },
      },
    },
    "/oid4vci/offers/{id}": {
      get: {
        summary:
          "The OpenID4VCI Credential Offer object (what credential_offer_uri names), with a pre-authorized code minted for this fetch (single use, 10 minutes by default; the offer's five newest codes all work until it is redeemed)",
        parameters: [ID],
        responses: {
          "200": { description: "The offer", ...json(ref("CredentialOfferObject")) },
          "400": NO_OFFER,
          "404": problem("Unknown offer"),
        },
      },
      delete: {
        ...staff("scope issue"),
        summary: "Withdraw an offer not yet redeemed",
        parameters: [ID],
        responses: {
          "200": { description: "Withdrawn", ...json(ref("OfferView")) },
          ...STAFF_ERRORS,
          "404": problem("Unknown offer"),
          "409": problem("Redeemed or withdrawn already"),
        },
      },
    },
    "/oid4vci/offers/{id}/qr.svg": {
      get: {
        summary: "The offer URI as a QR code",
        parameters: [ID],
        responses: {
          "200": { description: "SVG", ...json({ type: "string" }, "image/svg+xml") },
          "404": problem("Unknown offer"),
        },
      },
    },
    "/claim/{id}": {
      get: {
        summary:
          "The learner's page for an offer, in their language (?lang=, else theirs, else Accept-Language)",
        parameters: [ID, queryParam("lang", { type: "string" })],
        responses: {
          "200": { description: "Open, or received already", ...json({ type: "string" }, "text/html") },
          "404": { description: "Unknown offer", ...json({ type: "string" }, "text/html") },
          "410": { description: "Expired or withdrawn", ...json({ type: "string" }, "text/html") },
        },
      },
    },
    "/claim": {
      post: {
        summary:
          "The claim page's PIN form: opens the offer's VC-API exchange for the Learner Credential Wallet",
        requestBody: {
          required: true,
          ...json(
            {
              type: "object",
              required: ["offer", "tx_code"],
              properties: {
                offer: { type: "string" },
                tx_code: { type: "string" },
                lang: { type: "string" },
              },
            },
            "application/x-www-form-urlencoded",
          ),
        },
        responses: {
          "200": { description: "The page with the wallet link", ...json({ type: "string" }, "text/html") },
          "400": {
            description: "The page, saying what is wrong with the PIN",
            ...json({ type: "string" }, "text/html"),
          },
          ...RATE_LIMITED,
        },
      },
    },
    "/oid4vci/token": {
      post: {
        summary: "Token endpoint: the pre-authorized code (and PIN) for a 5-minute access token",
        requestBody: {
          required: true,
          ...json(
            {
              type: "object",
              required: ["grant_type", "pre-authorized_code"],
              properties: {
                grant_type: { const: "urn:ietf:params:oauth:grant-type:pre-authorized_code" },
                "pre-authorized_code": { type: "string" },
                tx_code: { type: "string" },
              },
            },
            "application/x-www-form-urlencoded",
          ),
        },
        responses: {
          "200": {
            description: "Access token",
            ...json({ type: "object", required: ["access_token", "token_type", "expires_in"] }),
          },
          "400": oauthError(
            "invalid_request (TX_CODE_REQUIRED…), invalid_grant (GRANT_USED, OFFER_EXPIRED, TX_CODE_INVALID, TX_CODE_LOCKED)",
          ),
          ...RATE_LIMITED,
        },
      },
    },
    "/oid4vci/nonce": {
      post: {
        summary: "A fresh c_nonce for a key proof (single use, 5 minutes)",
        responses: {
          "200": {
            description: "Nonce",
            ...json({ type: "object", required: ["c_nonce"], properties: { c_nonce: { type: "string" } } }),
          },
        },
      },
    },
    "/oid4vci/credential": {
      post: {
        security: [{ accessToken: [] }],
        summary:
          "Credential endpoint: {credential_configuration_id, proofs: {jwt: [key proofs]}} with the bearer token; every proof is verified, the offer's one credential is bound to the first key; unknown parameters are ignored. Compatibility with draft 13-15 wallets: without proofs, a singular proof {proof_type: jwt, jwt} is read as proofs.jwt[0]; both are refused",
        requestBody: {
          required: true,
          ...json({ type: "object", oneOf: [{ required: ["proofs"] }, { required: ["proof"] }] }),
        },
        responses: {
          "200": { description: "The credential", ...json({ type: "object", required: ["credentials"] }) },
          "400": oauthError(
            "invalid_credential_request, invalid_proof (HOLDER_PROOF_INVALID, AUDIENCE_MISMATCH), invalid_nonce, unknown_credential_configuration, credential_request_denied",
          ),
          "401": oauthError("invalid_token (ACCESS_TOKEN_INVALID)"),
        },
      },
    },
  };
  if (basePath) {
    paths["/.well-known/openid-credential-issuer"] = metadata(
      "The issuer metadata, where older wallets look",
    );
    paths["/.well-known/oauth-authorization-server"] = metadata("The authorization server metadata, ditto");
  }
  return paths;
}
