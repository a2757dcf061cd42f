/**
 * One centre of the example network as a real process: `pnpm start`'s entry point (packages/node) on its own
 * loopback port, with its own data directory and a bootstrap admin token chosen here, so the orchestrator
 * can administer it over HTTP at once.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:net";

const CENTRE_MAIN = new URL("../../../packages/node/src/server/main.ts", import.meta.url).pathname;

/** A running centre process. */
export interface CentreProcess {
  /** Its public URL (no trailing slash); its DID is the did:web of it. */
  readonly url: string;
  readonly dataDir: string;
  /** A bearer token with every scope. */
  readonly adminToken: string;
  /** Everything it printed so far. */
  readonly output: () => string;
  stop(): Promise<void>;
}

/** What to start. */
export interface CentreProcessOptions {
  readonly port: number;
  readonly dataDir: string;
  /** Extra environment (the node's federation settings). */
  readonly env?: Readonly<Record<string, string>>;
  /** How long to wait for "listening at"; default 30 s. */
  readonly startTimeoutMs?: number;
}

/**
 * `count` distinct free TCP ports on 127.0.0.1 (a centre must know its port before it starts: it is in its
 * DID). All are held open until each is chosen, so the system cannot offer one of them twice.
 */
export async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<Server>((resolve, reject) => {
          const server = createServer();
          server.once("error", reject);
          server.listen(0, "127.0.0.1", () => resolve(server));
        }),
    ),
  );
  const ports = servers.map((server) => (server.address() as { port: number }).port);
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}

/** An admin token of the shape the node accepts in ADMIN_TOKEN (`lbk_<id>_<secret>`). */
export function newAdminToken(): string {
  return `lbk_${randomBytes(6).toString("hex")}_${randomBytes(32).toString("base64url")}`;
}

/** Starts the centre and resolves once it listens; rejects with its output when it does not. */
export async function startCentreProcess(options: CentreProcessOptions): Promise<CentreProcess> {
  const url = `http://127.0.0.1:${options.port}`;
  const adminToken = newAdminToken();
  const child = spawn(process.execPath, [CENTRE_MAIN], {
    cwd: options.dataDir,
    env: {
      PATH: process.env.PATH ?? "",
      PORT: String(options.port),
      PUBLIC_URL: url,
      DATA_DIR: options.dataDir,
      ADMIN_TOKEN: adminToken,
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const deadline = Date.now() + (options.startTimeoutMs ?? 30_000);
  while (!/listening at \S+/.test(output)) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`the centre at ${url} did not start:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { url, dataDir: options.dataDir, adminToken, output: () => output, stop: () => stopChild(child) };
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const killer = setTimeout(() => child.kill("SIGKILL"), 5000);
    child.once("exit", () => {
      clearTimeout(killer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}
