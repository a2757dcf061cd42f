/** The OpenAPI description of the own catalogue's routes (see ../openapi.ts). */
import { COURSE_MODES } from "@learnbridge/catalogue";
import {
  BODY_ERRORS,
  type Json,
  json,
  pathParam,
  problem,
  queryParam,
  ref,
  requestBody,
  STAFF_ERRORS,
  staff,
} from "../openapi-fragments.ts";

const languageMap = {
  type: "object",
  description: "BCP 47 language tag to non-empty text",
  minProperties: 1,
  additionalProperties: { type: "string", minLength: 1 },
};
const content = {
  title: languageMap,
  description: languageMap,
  level: {
    type: "object",
    required: ["framework", "value"],
    properties: { framework: { type: "string", examples: ["EQF"] }, value: { type: "integer" } },
  },
  credits: {
    type: "object",
    required: ["system", "value"],
    properties: { system: { type: "string", examples: ["ECTS"] }, value: { type: "number", minimum: 0 } },
  },
  language: { type: "array", minItems: 1, items: { type: "string" } },
  mode: { enum: COURSE_MODES },
  audience: { type: "array", items: { type: "string", pattern: "^[a-z][a-z0-9-]{0,39}$" } },
  country: { type: "string", pattern: "^[A-Z]{2}$" },
};

export const CATALOGUE_SCHEMAS: Json = {
  CourseInput: {
    type: "object",
    description: "What staff write of a course; the node adds id, owner, version, updated and its signature",
    required: ["title", "language", "mode"],
    additionalProperties: false,
    properties: { slug: { type: "string", pattern: "^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$" }, ...content },
  },
  CourseRecord: {
    type: "object",
    description: "A course record signed by its owner (eddsa-jcs-2022); see specs/federation.md",
    required: ["@context", "type", "id", "owner", "version", "title", "language", "mode", "updated", "proof"],
    properties: {
      "@context": { type: "array", items: { type: "string" } },
      type: { const: "Course" },
      id: { type: "string", format: "uri" },
      owner: { type: "string", pattern: "^did:web:" },
      version: { type: "integer", minimum: 1 },
      ...content,
      updated: { type: "string", format: "date-time" },
      proof: { type: "object" },
    },
  },
  CourseTombstone: {
    type: "object",
    description: "A deleted course, signed by its owner",
    required: ["@context", "type", "formerType", "id", "owner", "version", "deleted", "proof"],
    properties: {
      type: { const: "Tombstone" },
      formerType: { const: "Course" },
      id: { type: "string", format: "uri" },
      owner: { type: "string" },
      version: { type: "integer", minimum: 2 },
      deleted: { type: "string", format: "date-time" },
      proof: { type: "object" },
    },
  },
};

const slug = pathParam("slug", "The course's slug: the last segment of its URL");
const record = (description: string) => ({
  description,
  ...json(ref("CourseRecord"), "application/ld+json"),
});
const ifMatch = {
  name: "If-Match",
  in: "header",
  schema: { type: "string" },
  description: 'The ETag of the version the change is based on, e.g. "v3"',
};
const conflict = problem("The slug is taken, If-Match names another version, or another writer won");

export const CATALOGUE_PATHS: Json = {
  "/catalogue/courses": {
    post: {
      ...staff("scope achievements"),
      summary: "Create a course: version 1, signed by the centre and published to its feed",
      requestBody: requestBody("CourseInput"),
      responses: {
        "201": record("The signed record; Location is its id, ETag its version"),
        ...BODY_ERRORS,
        ...STAFF_ERRORS,
        "409": conflict,
        "422": problem("A field is wrong: code and field of the first problem, `problems` lists all"),
      },
    },
    get: {
      summary: "The centre's live courses, by id",
      parameters: [
        queryParam("after", { type: "string" }, "The slug the previous page ended with"),
        queryParam("limit", { type: "integer", minimum: 1, maximum: 100, default: 50 }),
      ],
      responses: {
        "200": {
          description: "A page of signed records",
          ...json({
            type: "object",
            required: ["courses"],
            properties: { courses: { type: "array", items: ref("CourseRecord") }, next: { type: "string" } },
          }),
        },
        "400": problem("A parameter is wrong"),
      },
    },
  },
  "/catalogue/courses/{slug}": {
    get: {
      summary: "One course: its signed record at the URL that is its id",
      parameters: [slug],
      responses: {
        "200": record("The signed record (ETag: its version)"),
        "304": { description: "Not modified (If-None-Match)" },
        "404": problem("No such course"),
        "410": problem("The course was deleted; `tombstone` is its signed tombstone"),
      },
    },
    put: {
      ...staff("scope achievements"),
      summary: "Revise a course: the next version, signed and published",
      parameters: [slug, ifMatch],
      requestBody: requestBody("CourseInput"),
      responses: {
        "200": record("The new version"),
        ...BODY_ERRORS,
        ...STAFF_ERRORS,
        "404": problem("No such course"),
        "409": conflict,
        "410": problem("The course was deleted"),
        "422": problem("A field is wrong"),
      },
    },
    delete: {
      ...staff("scope achievements"),
      summary: "Delete a course: a signed tombstone at the next version, published to the feed",
      parameters: [slug, ifMatch],
      responses: {
        "200": {
          description: "The signed tombstone",
          ...json(ref("CourseTombstone"), "application/ld+json"),
        },
        ...STAFF_ERRORS,
        "404": problem("No such course"),
        "409": conflict,
        "410": problem("Already deleted"),
      },
    },
  },
};
