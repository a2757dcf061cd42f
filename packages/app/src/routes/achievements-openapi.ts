/** The OpenAPI description of the achievement routes and the centre profile (see ../openapi.ts). */
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

const text = {
  description: "A string, or a map of BCP 47 language tag to string that includes the source language",
  oneOf: [
    { type: "string", minLength: 1 },
    { type: "object", additionalProperties: { type: "string" } },
  ],
};

export const ACHIEVEMENT_SCHEMAS: Json = {
  AchievementDefinition: {
    type: "object",
    description: "An Open Badges 3.0 achievement with the EU micro-credential elements; its id is its URL",
    required: ["name", "description", "criteria", "sourceLanguage"],
    additionalProperties: false,
    properties: {
      slug: { type: "string", pattern: "^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$" },
      name: text,
      description: text,
      criteria: {
        type: "object",
        required: ["narrative"],
        properties: { narrative: text, id: { type: "string", format: "uri" } },
      },
      sourceLanguage: { type: "string", description: "BCP 47: the language the texts are written in" },
      achievementType: { type: "string", examples: ["MicroCredential", "Course", "ext:MicroMajor"] },
      fieldOfStudy: { type: "string" },
      image: { type: "string", format: "uri" },
      tags: { type: "array", maxItems: 20, items: { type: "string" } },
      creditsAvailable: { type: "number", minimum: 0 },
      ectsCredits: { type: "number", minimum: 0 },
      workloadHours: { type: "number", minimum: 0 },
      eqfLevel: { type: "integer", minimum: 1, maximum: 8 },
      learningOutcomes: {
        type: "array",
        items: {
          type: "object",
          required: ["text"],
          properties: { text, frameworkUri: { type: "string", format: "uri" } },
        },
      },
      assessmentType: { type: "string" },
      participationForm: { enum: ["online", "onsite", "blended"] },
      qualityAssurance: { type: "string" },
      courseRecord: {
        type: "object",
        required: ["id", "version"],
        properties: { id: { type: "string", format: "uri" }, version: { type: "integer", minimum: 1 } },
      },
      archived: { type: "boolean", description: "Archived achievements are no longer awarded or listed" },
    },
  },
  AchievementView: {
    type: "object",
    required: ["id", "slug", "version", "archived", "createdAt", "updatedAt", "definition"],
    properties: {
      id: { type: "string", format: "uri" },
      slug: { type: "string" },
      version: { type: "integer" },
      archived: { type: "boolean" },
      createdAt: { type: "string", format: "date-time" },
      updatedAt: { type: "string", format: "date-time" },
      definition: ref("AchievementDefinition"),
    },
  },
  AwardRequest: {
    type: "object",
    required: ["learner"],
    properties: {
      learner: {
        oneOf: [
          { type: "object", required: ["did"], properties: { did: { type: "string" } } },
          { type: "object", required: ["email"], properties: { email: { type: "string", format: "email" } } },
        ],
      },
      result: {
        type: "object",
        properties: { grade: { type: "string" }, creditsEarned: { type: "number", minimum: 0 } },
      },
      format: { enum: ["ldp_vc", "jwt_vc"] },
      requestKey: { type: "string", maxLength: 200 },
    },
  },
  CentreProfile: {
    type: "object",
    required: ["name", "sourceLanguage"],
    properties: {
      id: { type: "string", description: "The centre's DID (read only)" },
      name: text,
      sourceLanguage: { type: "string" },
      country: { type: "string", pattern: "^[A-Z]{2}$" },
      url: { type: "string", format: "uri" },
      email: { type: "string", format: "email" },
      phone: { type: "string", pattern: "^\\+[1-9][0-9 -]{5,20}[0-9]$", description: "International form" },
    },
  },
};

const INVALID = problem("The definition is invalid: code names the first problem, `problems` lists all");
const slug = pathParam("slug", "The achievement's slug");

export const ACHIEVEMENT_PATHS: Json = {
  "/achievements": {
    get: {
      summary: "The centre's achievements, by slug",
      parameters: [
        queryParam("after", { type: "string" }, "A slug: the page after it"),
        queryParam("limit", { type: "integer", minimum: 1, maximum: 100, default: 50 }),
        queryParam("archived", { enum: ["true", "false"] }, "true lists archived ones too"),
      ],
      responses: {
        "200": { description: "A page; `next` is the cursor of the next", ...json({ type: "object" }) },
        "400": problem("Bad query"),
      },
    },
    post: {
      ...staff("scope achievements"),
      summary: "Define an achievement (version 1)",
      requestBody: requestBody("AchievementDefinition"),
      responses: {
        "201": { description: "Defined", ...json(ref("AchievementView")) },
        ...BODY_ERRORS,
        ...STAFF_ERRORS,
        "409": problem("The slug is taken"),
        "422": INVALID,
      },
    },
  },
  "/achievements/{slug}": {
    get: {
      summary: "The Open Badges 3.0 Achievement (JSON-LD), or with view=definition its stored form",
      parameters: [
        slug,
        queryParam("version", { type: "integer", minimum: 1 }, "An earlier version"),
        queryParam("view", { enum: ["definition"] }),
        queryParam(
          "lang",
          { type: "string" },
          "Reader's language: sets Content-Language; texts stay as defined",
        ),
      ],
      responses: {
        "200": { description: "The achievement", ...json({ type: "object" }, "application/ld+json") },
        "404": problem("Unknown achievement or version"),
      },
    },
    put: {
      ...staff("scope achievements"),
      summary: 'Revise an achievement: a new version (If-Match: "v<version>" to guard against lost updates)',
      parameters: [slug, { name: "If-Match", in: "header", schema: { type: "string" } }],
      requestBody: requestBody("AchievementDefinition"),
      responses: {
        "200": { description: "The new version", ...json(ref("AchievementView")) },
        ...BODY_ERRORS,
        ...STAFF_ERRORS,
        "404": problem("Unknown achievement"),
        "409": problem("Changed meanwhile, or If-Match names another version"),
        "422": INVALID,
      },
    },
  },
  "/achievements/{slug}/issue": {
    post: {
      ...staff("scope issue"),
      summary: "Award the achievement to a learner: the node builds and issues the credential",
      parameters: [slug],
      requestBody: requestBody("AwardRequest"),
      responses: {
        "201": { description: "Issued", ...json(ref("VerifiableCredentialResponse")) },
        "200": {
          description: "Issued earlier under the same requestKey",
          ...json(ref("VerifiableCredentialResponse")),
        },
        ...BODY_ERRORS,
        ...STAFF_ERRORS,
        "404": problem("Unknown achievement"),
        "409": problem("Archived, no centre profile yet, or the requestKey was used for another credential"),
        "422": problem("creditsEarned exceeds creditsAvailable"),
      },
    },
  },
  "/profile": {
    get: {
      summary: "The centre's profile: the awarding body its credentials name",
      responses: {
        "200": { description: "The profile", ...json(ref("CentreProfile")) },
        "404": problem("No profile yet"),
      },
    },
    put: {
      ...staff("scope admin"),
      summary: "Set the centre's profile",
      requestBody: requestBody("CentreProfile"),
      responses: {
        "200": { description: "Stored", ...json(ref("CentreProfile")) },
        ...BODY_ERRORS,
        ...STAFF_ERRORS,
        "422": problem("The profile is invalid"),
      },
    },
  },
};
