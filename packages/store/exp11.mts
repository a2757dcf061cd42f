import { spawn } from "node:child_process";
import { mkdtempSync, openSync } from "node:fs";
import { StatusListAllocator } from "@learnbridge/credentials";
import { createClient } from "@libsql/client";
import { migrate } from "./src/migrations.ts";
import { LibsqlStatusListRepository } from "./src/status-list-repository.ts";
import { sqldBinary } from "./src/testing/sqld.ts";

const dir = mkdtempSync("/tmp/lbx/hang-");
const port = 19000 + Math.floor(Math.random() * 1000);
const out = openSync(`${dir}/sqld.log`, "w");
const child = spawn(
  sqldBinary(),
  ["--db-path", `${dir}/data`, "--http-listen-addr", `127.0.0.1:${port}`, "--no-welcome"],
  { stdio: ["ignore", out, out], env: { ...process.env, RUST_LOG: process.env.RUST_LOG ?? "info" } },
);
process.on("exit", () => child.kill("SIGKILL"));
const url = `http://127.0.0.1:${port}`;
await new Promise((r) => setTimeout(r, 300));
console.log("dir", dir);
const withTimeout = <T,>(p: Promise<T>, ms: number) =>
  Promise.race([p, new Promise((r) => setTimeout(() => r("TIMEOUT"), ms))]);
for (let round = 0; round < 15; round++) {
  const w = createClient({ url });
  const { rows } = await w.execute(
    "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY rowid DESC",
  );
  if (rows.length)
    await w.batch(
      [
        { sql: "PRAGMA defer_foreign_keys = ON" },
        ...rows.map((r) => ({ sql: `DROP TABLE IF EXISTS "${r.name}"` })),
      ],
      "write",
    );
  w.close();
  const c = createClient({ url });
  await migrate(c);
  const allocator = new StatusListAllocator({
    repository: new LibsqlStatusListRepository(c),
    listLength: 2048,
  });
  const t = performance.now();
  let done = 0,
    last = 0,
    stalled = 0;
  let stop = false;
  const watch = (async () => {
    while (!stop) {
      await new Promise((r) => setTimeout(r, 3000));
      if (stop) break;
      if (done === last && done > 0) {
        stalled++;
        const probe = createClient({ url });
        console.log(
          "  stalled at",
          done,
          "read:",
          await withTimeout(
            probe.execute("select count(*) n from status_claims").then(
              (r) => r.rows[0]?.n,
              (e) => "ERR " + e.message,
            ),
            3000,
          ),
          "write:",
          await withTimeout(
            probe
              .execute(
                "insert into status_lists values ('probe" +
                  round +
                  stalled +
                  "', 'x', " +
                  (round * 100 + stalled) +
                  ", 8, 'now')",
              )
              .then(
                (r) => r.rowsAffected,
                (e) => "ERR " + e.message,
              ),
            3000,
          ),
        );
        probe.close();
        const { execSync } = await import("node:child_process");
        console.log(
          execSync(
            `ss -tnpi state established '( sport = :${port} or dport = :${port} )' | head -60`,
          ).toString(),
        );
        if (stalled >= 2) {
          console.log("giving up");
          process.exit(1);
        }
      }
      last = done;
    }
  })();
  await Promise.allSettled(
    Array.from({ length: 1000 }, () => allocator.allocate("revocation").finally(() => done++)),
  );
  stop = true;
  console.log(round, "ms", (performance.now() - t).toFixed(0));
  c.close();
}
child.kill("SIGTERM");
