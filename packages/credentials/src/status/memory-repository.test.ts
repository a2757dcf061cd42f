import { MemoryStatusListRepository } from "./memory-repository.ts";
import { statusListRepositoryContract } from "./repository-contract.ts";

statusListRepositoryContract("memory", () => new MemoryStatusListRepository());
