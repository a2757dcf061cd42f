import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { fixedClock } from "@learnbridge/core";
import type { Client } from "@libsql/client";
import { describe, expect, it } from "vitest";
import { MIGRATIONS, type Migration, migrate } from "./migrations.ts";
import { type LibsqlBackend, libsqlBackends } from "./testing/index.ts";

const backends = libsqlBackends();
const execFileAsync = promisify(execFile);
const storeRoot = fileURLToPath(new URL("..", import.meta.url));

const steps: readonly Migration[] = [
  { id: "a", statements: ["CREATE TABLE a (x INTEGER)"] },
  { id: "b", statements: ["CREATE TABLE b (x INTEGER)", "INSERT INTO b VALUES (1)"] },
  { id: "c", statements: ["CREATE TABLE c (x INTEGER)"] },
];

async function ledger(client: Client): Promise<string[]> {
  const { rows } = await client.execute("SELECT id FROM schema_migrations ORDER BY id");
  return rows.map((row) => String(row.id));
}

async function tables(client: Client): Promise<string[]> {
  const { rows } = await client.execute(
    "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite%' ORDER BY name",
  );
  return rows.map((row) => String(row.name));
}

async function second(backend: LibsqlBackend, client: Client): Promise<Client> {
  const other = await backend.connectAgain?.(client);
  if (!other) throw new TypeError(`${backend.name} cannot open a second client`);
  return other;
}

describe.each(backends)("migrate: $name", (backend) => {
  it("applies every migration once, records it, and does nothing on a second run", async () => {
    const client = await backend.open();
    const clock = fixedClock("2026-11-30T12:00:00Z");
    expect(await migrate(client, { clock })).toEqual({ applied: MIGRATIONS.map((m) => m.id) });
    expect(await migrate(client, { clock })).toEqual({ applied: [] });
    expect(await ledger(client)).toEqual(MIGRATIONS.map((m) => m.id));
    const { rows } = await client.execute("SELECT applied_at FROM schema_migrations");
    expect(rows[0]?.applied_at).toBe("2026-11-30T12:00:00.000Z");
    expect(await tables(client)).toEqual([
      "achievement_versions",
      "api_keys",
      "audit_log",
      "catalogue_records",
      "catalogue_replica",
      "catalogue_search_docs",
      "catalogue_search_fts",
      "catalogue_search_fts_config",
      "catalogue_search_fts_data",
      "catalogue_search_fts_docsize",
      "catalogue_search_fts_idx",
      "centre_keys",
      "centre_profile",
      "credential_offers",
      "federation_chain_cache",
      "federation_held_trust_marks",
      "federation_issued_trust_marks",
      "federation_peers",
      "federation_quarantine",
      "federation_subordinates",
      "feed_events",
      "feed_head",
      "feed_records",
      "issuance_job_rows",
      "issuance_jobs",
      "issued_credentials",
      "offer_nonces",
      "offer_pre_authorized_codes",
      "presentation_challenges",
      "presentation_hashes",
      "presentation_requests",
      "rate_limits",
      "replica_feed_entries",
      "replica_owner_counts",
      "replica_untrusted_records",
      "schema_migrations",
      "status_claims",
      "status_lists",
      "vc_api_exchanges",
    ]);
  });

  it("applies only the migrations appended since the last run", async () => {
    const client = await backend.open();
    expect(await migrate(client, { migrations: steps.slice(0, 1) })).toEqual({ applied: ["a"] });
    expect(await migrate(client, { migrations: steps })).toEqual({ applied: ["b", "c"] });
  });

  it("rolls a failing migration back whole and keeps the ones before it", async () => {
    const client = await backend.open();
    const broken = {
      id: "d",
      statements: ["CREATE TABLE d (x INTEGER)", "INSERT INTO no_such_table VALUES (1)"],
    };
    await expect(migrate(client, { migrations: [...steps, broken] })).rejects.toThrow(/no_such_table/);
    expect(await ledger(client)).toEqual(["a", "b", "c"]);
    expect(await tables(client)).toEqual(["a", "b", "c", "schema_migrations"]);
    const { rows } = await client.execute("SELECT count(*) AS n FROM b");
    expect(Number(rows[0]?.n)).toBe(1);
  });

  it("refuses malformed migration lists with a TypeError", async () => {
    const client = await backend.open();
    await expect(
      migrate(client, { migrations: [steps[0] as Migration, steps[0] as Migration] }),
    ).rejects.toThrow(TypeError);
    await expect(migrate(client, { migrations: [{ id: "", statements: ["SELECT 1"] }] })).rejects.toThrow(
      TypeError,
    );
    await expect(migrate(client, { migrations: [{ id: "e", statements: [] }] })).rejects.toThrow(TypeError);
  });
});

// Migration steps slow enough (a 200,000-row insert) that two runners really overlap.
const slowSteps: readonly Migration[] = [
  {
    id: "slow-1",
    statements: [
      "CREATE TABLE slow (x INTEGER)",
      "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 200000) INSERT INTO slow SELECT x FROM n",
    ],
  },
  { id: "slow-2", statements: ["CREATE INDEX slow_x ON slow (x)"] },
  { id: "slow-3", statements: ["DELETE FROM slow WHERE x > 100"] },
];

// A separate Node process running migrate(), started on a shared signal: `at` is a Date.now() to wait for.
const RUNNER = `
import { createClient } from "@libsql/client";
import { migrate } from "./src/migrations.ts";
const [url, steps, at] = process.argv.slice(1);
// A file: database shared between processes needs a busy timeout: see the report of this package.
const client = createClient({ url, timeout: 10000 });
await new Promise((resolve) => setTimeout(resolve, Number(at) - Date.now()));
process.stdout.write(JSON.stringify(await migrate(client, { migrations: JSON.parse(steps) })));
client.close();
`;

async function migrateInProcess(url: string, migrations: readonly Migration[], at: number) {
  const args = ["--input-type=module", "-e", RUNNER, url, JSON.stringify(migrations), String(at)];
  const { stdout } = await execFileAsync(process.execPath, args, { cwd: storeRoot });
  return JSON.parse(stdout) as { applied: string[] };
}

describe.each(backends.slice(1))("migrate from two processes at once: $name", (backend) => {
  it("applies each migration exactly once between them", async () => {
    const client = await backend.open();
    const url = backend.urlOf?.(client);
    if (!url) throw new TypeError(`no url for ${backend.name}`);
    const at = Date.now() + 1_500; // both processes have loaded by then
    const [first, second] = await Promise.all([
      migrateInProcess(url, slowSteps, at),
      migrateInProcess(url, slowSteps, at),
    ]);
    expect([...first.applied, ...second.applied].sort()).toEqual(["slow-1", "slow-2", "slow-3"]);
    expect(await ledger(client)).toEqual(["slow-1", "slow-2", "slow-3"]);
    const { rows } = await client.execute("SELECT count(*) AS n FROM slow");
    expect(Number(rows[0]?.n)).toBe(100);
  });
});

describe("migrate while another client holds the write lock: sqld over http", () => {
  it("waits for the other transaction, then sees its work", async () => {
    const sqld = backends[2];
    const a = await sqld.open();
    const b = await second(sqld, a);
    // Another process is half-way through applying "a" when this one starts.
    const held = await a.transaction("write");
    await held.execute(
      "CREATE TABLE schema_migrations (id TEXT PRIMARY KEY, applied_at TEXT NOT NULL) STRICT",
    );
    await held.execute("CREATE TABLE a (x INTEGER)");
    await held.execute("INSERT INTO schema_migrations VALUES ('a', '2026-11-30T00:00:00.000Z')");
    const waiting = migrate(b, { migrations: steps });
    await new Promise((resolve) => setTimeout(resolve, 100));
    await held.commit();
    expect(await waiting).toEqual({ applied: ["b", "c"] });
    expect(await ledger(a)).toEqual(["a", "b", "c"]);
  });
});
