/** `learnbridge admin` run as a child process on a temporary data directory, as an operator runs it. */
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { authenticate, registerApiToken } from "@learnbridge/issuer";
import { LibsqlApiKeyRepository, LibsqlAuditLog } from "@learnbridge/store";
import { createClient } from "@libsql/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const MAIN = fileURLToPath(new URL("./main.ts", import.meta.url));

interface Result {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

let dir: string;

function admin(args: string[], env: Record<string, string> = {}): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN, "admin", ...args], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? "", ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end();
  });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "learnbridge-admin-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("learnbridge admin", () => {
  it("creates, lists and revokes keys in DATA_DIR's database, audited as the CLI", async () => {
    const env = { DATA_DIR: join(dir, "centre-data") };
    const created = await admin(["create-key", "--name", "registrar", "--scope", "issue,revoke"], env);
    expect(created.code, created.stderr).toBe(0);
    const token = /token \(shown once, store it now\): (lbk_\S+)/.exec(created.stdout)?.[1] ?? "";
    const id = /Created API key (\S+) "registrar" \(issue, revoke\)/.exec(created.stdout)?.[1];
    expect(id).toBeDefined();

    const adminKey = await admin(["create-key", "--name", "ops", "--scope", "admin", "--json"], env);
    expect(adminKey.code, adminKey.stderr).toBe(0);
    expect(JSON.parse(adminKey.stdout)).toMatchObject({
      name: "ops",
      scopes: ["admin"],
      token: expect.any(String),
    });

    // The very database the server would open, with the token working there.
    const client = createClient({ url: `file:${join(dir, "centre-data", "centre.db")}` });
    try {
      const key = await authenticate(new LibsqlApiKeyRepository(client), token);
      expect(key).toMatchObject({ id, name: "registrar", scopes: ["issue", "revoke"] });

      const listed = await admin(["list-keys"], env);
      expect(listed.code).toBe(0);
      expect(listed.stdout).toMatch(new RegExp(`^${id}  active  issue,revoke  \\S+  registrar$`, "m"));
      expect(listed.stdout).not.toContain(token);

      const revoked = await admin(["revoke-key", id ?? ""], env);
      expect(revoked.code, revoked.stderr).toBe(0);
      expect(await authenticate(new LibsqlApiKeyRepository(client), token)).toBeUndefined();
      const json = JSON.parse((await admin(["list-keys", "--json"], env)).stdout) as {
        id: string;
        revokedAt?: string;
      }[];
      expect(json.find((k) => k.id === id)?.revokedAt).toEqual(expect.any(String));

      const audit = await new LibsqlAuditLog(client).list();
      expect(audit.map((e) => [e.action, e.actor, e.origin])).toEqual([
        ["apikey.create", "cli", "local"],
        ["apikey.create", "cli", "local"],
        ["apikey.revoke", "cli", "local"],
      ]);
    } finally {
      client.close();
    }
  });

  it("revokes a key whose id begins with '-' when the id follows '--'", async () => {
    // Operators' ADMIN_TOKENs keep the id they were made with; base64url ids could begin with "-".
    const url = `file:${join(dir, "dash.db")}`;
    expect((await admin(["list-keys", "--database-url", url])).code).toBe(0);
    const client = createClient({ url });
    try {
      await registerApiToken(new LibsqlApiKeyRepository(client), `lbk_-dashed12345_${"s".repeat(43)}`, {
        name: "old registrar",
        scopes: ["issue"],
      });
    } finally {
      client.close();
    }
    const asOption = await admin(["revoke-key", "-dashed12345", "--database-url", url]);
    expect(asOption.code).toBe(2);
    const revoked = await admin(["revoke-key", "--database-url", url, "--json", "--", "-dashed12345"]);
    expect(revoked.code, revoked.stderr).toBe(0);
    expect(JSON.parse(revoked.stdout)).toMatchObject({ id: "-dashed12345", revokedAt: expect.any(String) });
  });

  it("takes --database-url, refuses to revoke the last admin key, and names usage errors", async () => {
    const url = `file:${join(dir, "other.db")}`;
    const created = await admin([
      "create-key",
      "--name",
      "root",
      "--scope",
      "admin",
      "--database-url",
      url,
      "--json",
    ]);
    expect(created.code, created.stderr).toBe(0);
    const { id } = JSON.parse(created.stdout) as { id: string };
    const last = await admin(["revoke-key", id, "--database-url", url]);
    expect(last.code).toBe(1);
    expect(last.stderr).toContain("last admin key");
    const unknown = await admin(["revoke-key", "nope", "--database-url", url]);
    expect(unknown.code).toBe(1);

    for (const [args, message] of [
      [["create-key", "--scope", "issue"], "--name is required"],
      [["create-key", "--name", "x", "--scope", "root"], "--scope must name"],
      [["rotate"], "unknown subcommand 'rotate'"],
      [["list-keys", "--frobnicate"], "Unknown option"],
      [["revoke-key"], "exactly one key id"],
    ] as const) {
      const result = await admin([...args, "--database-url", url]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(message);
    }
    const bad = await admin(["list-keys"], { DATABASE_URL: "postgres://x" });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("DATABASE_URL");
  });
});
