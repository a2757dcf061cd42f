// The issuer and verifier halves together: allocate, issue an entry, revoke, publish, check.
import { fixedClock } from "@learnbridge/core";
import { describe, expect, it } from "vitest";
import { ok } from "../verify/report.ts";
import { StatusListAllocator } from "./allocator.ts";
import { MemoryStatusListRepository } from "./memory-repository.ts";
import { readStatusList } from "./repository.ts";
import { checkCredentialStatus } from "./status-check.ts";
import { buildStatusListCredential, statusEntry } from "./status-list-credential.ts";

const ISSUER = "did:web:uni.example";
const listUrl = (listId: string) => `https://uni.example/status/${listId}`;

describe("issue, revoke, publish, check", () => {
  it("reports exactly the revoked credential as revoked", async () => {
    const repository = new MemoryStatusListRepository();
    const allocator = new StatusListAllocator({ repository });
    const [kept, revoked] = await Promise.all([
      allocator.allocate("revocation"),
      allocator.allocate("revocation"),
    ]);
    if (!kept || !revoked) throw new Error("allocation failed");
    expect(await repository.setStatus(revoked.listId, revoked.index, true)).toBe(true);

    const list = await readStatusList(repository, revoked.listId);
    const clock = fixedClock("2026-05-01T08:00:00Z");
    const published = await buildStatusListCredential({
      id: listUrl(revoked.listId),
      issuer: ISSUER,
      purpose: "revocation",
      list,
      clock,
    });
    const options = {
      fetchStatusList: async (url: string) => ok(url === published.id ? published : undefined),
      verifyStatusListCredential: async () => ok({ issuer: ISSUER }),
      clock,
    };
    const credentialWith = (a: typeof kept) => ({
      issuer: ISSUER,
      credentialStatus: statusEntry({
        listCredentialUrl: listUrl(a.listId),
        index: a.index,
        purpose: a.purpose,
      }),
    });
    expect((await checkCredentialStatus(credentialWith(kept), options))[0]?.code).toBe("OK");
    expect((await checkCredentialStatus(credentialWith(revoked), options))[0]?.code).toBe("STATUS_REVOKED");
  });

  it("reads short test lists but refuses unknown ones", async () => {
    const repository = new MemoryStatusListRepository();
    const { listId, index } = await new StatusListAllocator({ repository, listLength: 64 }).allocate(
      "suspension",
    );
    await repository.setStatus(listId, index, true);
    const list = await readStatusList(repository, listId);
    expect(list.length).toBe(64);
    expect([...Array(64).keys()].filter((i) => list.get(i))).toEqual([index]);
    await expect(readStatusList(repository, "nope")).rejects.toThrow(TypeError);
  });
});
