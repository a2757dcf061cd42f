/** The OpenAPI description of bulk issuance jobs: submit (JSON or CSV), progress, per-row outcomes. */
import {
  type Json,
  json,
  pathParam,
  problem,
  queryParam,
  ref,
  STAFF_ERRORS,
  staff,
} from "../openapi-fragments.ts";

const FLAT_ROW_DESCRIPTION =
  "A flat row: learner_did or learner_email (exactly one; an email is carried only as a salted hash), " +
  "achievement_id (http(s) URL), achievement_name, achievement_description, criteria (required); " +
  "achievement_type (default MicroCredential), language (BCP 47, default en), grade, credits (≥ 0), " +
  "valid_from, valid_until (ISO 8601). Or a whole unsigned credential (an object with @context).";

export const JOB_SCHEMAS: Json = {
  JobRow: {
    description: FLAT_ROW_DESCRIPTION,
    type: "object",
    properties: {
      learner_did: { type: "string" },
      learner_email: { type: "string", format: "email" },
      achievement_id: { type: "string", format: "uri" },
      achievement_name: { type: "string" },
      achievement_description: { type: "string" },
      criteria: { type: "string" },
      achievement_type: { type: "string" },
      language: { type: "string" },
      grade: { type: "string" },
      credits: { type: ["number", "string"] },
      valid_from: { type: "string" },
      valid_until: { type: "string" },
    },
  },
  JobRequest: {
    type: "object",
    required: ["rows"],
    properties: {
      jobKey: {
        type: "string",
        maxLength: 200,
        description: "An idempotency key: resubmitting with it returns the first job",
      },
      format: { enum: ["ldp_vc", "jwt_vc"], default: "ldp_vc" },
      rows: { type: "array", minItems: 1, maxItems: 10_000, items: ref("JobRow") },
    },
  },
  Job: {
    type: "object",
    required: ["id", "kind", "format", "state", "total", "pending", "issued", "failed", "createdAt"],
    properties: {
      id: { type: "string" },
      kind: { const: "issue" },
      format: { enum: ["ldp_vc", "jwt_vc"] },
      state: { enum: ["queued", "running", "done"] },
      total: { type: "integer" },
      pending: { type: "integer" },
      issued: { type: "integer" },
      failed: { type: "integer" },
      createdAt: { type: "string", format: "date-time" },
      finishedAt: { type: "string", format: "date-time" },
      jobKey: { type: "string" },
    },
  },
  JobRowResult: {
    type: "object",
    required: ["row", "state", "input"],
    properties: {
      row: {
        type: "integer",
        minimum: 1,
        description: "1 for the first row (in CSV, the line after the header)",
      },
      state: { enum: ["pending", "issued", "failed"] },
      credentialId: { type: "string" },
      error: {
        type: "object",
        required: ["code", "message"],
        properties: { code: { type: "string" }, message: { type: "string" } },
      },
      input: { type: "object", description: "The row as submitted" },
    },
  },
};

const ISSUE = staff("scope issue");
const jobId = pathParam("id", "The job id");
const jobAnswer = (description: string) => ({
  description,
  headers: { Location: { schema: { type: "string", format: "uri" }, description: "The job's progress" } },
  ...json({ type: "object", required: ["job"], properties: { job: ref("Job") } }),
});

export const JOB_PATHS: Json = {
  "/jobs": {
    post: {
      ...ISSUE,
      summary: "Submit a bulk issuance job: rows as JSON, or CSV with a header line of the row's columns",
      parameters: [
        queryParam("format", { enum: ["ldp_vc", "jwt_vc"] }, "CSV only: the credentials' format"),
        queryParam("jobKey", { type: "string", maxLength: 200 }, "CSV only: an idempotency key"),
      ],
      requestBody: {
        required: true,
        content: {
          "application/json": { schema: ref("JobRequest") },
          "text/csv": { schema: { type: "string", description: FLAT_ROW_DESCRIPTION } },
        },
      },
      responses: {
        "202": jobAnswer("Stored; its rows are issued in the background"),
        "200": jobAnswer("Submitted before (same jobKey or same rows): that job"),
        "400": problem(
          "Not JSON or not a readable CSV, an unknown column, or a field of the request is wrong",
        ),
        ...STAFF_ERRORS,
        "409": problem("The jobKey was used for other rows"),
        "413": problem("Body too large, or more rows than a job may hold"),
        "415": problem("Body is neither JSON nor CSV"),
      },
    },
  },
  "/jobs/{id}": {
    get: {
      ...ISSUE,
      summary: "A job's progress",
      parameters: [jobId],
      responses: {
        "200": { description: "The job", ...json(ref("Job")) },
        ...STAFF_ERRORS,
        "404": problem("Unknown job"),
      },
    },
  },
  "/jobs/{id}/rows": {
    get: {
      ...ISSUE,
      summary: "A job's rows in order, with each one's outcome",
      parameters: [
        jobId,
        queryParam("state", { enum: ["pending", "issued", "failed"] }),
        queryParam("after", { type: "integer", minimum: 0, default: 0 }, "The page after this row number"),
        queryParam("limit", { type: "integer", minimum: 1, maximum: 500, default: 100 }),
      ],
      responses: {
        "200": {
          description: "A page",
          ...json({
            type: "object",
            properties: { rows: { type: "array", items: ref("JobRowResult") }, next: { type: "integer" } },
          }),
        },
        "400": problem("Bad query"),
        ...STAFF_ERRORS,
        "404": problem("Unknown job"),
      },
    },
  },
};
