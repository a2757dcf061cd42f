/** The federation trust ports on libSQL pass the same contract suites as their in-memory twins, on every backend. */
import { trustChainCacheContract, trustRegistryContract } from "@learnbridge/federation/testing";
import { LibsqlAuditLog } from "../issuer/audit-log.ts";
import { migrate } from "../migrations.ts";
import { libsqlBackends } from "../testing/index.ts";
import { LibsqlTrustChainCache } from "./trust-chain-cache.ts";
import { LibsqlTrustRegistry } from "./trust-registry.ts";

for (const backend of libsqlBackends()) {
  const migrated = async () => {
    const client = await backend.open();
    await migrate(client);
    return client;
  };
  trustRegistryContract(backend.name, async () => {
    const client = await migrated();
    const audit = new LibsqlAuditLog(client);
    return {
      registry: new LibsqlTrustRegistry(client),
      auditEntries: async () => (await audit.list({ limit: 1000 })).map(({ seq: _seq, ...entry }) => entry),
    };
  });
  trustChainCacheContract(backend.name, async () => new LibsqlTrustChainCache(await migrated()));
}
