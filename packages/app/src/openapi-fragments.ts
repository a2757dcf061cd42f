/** Building blocks of the OpenAPI document that feature files share: schema refs, bodies, problems, staff. */

export type Json = Record<string, unknown>;

export const ref = (name: string): Json => ({ $ref: `#/components/schemas/${name}` });
export const json = (schema: Json, mediaType = "application/json"): Json => ({
  content: { [mediaType]: { schema } },
});
export const problem = (description: string): Json => ({
  description,
  ...json(ref("Problem"), "application/problem+json"),
});
export const requestBody = (name: string): Json => ({ required: true, ...json(ref(name)) });
export const staff = (scopes: string): Json => ({
  security: [{ apiKey: [] }],
  description: `Staff: an API key with ${scopes}.`,
});
export const STAFF_ERRORS: Json = {
  "401": problem("No, unknown or revoked API key"),
  "403": problem("Missing scope"),
};
export const BODY_ERRORS: Json = {
  "400": problem("Not JSON, or a field of the request is wrong"),
  "413": problem("Body too large"),
  "415": problem("Body is not JSON"),
};
/** The answer of a rate-limited public endpoint (RATE_LIMIT_PER_MINUTE) over its budget. */
export const RATE_LIMITED: Json = {
  "429": {
    description: "RATE_LIMITED: too many such requests from this address this minute; nothing was done",
    headers: {
      "Retry-After": { description: "Seconds until the minute's window ends", schema: { type: "integer" } },
    },
    ...json(ref("Problem"), "application/problem+json"),
  },
};
export const pathParam = (name: string, description: string): Json => ({
  name,
  in: "path",
  required: true,
  description,
  schema: { type: "string" },
});
export const queryParam = (name: string, schema: Json, description?: string): Json => ({
  name,
  in: "query",
  schema,
  ...(description ? { description } : {}),
});

/** A cursor-paged list answer: the items under `member`, and `next`, the cursor of the next page. */
export const pageOf = (member: string, items: Json, next: "integer" | "string"): Json => ({
  description: "A page; `next` is the cursor of the next",
  ...json({ type: "object", properties: { [member]: { type: "array", items }, next: { type: next } } }),
});

/** The query of a list paged by sequence number (the audit log, the quarantine). */
export const SEQUENCE_PAGING: Json[] = [
  queryParam("after", { type: "integer", minimum: 0 }, "A sequence number: entries after it"),
  queryParam("limit", { type: "integer", minimum: 1, maximum: 500, default: 100 }),
];
