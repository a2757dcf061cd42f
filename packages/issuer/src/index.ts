/**
 * @learnbridge/issuer: a centre's issuing domain — its keys and DID document, staff API keys and scopes, the
 * audit log, issued-credential records, issuance and revocation. Storage is by ports with in-memory twins.
 */

export {
  type ApiKeyRecord,
  type ApiKeyRepository,
  authenticate,
  createApiKey,
  hasScope,
  MemoryApiKeyRepository,
  SCOPES,
  type Scope,
} from "./access/api-keys.ts";
export { type AuditEntry, type AuditLog, MemoryAuditLog } from "./audit/audit-log.ts";
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
} from "./records/credential-repository.ts";
export { Issuance, type IssuanceOptions, type IssueRequest } from "./records/issuance.ts";
