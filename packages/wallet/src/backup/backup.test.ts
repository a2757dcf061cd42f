import { copyFile, mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@libsql/client";
import { describe, expect, it } from "vitest";
import type { StoredCredential } from "../storage/credential-store.ts";
import { contractCredential } from "../testing/credential-store-contract.ts";
import { TEST_PASSPHRASE, testWallet } from "../testing/test-wallet.ts";
import { openWallet, type Wallet } from "../wallet.ts";
import { exportBackup, importBackup, openBackup } from "./backup.ts";

/** What the previous code wrote and read back (see storage/fixtures/README.md). */
const fixtures = new URL("../storage/fixtures/", import.meta.url);
const legacy = async () =>
  JSON.parse(await readFile(new URL("legacy-wallet.json", fixtures), "utf8")) as {
    passphrase: string;
    backupPassphrase: string;
    dids: string[];
    kid: string;
    signatureOfHello: string;
    credentials: StoredCredential[];
  };
const signHello = (wallet: Wallet, kid: string) =>
  wallet.agent.keyManagerSign({ keyRef: kid, algorithm: "EdDSA", data: "hello" });

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

  it("work across the change: a backup the previous code wrote imports, sealed, into today's wallet", async () => {
    const old = await legacy();
    const text = await readFile(new URL("legacy-wallet.backup", fixtures), "utf8");
    const target = await testWallet({ passphrase: "the new phone's passphrase" }, "key");
    const summary = await importBackup(target, await openBackup(text, old.backupPassphrase));
    expect(summary.credentials).toEqual({ total: 3, added: 3 });
    expect(await target.credentials.list()).toEqual(old.credentials);
    expect((await target.dids()).map((d) => d.did)).toEqual(expect.arrayContaining(old.dids));
    expect(await signHello(target, old.kid)).toBe(old.signatureOfHello);
    const { rows } = await target.database.execute({ sql: "SELECT sealed FROM wallet_records" });
    const raw = rows.map((row) => Buffer.from(row.sealed as ArrayBuffer).toString("latin1")).join("");
    expect(raw.length).toBeGreaterThan(10_000);
    expect(raw).not.toContain("Data Analysis Foundations");
  });

  it("work across the change: an upgraded old wallet exports a backup that restores it elsewhere", async () => {
    const old = await legacy();
    const path = join(await mkdtemp(join(tmpdir(), "learnbridge-wallet-backup-")), "wallet.db");
    await copyFile(new URL("legacy-wallet.db", fixtures), path);
    const client = createClient({ url: `file:${path}` });
    try {
      const upgraded = await openWallet({ database: client, passphrase: old.passphrase });
      const text = await exportBackup(upgraded, "a backup after the upgrade");
      const target = await testWallet({}, "jwk");
      await importBackup(target, await openBackup(text, "a backup after the upgrade"));
      expect(await target.credentials.list()).toEqual(old.credentials);
      expect(await signHello(target, old.kid)).toBe(old.signatureOfHello);
    } finally {
      client.close();
    }
  });
});
