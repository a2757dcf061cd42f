/**
 * A learner changes the wallet's passphrase with `pnpm wallet passphrase`, run as its own process exactly
 * as pnpm runs it (node on main.ts): typed answers arrive on standard input, the wallet is a libSQL file
 * with the default key derivation, and a credential was received from an OpenID4VCI issuer on loopback.
 * Afterwards only the new passphrase opens the same wallet; every refused attempt leaves the file as it was.
 */
import { spawn } from "node:child_process";
import { mkdtemp, readdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fakeIssuer } from "../../packages/wallet/src/testing/fake-issuer.ts";
import { type LoopbackServer, serveOnLoopback } from "../../packages/wallet/src/testing/serve.ts";

const MAIN = new URL("../../packages/wallet/src/cli/main.ts", import.meta.url).pathname;
const OLD = "set up by the helper at the centre";
const NEW = "my own passphrase now";

let dir: string;
let where: string;
let server: LoopbackServer;
let issuer: Awaited<ReturnType<typeof fakeIssuer>>;

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** `pnpm wallet <args>` as a child process, with `input` as what the learner types. */
function wallet(args: string[], env: Record<string, string> = {}, input = ""): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN, ...args, "--wallet", where, "--allow-loopback"], {
      env: { PATH: process.env.PATH ?? "", LANG: "en_GB.UTF-8", ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(input);
  });
}

const withPassphrase = (passphrase: string) => ({ LEARNBRIDGE_WALLET_PASSPHRASE: passphrase });
const typed = (...lines: string[]) => lines.map((line) => `${line}\n`).join("");

async function bytesOnDisk(): Promise<Buffer> {
  const names = (await readdir(where)).sort();
  return Buffer.concat(await Promise.all(names.map((name) => readFile(join(where, name)))));
}

let listedBefore: Run;
let didsBefore: Run;

beforeAll(async () => {
  let handle: (request: Request) => Promise<Response> = async () => new Response("", { status: 503 });
  server = await serveOnLoopback((request) => handle(request));
  issuer = await fakeIssuer(server.url);
  handle = issuer.handle;
  dir = await mkdtemp(join(tmpdir(), "learnbridge-wallet-passphrase-cli-"));
  where = join(dir, "wallet");
  const made = await wallet(["init"], withPassphrase(OLD));
  expect(made.code, made.stderr).toBe(0);
  const accepted = await wallet(["accept", issuer.offer(["badge_ldp_vc"])], withPassphrase(OLD));
  expect(accepted.code, accepted.stderr).toBe(0);
  listedBefore = await wallet(["list"], withPassphrase(OLD));
  didsBefore = await wallet(["did", "list"], withPassphrase(OLD));
  expect(listedBefore.stdout).toContain("You have 1 credential");
}, 60_000);
afterAll(async () => {
  await server?.close();
});

describe("pnpm wallet passphrase", () => {
  it("asks for the current passphrase and the new one twice; then only the new one opens the same wallet", async () => {
    const changed = await wallet(["passphrase"], {}, typed(OLD, NEW, NEW));
    expect(changed.code, changed.stderr).toBe(0);
    expect(changed.stdout).toMatch(
      /Your current passphrase: [\s\S]*New passphrase: [\s\S]*The same passphrase again: /,
    );
    expect(changed.stdout).toContain("Your passphrase has been changed.");
    expect(changed.stdout).toContain("the old one no longer works");
    expect(changed.stdout).toContain("even for someone who copied the file before");

    const refused = await wallet(["list"], withPassphrase(OLD));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("The passphrase does not open this wallet.");
    const listed = await wallet(["list"], withPassphrase(NEW));
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toBe(listedBefore.stdout);
    expect((await wallet(["did", "list"], withPassphrase(NEW))).stdout).toBe(didsBefore.stdout);
  }, 30_000);

  it("changes nothing, byte for byte, for a wrong current passphrase, a short, mismatched or unchanged new one", async () => {
    const before = await bytesOnDisk();
    const wrong = await wallet(["passphrase"], {}, typed(OLD, "another passphrase", "another passphrase"));
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain("That is not your wallet's passphrase, so nothing was changed.");
    // Told at once: never asked for a new passphrase it could not use.
    expect(wrong.stdout).not.toContain("New passphrase");

    const short = await wallet(["passphrase"], {}, typed(NEW, "7 chars", "7 chars"));
    expect(short.code).toBe(1);
    expect(short.stderr).toContain("The passphrase needs at least 8 characters. Nothing was changed.");
    const mismatched = await wallet(["passphrase"], {}, typed(NEW, "a new passphrase", "a new passphrasE"));
    expect(mismatched.code).toBe(1);
    expect(mismatched.stderr).toContain("The two passphrases are not the same. Nothing was changed.");
    const same = await wallet(["passphrase"], {}, typed(NEW, NEW, NEW));
    expect(same.code).toBe(1);
    expect(same.stderr).toContain("The new passphrase is the same as the old one. Nothing was changed.");

    expect((await bytesOnDisk()).equals(before)).toBe(true);
    expect((await wallet(["list"], withPassphrase(NEW))).stdout).toBe(listedBefore.stdout);
  }, 60_000);

  it("takes both passphrases from the environment, for scripts", async () => {
    const third = "a third passphrase, from a script";
    const changed = await wallet(["passphrase"], {
      ...withPassphrase(NEW),
      LEARNBRIDGE_WALLET_NEW_PASSPHRASE: third,
    });
    expect(changed.code, changed.stderr).toBe(0);
    expect(changed.stdout).not.toContain("New passphrase: ");
    expect((await wallet(["list"], withPassphrase(third))).stdout).toBe(listedBefore.stdout);
  }, 30_000);

  it("exits 2 on a wrong command line and 1 where there is no wallet; --help explains", async () => {
    const extra = await wallet(["passphrase", "now"], withPassphrase(NEW));
    expect(extra.code).toBe(2);
    expect(extra.stderr).toContain("passphrase takes no arguments");
    const help = await wallet(["passphrase", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("LEARNBRIDGE_WALLET_NEW_PASSPHRASE");
    where = join(dir, "nowhere");
    const none = await wallet(["passphrase"], withPassphrase(NEW));
    expect(none.code).toBe(1);
    expect(none.stderr).toContain("There is no wallet in");
  }, 30_000);
});
