/** The OpenAPI description of the feed's routes (see ../openapi.ts and specs/federation.md). */
import { type Json, json, problem, queryParam, ref } from "../openapi-fragments.ts";

export const FEED_SCHEMAS: Json = {
  FeedEvent: {
    type: "object",
    required: ["seq", "op", "recordId", "version", "recordHash", "record", "at", "prev", "hash"],
    properties: {
      seq: { type: "integer", minimum: 1 },
      op: { enum: ["put", "delete"] },
      recordId: { type: "string" },
      version: { type: "integer", minimum: 1 },
      recordHash: { type: "string" },
      record: { type: "object", description: "The signed record, or for a delete its signed tombstone" },
      at: { type: "string", format: "date-time" },
      prev: { type: ["string", "null"] },
      hash: { type: "string" },
    },
  },
};

const feedQuery = (after: Json) => [
  queryParam("after", after),
  queryParam("limit", { type: "integer", minimum: 1, maximum: 500, default: 100 }),
];
const notModified = { "304": { description: "Not modified: the ETag sent in If-None-Match still stands" } };

export const FEED_PATHS: Json = {
  "/federation/feed/changes": {
    get: {
      summary: "The events after a cursor (seq), hash-chained; an idle poll is a few dozen bytes or a 304",
      parameters: feedQuery({ type: "integer", minimum: 0, default: 0 }),
      responses: {
        "200": {
          description: "A page of events",
          ...json({
            type: "object",
            required: ["feed", "events", "headSeq", "retainedFrom"],
            properties: {
              feed: { type: "string", format: "uri" },
              events: { type: "array", items: ref("FeedEvent") },
              headSeq: { type: "integer" },
              retainedFrom: { type: "integer" },
            },
          }),
        },
        ...notModified,
        "400": problem("A parameter is wrong"),
        "410": problem("FEED_BEHIND_RETENTION: the events after `after` are gone; take the snapshot"),
      },
    },
  },
  "/federation/feed/checkpoint": {
    get: {
      summary: "The signed checkpoint: head seq, head hash, state digest (JWS, typ feed-checkpoint+jwt)",
      responses: {
        "200": { description: "A compact JWS", ...json({ type: "string" }, "application/jwt") },
        ...notModified,
      },
    },
  },
  "/federation/feed/snapshot": {
    get: {
      summary: "The live records, by id, for a first download; then pull changes after asOfSeq",
      parameters: feedQuery({ type: "string", description: "The record id the previous page ended with" }),
      responses: {
        "200": {
          description: "A page of signed records",
          ...json({
            type: "object",
            required: ["feed", "asOfSeq", "asOfHash", "records", "next"],
            properties: {
              feed: { type: "string", format: "uri" },
              asOfSeq: { type: "integer" },
              asOfHash: { type: ["string", "null"] },
              records: { type: "array", items: { type: "object" } },
              next: { type: ["string", "null"] },
            },
          }),
        },
        "400": problem("A parameter is wrong"),
      },
    },
  },
};
