/** The OpenAPI description of the VC-API (VCALM) claim exchanges, in the VCALM spec's message shapes. */
import { BODY_ERRORS, type Json, json, pathParam, problem, ref } from "../openapi-fragments.ts";

const ID = pathParam(
  "id",
  "The exchange's id: the offer's id, or the id an offer with a PIN was unlocked at",
);
const ok = (description: string, schema: string) => ({ "200": { description, ...json(ref(schema)) } });
const GONE_ERRORS = {
  "400": problem(
    "OFFER_EXPIRED, GRANT_INVALID (withdrawn), GRANT_USED (claimed by another wallet), TX_CODE_REQUIRED (the offer has a PIN: unlock it first)",
  ),
  "404": problem("No such exchange"),
};

export const VC_API_EXCHANGE_SCHEMAS: Json = {
  ExchangeClientMessage: {
    description: "`{}` (or no body) starts the exchange; `{ verifiablePresentation }` answers its request",
    type: "object",
    properties: {
      verifiablePresentation: {
        description:
          "A DIDAuth presentation: Data Integrity (proofPurpose authentication), a vp+jwt, or enveloped",
        oneOf: [{ type: "object" }, { type: "string" }],
      },
      referenceId: { type: "string" },
    },
  },
  DidAuthPresentationRequest: {
    type: "object",
    required: ["query", "challenge", "domain"],
    properties: {
      query: {
        type: "array",
        items: {
          type: "object",
          properties: {
            type: { const: "DIDAuthentication" },
            acceptedMethods: {
              type: "array",
              items: { type: "object", properties: { method: { type: "string" } } },
            },
          },
        },
      },
      challenge: { type: "string" },
      domain: { type: "string", description: "The centre's origin" },
      interact: { type: "object", description: "Where to answer, for wallets that read it" },
    },
  },
  ExchangeServerMessage: {
    oneOf: [
      {
        type: "object",
        required: ["verifiablePresentationRequest"],
        properties: { verifiablePresentationRequest: ref("DidAuthPresentationRequest") },
      },
      {
        type: "object",
        required: ["verifiablePresentation"],
        properties: {
          verifiablePresentation: {
            type: "object",
            description: "Unsigned; verifiableCredential holds the issued credential (enveloped when vc+jwt)",
          },
        },
      },
    ],
  },
  ExchangeState: {
    type: "object",
    required: ["id", "sequence", "expires", "step", "state"],
    properties: {
      id: { type: "string" },
      sequence: { type: "integer", minimum: 0 },
      expires: { type: "string", format: "date-time" },
      step: { type: "string" },
      state: { enum: ["pending", "active", "complete", "invalid"] },
      lastError: {
        type: "object",
        description: "VCALM's ProblemDetails of the last refused step, with Learnbridge's stable code",
        required: ["type", "title", "code", "detail"],
        properties: {
          type: { type: "string", format: "uri" },
          title: { type: "string", description: "In the caller's language" },
          code: { type: "string" },
          detail: { type: "string" },
        },
      },
    },
  },
  ExchangeProtocols: {
    type: "object",
    required: ["protocols"],
    properties: {
      protocols: {
        type: "object",
        required: ["OID4VCI"],
        properties: {
          vcapi: {
            type: "string",
            format: "uri",
            description: "Absent for an offer with a PIN until it is unlocked",
          },
          OID4VCI: { type: "string", description: "openid-credential-offer://?credential_offer_uri=…" },
        },
      },
    },
  },
  ExchangeUnlock: {
    type: "object",
    required: ["protocols", "lcwDeepLink"],
    properties: {
      protocols: ref("ExchangeProtocols"),
      lcwDeepLink: {
        type: "string",
        description: "https://lcw.app/request?request=… for the Learner Credential Wallet",
      },
    },
  },
};

export const VC_API_EXCHANGE_PATHS: Json = {
  "/workflows/claim/exchanges/{id}": {
    post: {
      summary: "Take a step of a claim exchange (VCALM): start it, or answer its DIDAuth request",
      parameters: [ID],
      requestBody: { required: false, ...json(ref("ExchangeClientMessage")) },
      responses: {
        ...ok("The request to answer, or the credential", "ExchangeServerMessage"),
        ...BODY_ERRORS,
        ...GONE_ERRORS,
        "400": problem(
          "As VCALM lists: MALFORMED_JSON, BAD_REQUEST; EXCHANGE_STATE_INVALID (complete, not started, or the challenge was used); a refused presentation (the code of its first failed check, with the report); OFFER_EXPIRED, GRANT_INVALID, GRANT_USED, TX_CODE_REQUIRED, PRESENTATION_REQUEST_EXPIRED",
        ),
        "409": problem("CONFLICT: another step of the same exchange is running: try again"),
      },
    },
    get: {
      summary: "The state of a claim exchange (VCALM Get Exchange State)",
      parameters: [ID],
      responses: { ...ok("The exchange", "ExchangeState"), ...GONE_ERRORS },
    },
  },
  "/workflows/claim/exchanges/{id}/protocols": {
    get: {
      summary: "The protocols a claim exchange can be done by (VCALM Get Exchange Protocols)",
      parameters: [ID],
      responses: { ...ok("vcapi and OID4VCI", "ExchangeProtocols"), ...GONE_ERRORS },
    },
  },
  "/workflows/claim/exchanges/{id}/unlock": {
    post: {
      summary: "Open the VC-API exchange of an offer with a PIN (the claim page's step; not VCALM)",
      parameters: [pathParam("id", "The offer's id")],
      requestBody: {
        required: true,
        ...json({ type: "object", required: ["tx_code"], properties: { tx_code: { type: "string" } } }),
      },
      responses: {
        ...ok("The exchange to give the wallet", "ExchangeUnlock"),
        ...BODY_ERRORS,
        ...GONE_ERRORS,
        "400": problem(
          "TX_CODE_REQUIRED, TX_CODE_INVALID, TX_CODE_LOCKED, OFFER_EXPIRED, GRANT_USED, GRANT_INVALID",
        ),
      },
    },
  },
};
