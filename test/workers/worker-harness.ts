/**
 * The shared setup of the Worker tests: build the bundle once per test file (beforeAll), start workerd on it
 * with a fresh sqld per centre, and clean everything up (afterAll). Requests are dispatched in-process
 * through Miniflare; the only sockets are loopback ones (workerd -> sqld).
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll } from "vitest";
import {
  buildWorkerBundle,
  type SqldServer,
  startSqld,
  startWorker,
  type WorkerBundle,
} from "../../workers/centre/src/testing/index.ts";

/** base64url of `bytes` random bytes. */
export const b64url = (bytes: number) => randomBytes(bytes).toString("base64url");

/** A fresh token in the form ADMIN_TOKEN takes. */
export const newAdminToken = () => `lbk_${b64url(9)}_${b64url(32)}`;

/** What one request to the Worker answered; `body` is the parsed JSON when the answer is JSON. */
export interface Answer {
  readonly status: number;
  readonly type: string;
  readonly headers: Headers;
  readonly text: string;
  // biome-ignore lint/suspicious/noExplicitAny: JSON answers are checked field by field in the tests.
  readonly body: any;
}

export interface CallInit {
  readonly method?: string;
  /** Sent as JSON. */
  readonly body?: unknown;
  /** Sent form-encoded (objects as JSON text), as OAuth and direct_post want. */
  readonly form?: Record<string, unknown>;
  readonly token?: string;
  readonly headers?: Record<string, string>;
}

/** Sends one request to the Worker at `path` (absolute URLs are taken as they are). */
export type Call = (path: string, init?: CallInit) => Promise<Answer>;

/** A running centre: its `call`, and the database it uses (another isolate of it may share that). */
export interface WorkerCentre {
  readonly call: Call;
  readonly databaseUrl: string;
}

/**
 * Registers the hooks of one test file and returns `centre(origin, bindings)`: a Worker on the built bundle.
 * Unless the bindings name DATABASE_URL, each centre gets its own sqld (keys are sealed under its MASTER_KEY,
 * so two centres must not share a database).
 */
export function workerHarness() {
  let bundle: WorkerBundle | undefined;
  const servers: SqldServer[] = [];
  const workers: { dispose(): Promise<void> }[] = [];

  beforeAll(async () => {
    bundle = await buildWorkerBundle({ timeoutMs: 120_000 });
    const { bytes, gzipBytes, buildMs } = bundle;
    console.info(`worker bundle: ${bytes} bytes, ${gzipBytes} gzip, built in ${Math.round(buildMs)} ms`);
  }, 150_000);

  afterAll(async () => {
    await Promise.all(workers.splice(0).map((mf) => mf.dispose()));
    await Promise.all(servers.splice(0).map((server) => server.stop()));
    await bundle?.remove();
  });

  return {
    async centre(origin: string, bindings: Record<string, string>): Promise<WorkerCentre> {
      if (!bundle) throw new TypeError("the bundle is built in beforeAll");
      let databaseUrl = bindings.DATABASE_URL;
      if (databaseUrl === undefined) {
        const server = await startSqld();
        servers.push(server);
        databaseUrl = server.url;
      }
      const mf = await startWorker(bundle, { PUBLIC_URL: origin, DATABASE_URL: databaseUrl, ...bindings });
      workers.push(mf);
      const call: Call = async (path, init = {}) => {
        const headers: Record<string, string> = { ...init.headers };
        let body: string | undefined;
        if (init.body !== undefined) {
          headers["content-type"] ??= "application/json";
          body = typeof init.body === "string" ? init.body : JSON.stringify(init.body);
        } else if (init.form !== undefined) {
          headers["content-type"] = "application/x-www-form-urlencoded";
          const form = new URLSearchParams();
          for (const [name, value] of Object.entries(init.form))
            form.set(name, typeof value === "string" ? value : JSON.stringify(value));
          body = form.toString();
        }
        if (init.token) headers.authorization = `Bearer ${init.token}`;
        const url = URL.canParse(path) ? path : `${origin}${path}`;
        const response = await mf.dispatchFetch(url, {
          method: init.method ?? (body === undefined ? "GET" : "POST"),
          headers,
          ...(body === undefined ? {} : { body }),
        });
        const type = response.headers.get("content-type") ?? "";
        const text = await response.text();
        const json = /[/+]json\b/.test(type) ? JSON.parse(text) : undefined;
        return {
          status: response.status,
          type,
          headers: response.headers as unknown as Headers,
          text,
          body: json,
        };
      };
      return { call, databaseUrl };
    },
  };
}
