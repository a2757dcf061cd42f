/**
 * The Node centre's first start as a newcomer sees it: sample achievements at GET /achievements at once,
 * issuable and verifiable; a restart or a second process starting at the same moment adds nothing twice;
 * a key made with `learnbridge admin` on the data directory works against the running centre.
 */
import { spawn } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { type CentreProcess, freePort, startCentreProcess, tempDir } from "./centre-process.ts";

const CLI = new URL("../../packages/node/src/cli/main.ts", import.meta.url).pathname;
const SAMPLES = ["community-health-basics", "digital-skills-for-seniors"];

const running: CentreProcess[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((c) => c.stop("SIGKILL")));
});

// biome-ignore lint/suspicious/noExplicitAny: JSON answers are checked field by field below.
type Answer = { status: number; body: any };

async function call(
  url: string,
  init: { method?: string; body?: unknown; token?: string } = {},
): Promise<Answer> {
  const response = await fetch(url, {
    method: init.method ?? "GET",
    headers: {
      ...(init.body !== undefined ? { "content-type": "application/json" } : {}),
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
    },
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
  return { status: response.status, body: await response.json() };
}

const slugs = async (base: string) =>
  ((await call(`${base}/achievements`)).body.achievements as { slug: string }[]).map((a) => a.slug);

function cli(args: string[], cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, env: { PATH: process.env.PATH ?? "" } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("sample data on a centre's first start", () => {
  it("shows the samples at once, issues one that verifies; a restart adds nothing", async () => {
    const cwd = await tempDir("learnbridge-sample-");
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const first = await startCentreProcess({ PORT: String(port) }, cwd);
    running.push(first);
    expect(first.output()).toMatch(/sample data: a profile "Learnbridge Sample Centre" and 2 achievements/);
    expect(await slugs(base)).toEqual(SAMPLES);
    const achievement = await call(`${base}/achievements/digital-skills-for-seniors?lang=zh`);
    expect(achievement.body).toMatchObject({
      name: "Digital Skills for Seniors",
      nameMap: { zh: "老年人数字技能" },
    });
    expect((await call(`${base}/profile`)).body).toMatchObject({
      id: first.did,
      name: { en: "Learnbridge Sample Centre" },
    });

    const issued = await call(`${base}/achievements/digital-skills-for-seniors/issue`, {
      method: "POST",
      token: first.adminToken ?? "",
      body: { learner: { did: "did:example:grandmother" }, result: { creditsEarned: 2 } },
    });
    expect(issued.status).toBe(201);
    const verified = await call(`${base}/credentials/verify`, {
      method: "POST",
      body: { verifiableCredential: issued.body.verifiableCredential },
    });
    expect(verified.status).toBe(200);

    await first.stop();
    const second = await startCentreProcess({ PORT: String(port) }, cwd);
    running.push(second);
    expect(second.output()).not.toContain("sample data");
    expect(await slugs(base)).toEqual(SAMPLES);
    const audit = await call(`${base}/audit`, { token: first.adminToken ?? "" });
    const seeded = (audit.body.entries as { actor: string; action: string }[]).filter(
      (e) => e.actor === "system",
    );
    expect(seeded.map((e) => e.action)).toEqual([
      "achievement.create",
      "achievement.create",
      "profile.update",
    ]);
  });

  it("two processes starting at once on one database seed it once", async () => {
    const cwd = await tempDir("learnbridge-sample-race-");
    const [portA, portB] = [await freePort(), await freePort()];
    const env = { PUBLIC_URL: `http://127.0.0.1:${portA}` };
    const [a, b] = await Promise.all([
      startCentreProcess({ ...env, PORT: String(portA) }, cwd),
      startCentreProcess({ ...env, PORT: String(portB) }, cwd),
    ]);
    running.push(a, b);
    expect(a.did).toBe(b.did);
    for (const port of [portA, portB]) expect(await slugs(`http://127.0.0.1:${port}`)).toEqual(SAMPLES);
    const versions = await call(
      `http://127.0.0.1:${portB}/achievements/community-health-basics?view=definition`,
    );
    expect(versions.body.version).toBe(1);
  });

  it("a key made with `learnbridge admin` on the data directory works against the running centre", async () => {
    const cwd = await tempDir("learnbridge-sample-cli-");
    const port = await freePort();
    const centre = await startCentreProcess({ PORT: String(port) }, cwd);
    running.push(centre);
    const made = await cli(
      ["admin", "create-key", "--name", "registrar", "--scope", "achievements", "--json"],
      cwd,
    );
    expect(made.code, made.stderr).toBe(0);
    const { token, id } = JSON.parse(made.stdout) as { token: string; id: string };
    const base = `http://127.0.0.1:${port}`;
    const definition = (await call(`${base}/achievements/community-health-basics?view=definition`)).body;
    const archived = await call(`${base}/achievements/community-health-basics`, {
      method: "PUT",
      token,
      body: { ...definition.definition, archived: true },
    });
    expect(archived.status).toBe(200);
    expect(await slugs(base)).toEqual(["digital-skills-for-seniors"]);
    expect((await cli(["admin", "revoke-key", id], cwd)).code).toBe(0);
    expect((await call(`${base}/api-keys`, { token })).status).toBe(401);
  });
});
