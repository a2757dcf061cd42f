/** The OpenAPI description of the OpenID4VP verifier: employers' requests and results, the wallet's side. */
import {
  BODY_ERRORS,
  type Json,
  json,
  pathParam,
  problem,
  queryParam,
  RATE_LIMITED,
  ref,
} from "../openapi-fragments.ts";

const ID = pathParam("id", "The presentation request's id");
const html = (description: string) => ({ description, ...json({ type: "string" }, "text/html") });
const ANSWER_ERRORS = {
  "400": problem(
    "Refused, with OAuth `error`/`error_description` too: BAD_REQUEST, NONCE_INVALID, AUDIENCE_MISMATCH, PRESENTATION_REPLAYED, PRESENTATION_REQUEST_EXPIRED, RESPONSE_ENCRYPTION_INVALID (with `problem`: an unencrypted vp_token for a direct_post.jwt request, a JWE for a direct_post one, or a JWE of another alg, enc or kid, or that does not decrypt)",
  ),
  "404": problem("No open request has this state"),
  "409": problem("EXCHANGE_STATE_INVALID: the request was answered already"),
  "415": problem("Neither form-encoded nor JSON"),
  "422": problem("Refused: HOLDER_MISMATCH, QUERY_UNSATISFIED, or the presentation's own proof failed"),
};

export const OID4VP_SCHEMAS: Json = {
  DcqlQuery: {
    description: "A DCQL query (OpenID4VP 1.0 §6); formats ldp_vc and jwt_vc_json, with holder binding",
    type: "object",
    required: ["credentials"],
    properties: {
      credentials: {
        type: "array",
        minItems: 1,
        maxItems: 10,
        items: {
          type: "object",
          required: ["id", "format", "meta"],
          properties: {
            id: { type: "string", pattern: "^[A-Za-z0-9_-]+$" },
            format: { enum: ["ldp_vc", "jwt_vc_json"] },
            multiple: { type: "boolean" },
            meta: {
              type: "object",
              required: ["type_values"],
              properties: {
                type_values: { type: "array", items: { type: "array", items: { type: "string" } } },
              },
            },
            trusted_authorities: { type: "array", items: { type: "object" } },
            require_cryptographic_holder_binding: { const: true },
            claims: { type: "array", items: { type: "object", required: ["path"] } },
            claim_sets: { type: "array", items: { type: "array", items: { type: "string" } } },
          },
        },
      },
      credential_sets: { type: "array", items: { type: "object", required: ["options"] } },
    },
  },
  PresentationRequestCreate: {
    description: "Exactly one of dcql_query (or dcqlQuery), achievement, issuer",
    type: "object",
    properties: {
      dcql_query: ref("DcqlQuery"),
      achievement: { type: "string", format: "uri", description: "An Open Badge for this achievement" },
      issuer: { type: "string", description: "Any credential from this centre (its DID)" },
      expiresIn: { type: "integer", minimum: 60, maximum: 86400, description: "Seconds; default 1800" },
      responseMode: {
        enum: ["direct_post", "direct_post.jwt"],
        description: "direct_post.jwt: the wallet encrypts its answer to this request's own key (§8.3)",
      },
    },
  },
  PresentationRequest: {
    type: "object",
    required: [
      "id",
      "status",
      "clientId",
      "requestUri",
      "walletLink",
      "dcqlQuery",
      "expiresAt",
      "deleteAfter",
    ],
    properties: {
      id: { type: "string" },
      status: { enum: ["pending", "completed", "failed", "expired"] },
      clientId: { type: "string", description: "decentralized_identifier:<the centre's DID>" },
      requestUri: { type: "string", format: "uri" },
      walletLink: { type: "string", description: "openid4vp://?client_id=…&request_uri=…" },
      dcqlQuery: ref("DcqlQuery"),
      responseMode: { enum: ["direct_post", "direct_post.jwt"] },
      language: { type: "string" },
      createdAt: { type: "string", format: "date-time" },
      expiresAt: { type: "string", format: "date-time" },
      deleteAfter: { type: "string", format: "date-time" },
      completedAt: { type: "string", format: "date-time" },
      lastRefusal: { type: "object", description: "Why the last wallet answer was refused" },
      result: {
        type: "object",
        properties: {
          verified: { type: "boolean" },
          receivedAt: { type: "string", format: "date-time" },
          holders: { type: "array", items: { type: "string" } },
          presentations: {
            type: "array",
            items: {
              type: "object",
              properties: {
                queryId: { type: "string" },
                format: { enum: ["ldp_vc", "jwt_vc_json"] },
                holder: { type: "string" },
                report: ref("VerificationReport"),
                explanation: { type: "object", description: "The report in words, in the reader's language" },
              },
            },
          },
          walletError: { type: "object" },
        },
      },
    },
  },
};

export const OID4VP_PATHS: Json = {
  "/oid4vp": {
    get: {
      summary: "A plain page to ask a learner for a credential",
      responses: { "200": html("The form") },
    },
  },
  "/oid4vp/requests": {
    post: {
      summary: "Create a presentation request (public); the read token is returned once",
      requestBody: {
        required: true,
        content: {
          "application/json": { schema: ref("PresentationRequestCreate") },
          "application/x-www-form-urlencoded": { schema: ref("PresentationRequestCreate") },
        },
      },
      responses: {
        "201": {
          description: "Created; Location is the result URL",
          ...json({
            allOf: [
              ref("PresentationRequest"),
              {
                type: "object",
                properties: {
                  readToken: { type: "string" },
                  resultUrl: { type: "string", format: "uri" },
                  pageUrl: { type: "string", format: "uri" },
                  qrCodeUrl: { type: "string", format: "uri" },
                },
              },
            ],
          }),
        },
        "303": { description: "From the form: to the request's page" },
        ...BODY_ERRORS,
        "400": problem("QUERY_INVALID (with `path`), or a field of the request is wrong"),
        ...RATE_LIMITED,
      },
    },
  },
  "/oid4vp/requests/{id}": {
    get: {
      summary: "The request and its result, explained in the reader's language",
      description: "Authorization: Bearer <readToken>.",
      parameters: [ID],
      responses: {
        "200": { description: "The request", ...json(ref("PresentationRequest")) },
        "401": problem("No read token"),
        "403": problem("Not this request's read token"),
        "404": problem("Unknown, or deleted after its result expired"),
      },
    },
  },
  "/oid4vp/requests/{id}/page": {
    get: {
      summary: "The request's plain page: QR code, wallet link, and the result when it arrives",
      parameters: [ID, queryParam("token", { type: "string" }, "The read token")],
      responses: {
        "200": html("The page"),
        "401": problem("No read token"),
        "403": problem("Not this request's read token"),
        "404": problem("Unknown or deleted"),
      },
    },
  },
  "/oid4vp/requests/{id}/request-object": {
    get: {
      summary: "The signed Request Object (OpenID4VP 1.0 §5.10, JAR)",
      parameters: [ID],
      responses: {
        "200": {
          description: "A JWT typed oauth-authz-req+jwt",
          ...json({ type: "string" }, "application/oauth-authz-req+jwt"),
        },
        "400": problem("PRESENTATION_REQUEST_EXPIRED"),
        "404": problem("Unknown or deleted"),
        "409": problem("EXCHANGE_STATE_INVALID: answered already"),
      },
    },
  },
  "/oid4vp/requests/{id}/qr.svg": {
    get: {
      summary: "The wallet link as a QR code",
      parameters: [ID],
      responses: {
        "200": { description: "SVG", ...json({ type: "string" }, "image/svg+xml") },
        "404": problem("Unknown or deleted"),
      },
    },
  },
  "/oid4vp/response": {
    post: {
      summary:
        "The response URI: a wallet's answer by direct_post (OpenID4VP 1.0 §8.2) or direct_post.jwt (§8.3)",
      requestBody: {
        required: true,
        content: {
          "application/x-www-form-urlencoded": {
            schema: {
              type: "object",
              properties: {
                state: { type: "string" },
                vp_token: { type: "string", description: "JSON: {credential query id: [presentations]}" },
                error: { type: "string" },
                error_description: { type: "string" },
                response: {
                  type: "string",
                  description:
                    "direct_post.jwt: a compact JWE (ECDH-ES, A128GCM or A256GCM, kid of the request's key) whose payload holds state and vp_token or error",
                },
              },
            },
          },
        },
      },
      responses: { "200": { description: "Accepted", ...json({ type: "object" }) }, ...ANSWER_ERRORS },
    },
  },
};
