import { feedLogContract } from "../testing/feed-log-contract.ts";
import { MemoryFeedLog } from "./memory-feed-log.ts";

feedLogContract("memory", async ({ clock }) => new MemoryFeedLog({ clock }));
