/** The feed on libSQL passes the same contract as MemoryFeedLog, on :memory:, a file and sqld. */
import { feedLogContract } from "@learnbridge/federation/testing";
import { migrate } from "../migrations.ts";
import { libsqlBackends } from "../testing/index.ts";
import { LibsqlFeedLog } from "./feed-log.ts";

for (const backend of libsqlBackends()) {
  feedLogContract(backend.name, async ({ clock }) => {
    const client = await backend.open();
    await migrate(client);
    return new LibsqlFeedLog(client, { clock });
  });
}
