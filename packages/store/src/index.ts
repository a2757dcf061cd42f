/** libSQL implementations of the domain packages' storage ports, the schema migrations, and the client port. */
export { type BusyRetryOptions, busyRetrying, isBusy, retryWhileBusy } from "./busy.ts";
export { CATALOGUE_FEED_MIGRATION } from "./catalogue/catalogue-schema.ts";
export {
  LibsqlCourseRepository,
  type LibsqlCourseRepositoryOptions,
} from "./catalogue/course-repository.ts";
export { LibsqlCatalogueSearch } from "./catalogue/search-index.ts";
export { type CentreStoresOptions, libsqlCentreStores } from "./centre-stores.ts";
export { LibsqlChallengeStore } from "./exchange/challenge-store.ts";
export { LibsqlPresentationRequestStore } from "./exchange/presentation-request-store.ts";
export {
  appendStatements,
  feedBasisStatement,
  headOfRow,
  LibsqlFeedLog,
  type LibsqlFeedLogOptions,
  lostAppendRace,
  queuedOn,
  stateOfRow,
} from "./federation/feed-log.ts";
export { CATALOGUE_REPLICA_MIGRATION } from "./federation/replica-schema.ts";
export { LibsqlReplicaStore } from "./federation/replica-store.ts";
export { LibsqlTrustChainCache } from "./federation/trust-chain-cache.ts";
export { LibsqlTrustRegistry } from "./federation/trust-registry.ts";
export { LibsqlCentreProfileRepository } from "./issuer/achievement-profile-repository.ts";
export { LibsqlAchievementRepository } from "./issuer/achievement-repository.ts";
export { LibsqlApiKeyRepository } from "./issuer/api-key-repository.ts";
export { LibsqlAuditLog } from "./issuer/audit-log.ts";
export { LibsqlCredentialRepository } from "./issuer/credential-repository.ts";
export { LibsqlJobRepository } from "./issuer/job-repository.ts";
export { LibsqlKeyRepository } from "./issuer/key-repository.ts";
export { LibsqlRateLimitStore } from "./issuer/rate-limit-store.ts";
export {
  MIGRATIONS,
  type MigrateOptions,
  type Migration,
  type MigrationReport,
  migrate,
} from "./migrations.ts";
export {
  type SqlClient,
  type SqlColumnValue,
  type SqlResult,
  type SqlRow,
  type SqlStatement,
  type SqlTransaction,
  type SqlValue,
  sqlErrorCode,
} from "./sql-client.ts";
export {
  LibsqlStatusListRepository,
  type LibsqlStatusListRepositoryOptions,
} from "./status-list-repository.ts";
