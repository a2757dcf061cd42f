/**
 * Starts one centre on Node: configuration from the environment, a libSQL database (an embedded file by
 * default), migrations, the centre assembled from its stores, and an HTTP or HTTPS server.
 */
import { lookup } from "node:dns/promises";
import { mkdir, readFile } from "node:fs/promises";
import { createServer as createHttpsServer } from "node:https";
import { type ServerType, serve } from "@hono/node-server";
import { getConnInfo } from "@hono/node-server/conninfo";
import { assembleCentre } from "@learnbridge/app";
import { libsqlCentreStores, migrate } from "@learnbridge/store";
import type { NodeConfig } from "./config.ts";
import { openCentreDatabase } from "./database.ts";
import { seedSampleData } from "./sample.ts";
import { bootstrapAdmin, loadMasterKey } from "./secrets.ts";

/** How often unfinished bulk jobs are looked for after the start. */
const JOB_RESUME_INTERVAL_MS = 10_000;
/** A loopback host[:port], and a loopback http URL: a development centre, whose peers run beside it. */
const LOOPBACK_HOST = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|localhost|\[::1\])(:\d+)?$/;
const LOOPBACK_URL = /^http:\/\/(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|localhost|\[::1\])(:\d+)?(\/|$)/;
/** How often followed feeds are checked for due pulls (a quiet peer is polled far less often than this). */
const FEDERATION_SYNC_INTERVAL_MS = 5_000;
const PURGE_INTERVAL_MS = 60_000;

export interface RunningCentre {
  readonly did: string;
  readonly url: string;
  readonly adminToken?: string;
  readonly warnings: readonly string[];
  /** Lines worth printing at start (e.g. that sample data was added). */
  readonly notices: readonly string[];
  close(): Promise<void>;
}

/** Starts the centre and resolves once it listens. */
export async function startCentre(config: NodeConfig): Promise<RunningCentre> {
  await mkdir(config.dataDir, { recursive: true, mode: 0o700 });
  const { client, embedded } = openCentreDatabase(config.databaseUrl);
  await migrate(client);
  const { key: masterKey, warning } = await loadMasterKey(config);
  // Presentation challenges too live in the database: processes sharing it accept each other's.
  const stores = libsqlCentreStores(client, { oneWriter: embedded });
  // Before the first key exists: that is how a first start is told apart from a restart.
  const seeded = await seedSampleData(stores, config.publicUrl);
  const centre = await assembleCentre({
    publicUrl: config.publicUrl,
    stores,
    masterKey,
    network: {
      // did:web of other centres: check every address a name resolves to, not only literal IPs.
      resolveHost: async (hostname) => (await lookup(hostname, { all: true })).map((a) => a.address),
      // A development centre on loopback (http://127.0.0.1:…) reaches its loopback peers over http.
      ...(LOOPBACK_URL.test(config.publicUrl)
        ? { allowHttp: (host: string) => LOOPBACK_HOST.test(host), allowPrivateNetwork: true }
        : {}),
    },
    // The audit log's "from where": the socket's peer (behind a proxy, set trustProxy and its headers).
    peerAddress: (c) => getConnInfo(c).remote.address,
    offers: { preAuthorizedCodeLifetimeMs: config.preAuthorizedCodeLifetimeMs },
    oid4vp: { responseMode: config.oid4vpResponseMode },
    // On by default here (RATE_LIMIT_PER_MINUTE): counted in the database, shared by every process on it.
    rateLimits: { perMinute: config.rateLimitPerMinute },
    ...(config.federation ? { federation: config.federation } : {}),
    ...(config.sync ? { sync: config.sync } : {}),
  });
  const adminToken = await bootstrapAdmin(stores.apiKeys, config.adminToken);
  const tls = config.tls
    ? {
        createServer: createHttpsServer,
        serverOptions: { cert: await readFile(config.tls.certFile), key: await readFile(config.tls.keyFile) },
      }
    : {};
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: centre.app.fetch, port: config.port, hostname: config.host, ...tls }, () =>
      resolve(s),
    );
  });
  // Bulk jobs run in this process: pick up what a stop or a crash left, and look again now and then for a run
  // that an error stopped (the database briefly unreachable).
  const resumeJobs = () =>
    centre.jobRunner
      .resume()
      .catch((error) => console.error("learnbridge: bulk jobs could not resume", error));
  void resumeJobs();
  const jobTimer = setInterval(resumeJobs, JOB_RESUME_INTERVAL_MS);
  jobTimer.unref();
  // Followed feeds: pull the peers that are due, announce our own feed's moves; one run at a time.
  let syncing: Promise<unknown> | undefined;
  const syncFederation = (options?: { all: boolean }) => {
    syncing ??= (centre.federationSync?.runDue(options) ?? Promise.resolve()).finally(() => {
      syncing = undefined;
    });
  };
  // At start every peer is pulled: what happened while this centre was down is unknown.
  syncFederation({ all: true });
  const syncTimer = setInterval(() => syncFederation(), FEDERATION_SYNC_INTERVAL_MS);
  syncTimer.unref();
  // Employers' presentation results are deleted once they expire, whether or not anyone writes again.
  const purgeTimer = setInterval(() => {
    centre
      .purgePresentationRequests()
      .catch((error) =>
        console.error("learnbridge: expired presentation results could not be purged", error),
      );
  }, PURGE_INTERVAL_MS);
  purgeTimer.unref();
  return {
    did: centre.did,
    url: config.publicUrl,
    ...(adminToken ? { adminToken } : {}),
    warnings: warning ? [warning] : [],
    notices: seeded ? [seeded] : [],
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(jobTimer);
        clearInterval(syncTimer);
        clearInterval(purgeTimer);
        server.close(async () => {
          // Rows in flight finish and are recorded; the rest wait for the next start.
          await centre.jobRunner.stop();
          // A pull in flight finishes its page (or rolls it back) before the database closes.
          await syncing;
          client.close();
          resolve();
        });
      }),
  };
}
