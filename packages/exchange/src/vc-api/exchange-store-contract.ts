/**
 * The contract every ExchangeStore passes: the in-memory twin runs it beside the code, the libSQL store on
 * `:memory:`, a file and a real sqld. `make` returns a fresh, empty store.
 */
import { describe, expect, it } from "vitest";
import type { ExchangeStore, VcApiExchange } from "./exchange-store.ts";

const T0 = Date.parse("2026-06-01T00:00:00Z");

const fresh = (id: string, workflow = "claim"): VcApiExchange => ({
  workflow,
  id,
  offerId: `offer-${id}`,
  state: "pending",
  sequence: 0,
  expiresAt: T0 + 3_600_000,
  createdAt: T0,
  updatedAt: T0,
});

/** ExchangeStore: create never overwrites, update is compare-and-set on sequence, expiry deletes. */
export function exchangeStoreContract(name: string, make: () => Promise<ExchangeStore>) {
  describe(`ExchangeStore contract: ${name}`, () => {
    it("creates once, keeps every field, and keys by workflow and id", async () => {
      const store = await make();
      expect(await store.get("claim", "x1")).toBeUndefined();
      expect(await store.create(fresh("x1"))).toEqual(fresh("x1"));
      const other = { ...fresh("x1"), expiresAt: T0 + 1 };
      expect(await store.create(other)).toEqual(fresh("x1"));
      expect(await store.create(fresh("x1", "verify"))).toEqual(fresh("x1", "verify"));
      expect(await store.get("claim", "x1")).toEqual(fresh("x1"));
      expect(await store.get("verify", "x1")).toEqual(fresh("x1", "verify"));
    });

    it("updates only over the stored sequence, and clears fields a step removes", async () => {
      const store = await make();
      await store.create(fresh("x2"));
      const active: VcApiExchange = {
        ...fresh("x2"),
        state: "active",
        sequence: 1,
        challenge: "c-1",
        challengeExpiresAt: T0 + 600_000,
        lastError: { code: "PROOF_INVALID", detail: "the signature does not verify" },
        updatedAt: T0 + 5,
      };
      expect(await store.update(active)).toBe(true);
      expect(await store.get("claim", "x2")).toEqual(active);
      expect(await store.update({ ...active, challenge: "stale" })).toBe(false);
      expect(await store.update({ ...active, sequence: 3 })).toBe(false);
      const { challenge: _c, challengeExpiresAt: _e, lastError: _l, ...rest } = active;
      const complete: VcApiExchange = {
        ...rest,
        state: "complete",
        sequence: 2,
        holder: "did:key:z6MkHolder",
        credentialId: "urn:uuid:1",
      };
      expect(await store.update(complete)).toBe(true);
      expect(await store.get("claim", "x2")).toEqual(complete);
      expect(await store.update({ ...fresh("missing"), sequence: 1 })).toBe(false);
      expect(await store.get("claim", "missing")).toBeUndefined();
    });

    it("lets exactly one of many racing steps from the same sequence win", async () => {
      const store = await make();
      await store.create(fresh("x3"));
      const attempts = Array.from({ length: 8 }, (_, i) =>
        store.update({ ...fresh("x3"), state: "active", sequence: 1, challenge: `c-${i}` }),
      );
      const wins = (await Promise.all(attempts)).filter(Boolean);
      expect(wins).toHaveLength(1);
      expect((await store.get("claim", "x3"))?.sequence).toBe(1);
    });

    it("deletes the exchanges that expired before a time, and only those", async () => {
      const store = await make();
      await store.create({ ...fresh("old"), expiresAt: T0 - 1 });
      await store.create({ ...fresh("edge"), expiresAt: T0 });
      await store.create(fresh("live"));
      expect(await store.deleteExpired(T0)).toBe(1);
      expect(await store.get("claim", "old")).toBeUndefined();
      expect(await store.get("claim", "edge")).toEqual({ ...fresh("edge"), expiresAt: T0 });
      expect(await store.get("claim", "live")).toEqual(fresh("live"));
    });
  });
}
