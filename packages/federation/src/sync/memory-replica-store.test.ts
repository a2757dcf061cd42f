/** The in-memory twin passes the ReplicaStore contract. */
import { MemoryFeedLog } from "../feed/memory-feed-log.ts";
import { replicaStoreContract, sampleRecord } from "../testing/replica-store-contract.ts";
import { MemoryReplicaStore } from "./memory-replica-store.ts";

replicaStoreContract(
  "memory",
  async () => new MemoryReplicaStore(),
  sampleRecord,
  async () => {
    const feed = new MemoryFeedLog();
    return { store: new MemoryReplicaStore({ feed }), feed };
  },
);
