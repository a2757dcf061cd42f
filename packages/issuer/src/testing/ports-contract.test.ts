import { MemoryApiKeyRepository } from "../access/api-keys.ts";
import { MemoryRateLimitStore } from "../access/rate-limits.ts";
import { MemoryAuditLog } from "../audit/audit-log.ts";
import { MemoryJobRepository } from "../jobs/job-repository.ts";
import { MemoryKeyRepository } from "../keys/key-repository.ts";
import { MemoryCredentialRepository } from "../records/credential-repository.ts";
import {
  apiKeyRepositoryContract,
  auditLogContract,
  credentialRepositoryContract,
  jobRepositoryContract,
  keyRepositoryContract,
  rateLimitStoreContract,
} from "./ports-contract.ts";

keyRepositoryContract("memory", async () => new MemoryKeyRepository());
apiKeyRepositoryContract("memory", async () => new MemoryApiKeyRepository());
auditLogContract("memory", async () => new MemoryAuditLog());
credentialRepositoryContract("memory", async () => {
  const audit = new MemoryAuditLog();
  return { credentials: new MemoryCredentialRepository({ audit }), audit };
});
jobRepositoryContract("memory", async () => {
  const audit = new MemoryAuditLog();
  return { jobs: new MemoryJobRepository({ audit }), audit };
});
rateLimitStoreContract("memory", async () => new MemoryRateLimitStore());
