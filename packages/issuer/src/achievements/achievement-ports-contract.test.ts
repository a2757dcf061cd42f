import { MemoryAuditLog } from "../audit/audit-log.ts";
import {
  achievementRepositoryContract,
  centreProfileRepositoryContract,
} from "./achievement-ports-contract.ts";
import { MemoryAchievementRepository } from "./achievement-repository.ts";
import { MemoryCentreProfileRepository } from "./centre-profile.ts";

achievementRepositoryContract("memory", async () => {
  const audit = new MemoryAuditLog();
  return { repository: new MemoryAchievementRepository({ audit }), audit };
});
centreProfileRepositoryContract("memory", async () => {
  const audit = new MemoryAuditLog();
  return { repository: new MemoryCentreProfileRepository({ audit }), audit };
});
