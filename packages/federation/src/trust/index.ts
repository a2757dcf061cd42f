/** Network trust (OpenID Federation 1.0): entity statements, trust marks, chains, resolution, a node's roles. */
export {
  type Accreditation,
  type AchievementFacts,
  assessIssuance,
  assessMembership,
  chainDetails,
  iscedCodeOf,
} from "./accreditation.ts";
export {
  type CachedChain,
  type CachedMarkStatus,
  MemoryTrustChainCache,
  type TrustChainCache,
} from "./chain-cache.ts";
export { type CollectOptions, collectTrustChain } from "./chain-collector.ts";
export { entityConfigurationClaims, signedEntityConfiguration } from "./entity-configuration.ts";
export { entityConfigurationUrl, entityIdFromDid, entityIdOf, isEntityId } from "./entity-id.ts";
export {
  type DecodedStatement,
  decodeStatement,
  ENTITY_STATEMENT_MEDIA_TYPE,
  ENTITY_STATEMENT_TYP,
  type EntityStatementClaims,
  jwkSetProblem,
  organizationNameOf,
  type StatementConstraints,
  signEntityStatement,
  statementClaimsProblem,
  type TrustMarkEntry,
} from "./entity-statement.ts";
export {
  type FederationActor,
  FederationAuthority,
  type FederationAuthorityOptions,
  type KeyRefresh,
  type KeyRefreshCause,
  type ListFilter,
  type SubordinateStatementAnswer,
} from "./federation-authority.ts";
export {
  FederationClient,
  type FederationClientOptions,
  type FederationFetch,
  type FetchFailureKind,
  type FetchResult,
} from "./federation-client.ts";
export {
  type FederationConfig,
  type FederationKey,
  type FederationKeyStore,
  type FederationKeys,
  type FederationRole,
  federationEndpoints,
  type ResolvedFederationConfig,
  resolveFederationConfig,
} from "./federation-config.ts";
export { createFederationNode, type FederationNode, type FederationNodeOptions } from "./federation-node.ts";
export {
  decodeJws,
  FEDERATION_ALGORITHMS,
  type FederationJwk,
  type JwkSet,
  signJws,
  verifyJws,
} from "./jws.ts";
export {
  type AnnounceOutcome,
  type AnnounceReport,
  KeyRollover,
  type KeyRolloverOptions,
  type SigningChoice,
  type SuperiorPins,
} from "./key-rollover.ts";
export { type TrustFailure, type TrustOutcome, trusted, untrusted } from "./outcome.ts";
export {
  JWK_SET_MEDIA_TYPE,
  JWK_SET_TYP,
  RESOLVE_RESPONSE_MEDIA_TYPE,
  RESOLVE_RESPONSE_TYP,
  signHistoricalKeys,
  signResolveResponse,
} from "./signed-responses.ts";
export {
  DEFAULT_MAX_PATH_LENGTH,
  type TrustAnchor,
  type ValidatedChain,
  validateTrustChain,
} from "./trust-chain.ts";
export {
  decodeTrustMark,
  type LearnbridgeTrustMarkType,
  signTrustMark,
  TRUST_MARK_MEDIA_TYPE,
  TRUST_MARK_STATUS_MEDIA_TYPE,
  TRUST_MARK_STATUS_TYP,
  TRUST_MARK_STATUSES,
  TRUST_MARK_TYP,
  TRUST_MARK_TYPES,
  type TrustMarkClaims,
  type TrustMarkScope,
  type TrustMarkStatus,
  trustMarkClaimsProblem,
  trustMarkScopeProblem,
  verifyTrustMark,
} from "./trust-mark.ts";
export { type HeldMarksRefresh, refreshHeldTrustMarks, type SelfIssuedMarks } from "./trust-mark-holder.ts";
export { TrustMarkIssuer, type TrustMarkIssuerOptions, type TrustMarkRequest } from "./trust-mark-issuer.ts";
export {
  type AuditSink,
  type FederationAuditEntry,
  type HeldTrustMark,
  type IssuedTrustMark,
  MemoryTrustRegistry,
  type SubordinateRecord,
  type SubordinateStatus,
  type TrustRegistry,
} from "./trust-registry.ts";
export {
  type CheckedTrustMark,
  type MarkStatusSource,
  markKey,
  type NamedEntity,
  type ResolvedTrust,
  type ResolveOptions,
  TrustResolver,
  type TrustResolverOptions,
} from "./trust-resolver.ts";
export {
  OWNER_TRUSTED,
  type OwnerTrust,
  type OwnerTrustOptions,
  resolveDid,
  type TrustedOwnerCheck,
  trustedOwnerCheck,
} from "./trusted-owner.ts";
