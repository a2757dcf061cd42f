/** libSQL implementations of the domain packages' storage ports, the schema migrations, and the client port. */
export { type BusyRetryOptions, busyRetrying, isBusy, retryWhileBusy } from "./busy.ts";
export { libsqlCentreStores } from "./centre-stores.ts";
export { LibsqlCentreProfileRepository } from "./issuer/achievement-profile-repository.ts";
export { LibsqlAchievementRepository } from "./issuer/achievement-repository.ts";
export { LibsqlApiKeyRepository } from "./issuer/api-key-repository.ts";
export { LibsqlAuditLog } from "./issuer/audit-log.ts";
export { LibsqlCredentialRepository } from "./issuer/credential-repository.ts";
export { LibsqlJobRepository } from "./issuer/job-repository.ts";
export { LibsqlKeyRepository } from "./issuer/key-repository.ts";
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
