/**
 * Presentation challenges on libSQL pass the port's contract on every backend, and are shared: a challenge
 * one client (process, Worker isolate) issued is accepted once by another.
 */
import { challengeStoreContract } from "@learnbridge/exchange/challenges/testing";
import type { Client } from "@libsql/client";
import { describe, expect, it } from "vitest";
import { migrate } from "../migrations.ts";
import { libsqlBackends } from "../testing/index.ts";
import { LibsqlChallengeStore } from "./challenge-store.ts";

const backends = libsqlBackends();
const migrated = async (backend: (typeof backends)[number]) => {
  const client = await backend.open();
  await migrate(client);
  return client;
};
const rowsOf = async (client: Client) =>
  (await client.execute("SELECT challenge_hash, expires_at FROM presentation_challenges ORDER BY seq")).rows;

for (const backend of backends) {
  challengeStoreContract(
    backend.name,
    async (options) => new LibsqlChallengeStore(await migrated(backend), options),
  );

  describe(`LibsqlChallengeStore: ${backend.name}`, () => {
    it("keeps only a hash of each challenge, and sheds expired ones when it issues", async () => {
      const client = await migrated(backend);
      let now = Date.parse("2026-06-01T00:00:00Z");
      const store = new LibsqlChallengeStore(client, { clock: () => new Date(now), ttlMs: 1000 });
      const old = await store.issue();
      const rows = await rowsOf(client);
      expect(rows).toHaveLength(1);
      expect(JSON.stringify(rows)).not.toContain(old.challenge);
      expect(rows[0]?.challenge_hash).toMatch(/^[\w-]{43}$/);
      now += 1000;
      const fresh = await store.issue();
      expect((await rowsOf(client)).map((row) => Number(row.expires_at))).toEqual([fresh.expiresAt]);
    });
  });
}

for (const backend of backends.slice(1)) {
  describe(`LibsqlChallengeStore shared between clients: ${backend.name}`, () => {
    it("accepts a challenge issued through one client once, through any other", async () => {
      const first = await migrated(backend);
      const second = await backend.connectAgain?.(first);
      if (!second) throw new TypeError(`${backend.name} cannot open a second client`);
      const [a, b] = [new LibsqlChallengeStore(first), new LibsqlChallengeStore(second)];
      const { challenge } = await a.issue();
      expect(await b.consume(challenge)).toBe(true);
      expect(await a.consume(challenge)).toBe(false);
      const raced = await a.issue();
      const outcomes = await Promise.all([a, b, a, b].map((store) => store.consume(raced.challenge)));
      expect(outcomes.filter(Boolean)).toHaveLength(1);
    });
  });
}
