/** The OpenAPI description of the follower's routes (served where the centre keeps a replica). */
import {
  BODY_ERRORS,
  type Json,
  json,
  pageOf,
  problem,
  queryParam,
  ref,
  requestBody,
  SEQUENCE_PAGING,
  STAFF_ERRORS,
  staff,
} from "../openapi-fragments.ts";

const ADMIN = staff("scope admin");
const feedQuery = queryParam(
  "feed",
  { type: "string", format: "uri" },
  "The feed's entity id (its publicUrl)",
);

export const FEDERATION_SYNC_SCHEMAS: Json = {
  FeedHint: {
    type: "object",
    required: ["feed", "headSeq"],
    additionalProperties: false,
    properties: { feed: { type: "string", format: "uri" }, headSeq: { type: "integer", minimum: 0 } },
  },
  FollowRequest: {
    type: "object",
    required: ["feed"],
    properties: { feed: { type: "string", format: "uri" } },
  },
  Peer: {
    type: "object",
    required: [
      "feed",
      "did",
      "status",
      "phase",
      "cursor",
      "knownHeadSeq",
      "recordCount",
      "stateDigest",
      "breaker",
      "nextPullAt",
    ],
    properties: {
      feed: { type: "string", format: "uri" },
      did: { type: "string" },
      status: { enum: ["active", "quarantined"] },
      quarantine: {
        type: "object",
        properties: { code: { type: "string" }, reason: { type: "string" }, at: { type: "string" } },
      },
      phase: { enum: ["snapshot", "changes"] },
      cursor: { type: "integer", description: "The last applied seq of the feed" },
      headHash: { type: ["string", "null"] },
      knownHeadSeq: { type: "integer" },
      recordCount: { type: "integer", description: "Live records of this feed in the replica" },
      stateDigest: { type: "string", description: "Their state digest (64 hex digits)" },
      checkpoint: {
        type: "object",
        description:
          "The last signed checkpoint checked, and whether the replica matched it (with its ETag, for a conditional poll)",
      },
      changesEtag: {
        type: "object",
        description:
          "The ETag of the last empty changes answer and the cursor it was for: an idle poll sends it",
        properties: { etag: { type: "string" }, after: { type: "integer" } },
      },
      failures: { type: "integer" },
      breaker: { enum: ["closed", "open", "half-open"] },
      nextPullAt: { type: "string", format: "date-time" },
      lastError: { type: "object" },
      lastSuccessAt: { type: "string", format: "date-time" },
      followedAt: { type: "string", format: "date-time" },
    },
  },
  PullReport: {
    type: "object",
    required: ["feed", "outcome", "pages", "accepted", "refused", "stale", "equivocations"],
    properties: {
      feed: { type: "string" },
      outcome: { enum: ["caught-up", "partial", "failed", "quarantined", "skipped"] },
      pages: { type: "integer" },
      accepted: { type: "integer" },
      refused: { type: "integer" },
      stale: { type: "integer" },
      equivocations: { type: "integer" },
      recovered: {
        type: "integer",
        description: "Records refused earlier for their owner's trust, fetched again now that it is trusted",
      },
      checkpointMatches: { type: "boolean" },
      error: { type: "object", properties: { code: { type: "string" }, reason: { type: "string" } } },
    },
  },
  ReplicaRecord: {
    type: "object",
    required: ["recordId", "owner", "version", "recordHash", "op", "record", "hidden", "feed"],
    properties: {
      recordId: { type: "string", format: "uri" },
      owner: { type: "string", description: "The DID that signed it" },
      version: { type: "integer" },
      recordHash: { type: "string" },
      op: { enum: ["put", "delete"] },
      record: { type: "object", description: "The owner's signed record, or signed tombstone" },
      hidden: {
        type: "boolean",
        description: "Quarantined: its owner signed two different records as one version",
      },
      feed: { type: "string", description: "The feed it was last taken from" },
    },
  },
  QuarantineEntry: {
    type: "object",
    required: ["seq", "kind", "feed", "code", "reason", "at"],
    properties: {
      seq: { type: "integer" },
      kind: { enum: ["record", "peer"] },
      feed: { type: "string" },
      recordId: { type: "string" },
      owner: { type: "string" },
      version: { type: "integer" },
      code: {
        type: "string",
        examples: [
          "RECORD_SIGNATURE_INVALID",
          "RECORD_OWNER_UNTRUSTED",
          "RECORD_EQUIVOCATION",
          "FEED_CHAIN_BROKEN",
          "KEY_NOT_FOUND",
        ],
      },
      reason: { type: "string" },
      details: { type: "object" },
      at: { type: "string", format: "date-time" },
    },
  },
};

export const FEDERATION_SYNC_PATHS: Json = {
  "/federation/feed/hints": {
    post: {
      summary:
        "A push hint: the named feed has news (signed per RFC 9421 by the feed's own key; it only schedules a pull)",
      description:
        'Signature-Input covers "@method" "@target-uri" "content-digest" with created, expires, keyid (the sender\'s DID URL) and alg.',
      requestBody: requestBody("FeedHint"),
      responses: {
        "202": {
          description: "Accepted; `scheduled` when the feed is followed and the hint is ahead of the cursor",
          ...json({
            type: "object",
            properties: { accepted: { type: "boolean" }, scheduled: { type: "boolean" } },
          }),
        },
        ...BODY_ERRORS,
        "401": problem(
          "The signature is missing, expired, or not by the feed's key (HTTP_SIGNATURE_INVALID)",
        ),
      },
    },
  },
  "/federation/peers": {
    post: {
      ...ADMIN,
      summary: "Follow a feed (a node or a regional aggregator); the first pull starts at once",
      requestBody: requestBody("FollowRequest"),
      responses: {
        "201": { description: "Followed", ...json(ref("Peer")) },
        "200": { description: "Followed already", ...json(ref("Peer")) },
        ...BODY_ERRORS,
        ...STAFF_ERRORS,
      },
    },
    get: {
      ...ADMIN,
      summary: "The followed feeds: position, digest, last checkpoint, breaker and last error",
      responses: {
        "200": {
          description: "The peers",
          ...json({ type: "object", properties: { peers: { type: "array", items: ref("Peer") } } }),
        },
        ...STAFF_ERRORS,
      },
    },
    delete: {
      ...ADMIN,
      summary: "Stop following a feed; records only it supplied leave the replica",
      parameters: [feedQuery],
      responses: {
        "200": { description: "Unfollowed", ...json({ type: "object" }) },
        "400": problem("No feed"),
        "404": problem("Not followed"),
        ...STAFF_ERRORS,
      },
    },
  },
  "/federation/peers/pull": {
    post: {
      ...ADMIN,
      summary: "Pull a followed feed now",
      parameters: [feedQuery],
      responses: {
        "200": { description: "What the pull did", ...json(ref("PullReport")) },
        "400": problem("No feed"),
        "404": problem("Not followed"),
        ...STAFF_ERRORS,
      },
    },
  },
  "/federation/replica": {
    get: {
      ...ADMIN,
      summary:
        "The records held of followed catalogues (the newest version of each, tombstones included), by id",
      parameters: [
        queryParam("feed", { type: "string", format: "uri" }, "Only those last taken from this feed"),
        queryParam("live", { type: "boolean" }, "true: without tombstones and quarantined records"),
        queryParam("after", { type: "string" }, "A record id: records after it"),
        queryParam("limit", { type: "integer", minimum: 1, maximum: 500, default: 100 }),
      ],
      responses: {
        "200": pageOf("records", ref("ReplicaRecord"), "string"),
        "400": problem("Bad query"),
        ...STAFF_ERRORS,
      },
    },
  },
  "/federation/quarantine": {
    get: {
      ...ADMIN,
      summary: "Refused records, equivocations and quarantined peers, oldest first",
      parameters: SEQUENCE_PAGING,
      responses: {
        "200": pageOf("entries", ref("QuarantineEntry"), "integer"),
        "400": problem("Bad query"),
        ...STAFF_ERRORS,
      },
    },
  },
};
