/** VC-API exchanges on libSQL pass the ExchangeStore contract on every backend. */
import { exchangeStoreContract } from "@learnbridge/exchange/vc-api/testing";
import { migrate } from "../migrations.ts";
import { libsqlBackends } from "../testing/index.ts";
import { LibsqlExchangeStore } from "./exchange-store.ts";

for (const backend of libsqlBackends()) {
  exchangeStoreContract(backend.name, async () => {
    const client = await backend.open();
    await migrate(client);
    return new LibsqlExchangeStore(client);
  });
}
