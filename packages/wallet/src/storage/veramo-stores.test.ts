import { MemoryDIDStore } from "@veramo/did-manager";
import { MemoryKeyStore, MemoryPrivateKeyStore } from "@veramo/key-manager";
import { describe, expect, it } from "vitest";
import { memoryDatabase } from "../testing/databases.ts";
import {
  didStoreContract,
  keyStoreContract,
  privateKeyStoreContract,
} from "../testing/veramo-store-contract.ts";
import { newDataSecret, vaultFromSecret } from "./data-key.ts";
import { SqlDidStore } from "./did-store.ts";
import { SqlKeyStore } from "./key-store.ts";
import { SqlPrivateKeyStore } from "./private-key-store.ts";

const vault = () => vaultFromSecret(newDataSecret());

keyStoreContract("Veramo MemoryKeyStore (reference)", () => new MemoryKeyStore());
keyStoreContract("libSQL, sealed", async () => new SqlKeyStore(await memoryDatabase(), await vault()));
privateKeyStoreContract("Veramo MemoryPrivateKeyStore (reference)", () => new MemoryPrivateKeyStore());
privateKeyStoreContract(
  "libSQL, sealed",
  async () => new SqlPrivateKeyStore(await memoryDatabase(), await vault()),
);
didStoreContract("Veramo MemoryDIDStore (reference)", () => new MemoryDIDStore());
didStoreContract("libSQL, sealed", async () => new SqlDidStore(await memoryDatabase(), await vault()));

describe("keys and DIDs at rest", () => {
  it("are never in the database in clear, and open only under the vault that sealed them", async () => {
    const database = await memoryDatabase();
    const mine = await vault();
    const privateKeyHex = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
    const publicKeyHex = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
    const did = "did:key:z6MktwupdmLXVVqTzCw4i46r4uGyosGXRnR3XCN4GCJ8Prc1";
    await new SqlPrivateKeyStore(database, mine).importKey({
      alias: publicKeyHex,
      privateKeyHex,
      type: "Ed25519",
    });
    const key = { kid: publicKeyHex, kms: "local", type: "Ed25519" as const, publicKeyHex };
    await new SqlKeyStore(database, mine).importKey(key);
    await new SqlDidStore(database, mine).importDID({
      did,
      alias: "Amina's phone",
      provider: "did:key",
      controllerKeyId: publicKeyHex,
      keys: [key],
      services: [],
    });
    const { rows } = await database.execute("SELECT * FROM wallet_records");
    expect(rows.map((row) => row.kind)).toEqual(["private-key", "key", "did"]);
    // Every column, blobs as their raw bytes.
    const raw = rows
      .flatMap((row) => Object.values(row))
      .map((v) => (v instanceof ArrayBuffer ? Buffer.from(v).toString("latin1") : String(v)))
      .join("\n");
    expect(raw).toContain(String(rows[0]?.row_id));
    for (const secret of [privateKeyHex, publicKeyHex, did, "Amina"]) expect(raw).not.toContain(secret);

    const stranger = await vault();
    await expect(new SqlPrivateKeyStore(database, stranger).listKeys({})).rejects.toThrow(/cannot be opened/);
    await expect(new SqlDidStore(database, stranger).listDIDs({})).rejects.toThrow(/cannot be opened/);
    // Another vault's row ids differ too, so it does not even find the rows by their keys.
    await expect(new SqlKeyStore(database, stranger).getKey({ kid: publicKeyHex })).rejects.toThrow(
      /not found/,
    );
    expect((await new SqlPrivateKeyStore(database, mine).getKey({ alias: publicKeyHex })).privateKeyHex).toBe(
      privateKeyHex,
    );
    expect((await new SqlDidStore(database, mine).getDID({ alias: "Amina's phone" })).did).toBe(did);
  });

  it("cannot be swapped between rows: each sealed value is bound to its own row id", async () => {
    const database = await memoryDatabase();
    const store = new SqlPrivateKeyStore(database, await vault());
    await store.importKey({ alias: "a", privateKeyHex: "11".repeat(32), type: "Ed25519" });
    await store.importKey({ alias: "b", privateKeyHex: "22".repeat(32), type: "Ed25519" });
    await database.execute(
      "UPDATE wallet_records SET sealed = (SELECT sealed FROM wallet_records ORDER BY seq LIMIT 1) WHERE seq = 2",
    );
    expect((await store.getKey({ alias: "a" })).privateKeyHex).toBe("11".repeat(32));
    await expect(store.getKey({ alias: "b" })).rejects.toThrow(/cannot be opened/);
  });

  it("keep the order identifiers were made in when one is imported again", async () => {
    const store = new SqlDidStore(await memoryDatabase(), await vault());
    const identifier = (did: string, alias?: string) => ({
      did,
      provider: "did:key",
      ...(alias ? { alias } : {}),
      keys: [],
      services: [],
    });
    await store.importDID(identifier("did:key:z1"));
    await store.importDID(identifier("did:key:z2"));
    await store.importDID(identifier("did:key:z1", "renamed"));
    expect((await store.listDIDs()).map((i) => [i.did, i.alias])).toEqual([
      ["did:key:z1", "renamed"],
      ["did:key:z2", undefined],
    ]);
  });
});
