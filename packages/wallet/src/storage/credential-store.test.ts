import { createClient } from "@libsql/client";
import { credentialStoreContract } from "../testing/credential-store-contract.ts";
import { fileDatabase, memoryDatabase } from "../testing/databases.ts";
import { MemoryCredentialStore } from "./credential-store.ts";
import { newDataSecret, vaultFromSecret, type WalletVault } from "./data-key.ts";
import { SqlCredentialStore } from "./sql-credential-store.ts";

const vault = () => vaultFromSecret(newDataSecret());

credentialStoreContract("memory", () => new MemoryCredentialStore());
credentialStoreContract(
  "libSQL :memory:, sealed",
  async () => new SqlCredentialStore(await memoryDatabase(), await vault()),
);

const files = new WeakMap<SqlCredentialStore, { url: string; vault: WalletVault }>();
credentialStoreContract(
  "libSQL file, sealed",
  async () => {
    const { client, url } = await fileDatabase();
    const opened = { url, vault: await vault() };
    const store = new SqlCredentialStore(client, opened.vault);
    files.set(store, opened);
    return store;
  },
  {
    reopen: async (store) => {
      const opened = files.get(store as SqlCredentialStore);
      if (!opened) throw new Error("not a store this suite made");
      return new SqlCredentialStore(createClient({ url: opened.url }), opened.vault);
    },
  },
);
