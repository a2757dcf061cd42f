/** The issuer's ports on libSQL pass the same contract suites as their in-memory twins, on every backend. */
import {
  apiKeyRepositoryContract,
  auditLogContract,
  credentialRepositoryContract,
  jobRepositoryContract,
  keyRepositoryContract,
  rateLimitStoreContract,
} from "@learnbridge/issuer/testing";
import { migrate } from "../migrations.ts";
import { libsqlBackends } from "../testing/index.ts";
import { LibsqlApiKeyRepository } from "./api-key-repository.ts";
import { LibsqlAuditLog } from "./audit-log.ts";
import { LibsqlCredentialRepository } from "./credential-repository.ts";
import { LibsqlJobRepository } from "./job-repository.ts";
import { LibsqlKeyRepository } from "./key-repository.ts";
import { LibsqlRateLimitStore } from "./rate-limit-store.ts";

for (const backend of libsqlBackends()) {
  const migrated = async () => {
    const client = await backend.open();
    await migrate(client);
    return client;
  };
  keyRepositoryContract(backend.name, async () => new LibsqlKeyRepository(await migrated()));
  apiKeyRepositoryContract(backend.name, async () => new LibsqlApiKeyRepository(await migrated()));
  auditLogContract(backend.name, async () => new LibsqlAuditLog(await migrated()));
  credentialRepositoryContract(backend.name, async () => {
    const client = await migrated();
    return { credentials: new LibsqlCredentialRepository(client), audit: new LibsqlAuditLog(client) };
  });
  jobRepositoryContract(backend.name, async () => {
    const client = await migrated();
    return { jobs: new LibsqlJobRepository(client), audit: new LibsqlAuditLog(client) };
  });
  rateLimitStoreContract(backend.name, async () => new LibsqlRateLimitStore(await migrated()));
}
