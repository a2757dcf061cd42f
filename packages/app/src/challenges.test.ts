import * as exchange from "@learnbridge/exchange";
import { describe, expect, it } from "vitest";
import { MemoryChallengeStore } from "./challenges.ts";

describe("the app's challenges", () => {
  it("are the exchange domain's port and twin, re-exported for existing imports", async () => {
    expect(MemoryChallengeStore).toBe(exchange.MemoryChallengeStore);
    const store = new MemoryChallengeStore({ ttlMs: 60_000 });
    const { challenge } = await store.issue();
    expect(await store.consume(challenge)).toBe(true);
    expect(await store.consume(challenge)).toBe(false);
  });
});
