/**
 * The one closed set of error codes used across Learnbridge, and the one table from code to HTTP status.
 * Verification checks, API problem details and CLI exit messages all speak these codes.
 */

/** Every code with the HTTP status an API answers when it is the reason a request failed. */
export const ERROR_HTTP_STATUS = {
  // request and input
  BAD_REQUEST: 400,
  MALFORMED_JSON: 400,
  UNSUPPORTED_MEDIA_TYPE: 415,
  PAYLOAD_TOO_LARGE: 413,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UPSTREAM_UNAVAILABLE: 502,
  // document structure
  DOCUMENT_TOO_LARGE: 413,
  DOCUMENT_TOO_DEEP: 422,
  CONTEXT_MISSING: 422,
  CONTEXT_UNKNOWN: 422,
  TERM_UNDEFINED: 422,
  FIELD_MISSING: 422,
  FIELD_INVALID: 422,
  TYPE_MISSING: 422,
  DATE_INVALID: 422,
  URL_INVALID: 422,
  // proofs
  PROOF_MISSING: 422,
  PROOF_MALFORMED: 422,
  PROOF_UNSUPPORTED: 422,
  PROOF_INVALID: 422,
  PROOF_PURPOSE_MISMATCH: 422,
  PROOF_CHALLENGE_MISMATCH: 422,
  PROOF_DOMAIN_MISMATCH: 422,
  PROOF_EXPIRED: 422,
  PROOF_CREATED_IN_FUTURE: 422,
  JWT_MALFORMED: 422,
  JWT_ALG_UNSUPPORTED: 422,
  JWT_TYP_INVALID: 422,
  // keys and DIDs
  DID_INVALID: 422,
  DID_METHOD_UNSUPPORTED: 422,
  DID_NOT_FOUND: 422,
  DID_RESOLUTION_FAILED: 502,
  DID_NETWORK_BLOCKED: 422,
  KEY_NOT_FOUND: 422,
  KEY_UNSUPPORTED: 422,
  KEY_NOT_AUTHORIZED: 422,
  KEY_CONTROLLER_MISMATCH: 422,
  // validity period
  NOT_YET_VALID: 422,
  EXPIRED: 422,
  // status
  STATUS_REVOKED: 422,
  STATUS_SUSPENDED: 422,
  STATUS_ENTRY_INVALID: 422,
  STATUS_LIST_UNAVAILABLE: 422,
  STATUS_LIST_INVALID: 422,
  STATUS_LIST_FULL: 503,
  // schema
  SCHEMA_INVALID: 422,
  SCHEMA_UNKNOWN: 422,
  // presentations
  HOLDER_MISMATCH: 422,
  CREDENTIAL_NOT_ENVELOPED: 422,
  // trust (OpenID Federation: is the issuer an accredited member, and for what)
  TRUST_UNKNOWN: 422,
  TRUST_SUSPENDED: 422,
  TRUST_OUT_OF_SCOPE: 422,
  TRUST_CHAIN_INVALID: 422,
  TRUST_MARK_INVALID: 422,
  TRUST_MARK_REVOKED: 422,
  TRUST_UNAVAILABLE: 502,
  ENTITY_STATEMENT_INVALID: 422,
  // credential exchanges with wallets (OID4VCI, OID4VP, VC-API exchanges)
  GONE: 410,
  OFFER_EXPIRED: 400,
  GRANT_INVALID: 400,
  GRANT_USED: 400,
  TX_CODE_REQUIRED: 400,
  TX_CODE_INVALID: 400,
  TX_CODE_LOCKED: 400,
  ACCESS_TOKEN_INVALID: 401,
  NONCE_INVALID: 400,
  AUDIENCE_MISMATCH: 400,
  HOLDER_PROOF_INVALID: 400,
  CREDENTIAL_CONFIGURATION_UNKNOWN: 400,
  PRESENTATION_REQUEST_EXPIRED: 400,
  PRESENTATION_REPLAYED: 400,
  QUERY_INVALID: 400,
  QUERY_UNSATISFIED: 422,
  EXCHANGE_STATE_INVALID: 409,
  RESPONSE_ENCRYPTION_INVALID: 400,
  // catalogue feeds between nodes
  FEED_GAP: 422,
  FEED_CHAIN_BROKEN: 422,
  FEED_BEHIND_RETENTION: 410,
  CHECKPOINT_INVALID: 422,
  RECORD_SIGNATURE_INVALID: 422,
  RECORD_OWNER_UNTRUSTED: 422,
  RECORD_EQUIVOCATION: 409,
  RECORD_STALE: 409,
  HTTP_SIGNATURE_INVALID: 401,
  // a feed would take one owner past the follower's cap of live records per owner: the feed is quarantined
  FEED_OWNER_QUOTA: 422,
} as const satisfies Record<string, number>;

/** One of the closed set of error codes. */
export type ErrorCode = keyof typeof ERROR_HTTP_STATUS;

/** True when `value` is one of the closed set of codes. */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === "string" && Object.hasOwn(ERROR_HTTP_STATUS, value);
}

/** The HTTP status for a code. */
export function httpStatusOf(code: ErrorCode): number {
  return ERROR_HTTP_STATUS[code];
}

/**
 * A domain failure with a stable code. Programmer misuse is a `TypeError` instead; verifiers never throw
 * this for bad input, they return a report.
 */
export class LearnbridgeError extends Error {
  override readonly name = "LearnbridgeError";
  readonly code: ErrorCode;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(
    code: ErrorCode,
    message: string,
    details: Record<string, unknown> = {},
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.code = code;
    this.details = details;
  }
}
