import { MemoryTrustChainCache } from "../trust/chain-cache.ts";
import { type FederationAuditEntry, MemoryTrustRegistry } from "../trust/trust-registry.ts";
import { trustChainCacheContract, trustRegistryContract } from "./trust-ports-contract.ts";

trustRegistryContract("memory", async () => {
  const entries: FederationAuditEntry[] = [];
  const registry = new MemoryTrustRegistry({ audit: { append: async (e) => void entries.push(e) } });
  return { registry, auditEntries: async () => entries };
});
trustChainCacheContract("memory", async () => new MemoryTrustChainCache());
