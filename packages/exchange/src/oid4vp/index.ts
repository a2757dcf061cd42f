/** The OpenID4VP 1.0 verifier: DCQL, signed request objects, answers checked against the request, the store. */
export {
  type AnswerAccepted,
  type AnswerCheck,
  type AnswerContext,
  type AnswerRefused,
  type CheckedPresentation,
  checkAnswer,
  MAX_PRESENTATIONS,
  parseVpToken,
  presentationHash,
} from "./answer-check.ts";
export {
  expandedTypes,
  type MatchableCredential,
  type MatchOutcome,
  matchCredentialQuery,
  satisfiesQuery,
} from "./credential-match.ts";
export {
  type ClaimsPath,
  type ClaimValue,
  DCQL_FORMATS,
  type DcqlClaimsQuery,
  type DcqlCredentialQuery,
  type DcqlCredentialSet,
  type DcqlFormat,
  type DcqlQuery,
  type DcqlTrustedAuthority,
  type DcqlValidation,
  SUPPORTED_AUTHORITY_TYPES,
  validateDcqlQuery,
} from "./dcql.ts";
export {
  type Completion,
  type CompletionOutcome,
  MemoryPresentationRequestStore,
  type PresentationRequestRecord,
  type PresentationRequestStore,
  type PurgeReport,
  type Refusal,
  type ResponseKey,
  type StoredRequestStatus,
} from "./presentation-request-store.ts";
export type {
  NewPresentationRequest,
  PresentationRequestsOptions,
  PresentationRequestView,
  PresentationResult,
  RequestStatus,
  WalletAnswer,
} from "./presentation-request-types.ts";
export { PresentationRequests } from "./presentation-requests.ts";
export {
  type AuthorizationRequestParameters,
  CLIENT_ID_PREFIX,
  clientIdOf,
  REQUEST_OBJECT_MEDIA_TYPE,
  REQUEST_OBJECT_TYP,
  requestObjectClaims,
  STATIC_DISCOVERY_AUDIENCE,
  signRequestObject,
  VP_FORMATS_SUPPORTED,
  walletLink,
} from "./request-object.ts";
export {
  createResponseKey,
  type DecryptedResponse,
  decryptResponse,
  encryptResponse,
  MAX_RESPONSE_JWE_LENGTH,
  RESPONSE_ENC_VALUES,
  RESPONSE_ENCRYPTION_ALG,
  RESPONSE_MODES,
  type ResponseEnc,
  type ResponseEncryptionJwk,
  type ResponseMode,
  type ResponseProblem,
  readResponseHeader,
} from "./response-encryption.ts";
export { type OpenedAnswer, ResponseKeys } from "./response-keys.ts";
export {
  dcqlFromShorthand,
  OPEN_BADGE_CREDENTIAL_IRI,
  type QueryShorthand,
  VERIFIABLE_CREDENTIAL_IRI,
} from "./shorthand.ts";
