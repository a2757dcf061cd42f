/**
 * Node-only test support for the Worker root: build the bundle exactly as a deploy would (wrangler, no
 * network), and run the BUILT bundle in workerd through Miniflare. Never imported by the Worker itself.
 * It lives here, not in `test/`, because `miniflare` and the store's test support resolve from this package.
 */
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { gzipSync } from "node:zlib";
import { convertV4MiniflareOptions, Miniflare } from "miniflare";

export { type SqldServer, startSqld } from "@learnbridge/store/testing";

const ROOT = new URL("../../../../", import.meta.url).pathname;

/** wrangler must send nothing anywhere: `send_metrics = false` alone does not stop its telemetry. */
export const QUIET_WRANGLER_ENV = {
  WRANGLER_SEND_METRICS: "false",
  DO_NOT_TRACK: "1",
  WRANGLER_HIDE_BANNER: "true",
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
} as const;

/** A built Worker bundle in a temporary directory. */
export interface WorkerBundle {
  readonly scriptPath: string;
  readonly bytes: number;
  readonly gzipBytes: number;
  readonly buildMs: number;
  /** From the root wrangler.toml, so the test runs what would be deployed. */
  readonly compatibilityDate: string;
  readonly compatibilityFlags: readonly string[];
  remove(): Promise<void>;
}

/** Runs `wrangler deploy --dry-run --outdir <tmp>` from the repository root. */
export async function buildWorkerBundle(options: { timeoutMs?: number } = {}): Promise<WorkerBundle> {
  const started = performance.now();
  const outdir = await mkdtemp(join(tmpdir(), "learnbridge-worker-"));
  const wrangler = join(
    dirname(createRequire(import.meta.url).resolve("wrangler/package.json")),
    "bin/wrangler.js",
  );
  const output = await run(process.execPath, [wrangler, "deploy", "--dry-run", "--outdir", outdir], {
    timeoutMs: options.timeoutMs ?? 120_000,
  });
  const scriptPath = join(outdir, "index.js");
  if (!(await stat(scriptPath).catch(() => undefined)))
    throw new Error(`wrangler wrote no index.js:\n${output}`);
  const script = await readFile(scriptPath);
  const toml = await readFile(join(ROOT, "wrangler.toml"), "utf8");
  const compatibilityDate = /^compatibility_date\s*=\s*"([^"]+)"/m.exec(toml)?.[1];
  if (!compatibilityDate) throw new Error("wrangler.toml has no compatibility_date");
  const flags = /^compatibility_flags\s*=\s*\[([^\]]*)\]/m.exec(toml)?.[1] ?? "";
  return {
    scriptPath,
    bytes: script.length,
    gzipBytes: gzipSync(script).length,
    buildMs: performance.now() - started,
    compatibilityDate,
    compatibilityFlags: [...flags.matchAll(/"([^"]+)"/g)].map((m) => m[1] ?? ""),
    remove: () => rm(outdir, { recursive: true, force: true }),
  };
}

/** Starts workerd on `bundle` with these bindings; dispose() stops it. */
export async function startWorker(
  bundle: WorkerBundle,
  bindings: Record<string, string>,
): Promise<Miniflare> {
  const mf = new Miniflare(
    convertV4MiniflareOptions({
      modules: true,
      scriptPath: bundle.scriptPath,
      // Module names are paths relative to this root; the default (the working directory) would need "..".
      modulesRoot: dirname(bundle.scriptPath),
      // The placeholder `request.cf`, never the one Miniflare would otherwise download from Cloudflare.
      cf: false,
      compatibilityDate: bundle.compatibilityDate,
      compatibilityFlags: [...bundle.compatibilityFlags],
      bindings,
    }),
  );
  await mf.ready;
  return mf;
}

function run(command: string, args: string[], options: { timeoutMs: number }): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: ROOT,
      env: { ...process.env, ...QUIET_WRANGLER_ENV },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-8000);
    };
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs);
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(output);
      else reject(new Error(`wrangler exited with ${signal ?? code}:\n${output}`));
    });
  });
}
