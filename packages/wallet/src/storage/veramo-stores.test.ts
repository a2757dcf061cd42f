import { MemoryDIDStore } from "@veramo/did-manager";
import { MemoryKeyStore, MemoryPrivateKeyStore } from "@veramo/key-manager";
import { describe, expect, it } from "vitest";
import { memoryDatabase } from "../testing/databases.ts";
import {
  didStoreContract,
  keyStoreContract,
  privateKeyStoreContract,
} from "../testing/veramo-store-contract.ts";
import { SqlDidStore } from "./did-store.ts";
import { SqlKeyStore } from "./key-store.ts";
import { SqlPrivateKeyStore } from "./private-key-store.ts";
import { deriveSealingKey, newKdfParams } from "./sealing-key.ts";

const sealingKey = async (passphrase = "correct horse battery staple") =>
  deriveSealingKey(passphrase, newKdfParams(1_000));

keyStoreContract("Veramo MemoryKeyStore (reference)", () => new MemoryKeyStore());
keyStoreContract("libSQL", async () => new SqlKeyStore(await memoryDatabase()));
privateKeyStoreContract("Veramo MemoryPrivateKeyStore (reference)", () => new MemoryPrivateKeyStore());
privateKeyStoreContract(
  "libSQL, sealed",
  async () => new SqlPrivateKeyStore(await memoryDatabase(), await sealingKey()),
);
didStoreContract("Veramo MemoryDIDStore (reference)", () => new MemoryDIDStore());
didStoreContract("libSQL", async () => new SqlDidStore(await memoryDatabase()));

describe("private keys at rest", () => {
  it("are never in the database in clear, and open only with the passphrase that sealed them", async () => {
    const database = await memoryDatabase();
    const store = new SqlPrivateKeyStore(database, await sealingKey());
    const privateKeyHex = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
    await store.importKey({ alias: "learner", privateKeyHex, type: "Ed25519" });
    const { rows } = await database.execute("SELECT * FROM wallet_private_keys");
    expect(JSON.stringify(rows)).not.toContain(privateKeyHex);
    expect(String(rows[0]?.sealed)).toMatch(/^v1\./);

    const stranger = new SqlPrivateKeyStore(database, await sealingKey("another passphrase"));
    await expect(stranger.getKey({ alias: "learner" })).rejects.toThrow(/cannot be opened/);
    expect((await store.getKey({ alias: "learner" })).privateKeyHex).toBe(privateKeyHex);
  });

  it("cannot be swapped between aliases: each sealed key is bound to its own row", async () => {
    const database = await memoryDatabase();
    const store = new SqlPrivateKeyStore(database, await sealingKey());
    await store.importKey({ alias: "a", privateKeyHex: "11".repeat(32), type: "Ed25519" });
    await store.importKey({ alias: "b", privateKeyHex: "22".repeat(32), type: "Ed25519" });
    await database.execute(
      "UPDATE wallet_private_keys SET sealed = (SELECT sealed FROM wallet_private_keys WHERE alias = 'a') WHERE alias = 'b'",
    );
    await expect(store.getKey({ alias: "b" })).rejects.toThrow(/cannot be opened/);
  });
});
