/**
 * The contract every `CredentialStore` passes: the memory twin and the libSQL store (on `:memory:` and on a
 * file). Call it from a test file; it registers vitest suites. Exported from `@learnbridge/wallet/testing`.
 */
import { describe, expect, it } from "vitest";
import type { CredentialStore, StoredCredential } from "../storage/credential-store.ts";

/** A stored credential for the contract, with overrides. */
export function contractCredential(overrides: Partial<StoredCredential> = {}): StoredCredential {
  return {
    id: `urn:uuid:${crypto.randomUUID()}`,
    format: "ldp_vc",
    credential: {
      "@context": ["https://www.w3.org/ns/credentials/v2"],
      type: ["VerifiableCredential"],
      name: "数据分析基础 · Data Analysis",
      proof: { type: "DataIntegrityProof", proofValue: "z58" },
    },
    issuer: "did:web:centre.example",
    issuerName: "Centre Example",
    types: ["VerifiableCredential", "OpenBadgeCredential"],
    achievementName: "Data Analysis Foundations",
    holder: "did:key:z6MkexampleLearner",
    receivedAt: "2026-06-01T10:00:00.000Z",
    ...overrides,
  };
}

/** Registers the contract suite for stores made by `makeStore` (a fresh, empty one per test). */
export function credentialStoreContract(
  name: string,
  makeStore: () => CredentialStore | Promise<CredentialStore>,
  options: { readonly reopen?: (store: CredentialStore) => Promise<CredentialStore> } = {},
): void {
  describe(`CredentialStore contract: ${name}`, () => {
    it("keeps a Data Integrity credential exactly as received, with its listing fields", async () => {
      const store = await makeStore();
      const credential = contractCredential();
      expect(await store.add(credential)).toBe(true);
      expect(await store.get(credential.id)).toEqual(credential);
      expect(await store.get("urn:uuid:none")).toBeUndefined();
    });

    it("keeps a vc+jwt credential as the compact string, and optional fields stay absent", async () => {
      const store = await makeStore();
      const {
        issuerName: _n,
        achievementName: _a,
        holder: _h,
        ...bare
      } = contractCredential({
        format: "jwt_vc_json",
        credential: "eyJhbGciOiJFZERTQSJ9.eyJpZCI6IngifQ.c2ln",
      });
      await store.add(bare);
      const read = await store.get(bare.id);
      expect(read).toEqual(bare);
      expect(read && "holder" in read).toBe(false);
    });

    it("never overwrites: adding the same id again changes nothing and says so", async () => {
      const store = await makeStore();
      const first = contractCredential();
      await store.add(first);
      expect(await store.add({ ...first, achievementName: "Something else" })).toBe(false);
      expect((await store.get(first.id))?.achievementName).toBe(first.achievementName);
    });

    it("lists the most recently received first, and removes", async () => {
      const store = await makeStore();
      const older = contractCredential({ receivedAt: "2026-01-01T00:00:00.000Z" });
      const newer = contractCredential({ receivedAt: "2026-03-01T00:00:00.000Z" });
      await store.add(older);
      await store.add(newer);
      expect((await store.list()).map((c) => c.id)).toEqual([newer.id, older.id]);
      expect(await store.remove(older.id)).toBe(true);
      expect(await store.remove(older.id)).toBe(false);
      expect((await store.list()).map((c) => c.id)).toEqual([newer.id]);
    });

    it("returns copies: changing what was read does not change the store", async () => {
      const store = await makeStore();
      const credential = contractCredential();
      await store.add(credential);
      const read = (await store.get(credential.id)) as { credential: Record<string, unknown> };
      read.credential.name = "tampered";
      const again = await store.get(credential.id);
      expect((again?.credential as Record<string, unknown> | undefined)?.name).toBe(
        (credential.credential as Record<string, unknown>).name,
      );
    });

    it("refuses malformed entries with a TypeError", async () => {
      const store = await makeStore();
      await expect(store.add(contractCredential({ id: "" }))).rejects.toThrow(TypeError);
      await expect(store.add(contractCredential({ format: "jwt_vc_json" }))).rejects.toThrow(TypeError);
      await expect(store.add(contractCredential({ format: "mso_mdoc" as "ldp_vc" }))).rejects.toThrow(
        TypeError,
      );
      expect(await store.list()).toEqual([]);
    });

    if (options.reopen) {
      const reopen = options.reopen;
      it("survives a reopen", async () => {
        const store = await makeStore();
        const credential = contractCredential();
        await store.add(credential);
        expect(await (await reopen(store)).get(credential.id)).toEqual(credential);
      });
    }
  });
}
