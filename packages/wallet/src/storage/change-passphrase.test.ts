import { copyFile, mkdtemp, readdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bufferSource, fromHex, toBase64Url, toHex, utf8 } from "@learnbridge/core";
import { type Client, createClient } from "@libsql/client";
import { afterEach, describe, expect, it } from "vitest";
import { signerOf } from "../agent/veramo-signer.ts";
import { contractCredential } from "../testing/credential-store-contract.ts";
import { initWallet, openWallet, type Wallet } from "../wallet.ts";
import { changePassphrase } from "./change-passphrase.ts";
import { unwrapDataSecret, vaultFromSecret } from "./data-key.ts";
import { isPassphraseLongEnough } from "./passphrase-rule.ts";
import { readSealedRows } from "./reseal-records.ts";
import { DEFAULT_KDF_ITERATIONS, readKdfParams } from "./sealing-key.ts";
import type { WalletDatabase } from "./wallet-database.ts";
import { readSetting, unlockWallet } from "./wallet-lock.ts";
import { RESIDUE } from "./wallet-vault.ts";

const OLD = "the passphrase a helper chose";
const NEW = "only I know this one now";

const clients: Client[] = [];
afterEach(() => {
  for (const client of clients.splice(0)) client.close();
});

/** A wallet file in a fresh directory, and clients on it. */
async function walletFile() {
  const dir = await mkdtemp(join(tmpdir(), "learnbridge-wallet-passphrase-"));
  const path = join(dir, "wallet.db");
  const client = () => {
    const made = createClient({ url: `file:${path}` });
    clients.push(made);
    return made;
  };
  return { dir, path, client };
}

const options = (database: Client, passphrase: string) => ({
  database,
  passphrase,
  kdfIterations: 1_000,
  allowLoopback: true,
});

/** A wallet with two identifiers and two credentials, on a file. */
async function filledWallet() {
  const file = await walletFile();
  const wallet = await initWallet(options(file.client(), OLD));
  await wallet.createDid("jwk");
  await wallet.credentials.add(contractCredential({ receivedAt: "2026-06-01T10:00:00.000Z" }));
  await wallet.credentials.add(contractCredential({ format: "jwt_vc_json", credential: "eyJ.e30.sig" }));
  return { ...file, wallet };
}

/** Every byte the wallet left on disk: the file and anything beside it (journals). */
async function bytesOnDisk(dir: string): Promise<Buffer> {
  const names = await readdir(dir);
  return Buffer.concat(await Promise.all(names.map((name) => readFile(join(dir, name)))));
}

const kdfOf = async (database: Client) =>
  readKdfParams(JSON.parse((await readSetting(database, "kdf")) ?? ""));

/** A fresh Ed25519 signature by the wallet's first identifier, checked against its public key from before. */
async function signsAsBefore(wallet: Wallet, publicKeyHex: string): Promise<boolean> {
  const [identifier] = await wallet.dids();
  if (!identifier) return false;
  const data = utf8(`signed after the change ${crypto.randomUUID()}`);
  const signature = await signerOf(wallet.agent, identifier).sign(data);
  const key = await crypto.subtle.importKey("raw", bufferSource(fromHex(publicKeyHex)), "Ed25519", false, [
    "verify",
  ]);
  return crypto.subtle.verify("Ed25519", key, bufferSource(signature), bufferSource(data));
}

describe("changing the wallet's passphrase", () => {
  it("opens the same wallet with the new passphrase only, with a fresh salt and today's iteration count", async () => {
    const { wallet, client } = await filledWallet();
    const credentials = await wallet.credentials.list();
    const dids = await wallet.dids();
    const publicKeyHex = dids[0]?.keys[0]?.publicKeyHex ?? "";
    const database = client();
    const before = await kdfOf(database);
    expect(before?.iterations).toBe(1_000);

    const newKey = await changePassphrase(database, OLD, NEW);

    const after = await kdfOf(database);
    expect(after).toEqual(newKey.params);
    expect(after?.iterations).toBe(DEFAULT_KDF_ITERATIONS);
    expect(after?.salt).not.toBe(before?.salt);
    await expect(openWallet(options(client(), OLD))).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    const reopened = await openWallet(options(client(), NEW));
    expect(await reopened.credentials.list()).toEqual(credentials);
    expect(credentials).toHaveLength(2);
    expect(await reopened.dids()).toEqual(dids);
    expect(await signsAsBefore(reopened, publicKeyHex)).toBe(true);
    // A wallet opened before holds the retired data key: nothing it reads opens any more.
    await expect(wallet.credentials.list()).rejects.toMatchObject({ code: "INTERNAL" });
  });

  it("leaves neither passphrase, the data key, nor the data key as the old passphrase wrapped it in the file", async () => {
    const { dir, client } = await filledWallet();
    const database = client();
    const oldWrapping = (await readSetting(database, "data_key")) ?? "";
    const secret = await unwrapDataSecret(await unlockWallet(database, OLD), oldWrapping);
    expect(secret).toHaveLength(32);
    const secrets = [OLD, NEW, oldWrapping, toHex(secret ?? new Uint8Array())];
    const bytes = Buffer.from(secret ?? new Uint8Array());
    // The old wrapping is on disk before (else the check after would prove nothing).
    expect((await bytesOnDisk(dir)).includes(Buffer.from(oldWrapping))).toBe(true);

    await changePassphrase(database, OLD, NEW, { kdfIterations: 1_000 });
    for (const made of clients.splice(0)) made.close();

    const disk = await bytesOnDisk(dir);
    expect(secrets.filter((s) => disk.includes(Buffer.from(s, "utf8")))).toEqual([]);
    expect(disk.includes(bytes)).toBe(false);
    expect(disk.includes(Buffer.from(toBase64Url(bytes)))).toBe(false);
  });

  it("changes nothing, byte for byte, for a wrong old passphrase or a too-short new one", async () => {
    const { dir, client } = await filledWallet();
    for (const made of clients.splice(0)) made.close();
    const before = await bytesOnDisk(dir);
    const database = client();
    await expect(changePassphrase(database, "the passphrase a helper chosE", NEW)).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
    await expect(changePassphrase(database, OLD, "2short!")).rejects.toMatchObject({
      code: "FIELD_INVALID",
      details: { minLength: 8 },
    });
    database.close();
    expect((await bytesOnDisk(dir)).equals(before)).toBe(true);
    expect(await (await openWallet(options(client(), OLD))).credentials.list()).toHaveLength(2);

    const empty = createClient({ url: ":memory:" });
    clients.push(empty);
    await expect(changePassphrase(empty, OLD, NEW)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("keeps the old passphrase working when the transaction fails half-way, and succeeds once it can", async () => {
    const { dir, client, wallet } = await filledWallet();
    const credentials = await wallet.credentials.list();
    const database = client();
    const oldKdf = (await readSetting(database, "kdf")) ?? "";
    // Fails on the data key's update, and only once the same transaction has already rewritten the KDF
    // parameters: the batch is half done when it fails.
    await database.execute({
      sql: `CREATE TRIGGER crash_half_way BEFORE UPDATE ON wallet_settings
        WHEN NEW.name = 'data_key' AND (SELECT value FROM wallet_settings WHERE name = 'kdf') <> '${oldKdf.replaceAll("'", "''")}'
        BEGIN SELECT RAISE(ABORT, 'crash half-way'); END`,
    });
    for (const made of clients.splice(0)) made.close();
    const before = await bytesOnDisk(dir);

    await expect(changePassphrase(client(), OLD, NEW, { kdfIterations: 1_000 })).rejects.toThrow(
      /crash half-way/,
    );
    for (const made of clients.splice(0)) made.close();
    expect((await bytesOnDisk(dir)).equals(before)).toBe(true);
    await expect(openWallet(options(client(), NEW))).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    expect(await (await openWallet(options(client(), OLD))).credentials.list()).toEqual(credentials);

    await client().execute("DROP TRIGGER crash_half_way");
    await changePassphrase(client(), OLD, NEW, { kdfIterations: 1_000 });
    expect(await (await openWallet(options(client(), NEW))).credentials.list()).toEqual(credentials);
  });

  it("makes a new data key: the old one, from a copy of the file taken before, opens no row of the new file", async () => {
    const { dir, path, client, wallet } = await filledWallet();
    // Deleted before the change, without secure_delete: its ciphertext under the old key stays in free space.
    const removed = contractCredential({ id: "urn:uuid:removed-before-the-change", issuerName: "Gone" });
    await wallet.credentials.add(removed);
    const removedRow = (await readSealedRows(client())).at(-1);
    await wallet.credentials.remove(removed.id);
    const credentials = await wallet.credentials.list();
    const dids = await wallet.dids();
    const publicKeyHex = dids[0]?.keys[0]?.publicKeyHex ?? "";
    for (const made of clients.splice(0)) made.close();
    const copyPath = join(dir, "..", `copy-${crypto.randomUUID()}.db`);
    await copyFile(path, copyPath);
    const copy = createClient({ url: `file:${copyPath}` });
    clients.push(copy);
    const oldSecret = await unwrapDataSecret(
      await unlockWallet(copy, OLD),
      (await readSetting(copy, "data_key")) ?? "",
    );
    const oldVault = await vaultFromSecret(oldSecret ?? new Uint8Array(32));
    const oldRows = await readSealedRows(copy);
    // The old key opens every row of the copy (else the check after would prove nothing).
    expect(oldRows.length).toBeGreaterThan(4);
    for (const row of oldRows) expect(await oldVault.open(row.kind, row.rowId, row.sealed)).toBeDefined();
    const residue = (bytes: Uint8Array) => Buffer.from(bytes.subarray(13, 45));
    expect(removedRow && (await bytesOnDisk(dir)).includes(residue(removedRow.sealed))).toBe(true);

    await changePassphrase(client(), OLD, NEW, { kdfIterations: 1_000 });

    const newRows = await readSealedRows(client());
    expect(newRows.map((row) => [row.seq, row.kind])).toEqual(oldRows.map((row) => [row.seq, row.kind]));
    for (const row of newRows) expect(await oldVault.open(row.kind, row.rowId, row.sealed)).toBeUndefined();
    const oldIds = new Set(oldRows.map((row) => row.rowId));
    expect(newRows.filter((row) => oldIds.has(row.rowId))).toEqual([]);
    expect(await readSetting(client(), RESIDUE)).toBeUndefined();
    for (const made of clients.splice(0)) made.close();
    // Nothing sealed under the old key is left in the file, not even the row deleted before.
    const disk = await bytesOnDisk(dir);
    const left = [...oldRows, ...(removedRow ? [removedRow] : [])].filter(
      (row) => disk.includes(residue(row.sealed)) || disk.includes(Buffer.from(row.rowId)),
    );
    expect(left).toEqual([]);

    const reopened = await openWallet(options(client(), NEW));
    expect(await reopened.credentials.list()).toEqual(credentials);
    expect(await reopened.dids()).toEqual(dids);
    expect(await signsAsBefore(reopened, publicKeyHex)).toBe(true);
  });

  it("tries the rewrite again on the next unlock when the file is busy just after the change", async () => {
    const { dir, client } = await filledWallet();
    const database = client();
    const oldRows = await readSealedRows(database);
    // As when another process has the wallet open: VACUUM alone is refused.
    const busy: WalletDatabase = {
      execute: (statement) =>
        statement.sql === "VACUUM"
          ? Promise.reject(new Error("database is locked"))
          : database.execute(statement),
      batch: (statements, mode) => database.batch(statements, mode),
    };

    await changePassphrase(busy, OLD, NEW, { kdfIterations: 1_000 });

    expect(await readSetting(database, RESIDUE)).toBe("1");
    const wallet = await openWallet(options(client(), NEW));
    expect(await wallet.credentials.list()).toHaveLength(2);
    expect(await readSetting(database, RESIDUE)).toBeUndefined();
    for (const made of clients.splice(0)) made.close();
    const disk = await bytesOnDisk(dir);
    expect(oldRows.filter((row) => disk.includes(Buffer.from(row.rowId)))).toEqual([]);
  });

  it("starts over when another process adds a credential meanwhile, and gives up if it never stops", async () => {
    const { client } = await filledWallet();
    const database = client();
    const other = await openWallet(options(client(), OLD));
    let arrivals = 0;
    // Another process writes a row (under the old key) between the change's read and its transaction.
    const sharedWith = (times: number): WalletDatabase => {
      let tries = 0;
      return {
        execute: (statement) => database.execute(statement),
        async batch(statements, mode) {
          tries += 1;
          if (tries <= times) {
            arrivals += 1;
            await other.credentials.add(contractCredential({ id: `urn:uuid:arrival-${arrivals}` }));
          }
          return database.batch(statements, mode);
        },
      };
    };

    await expect(
      changePassphrase(sharedWith(Number.POSITIVE_INFINITY), OLD, "never gets through", {
        kdfIterations: 1_000,
      }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    expect(arrivals).toBe(3);
    expect(await other.credentials.list()).toHaveLength(5);

    await changePassphrase(sharedWith(1), OLD, NEW, { kdfIterations: 1_000 });
    const reopened = await openWallet(options(client(), NEW));
    const ids = (await reopened.credentials.list()).map((credential) => credential.id);
    expect(ids).toHaveLength(6);
    expect(ids).toContain("urn:uuid:arrival-4");
  });

  it("lets one of two simultaneous changes win and tells the other; the winner's passphrase alone opens", async () => {
    const { client } = await filledWallet();
    const tries = ["first new passphrase", "second new passphrase"];
    const results = await Promise.allSettled(
      tries.map((next) => changePassphrase(client(), OLD, next, { kdfIterations: 1_000 })),
    );
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    const lost = results.find((r) => r.status === "rejected");
    expect(lost?.status === "rejected" && lost.reason).toMatchObject({ code: "CONFLICT" });
    const winner = tries[results.findIndex((r) => r.status === "fulfilled")] ?? "";
    const loser = tries.find((t) => t !== winner) ?? "";
    expect(await (await openWallet(options(client(), winner))).credentials.list()).toHaveLength(2);
    for (const refused of [OLD, loser]) {
      await expect(openWallet(options(client(), refused))).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    }
  });
});

describe("an old wallet whose private keys are sealed under the passphrase key itself", () => {
  it("is sealed the new way first, then changed: the same credentials, DIDs and signatures", async () => {
    const fixtures = new URL("./fixtures/", import.meta.url);
    const legacy = JSON.parse(await readFile(new URL("legacy-wallet.json", fixtures), "utf8"));
    const { path, client } = await walletFile();
    await copyFile(new URL("legacy-wallet.db", fixtures), path);

    await changePassphrase(client(), legacy.passphrase, NEW, { kdfIterations: 1_000 });

    await expect(openWallet(options(client(), legacy.passphrase))).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
    const wallet = await openWallet(options(client(), NEW));
    expect(await wallet.credentials.list()).toEqual(legacy.credentials);
    expect((await wallet.dids()).map((d) => d.did)).toEqual(legacy.dids);
    const signature = await wallet.agent.keyManagerSign({
      keyRef: legacy.kid,
      algorithm: "EdDSA",
      data: "hello",
    });
    expect(signature).toBe(legacy.signatureOfHello);
  });
});

describe("the passphrase rule that init and a change share", () => {
  it("counts characters as the learner sees them", () => {
    expect(isPassphraseLongEnough("1234567")).toBe(false);
    expect(isPassphraseLongEnough("12345678")).toBe(true);
    expect(isPassphraseLongEnough("我的钱包密码很长")).toBe(true);
    expect(isPassphraseLongEnough("我的钱包")).toBe(false);
    // Eight UTF-16 units, four characters.
    expect(isPassphraseLongEnough("😀😀😀😀")).toBe(false);
    expect(isPassphraseLongEnough("e\u0301e\u0301e\u0301e\u0301")).toBe(false);
    expect(() => isPassphraseLongEnough(undefined as unknown as string)).toThrow(TypeError);
  });
});
