/**
 * The contract every PresentationRequestStore passes: the in-memory twin here, the libSQL store on
 * `:memory:`, a file and sqld. `make` returns a fresh, empty store.
 */
import { describe, expect, it } from "vitest";
import type {
  Completion,
  PresentationRequestRecord,
  PresentationRequestStore,
} from "../presentation-request-store.ts";

const T0 = Date.parse("2026-06-01T00:00:00Z");
const MINUTE = 60_000;

/** A pending request created at T0, open for 10 minutes, deleted 70 minutes after T0. */
export const sampleRequest = (
  id: string,
  extra: Partial<PresentationRequestRecord> = {},
): PresentationRequestRecord => ({
  id,
  state: `state-${id}`,
  nonce: `nonce-${id}`,
  readTokenHash: `hash-${id}`,
  query: {
    credentials: [{ id: "badge", format: "ldp_vc", meta: { type_values: [["OpenBadgeCredential"]] } }],
  },
  language: "fr",
  responseMode: "direct_post",
  status: "pending",
  createdAt: T0,
  expiresAt: T0 + 10 * MINUTE,
  deleteAfter: T0 + 70 * MINUTE,
  ...extra,
});

const completion = (hashes: string[], extra: Partial<Completion> = {}): Completion => ({
  status: "completed",
  completedAt: T0 + MINUTE,
  deleteAfter: T0 + 61 * MINUTE,
  result: {
    verified: true,
    holders: ["did:key:z6Mk1"],
    presentations: [{ queryId: "badge", report: { checks: [] } }],
  },
  presentationHashes: hashes,
  hashesExpireAt: T0 + 1000 * MINUTE,
  ...extra,
});

/** Registers the suite for one implementation. */
export function presentationRequestStoreContract(
  name: string,
  make: () => Promise<PresentationRequestStore>,
): void {
  describe(`PresentationRequestStore contract: ${name}`, () => {
    it("stores a request and finds it by id and by state, as it was stored", async () => {
      const store = await make();
      const record = sampleRequest("r1", {
        query: {
          credentials: [
            {
              id: "a",
              format: "jwt_vc_json",
              meta: { type_values: [["X"], ["Y", "Z"]] },
              claims: [{ id: "c", path: ["credentialSubject", null, 0], values: ["v", 3, true] }],
              claim_sets: [["c"]],
            },
          ],
          credential_sets: [{ options: [["a"]], required: true }],
        },
      });
      await store.insert(record);
      expect(await store.get("r1")).toEqual(record);
      expect(await store.findByState("state-r1")).toEqual(record);
      expect(await store.get("missing")).toBeUndefined();
      expect(await store.findByState("missing")).toBeUndefined();
      await expect(store.insert(sampleRequest("r1", { state: "other" }))).rejects.toThrow();
      await expect(store.insert(sampleRequest("r2", { state: "state-r1" }))).rejects.toThrow();
      expect(await store.get("r2")).toBeUndefined();
    });

    it("keeps an encrypted request's mode and sealed key, and forgets the key once the request is answered", async () => {
      const store = await make();
      const responseKey = {
        publicJwk: {
          kty: "EC" as const,
          crv: "P-256" as const,
          x: "YO4epjifD-KWeq1sL2tNmm36BhXnkJ0He-WqMYrp9Fk",
          y: "Hekpm0zfK7C-YccH5iBjcIXgf6YdUvNUac_0At55Okk",
          kid: "r1",
          use: "enc" as const,
          alg: "ECDH-ES" as const,
        },
        sealedPrivateKey: "v1.aXY.c2VhbGVk",
      };
      const record = sampleRequest("r1", { responseMode: "direct_post.jwt", responseKey });
      await store.insert(record);
      expect(await store.get("r1")).toEqual(record);
      expect(await store.findByState("state-r1")).toEqual(record);
      await store.insert(sampleRequest("r2"));
      expect((await store.get("r2"))?.responseMode).toBe("direct_post");
      expect(await store.get("r2")).not.toHaveProperty("responseKey");
      // A refusal leaves the key; the answer that completes the request takes it away, the mode stays.
      await store.recordRefusal("r1", { code: "RESPONSE_ENCRYPTION_INVALID", message: "x", at: T0 + MINUTE });
      expect((await store.get("r1"))?.responseKey).toEqual(responseKey);
      expect(await store.complete("r1", completion(["h1"]), T0 + MINUTE)).toBe("done");
      const done = await store.get("r1");
      expect(done).toMatchObject({ status: "completed", responseMode: "direct_post.jwt" });
      expect(done).not.toHaveProperty("responseKey");
      // And with the request, at its deletion time, goes everything.
      await store.purge(T0 + 61 * MINUTE);
      expect(await store.get("r1")).toBeUndefined();
    });

    it("completes a pending request once, with its result and hashes", async () => {
      const store = await make();
      await store.insert(sampleRequest("r1"));
      expect(await store.complete("r1", completion(["h1", "h2"]), T0 + MINUTE)).toBe("done");
      const done = await store.get("r1");
      expect(done).toMatchObject({
        status: "completed",
        completedAt: T0 + MINUTE,
        deleteAfter: T0 + 61 * MINUTE,
        result: completion([]).result,
      });
      expect(await store.anySeen(["zz", "h2"], T0 + 2 * MINUTE)).toBe(true);
      expect(await store.anySeen(["zz"], T0 + 2 * MINUTE)).toBe(false);
      expect(await store.complete("r1", completion(["h3"]), T0 + 2 * MINUTE)).toBe("not-pending");
      expect(await store.anySeen(["h3"], T0 + 2 * MINUTE)).toBe(false);
      expect(await store.complete("nope", completion(["h4"]), T0 + 2 * MINUTE)).toBe("missing");
    });

    it("stores a failed outcome as failed", async () => {
      const store = await make();
      await store.insert(sampleRequest("r1"));
      expect(await store.complete("r1", completion([], { status: "failed" }), T0 + MINUTE)).toBe("done");
      expect((await store.get("r1"))?.status).toBe("failed");
    });

    it("refuses to complete an expired request or one replaying a remembered presentation", async () => {
      const store = await make();
      await store.insert(sampleRequest("r1"));
      await store.insert(sampleRequest("r2"));
      await store.insert(sampleRequest("r3"));
      expect(await store.complete("r1", completion(["h1"]), T0 + 10 * MINUTE)).toBe("expired");
      expect(await store.complete("r2", completion(["h1"]), T0 + MINUTE)).toBe("done");
      expect(await store.complete("r3", completion(["h9", "h1"]), T0 + MINUTE)).toBe("replayed");
      expect((await store.get("r3"))?.status).toBe("pending");
      expect(await store.anySeen(["h9"], T0 + MINUTE)).toBe(false);
      // Once forgotten, a hash no longer blocks (the nonce binding still does, elsewhere).
      expect(await store.anySeen(["h1"], T0 + 1000 * MINUTE)).toBe(false);
    });

    it("lets exactly one of two racing completions through", async () => {
      const store = await make();
      await store.insert(sampleRequest("r1"));
      const outcomes = await Promise.all([
        store.complete("r1", completion(["a"]), T0 + MINUTE),
        store.complete("r1", completion(["b"]), T0 + MINUTE),
      ]);
      expect(outcomes.sort()).toEqual(["done", "not-pending"]);
    });

    it("notes a refusal only while the request is pending", async () => {
      const store = await make();
      await store.insert(sampleRequest("r1"));
      await store.recordRefusal("r1", { code: "NONCE_INVALID", message: "old answer", at: T0 + MINUTE });
      expect((await store.get("r1"))?.lastRefusal).toEqual({
        code: "NONCE_INVALID",
        message: "old answer",
        at: T0 + MINUTE,
      });
      await store.complete("r1", completion([]), T0 + 2 * MINUTE);
      await store.recordRefusal("r1", { code: "HOLDER_MISMATCH", message: "late", at: T0 + 3 * MINUTE });
      expect((await store.get("r1"))?.lastRefusal?.code).toBe("NONCE_INVALID");
      await store.recordRefusal("missing", { code: "X", message: "x", at: T0 });
    });

    it("purges what is due and keeps the rest", async () => {
      const store = await make();
      await store.insert(sampleRequest("old", { deleteAfter: T0 + 5 * MINUTE }));
      await store.insert(sampleRequest("new"));
      await store.complete("new", completion(["kept"], { hashesExpireAt: T0 + 100 * MINUTE }), T0 + MINUTE);
      await store.insert(sampleRequest("done"));
      await store.complete("done", completion(["gone"], { hashesExpireAt: T0 + 5 * MINUTE }), T0 + MINUTE);
      expect(await store.purge(T0 + 5 * MINUTE)).toEqual({ requests: 1, hashes: 1 });
      expect(await store.get("old")).toBeUndefined();
      expect(await store.findByState("state-old")).toBeUndefined();
      expect((await store.get("new"))?.status).toBe("completed");
      expect(await store.anySeen(["kept"], T0 + 5 * MINUTE)).toBe(true);
      expect(await store.purge(T0 + 61 * MINUTE)).toEqual({ requests: 2, hashes: 0 });
      expect(await store.get("new")).toBeUndefined();
      expect(await store.purge(T0 + 61 * MINUTE)).toEqual({ requests: 0, hashes: 0 });
    });
  });
}
