/** The OpenAPI description of the federation trust routes (served only where a federation is configured). */
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

const jwtBody = (mediaType: string, description: string): Json => ({
  description,
  ...json({ type: "string" }, mediaType),
});
const federationError = (description: string): Json => ({ description, ...json(ref("FederationError")) });
const entity = { type: "string", format: "uri" };

export const FEDERATION_TRUST_SCHEMAS: Json = {
  FederationError: {
    type: "object",
    required: ["error", "error_description"],
    properties: {
      error: { type: "string" },
      error_description: { type: "string" },
      subordinate_status: {
        enum: ["suspended"],
        description: "Set by the fetch endpoint for a suspended subordinate",
      },
    },
  },
  EnrolRequest: { type: "object", required: ["entityId"], properties: { entityId: entity } },
  SubordinateChange: {
    type: "object",
    required: ["entityId"],
    properties: { entityId: entity, reason: { type: "string", maxLength: 500 } },
  },
  Subordinate: {
    type: "object",
    required: ["entityId", "jwks", "status", "intermediate", "entityTypes", "enrolledAt", "updatedAt"],
    properties: {
      entityId: entity,
      jwks: { type: "object" },
      status: { enum: ["active", "suspended"] },
      intermediate: { type: "boolean" },
      entityTypes: { type: "array", items: { type: "string" } },
      organizationName: { type: "string" },
      enrolledAt: { type: "string", format: "date-time" },
      updatedAt: { type: "string", format: "date-time" },
      suspensionReason: { type: "string" },
    },
  },
  KeyRefresh: {
    type: "object",
    required: ["entityId", "rekeyed", "kids", "previousKids"],
    properties: {
      entityId: entity,
      rekeyed: { type: "boolean", description: "True when the pinned keys changed" },
      kids: { type: "array", items: { type: "string" } },
      previousKids: { type: "array", items: { type: "string" } },
    },
  },
  SuperiorPins: {
    type: "object",
    required: ["entityId", "pins"],
    properties: {
      entityId: entity,
      pins: {
        type: "object",
        required: ["kind"],
        properties: {
          kind: { enum: ["known", "absent", "unknown"] },
          kids: { type: "array", items: { type: "string" } },
          reason: { type: "string" },
        },
      },
    },
  },
  AnnounceReport: {
    type: "object",
    required: ["signingKid", "superiors"],
    properties: {
      signingKid: { type: "string" },
      superiors: {
        type: "array",
        items: {
          type: "object",
          required: ["entityId", "outcome"],
          properties: {
            entityId: entity,
            outcome: {
              enum: ["current", "re-pinned", "not-re-pinned", "not-a-subordinate", "unreachable", "refused"],
            },
            kids: { type: "array", items: { type: "string" } },
            reason: { type: "string" },
          },
        },
      },
    },
  },
  TrustMarkRequest: {
    type: "object",
    required: ["type", "sub"],
    properties: {
      type: { type: "string", format: "uri" },
      sub: entity,
      scope: {
        type: "object",
        properties: {
          max_eqf_level: { type: "integer", minimum: 1, maximum: 8 },
          fields: { type: "array", items: { type: "string", pattern: "^\\d{2,4}$" } },
          jurisdiction: { type: "string" },
        },
      },
      lifetimeSeconds: { type: "integer" },
      ref: { type: "string", format: "uri" },
    },
  },
  IssuedTrustMark: {
    type: "object",
    required: ["id", "type", "sub", "trustMark", "issuedAt"],
    properties: {
      id: { type: "string" },
      type: { type: "string" },
      sub: entity,
      trustMark: { type: "string", description: "The trust-mark+jwt" },
      issuedAt: { type: "string", format: "date-time" },
      expiresAt: { type: "string", format: "date-time" },
      revokedAt: { type: "string", format: "date-time" },
      revocationReason: { type: "string" },
    },
  },
};

const admin = (summary: string, extra: Json, responses: Json): Json => ({
  ...staff("scope admin"),
  summary,
  ...extra,
  responses: { ...responses, ...STAFF_ERRORS },
});

/** Paths of a node; a leaf serves no fetch, list or trust mark endpoints. */
export function FEDERATION_TRUST_PATHS(superior: boolean): Json {
  const paths: Json = {
    "/.well-known/openid-federation": {
      get: {
        summary: "This node's Entity Configuration",
        responses: { "200": jwtBody("application/entity-statement+jwt", "Signed Entity Configuration") },
      },
    },
    "/federation/resolve": {
      get: {
        summary: "Resolve an entity to a trust anchor (OpenID Federation §8.3)",
        parameters: [
          queryParam("sub", entity),
          queryParam("trust_anchor", entity),
          queryParam("entity_type", { type: "string" }),
        ],
        responses: {
          "200": jwtBody("application/resolve-response+jwt", "Signed resolve response"),
          "400": federationError("Missing parameters"),
          "404": federationError("No valid chain to that anchor"),
          ...RATE_LIMITED,
        },
      },
    },
    "/federation/historical_keys": {
      get: {
        summary: "Retired and revoked federation keys",
        responses: { "200": jwtBody("application/jwk-set+jwt", "Signed JWK Set") },
      },
    },
    "/federation/keys": {
      get: admin(
        "Which key signs this node's federation statements now, and what each superior pinned",
        {},
        {
          "200": {
            description: "The signing key, the active key, the superiors' pins",
            ...json({
              type: "object",
              required: ["kid", "activeKid", "superiors"],
              properties: {
                kid: { type: "string" },
                activeKid: { type: "string" },
                superiors: { type: "array", items: ref("SuperiorPins") },
              },
            }),
          },
        },
      ),
    },
    "/federation/keys/announce": {
      post: admin(
        "Ask the superiors that lack this node's newest key to re-read its keys (done by POST /keys/rotate too)",
        {},
        { "200": { description: "What each superior did", ...json(ref("AnnounceReport")) } },
      ),
    },
    "/federation/held-trust-marks/refresh": {
      post: admin(
        "Fetch the trust marks issued to this node from its superiors and anchors",
        {},
        {
          "200": { description: "The marks now held", ...json({ type: "object" }) },
        },
      ),
    },
  };
  if (!superior) return paths;
  return {
    ...paths,
    "/federation/fetch": {
      get: {
        summary: "Subordinate Statement about `sub` (§8.1)",
        parameters: [queryParam("sub", entity)],
        responses: {
          "200": jwtBody("application/entity-statement+jwt", "Signed Subordinate Statement"),
          "400": federationError("sub is not an entity id"),
          "404": federationError("Not a subordinate, or suspended (subordinate_status)"),
        },
      },
    },
    "/federation/list": {
      get: {
        summary: "Active subordinates (§8.2)",
        parameters: [
          queryParam("entity_type", { type: "string" }),
          queryParam("trust_marked", { type: "boolean" }),
          queryParam("trust_mark_type", { type: "string" }),
          queryParam("intermediate", { type: "boolean" }),
        ],
        responses: { "200": { description: "Entity ids", ...json({ type: "array", items: entity }) } },
      },
    },
    "/federation/key_rollover": {
      post: {
        summary:
          "Learnbridge extension: a subordinate that rotated its key posts its Entity Configuration, signed with a key pinned for it; its keys are re-read from what it serves",
        requestBody: { required: true, ...json({ type: "string" }, "application/entity-statement+jwt") },
        responses: {
          "200": { description: "Its keys, re-pinned or unchanged", ...json(ref("KeyRefresh")) },
          "400": federationError("Not an Entity Configuration, or the one it serves does not verify"),
          "401": federationError("Not signed with a key pinned for it"),
          "404": federationError("Not a subordinate"),
          "503": federationError("It could not be reached"),
        },
      },
    },
    "/federation/trust_mark_status": {
      post: {
        summary: "Status of a trust mark this node issued (§8.4)",
        requestBody: {
          required: true,
          ...json(
            { type: "object", properties: { trust_mark: { type: "string" } } },
            "application/x-www-form-urlencoded",
          ),
        },
        responses: {
          "200": jwtBody(
            "application/trust-mark-status-response+jwt",
            "Signed status: active, expired, revoked, invalid or suspended",
          ),
          "400": federationError("No trust_mark"),
        },
      },
    },
    "/federation/trust_mark": {
      get: {
        summary: "The active trust mark of a type for a subject (§8.6)",
        parameters: [queryParam("trust_mark_type", { type: "string" }), queryParam("sub", entity)],
        responses: {
          "200": jwtBody("application/trust-mark+jwt", "The trust mark"),
          "404": federationError("None active"),
        },
      },
    },
    "/federation/trust_mark_list": {
      get: {
        summary: "Entities holding an active mark of a type (§8.5)",
        parameters: [queryParam("trust_mark_type", { type: "string" }), queryParam("sub", entity)],
        responses: { "200": { description: "Entity ids", ...json({ type: "array", items: entity }) } },
      },
    },
    "/federation/subordinates": {
      get: admin(
        "Enrolled subordinates",
        {},
        { "200": { description: "Subordinates", ...json({ type: "object" }) } },
      ),
      post: admin(
        "Enrol a subordinate: fetch its Entity Configuration and pin its keys",
        { requestBody: requestBody("EnrolRequest") },
        {
          "201": { description: "Enrolled", ...json(ref("Subordinate")) },
          ...BODY_ERRORS,
          "422": problem("Its Entity Configuration is missing, not self-signed, or does not name this node"),
          "502": problem("It could not be reached"),
        },
      ),
    },
    "/federation/subordinates/suspend": {
      post: admin(
        "Suspend a subordinate",
        { requestBody: requestBody("SubordinateChange") },
        {
          "200": { description: "Suspended", ...json(ref("Subordinate")) },
          ...BODY_ERRORS,
          "404": problem("Not a subordinate"),
        },
      ),
    },
    "/federation/subordinates/refresh": {
      post: admin(
        "Re-pin a subordinate's keys from its Entity Configuration, when that verifies under a key pinned now",
        { requestBody: requestBody("EnrolRequest") },
        {
          "200": { description: "Its keys, re-pinned or unchanged", ...json(ref("KeyRefresh")) },
          ...BODY_ERRORS,
          "404": problem("Not a subordinate"),
          "422": problem("Its configuration does not verify under the pinned keys, or is not its own"),
          "502": problem("It could not be reached"),
        },
      ),
    },
    "/federation/subordinates/reinstate": {
      post: admin(
        "Reinstate a suspended subordinate",
        { requestBody: requestBody("SubordinateChange") },
        {
          "200": { description: "Reinstated", ...json(ref("Subordinate")) },
          ...BODY_ERRORS,
          "404": problem("Not a subordinate"),
        },
      ),
    },
    "/federation/trust-marks": {
      get: admin(
        "Trust marks this node issued",
        { parameters: [queryParam("sub", entity), queryParam("type", { type: "string" })] },
        {
          "200": { description: "Issued marks", ...json({ type: "object" }) },
        },
      ),
      post: admin(
        "Issue a trust mark",
        { requestBody: requestBody("TrustMarkRequest") },
        {
          "201": { description: "Issued", ...json(ref("IssuedTrustMark")) },
          ...BODY_ERRORS,
          "404": problem("Not a subordinate"),
          "409": problem("The subordinate is suspended"),
          "422": problem("Type or scope is wrong"),
        },
      ),
    },
    "/federation/trust-marks/{id}/revoke": {
      post: admin(
        "Revoke a trust mark",
        { parameters: [pathParam("id", "The mark's id")] },
        {
          "200": { description: "Revoked", ...json(ref("IssuedTrustMark")) },
          "404": problem("No such mark"),
        },
      ),
    },
  };
}
