import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { createClient } from "@libsql/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type NodeSqliteClient, openNodeSqlite, sqlitePathOf } from "./node-sqlite-client.ts";

let dir: string;
let files = 0;
const opened: { close(): void }[] = [];
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "learnbridge-node-sqlite-"));
});
afterAll(async () => {
  for (const client of opened) client.close();
  await rm(dir, { recursive: true, force: true });
});

function freshPath(): string {
  return join(dir, `db-${++files}.db`);
}
function open(path = freshPath(), busyTimeoutMs?: number): NodeSqliteClient {
  const client = openNodeSqlite(`file:${path}`, busyTimeoutMs === undefined ? {} : { busyTimeoutMs });
  opened.push(client);
  return client;
}
const count = async (client: NodeSqliteClient, table = "t") =>
  Number((await client.execute(`SELECT count(*) AS n FROM ${table}`)).rows[0]?.n);

const SCHEMA = [
  "CREATE TABLE p (id TEXT PRIMARY KEY, u TEXT UNIQUE, n INTEGER NOT NULL, k INTEGER CHECK (k > 0)) STRICT",
  "CREATE TABLE c (id INTEGER PRIMARY KEY, p TEXT REFERENCES p (id))",
  "INSERT INTO p VALUES ('a', 'u', 1, 1)",
];
const FAILURES = [
  "INSERT INTO p VALUES ('a', 'v', 1, 1)",
  "INSERT INTO p VALUES ('b', 'u', 1, 1)",
  "INSERT INTO p VALUES ('c', 'w', NULL, 1)",
  "INSERT INTO p VALUES ('d', 'x', 1, 0)",
  "INSERT INTO c VALUES (1, 'nobody')",
  "INSERT INTO p VALUES ('e', 'y', 'text', 1)",
  "SELECT * FROM nowhere",
  'SELECT "double-quoted" AS s',
];

describe("openNodeSqlite", () => {
  it("opens a file in WAL mode with foreign keys on, and refuses anything but a file", async () => {
    const client = open();
    expect((await client.execute("PRAGMA journal_mode")).rows).toEqual([{ journal_mode: "wal" }]);
    expect((await client.execute("PRAGMA foreign_keys")).rows).toEqual([{ foreign_keys: 1 }]);
    expect(sqlitePathOf("file:data/x.db")).toBe("data/x.db");
    expect(sqlitePathOf("file:///srv/x.db")).toBe("/srv/x.db");
    expect(() => openNodeSqlite(":memory:")).toThrow(TypeError);
    expect(() => openNodeSqlite("file:x.db?mode=ro")).toThrow(TypeError);
  });

  it("binds and reads values as @libsql/client does", async () => {
    const client = open();
    const libsql = createClient({ url: `file:${freshPath()}` });
    opened.push(libsql);
    const statement = {
      sql: "SELECT ? AS i, typeof(?) AS ti, ? AS b, typeof(?) AS tb, ? AS d, ? AS blob, ? AS bytes, ? AS big, typeof(?) AS tbig, ? AS none",
      args: [
        3,
        3,
        true,
        true,
        new Date(5),
        new Uint8Array([1, 2]).buffer,
        new Uint8Array([3]),
        10n,
        10n,
        null,
      ],
    };
    const mine = (await client.execute(statement)).rows[0];
    const theirs = (await libsql.execute(statement)).rows[0];
    expect(mine).toEqual({
      i: 3,
      ti: "real",
      b: 1,
      tb: "real",
      d: 5,
      blob: new Uint8Array([1, 2]).buffer,
      bytes: new Uint8Array([3]).buffer,
      big: 10,
      tbig: "integer",
      none: null,
    });
    expect(mine).toEqual({ ...theirs });
    await expect(client.execute({ sql: "SELECT ?", args: [undefined as unknown as null] })).rejects.toThrow(
      TypeError,
    );
  });

  it("counts the rows every kind of statement changed, RETURNING included", async () => {
    const client = open();
    await client.execute("CREATE TABLE t (n INTEGER PRIMARY KEY)");
    expect((await client.execute("INSERT INTO t VALUES (1), (2), (3)")).rowsAffected).toBe(3);
    expect((await client.execute("INSERT INTO t VALUES (1) ON CONFLICT DO NOTHING")).rowsAffected).toBe(0);
    const returning = await client.execute("UPDATE t SET n = n + 10 WHERE n > 1 RETURNING n");
    expect(returning).toEqual({ rows: [{ n: 12 }, { n: 13 }], rowsAffected: 2 });
    expect((await client.execute("DELETE FROM t WHERE n = 99 RETURNING n")).rowsAffected).toBe(0);
    expect((await client.execute("SELECT n FROM t")).rowsAffected).toBe(0);
    expect((await client.execute("DELETE FROM t")).rowsAffected).toBe(3);
  });

  it("reports the failures with the codes @libsql/client gives for them", async () => {
    const client = open();
    const libsql = createClient({ url: `file:${freshPath()}` });
    opened.push(libsql);
    for (const sql of SCHEMA) {
      await client.execute(sql);
      await libsql.execute(sql);
    }
    const codes = async (run: (sql: string) => Promise<unknown>) => {
      const seen = [];
      for (const sql of FAILURES) {
        const error = await run(sql).then(
          () => ({}),
          (e) => e,
        );
        seen.push([error.code, error.message]);
      }
      return seen;
    };
    const mine = await codes((sql) => client.execute(sql));
    expect(mine.map(([code]) => code)).toEqual([
      ...Array(6).fill("SQLITE_CONSTRAINT"),
      "SQLITE_ERROR",
      "SQLITE_ERROR",
    ]);
    // The constraint messages too; SQLite 3.53 words "no such column" with a hint that libsql's 3.45 lacks.
    const theirs = await codes((sql) => libsql.execute(sql));
    expect(mine.map(([code]) => code)).toEqual(theirs.map(([code]) => code));
    expect(mine.slice(0, 7)).toEqual(theirs.slice(0, 7));
    const extended = await client.execute(FAILURES[1] as string).catch((e) => e);
    expect([extended.extendedCode, extended.rawCode]).toEqual(["SQLITE_CONSTRAINT_UNIQUE", 2067]);
    const pk = await client.execute(FAILURES[0] as string).catch((e) => e);
    expect(pk.extendedCode).toBe("SQLITE_CONSTRAINT_PRIMARYKEY");
  });

  it("applies a batch whole or not at all, and never interleaves two batches", async () => {
    const client = open();
    await client.execute("CREATE TABLE t (n INTEGER PRIMARY KEY)");
    await expect(
      client.batch([{ sql: "INSERT INTO t VALUES (1)" }, { sql: "INSERT INTO t VALUES (1)" }], "write"),
    ).rejects.toMatchObject({ code: "SQLITE_CONSTRAINT" });
    expect(await count(client)).toBe(0);
    const batches = Array.from({ length: 20 }, (_, i) =>
      client.batch([`INSERT INTO t VALUES (${2 * i})`, `INSERT INTO t VALUES (${2 * i + 1})`], "write"),
    );
    const results = await Promise.all(batches);
    expect(results.every((r) => r.map((x) => x.rowsAffected).join() === "1,1")).toBe(true);
    expect(await count(client)).toBe(40);
  });

  it("opens a file another process holds locked, waiting for it (two centres starting at once)", async () => {
    const path = freshPath();
    // Another "process" (a thread with its own connection) holds an exclusive lock on a new file, as a
    // centre starting at the same moment does while it creates and migrates it; it lets go after 300 ms.
    const holder = new Worker(
      `const { DatabaseSync } = require("node:sqlite");
       const { parentPort, workerData } = require("node:worker_threads");
       const db = new DatabaseSync(workerData);
       db.exec("CREATE TABLE t (n INTEGER)");
       db.exec("BEGIN EXCLUSIVE");
       db.exec("INSERT INTO t VALUES (1)");
       parentPort.postMessage("locked");
       Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 300);
       db.exec("COMMIT");
       db.close();`,
      { eval: true, workerData: path },
    );
    await new Promise((resolve) => holder.once("message", resolve));
    const client = open(path, 5000);
    expect(await count(client)).toBe(1);
    await holder.terminate();
    // Held past the timeout, opening fails with SQLITE_BUSY rather than waiting for ever.
    const stuck = freshPath();
    const blocker = new Worker(
      `const { DatabaseSync } = require("node:sqlite");
       const { parentPort, workerData } = require("node:worker_threads");
       const db = new DatabaseSync(workerData);
       db.exec("CREATE TABLE t (n INTEGER)");
       db.exec("BEGIN EXCLUSIVE");
       db.exec("INSERT INTO t VALUES (1)");
       parentPort.postMessage("locked");
       Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 3000);
       db.close();`,
      { eval: true, workerData: stuck },
    );
    await new Promise((resolve) => blocker.once("message", resolve));
    expect(() => openNodeSqlite(`file:${stuck}`, { busyTimeoutMs: 100 })).toThrow(
      expect.objectContaining({ code: "SQLITE_BUSY" }),
    );
    await blocker.terminate();
  });

  it("isolates an interactive transaction across awaits, and lets the next writer wait without blocking", async () => {
    const client = open();
    await client.execute("CREATE TABLE t (n INTEGER)");
    const tx = await client.transaction("write");
    await tx.execute({ sql: "INSERT INTO t VALUES (?)", args: [1] });
    expect(await count(client)).toBe(0); // reads outside see the database as it was
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    const second = client.transaction("write");
    const write = client.execute("INSERT INTO t VALUES (2)");
    // The event loop runs while they wait for the lock: the timer ticks (a deadline, not a fixed wait, so a
    // stall of the machine does not fail it).
    const deadline = Date.now() + 10_000;
    while (ticks <= 3 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(ticks).toBeGreaterThan(3);
    await tx.commit();
    tx.close();
    // The waiting transaction took the lock; the waiting write goes after it.
    const next = await second;
    await next.execute("INSERT INTO t VALUES (3)");
    await next.commit();
    clearInterval(timer);
    await write;
    expect(await count(client)).toBe(3);
    await expect(next.execute("SELECT 1")).rejects.toMatchObject({ code: "TRANSACTION_CLOSED" });
    next.close();
  });

  it("rolls back a transaction closed unfinished", async () => {
    const client = open();
    await client.execute("CREATE TABLE t (n INTEGER)");
    const tx = await client.transaction("write");
    await tx.execute("INSERT INTO t VALUES (1)");
    tx.close();
    tx.close();
    expect(await count(client)).toBe(0);
    await client.execute("INSERT INTO t VALUES (2)");
    expect(await count(client)).toBe(1);
  });

  it("gives up with SQLITE_BUSY after its busy timeout, and then reads the present", async () => {
    const path = freshPath();
    const holder = open(path);
    const waiter = open(path, 50);
    await holder.execute("CREATE TABLE t (n INTEGER)");
    const held = await holder.transaction("write");
    await held.execute("INSERT INTO t VALUES (1)");
    await expect(waiter.execute("INSERT INTO t VALUES (2)")).rejects.toMatchObject({ code: "SQLITE_BUSY" });
    await expect(waiter.batch(["INSERT INTO t VALUES (2)"], "write")).rejects.toMatchObject({
      code: "SQLITE_BUSY",
    });
    await expect(waiter.transaction("write")).rejects.toMatchObject({ code: "SQLITE_BUSY" });
    await held.commit();
    // libsql 0.5 left a connection refused as busy on its old snapshot; here it sees the commit at once.
    expect(await count(waiter)).toBe(1);
    await waiter.execute("INSERT INTO t VALUES (2)");
    expect(await count(holder)).toBe(2);
  });

  it("refuses work once closed, and rolls back what was open", async () => {
    const path = freshPath();
    const client = open(path);
    await client.execute("CREATE TABLE t (n INTEGER)");
    const tx = await client.transaction("write");
    await tx.execute("INSERT INTO t VALUES (1)");
    client.close();
    expect(client.closed).toBe(true);
    await expect(client.execute("SELECT 1")).rejects.toMatchObject({ code: "CLIENT_CLOSED" });
    await expect(tx.execute("SELECT 1")).rejects.toMatchObject({ code: "TRANSACTION_CLOSED" });
    tx.close();
    expect(await count(open(path))).toBe(0);
  });
});
