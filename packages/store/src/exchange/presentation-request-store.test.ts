/** OpenID4VP presentation requests on libSQL pass the port's contract on every backend. */
import { presentationRequestStoreContract } from "@learnbridge/exchange/oid4vp/testing";
import { migrate } from "../migrations.ts";
import { libsqlBackends } from "../testing/index.ts";
import { LibsqlPresentationRequestStore } from "./presentation-request-store.ts";

for (const backend of libsqlBackends()) {
  presentationRequestStoreContract(backend.name, async () => {
    const client = await backend.open();
    await migrate(client);
    return new LibsqlPresentationRequestStore(client);
  });
}
