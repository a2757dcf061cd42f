import { randomBytes } from "@learnbridge/core";
import {
  MemoryStatusListRepository,
  StatusListAllocator,
  type StatusListRepository,
} from "@learnbridge/credentials";
import { CentreKeys, createKeyVault, MemoryKeyRepository } from "@learnbridge/issuer";
import { describe, expect, it } from "vitest";
import { StatusListPublisher } from "./status-publisher.ts";

async function publisherWithList(ttlMs: number) {
  let now = new Date("2026-06-01T00:00:00Z").getTime();
  const clock = () => new Date(now);
  const statusLists = new MemoryStatusListRepository();
  let signings = 0;
  let lookups = 0;
  const counting: StatusListRepository = {
    currentList: (purpose) => statusLists.currentList(purpose),
    openList: (list) => statusLists.openList(list),
    getList: (id) => {
      lookups++;
      return statusLists.getList(id);
    },
    tryClaim: (id, index) => statusLists.tryClaim(id, index),
    claimedIndexes: (id) => statusLists.claimedIndexes(id),
    setStatus: (id, index, set) => statusLists.setStatus(id, index, set),
    indexesWithStatus: (id) => {
      signings++;
      return statusLists.indexesWithStatus(id);
    },
  };
  const { listId, index } = await new StatusListAllocator({ repository: statusLists }).allocate("revocation");
  const keys = new CentreKeys({
    did: "did:web:centre.example",
    repository: new MemoryKeyRepository(),
    vault: await createKeyVault(randomBytes(32)),
    clock,
  });
  const publisher = new StatusListPublisher({
    keys,
    statusLists: counting,
    statusBaseUrl: "https://centre.example/status",
    clock,
    ttlMs,
  });
  return {
    publisher,
    listId,
    index,
    statusLists,
    signings: () => signings,
    lookups: () => lookups,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe("StatusListPublisher", () => {
  it("signs once per TTL, again after invalidate or expiry", async () => {
    const p = await publisherWithList(60_000);
    const first = await p.publisher.publish(p.listId);
    expect(first).toMatchObject({
      id: `https://centre.example/status/${p.listId}`,
      proof: expect.any(Object),
    });
    await Promise.all([p.publisher.publish(p.listId), p.publisher.publish(p.listId)]);
    expect(p.signings()).toBe(1);
    await p.statusLists.setStatus(p.listId, p.index, true);
    p.publisher.invalidate(p.listId);
    expect(await p.publisher.publish(p.listId)).not.toEqual(first);
    expect(p.signings()).toBe(2);
    p.advance(60_001);
    await p.publisher.publish(p.listId);
    expect(p.signings()).toBe(3);
  });

  it("signs every time with ttl 0, and remembers no unknown list", async () => {
    const p = await publisherWithList(0);
    await p.publisher.publish(p.listId);
    await p.publisher.publish(p.listId);
    expect(p.signings()).toBe(2);
    const cached = await publisherWithList(60_000);
    expect(await cached.publisher.publish("unknown")).toBeUndefined();
    expect(await cached.publisher.publish("unknown")).toBeUndefined();
    expect(cached.lookups()).toBe(2);
  });
});
