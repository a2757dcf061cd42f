/** The OpenAPI description of the staff administration routes: API keys, audit log, key rotation. */
import {
  BODY_ERRORS,
  type Json,
  json,
  pageOf,
  pathParam,
  problem,
  ref,
  requestBody,
  SEQUENCE_PAGING,
  STAFF_ERRORS,
  staff,
} from "../openapi-fragments.ts";

const SCOPE = { enum: ["issue", "revoke", "achievements", "admin"] };

export const STAFF_ADMIN_SCHEMAS: Json = {
  ApiKeyRequest: {
    type: "object",
    required: ["name", "scopes"],
    properties: {
      name: { type: "string", maxLength: 100 },
      scopes: { type: "array", minItems: 1, items: SCOPE },
    },
  },
  ApiKey: {
    type: "object",
    required: ["id", "name", "scopes", "createdAt"],
    properties: {
      id: { type: "string" },
      name: { type: "string" },
      scopes: { type: "array", items: SCOPE },
      createdAt: { type: "string", format: "date-time" },
      revokedAt: { type: "string", format: "date-time" },
      token: { type: "string", description: "Only in the answer to POST /api-keys: shown once" },
    },
  },
  AuditEntry: {
    type: "object",
    required: ["seq", "at", "actor", "action", "subject"],
    properties: {
      seq: { type: "integer" },
      at: { type: "string", format: "date-time" },
      actor: { type: "string", description: "An API key id, cli or system" },
      action: { type: "string", examples: ["credential.issue", "apikey.revoke", "key.rotate"] },
      subject: { type: "string" },
      origin: { type: "string", description: "The client address, or where a local change came from" },
      details: { type: "object" },
    },
  },
};

const ADMIN = staff("scope admin");

export const STAFF_ADMIN_PATHS: Json = {
  "/api-keys": {
    post: {
      ...ADMIN,
      summary: "Create a staff API key; its token is in this answer only",
      requestBody: requestBody("ApiKeyRequest"),
      responses: {
        "201": { description: "Created", ...json(ref("ApiKey")) },
        ...BODY_ERRORS,
        ...STAFF_ERRORS,
        "422": problem("Bad name or scopes"),
      },
    },
    get: {
      ...ADMIN,
      summary: "Every API key, revoked ones included (never a token or hash)",
      responses: {
        "200": {
          description: "The keys",
          ...json({ type: "object", properties: { apiKeys: { type: "array", items: ref("ApiKey") } } }),
        },
        ...STAFF_ERRORS,
      },
    },
  },
  "/api-keys/{id}": {
    delete: {
      ...ADMIN,
      summary: "Revoke an API key for good",
      parameters: [pathParam("id", "The key id")],
      responses: {
        "200": { description: "Revoked", ...json(ref("ApiKey")) },
        ...STAFF_ERRORS,
        "404": problem("Unknown key"),
        "409": problem("The last admin key that works"),
      },
    },
  },
  "/audit": {
    get: {
      ...ADMIN,
      summary: "The audit log, oldest first",
      parameters: SEQUENCE_PAGING,
      responses: {
        "200": pageOf("entries", ref("AuditEntry"), "integer"),
        "400": problem("Bad query"),
        ...STAFF_ERRORS,
      },
    },
  },
  "/keys/rotate": {
    post: {
      ...ADMIN,
      summary: "Sign with a new key from now on; earlier keys are retired and keep verifying",
      responses: {
        "200": {
          description: "The new key",
          ...json({
            type: "object",
            properties: {
              verificationMethod: { type: "string" },
              keyId: { type: "string" },
              createdAt: { type: "string", format: "date-time" },
              retired: { type: "array", items: { type: "string" } },
            },
          }),
        },
        ...STAFF_ERRORS,
      },
    },
  },
};
