import { describe, expect, it } from "vitest";
import { contractCredential } from "../testing/credential-store-contract.ts";
import { TEST_PASSPHRASE, testWallet } from "../testing/test-wallet.ts";
import { exportBackup, importBackup, openBackup } from "./backup.ts";

describe("encrypted backups", () => {
  it("round-trip keys, DIDs and credentials into another wallet, whose keys then sign as before", async () => {
    const source = await testWallet();
    await source.createDid("jwk");
    const credential = contractCredential({ holder: (await source.dids())[0]?.did ?? "" });
    await source.credentials.add(credential);
    const text = await exportBackup(source, "backup passphrase");
    expect(text).not.toContain(credential.id);
    expect(text).not.toContain((await source.dids())[0]?.did);

    const target = await testWallet({ passphrase: "the new phone's passphrase" });
    const summary = await importBackup(target, await openBackup(text, "backup passphrase"));
    expect(summary).toEqual({
      keys: { total: 2, added: 2 },
      dids: { total: 2, added: 2 },
      credentials: { total: 1, added: 1 },
    });
    expect(await target.credentials.get(credential.id)).toEqual(credential);
    const dids = (await target.dids()).map((d) => d.did);
    expect(dids).toEqual(expect.arrayContaining((await source.dids()).map((d) => d.did)));

    // The imported key signs, and gives the same signature as the original (Ed25519 is deterministic).
    const [original] = await source.dids();
    const kid = original?.keys[0]?.kid ?? "";
    const sign = (w: typeof source) =>
      w.agent.keyManagerSign({ keyRef: kid, algorithm: "EdDSA", data: "hello" });
    expect(await sign(target)).toBe(await sign(source));

    // Importing again adds nothing and changes nothing.
    const again = await importBackup(target, await openBackup(text, "backup passphrase"));
    expect([again.keys.added, again.dids.added, again.credentials.added]).toEqual([0, 0, 0]);
  });

  it("refuses a wrong passphrase and a changed file with a clear error, before writing anything", async () => {
    const source = await testWallet();
    await source.credentials.add(contractCredential());
    const text = await exportBackup(source, TEST_PASSPHRASE);
    await expect(openBackup(text, "not the passphrase")).rejects.toMatchObject({
      code: "UNAUTHORIZED",
      message: expect.stringContaining("does not open this backup"),
    });
    const file = JSON.parse(text);
    file.sealed = `${file.sealed.slice(0, -6)}AAAAAA`;
    await expect(openBackup(JSON.stringify(file), TEST_PASSPHRASE)).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
    await expect(openBackup("{}", TEST_PASSPHRASE)).rejects.toMatchObject({ code: "FIELD_INVALID" });
    await expect(openBackup("not json", TEST_PASSPHRASE)).rejects.toMatchObject({ code: "FIELD_INVALID" });
  });

  it("writes nothing at all when one entry of the backup is damaged", async () => {
    const target = await testWallet();
    const before = (await target.dids()).length;
    const good = contractCredential();
    await expect(
      importBackup(target, {
        createdAt: "2026-06-01T00:00:00Z",
        keys: [],
        privateKeys: [],
        dids: [{ did: "did:key:z6Mknew", provider: "did:key", keys: [], services: [] }],
        credentials: [good, { ...good, id: "urn:uuid:2", format: "jwt_vc_json" }],
      }),
    ).rejects.toMatchObject({ code: "FIELD_INVALID" });
    expect(await target.credentials.list()).toEqual([]);
    expect(await target.dids()).toHaveLength(before);
  });
});
