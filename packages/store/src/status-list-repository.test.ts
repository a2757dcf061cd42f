import { fixedClock } from "@learnbridge/core";
import {
  MemoryStatusListRepository,
  StatusListAllocator,
  type StatusListRepository,
} from "@learnbridge/credentials";
import type { Client } from "@libsql/client";
import { describe, expect, it } from "vitest";
// The contract is a test file of the credentials package, outside its exports (it imports vitest).
import { statusListRepositoryContract } from "../../credentials/src/status/repository-contract.ts";
import { migrate } from "./migrations.ts";
import { LibsqlStatusListRepository } from "./status-list-repository.ts";
import { type LibsqlBackend, libsqlBackends } from "./testing/index.ts";

const backends = libsqlBackends();
const clients = new WeakMap<StatusListRepository, Client>();

function repositoryOn(client: Client): StatusListRepository {
  const repository = new LibsqlStatusListRepository(client);
  clients.set(repository, client);
  return repository;
}

async function migrated(backend: LibsqlBackend): Promise<Client> {
  const client = await backend.open();
  await migrate(client);
  return client;
}

statusListRepositoryContract("memory twin", () => new MemoryStatusListRepository());
for (const backend of backends) {
  const { reopen } = backend;
  statusListRepositoryContract(
    backend.name,
    async () => repositoryOn(await migrated(backend)),
    reopen && {
      reopen: async (repository) => {
        const client = clients.get(repository);
        if (!client) throw new TypeError("reopen: not a repository of this test");
        return repositoryOn(await reopen(client));
      },
    },
  );
}

describe.each(backends)("LibsqlStatusListRepository beyond the contract: $name", (backend) => {
  it("stamps created_at from its clock, and refuses an id already used at another slot", async () => {
    const client = await migrated(backend);
    const repository = new LibsqlStatusListRepository(client, { clock: fixedClock("2026-11-30T08:00:00Z") });
    const first = await repository.openList({ id: "l1", purpose: "revocation", sequence: 0, length: 8 });
    // The same record again is the same slot: the stored one comes back.
    expect(await repository.openList(first)).toEqual(first);
    await expect(repository.openList({ ...first, sequence: 1 })).rejects.toThrow(TypeError);
    expect(await repository.currentList("revocation")).toEqual(first);
    const { rows } = await client.execute("SELECT created_at FROM status_lists");
    expect(rows.map((row) => row.created_at)).toEqual(["2026-11-30T08:00:00.000Z"]);
  });

  it("refuses malformed lists and a missing client with a TypeError", async () => {
    const repository = new LibsqlStatusListRepository(await migrated(backend));
    const good = { id: "l1", purpose: "revocation", sequence: 0, length: 8 };
    for (const bad of [
      { ...good, id: "" },
      { ...good, sequence: -1 },
      { ...good, length: 0.5 },
    ]) {
      await expect(repository.openList(bad)).rejects.toThrow(TypeError);
    }
    expect(() => new LibsqlStatusListRepository(undefined as unknown as Client)).toThrow(TypeError);
  });
});

const pairsOf = (allocations: readonly { listId: string; index: number }[]) =>
  new Set(allocations.map(({ listId, index }) => `${listId}#${index}`));

async function countClaims(client: Client): Promise<number> {
  const { rows } = await client.execute("SELECT count(*) AS n FROM status_claims");
  return Number(rows[0]?.n);
}

describe.each(backends.slice(1))("StatusListAllocator on LibsqlStatusListRepository: $name", (backend) => {
  it("gives 1,000 concurrent allocations 1,000 distinct indexes, each claimed once", async () => {
    const client = await migrated(backend);
    // 2,048 entries: random probes collide now and then; the full-list paths are the next test's job.
    const allocator = new StatusListAllocator({ repository: repositoryOn(client), listLength: 2048 });
    const allocations = await Promise.all(
      Array.from({ length: 1000 }, () => allocator.allocate("revocation")),
    );
    expect(pairsOf(allocations).size).toBe(1000);
    expect(await countClaims(client)).toBe(1000);
  });

  // sqld 0.24's write queue can stall under two concurrent writers (see SQLD_CONCURRENCY): the hang is the
  // server's, not ours, so its backend gets one retry; a wrong answer still fails on every try.
  it("never collides when two clients allocate at once, across several lists", {
    retry: backend.name.includes("sqld") ? 1 : 0,
  }, async () => {
    const first = await migrated(backend);
    const second = await backend.connectAgain?.(first);
    if (!second) throw new TypeError(`${backend.name} cannot open a second client`);
    // Two processes in effect: each has its own client, repository and allocator (and list cache).
    const allocate = (client: Client) => {
      // Lists of 16: each fills up, so probes fail, the free-index scan runs and both race to open the next.
      const allocator = new StatusListAllocator({
        repository: repositoryOn(client),
        listLength: 16,
        probeAttempts: 2,
      });
      return Array.from({ length: 40 }, () => allocator.allocate("suspension"));
    };
    const allocations = await Promise.all([...allocate(first), ...allocate(second)]);
    expect(pairsOf(allocations).size).toBe(80);
    expect(await countClaims(first)).toBe(80);
    // Both allocators agreed on each list: the ones used are exactly the ones opened, at sequences 0..n.
    const { rows } = await first.execute("SELECT id, sequence FROM status_lists ORDER BY sequence");
    expect(rows.map((row) => Number(row.sequence))).toEqual(rows.map((_, i) => i));
    expect(rows).toHaveLength(5); // 80 allocations fill five lists of 16, and open no sixth
    expect(new Set(allocations.map((a) => a.listId))).toEqual(new Set(rows.map((row) => String(row.id))));
  });
});
