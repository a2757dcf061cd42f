/** The achievement ports on libSQL pass the same contract suites as their in-memory twins, on every backend. */
import { achievementRepositoryContract, centreProfileRepositoryContract } from "@learnbridge/issuer/testing";
import { migrate } from "../migrations.ts";
import { libsqlBackends } from "../testing/index.ts";
import { LibsqlCentreProfileRepository } from "./achievement-profile-repository.ts";
import { LibsqlAchievementRepository } from "./achievement-repository.ts";
import { LibsqlAuditLog } from "./audit-log.ts";

for (const backend of libsqlBackends()) {
  const migrated = async () => {
    const client = await backend.open();
    await migrate(client);
    return client;
  };
  achievementRepositoryContract(backend.name, async () => {
    const client = await migrated();
    return { repository: new LibsqlAchievementRepository(client), audit: new LibsqlAuditLog(client) };
  });
  centreProfileRepositoryContract(backend.name, async () => {
    const client = await migrated();
    return { repository: new LibsqlCentreProfileRepository(client), audit: new LibsqlAuditLog(client) };
  });
}
