import { createClient } from "@libsql/client";
import { credentialStoreContract } from "../testing/credential-store-contract.ts";
import { fileDatabase, memoryDatabase } from "../testing/databases.ts";
import { MemoryCredentialStore } from "./credential-store.ts";
import { SqlCredentialStore } from "./sql-credential-store.ts";

credentialStoreContract("memory", () => new MemoryCredentialStore());
credentialStoreContract("libSQL :memory:", async () => new SqlCredentialStore(await memoryDatabase()));

const files = new WeakMap<SqlCredentialStore, string>();
credentialStoreContract(
  "libSQL file",
  async () => {
    const { client, url } = await fileDatabase();
    const store = new SqlCredentialStore(client);
    files.set(store, url);
    return store;
  },
  {
    reopen: async (store) =>
      new SqlCredentialStore(createClient({ url: files.get(store as SqlCredentialStore) ?? "" })),
  },
);
