import { copyFile, mkdtemp, readdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Client, createClient } from "@libsql/client";
import { afterEach, describe, expect, it } from "vitest";
import { acceptCredentialOffer } from "../oid4vci/accept-offer.ts";
import { fakeIssuer } from "../testing/fake-issuer.ts";
import { type LoopbackServer, serveOnLoopback } from "../testing/serve.ts";
import { initWallet, openWallet, type Wallet } from "../wallet.ts";
import type { StoredCredential } from "./credential-store.ts";
import { LEGACY_TABLES } from "./legacy-rows.ts";
import { SEAL_ROWS_MIGRATION } from "./wallet-vault.ts";

const servers: LoopbackServer[] = [];
const clients: Client[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const PASSPHRASE = "a long and happy passphrase";

/** A wallet file in a fresh directory, and a way to open it again with another client. */
async function walletFile(name = "wallet.db") {
  const dir = await mkdtemp(join(tmpdir(), "learnbridge-wallet-at-rest-"));
  const path = join(dir, name);
  const client = (url = `file:${path}`) => {
    const made = createClient({ url });
    clients.push(made);
    return made;
  };
  return { dir, path, client };
}

const options = (database: Client, passphrase = PASSPHRASE) => ({
  database,
  passphrase,
  kdfIterations: 1_000,
  allowLoopback: true,
});

/** Every byte the wallet left on disk: the file and anything beside it (journals). */
async function bytesOnDisk(dir: string): Promise<Buffer> {
  const names = await readdir(dir);
  return Buffer.concat(await Promise.all(names.map((name) => readFile(join(dir, name)))));
}

/** The strings of `needles` that appear in `bytes` (as UTF-8, as SQLite writes text). */
const found = (bytes: Buffer, needles: readonly string[]) =>
  needles.filter((needle) => needle.length > 0 && bytes.includes(Buffer.from(needle, "utf8")));

const tables = async (database: Client) =>
  (await database.execute("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")).rows.map(
    (row) => String(row.name),
  );

describe("a new wallet at rest", () => {
  it("keeps nothing of an accepted credential readable in its file", async () => {
    let handle: (request: Request) => Promise<Response> = async () => new Response("", { status: 503 });
    const server = await serveOnLoopback((request) => handle(request));
    servers.push(server);
    const issuer = await fakeIssuer(server.url);
    handle = issuer.handle;
    const { dir, client } = await walletFile();
    const wallet = await initWallet(options(client()));
    const result = await acceptCredentialOffer(wallet, issuer.offer(["badge_ldp_vc", "badge_jwt_vc_json"]), {
      languages: ["zh-CN"],
    });
    const stored = result.credentials.map((c) => c.stored);
    expect(stored.map((c) => c.format)).toEqual(["ldp_vc", "jwt_vc_json"]);
    const [learner] = await wallet.dids();
    const jwt = stored[1]?.credential as string;
    const distinctive = [
      ...stored.map((c) => c.id),
      ...stored.flatMap((c) => [c.achievementName ?? "", c.issuerName ?? ""]),
      "Data Analysis Foundations",
      "数据分析基础",
      "Misingi ya Uchambuzi wa Data",
      "Fake Open Learning Centre",
      issuer.did,
      learner?.did ?? "",
      learner?.keys[0]?.publicKeyHex ?? "",
      jwt.split(".")[1]?.slice(0, 40) ?? "",
      "proofValue",
    ];
    expect(distinctive.filter((s) => s.length === 0)).toEqual([]);
    // The same strings are in what the wallet hands back, so the search below can find them.
    expect(found(Buffer.from(JSON.stringify([stored, learner])), distinctive)).toEqual(distinctive);
    client().close();
    expect(found(await bytesOnDisk(dir), distinctive)).toEqual([]);

    // Another client, the same passphrase: everything reads back as it was received.
    const reopened = await openWallet(options(client()));
    expect(await reopened.credentials.list()).toEqual(await wallet.credentials.list());
    expect(await reopened.credentials.get(stored[0]?.id ?? "")).toEqual(stored[0]);
  });

  it("reads nothing with a wrong passphrase, and refuses a changed data key", async () => {
    const { client } = await walletFile();
    const database = client();
    await initWallet(options(database));
    await expect(openWallet(options(client(), "a long and happy passphrasE"))).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
    const wrapped = String(
      (await database.execute("SELECT value FROM wallet_settings WHERE name = 'data_key'")).rows[0]?.value,
    );
    expect(wrapped).toMatch(/^v1\./);
    await database.execute({
      sql: "UPDATE wallet_settings SET value = ? WHERE name = 'data_key'",
      args: [`${wrapped.slice(0, -4)}${wrapped.endsWith("AAAA") ? "BBBB" : "AAAA"}`],
    });
    await expect(openWallet(options(client()))).rejects.toMatchObject({ code: "INTERNAL" });
  });

  it("has only the sealed table left, and records the sealing step", async () => {
    const { client } = await walletFile();
    const database = client();
    await initWallet(options(database));
    expect(await tables(database)).toEqual(["wallet_migrations", "wallet_records", "wallet_settings"]);
    const migrations = await database.execute("SELECT id FROM wallet_migrations ORDER BY id");
    expect(migrations.rows.map((row) => row.id)).toEqual([
      "0001-wallet",
      "0002-sealed-records",
      SEAL_ROWS_MIGRATION,
    ]);
  });
});

interface LegacyFixture {
  readonly passphrase: string;
  readonly backupPassphrase: string;
  readonly dids: string[];
  readonly kid: string;
  readonly signatureOfHello: string;
  readonly credentials: StoredCredential[];
}

const fixtures = new URL("./fixtures/", import.meta.url);
const fixture = async (): Promise<LegacyFixture> =>
  JSON.parse(await readFile(new URL("legacy-wallet.json", fixtures), "utf8"));

/** A copy of the wallet file the previous code wrote (see fixtures/README.md). */
async function legacyWallet() {
  const file = await walletFile();
  await copyFile(new URL("legacy-wallet.db", fixtures), file.path);
  return file;
}

/** What a person who found the file would look for. */
const personal = (legacy: LegacyFixture) => [
  "Amina Wanjiru Odhiambo",
  "sha256$5b4d6f0a9c3e",
  "Watercolour Landscapes",
  "Data Analysis Foundations",
  "数据分析基础",
  "Nairobi Open Learning Centre",
  "Seniors' University of Lakeside",
  ...legacy.credentials.map((c) => c.id),
  ...legacy.dids,
  legacy.kid,
];

describe("a wallet made before its rows were sealed", () => {
  it("is sealed on its first unlock: the same credentials, DIDs and keys, and no plaintext left in the file", async () => {
    const legacy = await fixture();
    const { dir, path, client } = await legacyWallet();
    // The old file does hold them in clear (else the check at the end would prove nothing).
    expect(found(await readFile(path), personal(legacy))).toEqual(personal(legacy));

    const before = await readFile(path);
    await expect(openWallet(options(client(), "not the passphrase"))).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
    expect((await readFile(path)).equals(before)).toBe(true);

    const database = client();
    const wallet = await openWallet(options(database, legacy.passphrase));
    expect(await wallet.credentials.list()).toEqual(legacy.credentials);
    expect((await wallet.dids()).map((d) => d.did)).toEqual(legacy.dids);
    const signature = await wallet.agent.keyManagerSign({
      keyRef: legacy.kid,
      algorithm: "EdDSA",
      data: "hello",
    });
    expect(signature).toBe(legacy.signatureOfHello);
    expect(await tables(database)).toEqual(["wallet_migrations", "wallet_records", "wallet_settings"]);
    const settings = await database.execute("SELECT name FROM wallet_settings ORDER BY name");
    expect(settings.rows.map((row) => row.name)).toEqual(["data_key", "kdf", "passphrase_check"]);
    database.close();
    expect(found(await bytesOnDisk(dir), personal(legacy))).toEqual([]);

    // Unlocked again, it opens what it sealed (and seals nothing twice).
    const again = await openWallet(options(client(), legacy.passphrase));
    expect(await again.credentials.list()).toEqual(legacy.credentials);
    expect(await again.agent.keyManagerSign({ keyRef: legacy.kid, algorithm: "EdDSA", data: "hello" })).toBe(
      legacy.signatureOfHello,
    );
  });

  it("stays wholly old when the sealing transaction fails, and is sealed on the next unlock", async () => {
    const legacy = await fixture();
    const { client } = await legacyWallet();
    const database = client();
    // The step's own record is already there: the batch fails on its very last statement.
    await database.execute({
      sql: "INSERT INTO wallet_migrations (id, applied_at) VALUES (?, '2026-01-01T00:00:00Z')",
      args: [SEAL_ROWS_MIGRATION],
    });
    await expect(openWallet(options(client(), legacy.passphrase))).rejects.toThrow();
    expect(await tables(database)).toEqual(
      [...LEGACY_TABLES, "wallet_migrations", "wallet_records", "wallet_settings"].sort(),
    );
    const count = async (table: string) =>
      Number((await database.execute(`SELECT count(*) AS n FROM ${table}`)).rows[0]?.n);
    expect(await count("wallet_credentials")).toBe(legacy.credentials.length);
    expect(await count("wallet_records")).toBe(0);
    expect((await database.execute("SELECT name FROM wallet_settings WHERE name = 'data_key'")).rows).toEqual(
      [],
    );

    await database.execute({
      sql: "DELETE FROM wallet_migrations WHERE id = ?",
      args: [SEAL_ROWS_MIGRATION],
    });
    const wallet = await openWallet(options(client(), legacy.passphrase));
    expect(await wallet.credentials.list()).toEqual(legacy.credentials);
  });

  it("is sealed once when two processes unlock it at the same moment", async () => {
    const legacy = await fixture();
    const { client } = await legacyWallet();
    const [a, b] = await Promise.all([
      openWallet(options(client(), legacy.passphrase)),
      openWallet(options(client(), legacy.passphrase)),
    ]);
    const listed = async (w: Wallet) => w.credentials.list();
    expect(await listed(a)).toEqual(legacy.credentials);
    expect(await listed(b)).toEqual(legacy.credentials);
    const records = await client().execute("SELECT kind, count(*) AS n FROM wallet_records GROUP BY kind");
    expect(Object.fromEntries(records.rows.map((row) => [row.kind, Number(row.n)]))).toEqual({
      credential: 3,
      did: 2,
      key: 2,
      "private-key": 2,
    });
  });
});
