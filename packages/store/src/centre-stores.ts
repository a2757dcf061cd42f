/** Every storage port of a centre on one libSQL client: what both runtime roots hand to `assembleCentre`. */

import { LibsqlCentreProfileRepository } from "./issuer/achievement-profile-repository.ts";
import { LibsqlAchievementRepository } from "./issuer/achievement-repository.ts";
import { LibsqlApiKeyRepository } from "./issuer/api-key-repository.ts";
import { LibsqlAuditLog } from "./issuer/audit-log.ts";
import { LibsqlCredentialRepository } from "./issuer/credential-repository.ts";
import { LibsqlJobRepository } from "./issuer/job-repository.ts";
import { LibsqlKeyRepository } from "./issuer/key-repository.ts";
import type { SqlClient } from "./sql-client.ts";
import { LibsqlStatusListRepository } from "./status-list-repository.ts";

/** The libSQL implementation of each of a centre's ports (the client must be migrated). */
export function libsqlCentreStores(client: SqlClient) {
  return {
    keys: new LibsqlKeyRepository(client),
    apiKeys: new LibsqlApiKeyRepository(client),
    audit: new LibsqlAuditLog(client),
    credentials: new LibsqlCredentialRepository(client),
    statusLists: new LibsqlStatusListRepository(client),
    achievements: new LibsqlAchievementRepository(client),
    profile: new LibsqlCentreProfileRepository(client),
    jobs: new LibsqlJobRepository(client),
  };
}
