/**
 * @learnbridge/credentials: the credential engine. Builds Open Badges 3.0 credentials on VC 2.0, secures them
 * with Data Integrity or VC-JOSE, resolves DIDs, keeps Bitstring status lists, and verifies credentials and
 * presentations into reports of named checks.
 */

export {
  createDocumentLoader,
  type DocumentLoader,
  type RemoteDocument,
} from "./contexts/document-loader.ts";
export * from "./contexts/index.ts";
export * from "./data-integrity/index.ts";
export * from "./did/index.ts";
export {
  type CredentialFormat,
  type IssuedCredential,
  type IssueOptions,
  issueCredential,
} from "./issue/issue-credential.ts";
export * from "./jose/index.ts";
export {
  type AchievementDefinition,
  type AchievementType,
  type LearningOutcome,
  toObAchievement,
} from "./model/achievement.ts";
export {
  type AchievementCredentialInput,
  buildAchievementCredential,
  type IssuerProfile,
  type LearnerResult,
  OB_ACHIEVEMENT_CREDENTIAL_SCHEMA,
} from "./model/achievement-credential.ts";
export { isLanguageTag, type LanguageText, languageMap, sourceText, textFor } from "./model/language-text.ts";
export {
  hashedEmailIdentity,
  type IdentityObject,
  identityMatchesEmail,
  type Learner,
} from "./model/learner.ts";
export { type ClaimsPath, selectClaims } from "./query/claims-path.ts";
export * from "./status/index.ts";
export type { KeyResolver, ProofPurpose, ResolvedVerificationMethod } from "./verify/key-resolver.ts";
export * from "./verify/report.ts";
export { BUNDLED_SCHEMAS, checkCredentialSchema } from "./verify/schema-check.ts";
export {
  credentialStructureProblems,
  presentationStructureProblems,
  type StructureLimits,
} from "./verify/structure.ts";
export type { TrustEvaluator, VerifierOptions } from "./verify/verifier-options.ts";
export { issuerIdOf, verifyCredential } from "./verify/verify-credential.ts";
export { type PresentationOptions, verifyPresentation } from "./verify/verify-presentation.ts";
