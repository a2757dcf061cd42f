/**
 * How the OID4VCI protocol endpoints say no: OAuth 2.0 error responses (RFC 6749 §5.2 at the token endpoint,
 * RFC 6750 §3 and OID4VCI 1.0 §8.3.1 at the credential endpoint), `{ error, error_description }`, with our
 * stable `code` added so that a client can tell a wrong PIN from a locked offer.
 */
import type { ErrorCode } from "@learnbridge/core";

/** The protocol endpoints, whose error vocabularies differ. */
export type Oid4vciEndpoint = "token" | "nonce" | "credential";

/** An OAuth error answer: the JSON body and its HTTP status. */
export interface OAuthErrorResponse {
  readonly status: 400 | 401;
  readonly body: { readonly error: string; readonly error_description: string; readonly code: ErrorCode };
}

const TOKEN_ERRORS: Partial<Record<ErrorCode, string>> = {
  TX_CODE_REQUIRED: "invalid_request",
  GRANT_INVALID: "invalid_grant",
  GRANT_USED: "invalid_grant",
  OFFER_EXPIRED: "invalid_grant",
  TX_CODE_INVALID: "invalid_grant",
  TX_CODE_LOCKED: "invalid_grant",
};

const CREDENTIAL_ERRORS: Partial<Record<ErrorCode, string>> = {
  ACCESS_TOKEN_INVALID: "invalid_token",
  NONCE_INVALID: "invalid_nonce",
  AUDIENCE_MISMATCH: "invalid_proof",
  HOLDER_PROOF_INVALID: "invalid_proof",
  CREDENTIAL_CONFIGURATION_UNKNOWN: "unknown_credential_configuration",
  GRANT_INVALID: "credential_request_denied",
  GRANT_USED: "credential_request_denied",
  OFFER_EXPIRED: "credential_request_denied",
  CONFLICT: "credential_request_denied",
  NOT_FOUND: "credential_request_denied",
};

/** `error_description` allows printable ASCII but `"` and `\` (RFC 6749 §5.2): anything else becomes `?`. */
const describable = (text: string) => text.replace(/[^\x20-\x21\x23-\x5b\x5d-\x7e]/g, "?").slice(0, 500);

/**
 * The OAuth error for a failure with `code` at `endpoint`; `override` names the error when the code alone
 * cannot (e.g. `unsupported_grant_type`).
 */
export function oauthErrorOf(
  endpoint: Oid4vciEndpoint,
  code: ErrorCode,
  description: string,
  override?: string,
): OAuthErrorResponse {
  const fallback = endpoint === "credential" ? "invalid_credential_request" : "invalid_request";
  const table = endpoint === "token" ? TOKEN_ERRORS : endpoint === "credential" ? CREDENTIAL_ERRORS : {};
  const error = override ?? table[code] ?? fallback;
  return {
    status: error === "invalid_token" || error === "invalid_client" ? 401 : 400,
    body: { error, error_description: describable(description), code },
  };
}
