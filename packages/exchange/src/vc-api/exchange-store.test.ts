import { describe, expect, it } from "vitest";
import { MemoryExchangeStore } from "./exchange-store.ts";
import { exchangeStoreContract } from "./exchange-store-contract.ts";

exchangeStoreContract("memory", async () => new MemoryExchangeStore());

describe("MemoryExchangeStore", () => {
  it("refuses to create an exchange that is not new", async () => {
    const store = new MemoryExchangeStore();
    await expect(
      store.create({
        workflow: "claim",
        id: "x",
        offerId: "x",
        state: "active",
        sequence: 1,
        expiresAt: 1,
        createdAt: 0,
        updatedAt: 0,
      }),
    ).rejects.toThrow(TypeError);
  });
});
