/** The offer ports on libSQL pass the same contract suites as their in-memory twins, on every backend. */
import { nonceStoreContract, offerStoreContract } from "@learnbridge/exchange/testing";
import { LibsqlAuditLog } from "../issuer/audit-log.ts";
import { migrate } from "../migrations.ts";
import { libsqlBackends } from "../testing/index.ts";
import { LibsqlNonceStore } from "./offer-nonce-store.ts";
import { LibsqlOfferStore } from "./offer-store.ts";

for (const backend of libsqlBackends()) {
  const migrated = async () => {
    const client = await backend.open();
    await migrate(client);
    return client;
  };
  offerStoreContract(backend.name, async () => {
    const client = await migrated();
    return { offers: new LibsqlOfferStore(client), audit: new LibsqlAuditLog(client) };
  });
  nonceStoreContract(backend.name, async () => new LibsqlNonceStore(await migrated()));
}
