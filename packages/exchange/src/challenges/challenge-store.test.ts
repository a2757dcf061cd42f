import { describe, expect, it } from "vitest";
import { MemoryChallengeStore, newChallenge } from "./challenge-store.ts";
import { challengeStoreContract } from "./challenge-store-contract.ts";

challengeStoreContract("memory", async (options) => new MemoryChallengeStore(options));

describe("newChallenge", () => {
  it("encodes 24 bytes of the given randomness", () => {
    expect(newChallenge((n) => new Uint8Array(n).fill(255))).toBe("_".repeat(32));
  });
});
