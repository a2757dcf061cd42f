import type { SearchSource } from "./catalogue-search.ts";
import { MemoryCatalogueSearch } from "./memory-catalogue-search.ts";
import { catalogueSearchContract } from "./search-contract.ts";
import { type CatalogueSearchRow, searchRowOf } from "./search-row.ts";

catalogueSearchContract("memory", async () => {
  const tables: Record<SearchSource, Map<string, CatalogueSearchRow>> = {
    own: new Map(),
    replica: new Map(),
  };
  return {
    search: new MemoryCatalogueSearch({
      sources: { own: () => tables.own.values(), replica: () => tables.replica.values() },
    }),
    put: async (source, record) => void tables[source].set(record.id, searchRowOf(record)),
    tombstone: async (source, recordId, version) => {
      const row = tables[source].get(recordId);
      if (row) tables[source].set(recordId, { ...row, version, deleted: true });
    },
    remove: async (source, recordId) => void tables[source].delete(recordId),
  };
});
