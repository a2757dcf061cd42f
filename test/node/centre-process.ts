/** Test support: runs `pnpm start`'s entry point as a child process on a free loopback port. */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

const MAIN = new URL("../../packages/node/src/server/main.ts", import.meta.url).pathname;

/** Ports handed out in this test file: the system may offer a just-closed port again at once. */
const handedOut = new Set<number>();

/** A free TCP port on 127.0.0.1, never one this file was given before. */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve, reject) => {
      const server = createServer();
      server.once("error", reject);
      server.listen(0, "127.0.0.1", () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
    if (!handedOut.has(port)) {
      handedOut.add(port);
      return port;
    }
  }
}

export interface CentreProcess {
  readonly child: ChildProcess;
  readonly output: () => string;
  readonly adminToken?: string;
  readonly did: string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts the centre with `env` (merged over a minimal environment) and waits for it to listen. */
export async function startCentreProcess(env: Record<string, string>, cwd: string): Promise<CentreProcess> {
  const child = spawn(process.execPath, [MAIN], {
    cwd,
    env: { PATH: process.env.PATH ?? "", NODE_ENV: "test", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const deadline = Date.now() + 20_000;
  while (!/listening at/.test(output)) {
    if (child.exitCode !== null) throw new Error(`centre exited (${child.exitCode}):\n${output}`);
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`centre did not start:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const did = /Learnbridge centre (\S+)/.exec(output)?.[1] ?? "";
  const token = /admin token \(shown once, store it now\): (\S+)/.exec(output)?.[1];
  return {
    child,
    output: () => output,
    did,
    ...(token ? { adminToken: token } : {}),
    stop: (signal = "SIGTERM") =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill(signal);
      }),
  };
}

/** A fresh temporary working directory. */
export const tempDir = (prefix: string) => mkdtemp(join(tmpdir(), prefix));

/** A self-signed certificate for 127.0.0.1, made with the system's openssl. */
export function selfSignedCertificate(dir: string): { cert: string; key: string } {
  const cert = join(dir, "cert.pem");
  const key = join(dir, "key.pem");
  execFileSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:prime256v1",
      "-nodes",
      "-keyout",
      key,
      "-out",
      cert,
      "-days",
      "2",
      "-subj",
      "/CN=127.0.0.1",
      "-addext",
      "subjectAltName=IP:127.0.0.1",
    ],
    { stdio: "ignore" },
  );
  return { cert, key };
}

// The request body the process tests send; the same one the HTTP benchmark sends.
export { UNSIGNED_BADGE_REQUEST as CREDENTIAL } from "../../packages/credentials/src/testing/sample-credential.ts";
