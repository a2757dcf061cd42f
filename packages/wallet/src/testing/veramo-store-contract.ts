/**
 * The behaviour Veramo's managers expect of their stores, written once and run against Veramo's own
 * memory stores (the reference) and the wallet's libSQL stores, so the two cannot drift apart.
 */
import type { IIdentifier, IKey } from "@veramo/core";
import type { AbstractDIDStore } from "@veramo/did-manager";
import type { AbstractKeyStore, AbstractPrivateKeyStore } from "@veramo/key-manager";
import { describe, expect, it } from "vitest";

const hex = (bytes: number) =>
  Array.from(crypto.getRandomValues(new Uint8Array(bytes)), (b) => b.toString(16).padStart(2, "0")).join("");

const key = (overrides: Partial<IKey> = {}): IKey => ({
  kid: hex(32),
  kms: "local",
  type: "Ed25519",
  publicKeyHex: hex(32),
  meta: { algorithms: ["EdDSA", "Ed25519"] },
  ...overrides,
});

/** Registers the key store contract. */
export function keyStoreContract(
  name: string,
  makeStore: () => AbstractKeyStore | Promise<AbstractKeyStore>,
): void {
  describe(`Veramo key store contract: ${name}`, () => {
    it("imports, gets, lists and deletes keys, and never keeps a private half", async () => {
      const store = await makeStore();
      const first = key();
      await store.importKey({ ...first, privateKeyHex: hex(32) });
      const got = await store.getKey({ kid: first.kid });
      expect(got).toMatchObject(first);
      expect((await store.listKeys({})).map((k) => k.kid)).toEqual([first.kid]);
      expect(JSON.stringify(await store.listKeys({}))).not.toContain("privateKeyHex");
      await store.deleteKey({ kid: first.kid });
      await expect(store.getKey({ kid: first.kid })).rejects.toThrow(/not found/i);
    });
  });
}

/** Registers the private key store contract. */
export function privateKeyStoreContract(
  name: string,
  makeStore: () => AbstractPrivateKeyStore | Promise<AbstractPrivateKeyStore>,
): void {
  describe(`Veramo private key store contract: ${name}`, () => {
    it("imports under an alias (or a fresh one), gets, lists and deletes", async () => {
      const store = await makeStore();
      const named = await store.importKey({ alias: "k1", privateKeyHex: hex(32), type: "Ed25519" });
      const unnamed = await store.importKey({ privateKeyHex: hex(32), type: "Ed25519" });
      expect(unnamed.alias).toMatch(/.+/);
      expect(await store.getKey({ alias: "k1" })).toEqual(named);
      expect((await store.listKeys({})).map((k) => k.alias).sort()).toEqual(
        [named.alias, unnamed.alias].sort(),
      );
      await store.deleteKey({ alias: "k1" });
      await expect(store.getKey({ alias: "k1" })).rejects.toThrow(/not_found/);
    });

    it("accepts the same key again but refuses another key under a taken alias", async () => {
      const store = await makeStore();
      const privateKeyHex = hex(32);
      await store.importKey({ alias: "k2", privateKeyHex, type: "Ed25519" });
      await expect(store.importKey({ alias: "k2", privateKeyHex, type: "Ed25519" })).resolves.toMatchObject({
        alias: "k2",
      });
      await expect(store.importKey({ alias: "k2", privateKeyHex: hex(32), type: "Ed25519" })).rejects.toThrow(
        /key_already_exists/,
      );
      expect((await store.getKey({ alias: "k2" })).privateKeyHex).toBe(privateKeyHex);
    });
  });
}

/** Registers the DID store contract. */
export function didStoreContract(
  name: string,
  makeStore: () => AbstractDIDStore | Promise<AbstractDIDStore>,
): void {
  const identifier = (did: string, provider: string, alias?: string): IIdentifier => ({
    did,
    provider,
    ...(alias ? { alias } : {}),
    controllerKeyId: "k",
    keys: [{ ...key({ kid: "k" }), privateKeyHex: hex(32) }],
    services: [],
  });
  describe(`Veramo DID store contract: ${name}`, () => {
    it("imports, gets by did or alias, lists in order and by provider, deletes", async () => {
      const store = await makeStore();
      await store.importDID(identifier("did:key:z1", "did:key", "first"));
      await store.importDID(identifier("did:jwk:e2", "did:jwk"));
      const first = await store.getDID({ did: "did:key:z1" });
      expect(first.alias).toBe("first");
      expect(first.keys[0]).not.toHaveProperty("privateKeyHex");
      expect((await store.getDID({ alias: "first" })).did).toBe("did:key:z1");
      expect((await store.listDIDs({})).map((i) => i.did)).toEqual(["did:key:z1", "did:jwk:e2"]);
      expect((await store.listDIDs({ provider: "did:jwk" })).map((i) => i.did)).toEqual(["did:jwk:e2"]);
      await store.deleteDID({ did: "did:key:z1" });
      await expect(store.getDID({ did: "did:key:z1" })).rejects.toThrow(/not_found/);
      await expect(store.getDID({ alias: "nobody" })).rejects.toThrow(/not_found/);
    });
  });
}
