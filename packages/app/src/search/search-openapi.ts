/** The OpenAPI description of `GET /catalogue/search` (see ../openapi.ts). */
import { COURSE_MODES, DEFAULT_SEARCH_LIMIT, MAX_SEARCH_LIMIT } from "@learnbridge/catalogue";
import { type Json, json, problem, queryParam, ref } from "../openapi-fragments.ts";

const RANGE = "N, N-M, N- (at least N) or -M (at most M)";

export const SEARCH_PATHS: Json = {
  "/catalogue/search": {
    get: {
      summary: "Search the courses of this node and of every catalogue it follows",
      description:
        "Full text in any language the records carry (Chinese, Japanese and Korean are cut into words), " +
        "filters, BM25 ranking with title matches first, and a cursor. Public.",
      parameters: [
        queryParam("q", { type: "string", maxLength: 200 }, "Words, in any language; every word must match"),
        queryParam(
          "lang",
          { type: "string" },
          "The reader's language: titles are given in it when they can be",
        ),
        queryParam("level", { type: "string", examples: ["4", "3-5", "5-"] }, `EQF level 1-8: ${RANGE}`),
        queryParam("credits", { type: "string", examples: ["-5", "2.5-10"] }, `ECTS credits: ${RANGE}`),
        queryParam(
          "language",
          { type: "string", examples: ["zh", "sw,en"] },
          "Languages of instruction, any of",
        ),
        queryParam("mode", { type: "string", examples: ["online"] }, `Any of ${COURSE_MODES.join(", ")}`),
        queryParam("country", { type: "string", examples: ["KE", "CN,KE"] }, "ISO 3166-1 alpha-2, any of"),
        queryParam("audience", { type: "string", examples: ["seniors"] }, "Audiences, any of"),
        queryParam(
          "cursor",
          { type: "string" },
          "`next` of the previous page, with the same other parameters",
        ),
        queryParam("limit", {
          type: "integer",
          minimum: 1,
          maximum: MAX_SEARCH_LIMIT,
          default: DEFAULT_SEARCH_LIMIT,
        }),
      ],
      responses: {
        "200": {
          description: "One page of results, best first",
          ...json({
            type: "object",
            required: ["results"],
            properties: {
              results: { type: "array", items: ref("CatalogueSearchResult") },
              next: { type: "string", description: "The cursor of the next page; absent on the last" },
            },
          }),
        },
        "400": problem("A parameter is wrong: `field` names it"),
      },
    },
  },
};

export const SEARCH_SCHEMAS: Json = {
  CatalogueSearchResult: {
    type: "object",
    required: ["id", "owner", "version", "source"],
    properties: {
      id: { type: "string", format: "uri", description: "The course record's id, on its owner's node" },
      owner: { type: "string", description: "The DID of the centre that owns and signed the record" },
      version: { type: "integer", minimum: 1 },
      source: { enum: ["own", "replica"], description: "This node's own record, or one it follows" },
      title: { type: "string" },
      titleLanguage: { type: "string", description: "BCP 47: the language `title` is in" },
      description: { type: "string" },
      descriptionLanguage: { type: "string" },
      level: { type: "object", properties: { framework: { type: "string" }, value: { type: "number" } } },
      credits: { type: "object", properties: { system: { type: "string" }, value: { type: "number" } } },
      language: { type: "array", items: { type: "string" } },
      mode: { enum: COURSE_MODES },
      audience: { type: "array", items: { type: "string" } },
      country: { type: "string" },
    },
  },
};
