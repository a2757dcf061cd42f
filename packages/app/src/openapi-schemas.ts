/** JSON Schemas of the centre API's request and response bodies, for openapi.ts. */

/** Component schemas of the centre API's messages. */
export const API_SCHEMAS: Readonly<Record<string, unknown>> = {
  Problem: {
    type: "object",
    description: "RFC 9457 problem details; `code` is one of Learnbridge's closed set of error codes.",
    required: ["type", "title", "status", "code"],
    properties: {
      type: { type: "string", format: "uri" },
      title: { type: "string", description: "In the request's language (Accept-Language or ?lang=)" },
      status: { type: "integer" },
      code: { type: "string" },
      detail: { type: "string" },
      requestId: { type: "string" },
    },
  },
  VerificationReport: {
    type: "object",
    description: "See https://w3id.org/learnbridge/schemas/verification-report.json",
    required: ["verified", "kind", "checks", "verifiedAt"],
    properties: {
      verified: { type: "boolean" },
      kind: { enum: ["credential", "presentation"] },
      checks: { type: "array", items: { type: "object" } },
    },
  },
  IssueRequest: {
    type: "object",
    required: ["credential"],
    properties: {
      credential: {
        type: "object",
        description: "An unsigned VC 2.0 / OB 3.0 credential; issuer may be omitted",
      },
      options: {
        type: "object",
        properties: {
          format: { enum: ["ldp_vc", "jwt_vc"] },
          requestKey: { type: "string", maxLength: 200 },
        },
      },
    },
  },
  VerifiableCredentialResponse: {
    type: "object",
    required: ["verifiableCredential"],
    properties: {
      verifiableCredential: {
        type: "object",
        description: "Data Integrity, or an EnvelopedVerifiableCredential",
      },
    },
  },
  VerifyCredentialRequest: {
    type: "object",
    required: ["verifiableCredential"],
    properties: { verifiableCredential: { type: ["object", "string"] }, options: { type: "object" } },
  },
  VerifyPresentationRequest: {
    type: "object",
    required: ["verifiablePresentation"],
    properties: {
      verifiablePresentation: { type: ["object", "string"] },
      options: { type: "object", properties: { challenge: { type: "string" }, domain: { type: "string" } } },
    },
  },
  UpdateStatusRequest: {
    type: "object",
    required: ["credentialId", "credentialStatus"],
    properties: {
      credentialId: { type: "string" },
      credentialStatus: {
        type: "array",
        minItems: 1,
        maxItems: 1,
        items: {
          type: "object",
          properties: {
            type: { const: "BitstringStatusListEntry" },
            status: { enum: ["revoked", "suspended", "active"] },
          },
        },
      },
      reason: { type: "string", maxLength: 500 },
    },
  },
  CredentialSummary: {
    type: "object",
    properties: {
      id: { type: "string" },
      subject: { type: "string" },
      state: { enum: ["active", "revoked", "suspended"] },
      format: { enum: ["ldp_vc", "jwt_vc"] },
      issuedAt: { type: "string", format: "date-time" },
      achievementId: { type: "string" },
    },
  },
};
