/**
 * `pnpm bench --http`: the centre's VC API over real loopback HTTP, beside a bare Hono echo app as the
 * framework's ceiling. Verify (a pre-issued ldp_vc and jwt_vc) and issue, each at 1 and 10 connections for a
 * fixed time; then a bulk issuance of N credentials at a fixed concurrency, confirmed in the centre's records.
 */
import { UNSIGNED_BADGE_REQUEST } from "@learnbridge/credentials/testing";
import { type LoadResult, runLoad } from "./load.ts";
import { type CentreServer, type ServerProcess, startCentre, startEcho } from "./servers.ts";

export interface HttpBenchOptions {
  /** Timed seconds per route and connection count, after `warmupSeconds` of the same load. */
  readonly seconds: number;
  readonly warmupSeconds: number;
  /**
   * Instead of timed runs, exactly this many requests per route and connection count (warm-up: one per
   * connection): a run that must see answers however loaded the machine, as the smoke test's.
   */
  readonly requests?: number;
  readonly connections: readonly number[];
  readonly bulk: { readonly count: number; readonly connections: number };
  readonly onProgress?: (text: string) => void;
}

export interface HttpRow {
  /** `echo`, `verify.ldp_vc`, `issue.jwt_vc`… */
  readonly id: string;
  readonly label: string;
  readonly connections: number;
  readonly result: LoadResult;
}

export interface BulkResult {
  readonly count: number;
  readonly connections: number;
  readonly seconds: number;
  readonly credentialsPerSecond: number;
  /** Distinct (status list, index) pairs among the answers. */
  readonly distinctStatusEntries: number;
  /** How many of the issued ids the centre lists among its newest records. */
  readonly listed: number;
}

export interface HttpBenchResult {
  readonly rows: readonly HttpRow[];
  readonly bulk: BulkResult;
}

interface Route {
  readonly id: string;
  readonly label: string;
  readonly url: string;
  readonly body: string;
  readonly headers?: Record<string, string>;
  readonly expectStatus: number;
  /** Whether one answer is right: measured figures of a failing route would mean nothing. */
  readonly check: (status: number, body: string) => boolean;
}

// biome-ignore lint/suspicious/noExplicitAny: JSON answers are checked field by field.
type Json = any;

async function post(url: string, body: unknown, token?: string): Promise<{ status: number; body: Json }> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

async function issueOne(centre: CentreServer, format: "ldp_vc" | "jwt_vc"): Promise<Json> {
  const issued = await post(
    `${centre.url}/credentials/issue`,
    { credential: UNSIGNED_BADGE_REQUEST, options: { format } },
    centre.adminToken,
  );
  if (issued.status !== 201)
    throw new Error(`issue ${format}: HTTP ${issued.status} ${JSON.stringify(issued.body)}`);
  return issued.body.verifiableCredential;
}

async function routes(centre: CentreServer, echo: ServerProcess): Promise<Route[]> {
  const verifyBodies = {
    ldp_vc: JSON.stringify({ verifiableCredential: await issueOne(centre, "ldp_vc") }),
    jwt_vc: JSON.stringify({ verifiableCredential: await issueOne(centre, "jwt_vc") }),
  };
  const formats = ["ldp_vc", "jwt_vc"] as const;
  return [
    {
      id: "echo",
      label: "echo (bare Hono, the ldp_vc verify body)",
      url: `${echo.url}/echo`,
      body: verifyBodies.ldp_vc,
      expectStatus: 200,
      check: (status, body) => status === 200 && body === verifyBodies.ldp_vc,
    },
    ...formats.map((format) => ({
      id: `verify.${format}`,
      label: `POST /credentials/verify ${format}`,
      url: `${centre.url}/credentials/verify`,
      body: verifyBodies[format],
      expectStatus: 200,
      check: (status: number, body: string) => status === 200 && JSON.parse(body).verified === true,
    })),
    ...formats.map((format) => ({
      id: `issue.${format}`,
      label: `POST /credentials/issue ${format}`,
      url: `${centre.url}/credentials/issue`,
      body: JSON.stringify({ credential: UNSIGNED_BADGE_REQUEST, options: { format } }),
      headers: { authorization: `Bearer ${centre.adminToken}` },
      expectStatus: 201,
      check: (status: number, body: string) =>
        status === 201 && typeof JSON.parse(body).verifiableCredential === "object",
    })),
  ];
}

async function checkRoute(route: Route): Promise<void> {
  const response = await fetch(route.url, {
    method: "POST",
    headers: { "content-type": "application/json", ...route.headers },
    body: route.body,
  });
  const text = await response.text();
  if (!route.check(response.status, text)) {
    throw new Error(`${route.label}: a wrong answer, HTTP ${response.status}: ${text.slice(0, 500)}`);
  }
}

/** Issues `count` credentials at `connections` at once; confirms each has a status entry and is listed. */
async function bulkIssue(centre: CentreServer, count: number, connections: number): Promise<BulkResult> {
  const ids = new Set<string>();
  const entries = new Set<string>();
  const result = await runLoad({
    url: `${centre.url}/credentials/issue`,
    headers: { authorization: `Bearer ${centre.adminToken}` },
    body: JSON.stringify({ credential: UNSIGNED_BADGE_REQUEST }),
    connections,
    amount: count,
    expectStatus: 201,
    onBody: (status, body) => {
      if (status !== 201) return;
      const vc = JSON.parse(body).verifiableCredential;
      ids.add(vc.id);
      const { statusListCredential, statusListIndex } = vc.credentialStatus ?? {};
      if (statusListCredential && statusListIndex !== undefined)
        entries.add(`${statusListCredential}#${statusListIndex}`);
    },
  });
  // The bulk run is the newest issuance, so its ids are the centre's newest records.
  let listed = 0;
  for (let seen = 0, before: string | undefined; seen < count; ) {
    const query = `limit=100${before ? `&before=${encodeURIComponent(before)}` : ""}`;
    const response = await fetch(`${centre.url}/credentials?${query}`, {
      headers: { authorization: `Bearer ${centre.adminToken}` },
    });
    const page: Json = await response.json();
    for (const { id } of page.credentials) if (ids.has(id)) listed++;
    seen += page.credentials.length;
    if (!page.next) break;
    before = page.next;
  }
  return {
    count: result.requests,
    connections,
    seconds: result.seconds,
    credentialsPerSecond: result.requestsPerSecond,
    distinctStatusEntries: entries.size,
    listed,
  };
}

/** Starts both servers, measures every route at every connection count, bulk-issues, stops the servers. */
export async function runHttpBench(options: HttpBenchOptions): Promise<HttpBenchResult> {
  const progress = options.onProgress ?? (() => {});
  const [centre, echo] = await Promise.all([startCentre(), startEcho()]);
  try {
    const rows: HttpRow[] = [];
    for (const route of await routes(centre, echo)) {
      await checkRoute(route);
      for (const connections of options.connections) {
        progress(`${route.label} at ${connections} connection(s)`);
        const load = { ...route, connections };
        const counted = options.requests !== undefined;
        await runLoad(
          counted ? { ...load, amount: connections } : { ...load, seconds: options.warmupSeconds },
        );
        const result = await runLoad(
          counted ? { ...load, amount: options.requests } : { ...load, seconds: options.seconds },
        );
        rows.push({ id: route.id, label: route.label, connections, result });
      }
    }
    progress(`bulk issuance of ${options.bulk.count}`);
    const bulk = await bulkIssue(centre, options.bulk.count, options.bulk.connections);
    return { rows, bulk };
  } finally {
    await Promise.all([centre.stop(), echo.stop()]);
  }
}
