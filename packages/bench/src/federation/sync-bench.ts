/**
 * Catalogue sync between two centres in this process, each assembled as the roots assemble it (its stores
 * on its own libSQL file, the search index's triggers included), one injected fetch routing each origin to
 * its app: an origin signs and publishes N courses; a follower that was caught up pulls the N change events
 * (sync throughput: records verified and applied per second); a fresh follower bootstraps from the snapshot
 * (then the changes after it); then the bytes of an idle poll as the follower makes it. Each part checks
 * the follower's state digest against the origin's before it counts.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { assembleCentre, type Centre, MemoryChallengeStore } from "@learnbridge/app";
import { OwnCatalogue } from "@learnbridge/catalogue";
import { OWNER_TRUSTED } from "@learnbridge/federation";
import { libsqlCentreStores, migrate } from "@learnbridge/store";
import { type Client, createClient } from "@libsql/client";
import { measure } from "../harness.ts";
import { generatedCourse } from "./search-corpus.ts";

export interface SyncBenchOptions {
  /** Courses the origin publishes (the issue asks for a 100,000-record bootstrap). */
  readonly records: number;
  /** Where the centres' directory is made (and removed afterwards); default the OS temp directory. */
  readonly dir?: string;
  readonly onProgress?: (text: string) => void;
}

/** One HTTP exchange of an idle poll, sized as HTTP/1.1 would send it (no TLS, no TCP). */
export interface PollExchange {
  readonly request: string;
  readonly status: number;
  readonly requestBytes: number;
  readonly responseBytes: number;
  /** Of `responseBytes`, the body alone. */
  readonly bodyBytes: number;
}

export interface PullFigures {
  readonly seconds: number;
  readonly recordsPerSecond: number;
  /** Pages the follower applied (changes or snapshot pages, 500 records each at most). */
  readonly pages: number;
  /** The follower's digest and count equal the origin's after the pull. */
  readonly digestMatches: boolean;
}

export interface SyncBenchResult {
  readonly records: number;
  /** Signing and storing the origin's courses (record + feed event in one write each). */
  readonly publishSeconds: number;
  readonly sync: PullFigures;
  readonly bootstrap: PullFigures;
  /** Raw Ed25519 signature verifications per second on this machine (WebCrypto), for scale. */
  readonly rawVerifyPerSecond: number;
  /** A caught-up follower's poll: the first after catching up, then the steady state. */
  readonly idlePoll: { readonly first: readonly PollExchange[]; readonly steady: readonly PollExchange[] };
}

const ORIGIN = "https://origin.example";

/** A centre of the bench: its app and the stores the bench reads besides it. */
interface BenchNode {
  readonly centre: Centre;
  readonly stores: ReturnType<typeof libsqlCentreStores>;
}

/** Runs the three measurements. */
export async function runSyncBench(options: SyncBenchOptions): Promise<SyncBenchResult> {
  // Fresh centres every run: the directory is made here and removed afterwards.
  const dir = await mkdtemp(join(options.dir ?? tmpdir(), "learnbridge-bench-sync-"));
  const network = new RoutedNetwork();
  const clients: Client[] = [];
  const node = async (url: string): Promise<BenchNode> => {
    const client = createClient({ url: `file:${join(dir, `${new URL(url).hostname}.db`)}` });
    clients.push(client);
    await client.execute("PRAGMA journal_mode = WAL");
    await migrate(client);
    const stores = libsqlCentreStores(client);
    const centre = await assembleCentre({
      publicUrl: url,
      stores: { ...stores, challenges: new MemoryChallengeStore() },
      masterKey: crypto.getRandomValues(new Uint8Array(32)),
      network: { fetch: network.fetch, allowPrivateNetwork: true },
      // Trust resolution is not what is measured: every owner here is a member.
      sync: { isTrustedOwner: async () => OWNER_TRUSTED },
    });
    network.apps.set(new URL(url).origin, centre.app);
    return { centre, stores };
  };
  try {
    const origin = await node(ORIGIN);
    const follower = await node("https://follower.example");
    await follow(follower, origin);
    await pullUntilCaughtUp(follower);

    const publishSeconds = await publish(origin, options.records, options.onProgress);
    options.onProgress?.("sync: the follower pulls the changes");
    const sync = await timedPull(follower, origin, options.records);
    options.onProgress?.("bootstrap: a new follower pages the snapshot");
    const newcomer = await node("https://newcomer.example");
    await follow(newcomer, origin);
    const bootstrap = await timedPull(newcomer, origin, options.records);

    network.recording = [];
    await pullUntilCaughtUp(follower);
    const first = network.recording;
    network.recording = [];
    await pullUntilCaughtUp(follower);
    const steady = network.recording;
    network.recording = undefined;
    const rawVerifyPerSecond = await rawVerifyRate();
    return {
      records: options.records,
      publishSeconds,
      sync,
      bootstrap,
      rawVerifyPerSecond,
      idlePoll: { first, steady },
    };
  } finally {
    for (const client of clients) client.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/** Ed25519 verifications per second for half a second: the ceiling of any signed-record pipeline. */
async function rawVerifyRate(): Promise<number> {
  const pair = (await crypto.subtle.generateKey({ name: "Ed25519" }, false, [
    "sign",
    "verify",
  ])) as CryptoKeyPair;
  const data = encoder.encode("x".repeat(900));
  const signature = await crypto.subtle.sign({ name: "Ed25519" }, pair.privateKey, data);
  const verify = () => crypto.subtle.verify({ name: "Ed25519" }, pair.publicKey, signature, data);
  if (!(await verify())) throw new Error("Ed25519 verify failed");
  return (await measure(verify, { durationMs: 500, warmupMs: 100 })).opsPerSecond;
}

async function follow(follower: BenchNode, origin: BenchNode): Promise<void> {
  const sync = follower.centre.federationSync;
  if (!sync) throw new Error("the follower keeps no replica");
  await sync.follower.follow(ORIGIN, origin.centre.did);
}

/** The origin's staff create `count` courses: each signed by the origin and stored with its feed event. */
async function publish(
  origin: BenchNode,
  count: number,
  onProgress?: (text: string) => void,
): Promise<number> {
  const own = new OwnCatalogue({
    repository: origin.stores.courses,
    publicUrl: ORIGIN,
    owner: origin.centre.did,
    signer: () => origin.centre.keys.signer(),
  });
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const { title, description, level, credits, language, mode, audience, country } = generatedCourse(i);
    await own.create(
      { slug: `c-${i}`, title, description, level, credits, language, mode, audience, country },
      { actor: "bench" },
    );
    if (i % 1000 === 999) onProgress?.(`origin: ${i + 1} of ${count} courses signed and published`);
  }
  return (performance.now() - started) / 1000;
}

/** Pulls until the follower is at the origin's head; the pages applied. */
async function pullUntilCaughtUp(follower: BenchNode): Promise<number> {
  let pages = 0;
  for (let round = 0; round < 10_000; round++) {
    const report = await follower.centre.federationSync?.follower.pull(ORIGIN);
    if (!report) throw new Error("the follower keeps no replica");
    pages += report.pages;
    if (report.outcome === "caught-up") return pages;
    if (report.outcome !== "partial")
      throw new Error(`pull ${report.outcome}: ${JSON.stringify(report.error)}`);
  }
  throw new Error("the follower never caught up");
}

async function timedPull(follower: BenchNode, origin: BenchNode, records: number): Promise<PullFigures> {
  const started = performance.now();
  const pages = await pullUntilCaughtUp(follower);
  const seconds = (performance.now() - started) / 1000;
  const peer = await follower.stores.replica.getPeer(ORIGIN);
  const head = await origin.stores.feed.head();
  return {
    seconds,
    recordsPerSecond: records / seconds,
    pages,
    digestMatches: peer?.stateDigest === head.stateDigest && peer?.recordCount === records,
  };
}

const REASONS: Readonly<Record<number, string>> = { 200: "OK", 304: "Not Modified" };
const encoder = new TextEncoder();
const headerBytes = (headers: Headers) => {
  let bytes = 0;
  headers.forEach((value, name) => {
    bytes += encoder.encode(`${name}: ${value}\r\n`).length;
  });
  return bytes;
};

/**
 * One `fetch` for every centre, routing each origin to its app; while `recording` is set, it sizes each
 * exchange as HTTP/1.1 would carry it: the request line, a Host header and the client's headers; the
 * status line, the app's headers, the Date and Content-Length a server adds, and the body.
 */
class RoutedNetwork {
  readonly apps = new Map<string, { request: (input: Request) => Response | Promise<Response> }>();
  recording: PollExchange[] | undefined;

  readonly fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const app = this.apps.get(url.origin);
    if (!app) throw new TypeError(`fetch failed: nothing listens at ${url.origin}`);
    const response = await app.request(request);
    if (!this.recording) return response;
    const body = new Uint8Array(await response.arrayBuffer());
    const requestBytes =
      encoder.encode(`${request.method} ${url.pathname}${url.search} HTTP/1.1\r\nhost: ${url.host}\r\n\r\n`)
        .length + headerBytes(request.headers);
    const serverHeaders = `date: ${new Date().toUTCString()}\r\n${
      response.headers.has("content-length") ? "" : `content-length: ${body.length}\r\n`
    }`;
    const responseBytes =
      encoder.encode(`HTTP/1.1 ${response.status} ${REASONS[response.status] ?? ""}\r\n${serverHeaders}\r\n`)
        .length +
      headerBytes(response.headers) +
      body.length;
    this.recording.push({
      request: `${request.method} ${url.pathname}${url.search}${request.headers.has("if-none-match") ? " (If-None-Match)" : ""}`,
      status: response.status,
      requestBytes,
      responseBytes,
      bodyBytes: body.length,
    });
    return new Response(response.status === 304 ? null : body, {
      status: response.status,
      headers: response.headers,
    });
  };
}
