/**
 * @learnbridge/issuer: a centre's issuing domain — its keys and DID document, staff API keys and scopes, the
 * audit log, issued-credential records, issuance and revocation. Storage is by ports with in-memory twins.
 */

export { type Actor, auditedBy } from "./access/actor.ts";
export {
  API_TOKEN_PATTERN,
  type ApiKeyRecord,
  type ApiKeyRepository,
  authenticate,
  createApiKey,
  hasScope,
  MemoryApiKeyRepository,
  mintApiKey,
  registerApiToken,
  SCOPES,
  type Scope,
} from "./access/api-keys.ts";
export { checkRateLimitHit, MemoryRateLimitStore, type RateLimitStore } from "./access/rate-limits.ts";
export {
  type ApiKeySummary,
  parseScopes,
  StaffAccess,
  type StaffAccessOptions,
  summaryOfApiKey,
} from "./access/staff-access.ts";
export {
  type AchievementQuery,
  type AchievementRecord,
  type AchievementRepository,
  MemoryAchievementRepository,
} from "./achievements/achievement-repository.ts";
export { Achievements, type AchievementsOptions } from "./achievements/achievements.ts";
export {
  type AwardContext,
  type AwardRequest,
  awardAchievement,
} from "./achievements/award-achievement.ts";
export {
  type CentreProfile,
  type CentreProfileRepository,
  issuerProfileOf,
  MemoryCentreProfileRepository,
  type StoredCentreProfile,
  updateCentreProfile,
  validateCentreProfile,
} from "./achievements/centre-profile.ts";
export { type Checked, type FieldProblem, fieldProblemsError } from "./achievements/field-problems.ts";
export {
  type AchievementContent,
  type AchievementInput,
  SLUG,
  validateAchievement,
} from "./achievements/validate-achievement.ts";
export { type AuditEntry, type AuditLog, MemoryAuditLog } from "./audit/audit-log.ts";
export {
  credentialForRow,
  FLAT_ROW_COLUMNS,
  type FlatRowColumn,
  isCredentialRow,
  REQUIRED_COLUMNS,
  type RowCredential,
} from "./jobs/flat-row.ts";
export { parseJobCsv } from "./jobs/job-csv.ts";
export {
  type Job,
  type JobRepository,
  type JobRow,
  type JobRowError,
  type JobRowQuery,
  type JobRowState,
  type JobState,
  type JobTotals,
  MemoryJobRepository,
  type MemoryJobRepositoryOptions,
  type RowOutcome,
} from "./jobs/job-repository.ts";
export { JobRunner, type JobRunnerOptions, rowRequestKey } from "./jobs/job-runner.ts";
export { type JobSubmission, MAX_JOB_ROWS, submitJob } from "./jobs/submit-job.ts";
export { CentreKeys, type CentreKeysOptions } from "./keys/centre-keys.ts";
export {
  type KeyRepository,
  type KeyStatus,
  MemoryKeyRepository,
  type StoredKey,
} from "./keys/key-repository.ts";
export { createKeyVault, type KeyVault } from "./keys/key-vault.ts";
export {
  type CredentialQuery,
  type CredentialRepository,
  type CredentialState,
  type IssuedCredentialRecord,
  MemoryCredentialRepository,
  type MemoryCredentialRepositoryOptions,
} from "./records/credential-repository.ts";
export { Issuance, type IssuanceOptions, type IssueRequest } from "./records/issuance.ts";
