/**
 * The servers `pnpm bench --http` measures, each in its own child process so that the load generator in
 * this process does not share their event loop: the centre exactly as `pnpm start` runs it (a fresh data
 * directory, an embedded libSQL file), and the bare Hono echo app.
 */
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

const CENTRE_MAIN = new URL("../../../node/src/server/main.ts", import.meta.url).pathname;
const ECHO_MAIN = new URL("./echo-server.ts", import.meta.url).pathname;

export interface ServerProcess {
  /** Base URL, without a trailing slash. */
  readonly url: string;
  readonly output: () => string;
  stop(): Promise<void>;
}

export interface CentreServer extends ServerProcess {
  readonly adminToken: string;
}

/** Ports handed out in this process: the centre and the echo server start at once and must not share one. */
const handedOut = new Set<number>();

/** A free TCP port on 127.0.0.1 (the centre must know its port before it starts: it is in its DID). */
async function freePort(): Promise<number> {
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

/** Runs `entry` with `env` in `cwd` and resolves once it prints `listening at URL`. */
async function startServer(entry: string, env: Record<string, string>, cwd: string): Promise<ServerProcess> {
  const child = spawn(process.execPath, [entry], {
    cwd,
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const deadline = Date.now() + 20_000;
  for (let url: string | undefined; ; await new Promise((r) => setTimeout(r, 50))) {
    url = /listening at (\S+)/.exec(output)?.[1];
    if (url) {
      return {
        url,
        output: () => output,
        stop: () =>
          new Promise((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            child.once("exit", () => resolve());
            child.kill("SIGTERM");
          }),
      };
    }
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`${entry} did not start:\n${output}`);
    }
  }
}

/** A fresh centre on a loopback port; `stop` also deletes its data directory. */
export async function startCentre(): Promise<CentreServer> {
  const cwd = await mkdtemp(join(tmpdir(), "learnbridge-bench-http-"));
  // Rate limiting stays on, so its count per request is in the figures, with a budget no run reaches.
  const env = { PORT: String(await freePort()), RATE_LIMIT_PER_MINUTE: "1000000" };
  const server = await startServer(CENTRE_MAIN, env, cwd);
  const adminToken = /admin token \(shown once, store it now\): (\S+)/.exec(server.output())?.[1];
  if (!adminToken) throw new Error(`the centre printed no admin token:\n${server.output()}`);
  return {
    ...server,
    adminToken,
    stop: async () => {
      await server.stop();
      await rm(cwd, { recursive: true, force: true });
    },
  };
}

/** The bare Hono echo app on a loopback port. */
export const startEcho = (): Promise<ServerProcess> => startServer(ECHO_MAIN, { PORT: "0" }, process.cwd());
