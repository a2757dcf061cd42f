/** End-to-end tests of the `learnbridge` command, run as a child process the way a user runs it. */
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const MAIN = fileURLToPath(new URL("./main.ts", import.meta.url));
const ROOT = fileURLToPath(new URL("../../../../", import.meta.url));
const TITLES = [
  "Required details",
  "Vocabulary",
  "Signature",
  "Issuer identity",
  "Validity period",
  "Revocation status",
  "Standard format",
  "Network membership",
];

interface Result {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI with a neutral locale, so that the host's LANG does not choose the language. */
function cli(
  args: string[],
  options: { input?: string; env?: Record<string, string> } = {},
): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN, ...args], {
      cwd: ROOT,
      env: { ...process.env, LANG: "C", LC_ALL: "", LC_MESSAGES: "", LANGUAGE: "", ...options.env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? "");
  });
}

let dir: string;
const path = (name: string) => join(dir, name);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "learnbridge-cli-"));
  const keygen = await cli(["keygen", "--out", path("key.json")]);
  expect(keygen.code, keygen.stderr).toBe(0);
  const example = await cli(["example"]);
  expect(example.code).toBe(0);
  await writeFile(path("achievement.json"), example.stdout);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("keygen", () => {
  it("writes a private key file readable by its owner only, and warns it is unencrypted", async () => {
    const key = JSON.parse(await readFile(path("key.json"), "utf8"));
    expect(key.did).toMatch(/^did:key:z6Mk/);
    expect(key.keyId.startsWith(`${key.did}#`)).toBe(true);
    expect(key.privateKeyJwk).toMatchObject({ kty: "OKP", crv: "Ed25519" });
    expect(typeof key.privateKeyJwk.d).toBe("string");
    expect((await stat(path("key.json"))).mode & 0o777).toBe(0o600);
  });

  it("never overwrites a key file", async () => {
    const again = await cli(["keygen", "--out", path("key.json")]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain("already exists");
  });

  it("prints an ES256 key to stdout with the warning on stderr", async () => {
    const result = await cli(["keygen", "--alg", "ES256"]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).did).toMatch(/^did:key:zDn/);
    expect(result.stderr).toMatch(/not encrypted/);
  });
});

describe("issue and verify", () => {
  it("issues ldp_vc from the example achievement input; verify passes and shows every check", async () => {
    const issued = await cli([
      "issue",
      path("achievement.json"),
      "--key",
      path("key.json"),
      "--out",
      path("vc.json"),
    ]);
    expect(issued.code, issued.stderr).toBe(0);
    const vc = JSON.parse(await readFile(path("vc.json"), "utf8"));
    expect(vc.proof.cryptosuite).toBe("eddsa-rdfc-2022");
    expect(vc.issuer.id).toBe(JSON.parse(await readFile(path("key.json"), "utf8")).did);

    const verified = await cli(["verify", path("vc.json")]);
    expect(verified.code, verified.stdout + verified.stderr).toBe(0);
    const lines = verified.stdout.trim().split("\n");
    expect(lines).toHaveLength(TITLES.length + 1);
    for (const [i, title] of TITLES.entries()) expect(lines[i]).toMatch(new RegExp(`^[✓✗!–] ${title}: `));
    expect(lines).toContain(
      "✓ Signature: The digital signature is valid: nothing was changed after signing.",
    );
    expect(lines.at(-1)).toBe("Verified: every check passed.");
  });

  it("issues jwt_vc; verify passes", async () => {
    const issued = await cli([
      "issue",
      path("achievement.json"),
      "--key",
      path("key.json"),
      "--format",
      "jwt_vc",
    ]);
    expect(issued.code, issued.stderr).toBe(0);
    expect(issued.stdout.trim()).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    await writeFile(path("vc.jwt"), issued.stdout);
    const verified = await cli(["verify", path("vc.jwt")]);
    expect(verified.code, verified.stdout).toBe(0);
    expect(verified.stdout).toContain("✓ Signature:");
  });

  it("signs a full VC 2.0 credential with eddsa-jcs-2022, filling in a placeholder issuer; verifies from stdin", async () => {
    const credential = {
      "@context": ["https://www.w3.org/ns/credentials/v2", "https://www.w3.org/ns/credentials/examples/v2"],
      type: ["VerifiableCredential", "ExampleAlumniCredential"],
      issuer: "auto",
      credentialSubject: { id: "did:example:learner-2", alumniOf: "The School of Examples" },
    };
    const issued = await cli(["issue", "-", "--key", path("key.json"), "--suite", "eddsa-jcs-2022"], {
      input: JSON.stringify(credential),
    });
    expect(issued.code, issued.stderr).toBe(0);
    expect(issued.stderr).toContain("issuer set to did:key:");
    expect(JSON.parse(issued.stdout).proof.cryptosuite).toBe("eddsa-jcs-2022");
    const verified = await cli(["verify", "-"], { input: issued.stdout });
    expect(verified.code, verified.stdout).toBe(0);
  });

  it("fails a tampered credential with exit 1 and names the signature check", async () => {
    const vc = JSON.parse(await readFile(path("vc.json"), "utf8"));
    vc.credentialSubject.achievement.name = "Advanced Data Analysis";
    await writeFile(path("tampered.json"), JSON.stringify(vc));
    const result = await cli(["verify", path("tampered.json")]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^✗ Signature: .*changed after signing/m);
    expect(result.stdout.trim().split("\n").at(-1)).toBe("Not verified: do not rely on this credential.");
  });

  it("prints JSON with the verdict and each check's localized text", async () => {
    const result = await cli(["verify", path("vc.json"), "--json", "--lang", "fr"]);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.verified).toBe(true);
    expect(report.verdict).toBe("verified");
    expect(report.language).toBe("fr");
    expect(report.checks.map((c: { title: string }) => c.title)).toContain("Signature");
    expect(report.checks.find((c: { name: string }) => c.name === "validity").code).toBe("OK");
  });

  it("speaks Chinese with --lang zh, and from LANG when no --lang is given", async () => {
    const flagged = await cli(["verify", path("vc.json"), "--lang", "zh"]);
    expect(flagged.code).toBe(0);
    expect(flagged.stdout).toContain("✓ 签名: 数字签名有效：签名后内容未被改动。");
    expect(flagged.stdout.trim().split("\n").at(-1)).toBe("已验证：所有检查均通过。");
    const fromEnv = await cli(["verify", path("vc.json")], { env: { LANG: "sw_KE.UTF-8" } });
    expect(fromEnv.stdout).toContain("Kimethibitishwa");
  });

  it("verifies as of --now: an expired credential exits 1", async () => {
    const result = await cli(["verify", path("vc.json"), "--now", "2100-06-01T00:00:00Z", "--lang", "es"]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("✗ Periodo de validez: La credencial caducó el 31 de diciembre de 2099.");
  });

  it("with --offline does not resolve did:web, and says so", async () => {
    const vc = JSON.parse(await readFile(path("vc.json"), "utf8"));
    const text = JSON.stringify(vc).replaceAll(vc.issuer.id, "did:web:nairobi.example");
    await writeFile(path("web.json"), text);
    const result = await cli(["verify", path("web.json"), "--offline"]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      "✗ Issuer identity: The signer's identity could not be looked up: network access",
    );
  });
});

describe("usage errors exit 2 with a message", () => {
  it.each([
    [[], "Usage: learnbridge <command>"],
    [["frobnicate"], "unknown command 'frobnicate'"],
    [["verify"], "exactly one file"],
    [["verify", "x.json", "--bogus"], "Unknown option '--bogus'"],
    [["verify", "missing.json"], "cannot read missing.json"],
    [["verify", "x.json", "--lang", "de"], "--lang de is not supported"],
    [["verify", "x.json", "--now", "soon"], "not an ISO 8601 time"],
    [["issue", "x.json"], "--key is required"],
    [["issue", "x.json", "--key", "k.json", "--format", "pdf"], "--format must be ldp_vc or jwt_vc"],
    [["keygen", "--alg", "RS256"], "--alg must be EdDSA or ES256"],
  ])("%j", async (args, message) => {
    const result = await cli(args as string[]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });

  it("refuses Data Integrity with an ES256 key", async () => {
    await writeFile(path("es256.json"), (await cli(["keygen", "--alg", "ES256"])).stdout);
    const result = await cli([
      "issue",
      path("achievement.json"),
      "--key",
      path("es256.json"),
      "--format",
      "ldp_vc",
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--format jwt_vc");
  });

  it("prints help with exit 0", async () => {
    const result = await cli(["issue", "--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Achievement input");
  });
});
