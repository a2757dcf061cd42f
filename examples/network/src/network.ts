/**
 * Starts the example network: four real centre processes on loopback, each with its own port and data
 * directory; the trust anchor first (the others pin its keys), then the rest. It enrols them, gives them
 * their trust marks, publishes their catalogues, has each follow the three others until every catalogue
 * has reached every node, issues a micro-credential at the overseas centre and verifies it at another one.
 * Everything goes through the centres' HTTP APIs, as an operator would do it.
 */
import { mkdir, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type CentreProcess, freePorts, startCentreProcess } from "./centre-process.ts";
import { CENTRES, type CentreKey, type CentrePlan, MARK_ISSUERS } from "./centres.ts";
import { issueSampleCredential, type SampleVerification, verifyElsewhere } from "./sample-credential.ts";
import { call } from "./staff-client.ts";

export interface NetworkOptions {
  /** Ports basePort … basePort+3; 0 (the default) picks free ones. */
  readonly basePort?: number;
  /** Where the centres keep their data; default a fresh temporary directory, removed by `stop`. */
  readonly dataDir?: string;
  /** Progress lines; default none. */
  readonly log?: (line: string) => void;
  /** How long to wait for every catalogue to reach every node (a second or two here); default 30 s. */
  readonly convergeTimeoutMs?: number;
}

/** A running centre of the network and its plan. */
export interface NetworkCentre extends CentreProcess {
  readonly plan: CentrePlan;
  readonly did: string;
}

export interface RunningNetwork {
  readonly centres: Readonly<Record<CentreKey, NetworkCentre>>;
  /** Courses published across the network (every node finds them all). */
  readonly courseCount: number;
  readonly sample: SampleVerification;
  readonly dataDir: string;
  stop(): Promise<void>;
}

/** Starts, wires and fills the network; stops whatever it started when a step fails. */
export async function startNetwork(options: NetworkOptions = {}): Promise<RunningNetwork> {
  const log = options.log ?? (() => {});
  const ownDir = options.dataDir === undefined;
  // A fresh network each time: enrolments, marks and courses are made anew, so old data would clash.
  if (!ownDir && (await readdir(options.dataDir as string).catch(() => [])).length > 0) {
    throw new Error(`${options.dataDir} is not empty: give a new or empty directory`);
  }
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), "learnbridge-network-")));
  const started: NetworkCentre[] = [];
  const stop = async () => {
    await Promise.all(started.map((c) => c.stop()));
    if (ownDir) await rm(dataDir, { recursive: true, force: true });
  };
  try {
    const ports = options.basePort
      ? CENTRES.map((_, i) => (options.basePort as number) + i)
      : await freePorts(CENTRES.length);
    const urls = Object.fromEntries(CENTRES.map((c, i) => [c.key, `http://127.0.0.1:${ports[i]}`])) as Record<
      CentreKey,
      string
    >;
    const start = async (plan: CentrePlan, env: Record<string, string>) => {
      const dir = join(dataDir, plan.key);
      await mkdir(dir, { recursive: true });
      const port = Number(new URL(urls[plan.key]).port);
      const process = await startCentreProcess({
        port,
        dataDir: dir,
        env: { FEDERATION_NAME: plan.name, ...env },
      });
      const did = (await call(process, "/.well-known/did.json", { anonymous: true })).body.id as string;
      const centre: NetworkCentre = { ...process, plan, did };
      started.push(centre);
      log(`started ${plan.name} (${plan.role}) at ${centre.url}`);
      return centre;
    };

    const [anchorPlan, ...others] = CENTRES as [CentrePlan, ...CentrePlan[]];
    const issuers = Object.fromEntries(
      Object.entries(MARK_ISSUERS).map(([type, keys]) => [type, keys.map((k) => urls[k])]),
    );
    const anchor = await start(anchorPlan, {
      FEDERATION_ROLE: "anchor",
      FEDERATION_TRUST_MARK_ISSUERS: JSON.stringify(issuers),
    });
    const trustAnchors = JSON.stringify([{ entityId: anchor.url, jwks: await entityKeysOf(anchor.url) }]);
    const rest = await Promise.all(
      others.map((plan) =>
        start(plan, {
          FEDERATION_ROLE: plan.role,
          FEDERATION_AUTHORITY_HINTS: urls[plan.superior as CentreKey],
          FEDERATION_TRUST_ANCHORS: trustAnchors,
        }),
      ),
    );
    const centres = Object.fromEntries([anchor, ...rest].map((c) => [c.plan.key, c])) as Record<
      CentreKey,
      NetworkCentre
    >;

    await enrolAndAccredit(centres, log);
    const courseCount = await publishCatalogues(centres, log);
    await followEachOther(centres, courseCount, options.convergeTimeoutMs ?? 30_000, log);
    const credential = await issueSampleCredential(centres.nairobi);
    log(`issued a micro-credential at ${centres.nairobi.plan.name}`);
    const sample = await verifyElsewhere(centres.seniors, credential);
    log(`verified it at ${centres.seniors.plan.name}: HTTP ${sample.status}`);
    return { centres, courseCount, sample, dataDir, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The keys of an entity's configuration (the anchor's, which the others pin). */
async function entityKeysOf(url: string): Promise<unknown> {
  const response = await fetch(`${url}/.well-known/openid-federation`);
  if (!response.ok) throw new Error(`${url} serves no entity configuration: HTTP ${response.status}`);
  const [, payload] = (await response.text()).split(".");
  return JSON.parse(Buffer.from(payload ?? "", "base64url").toString("utf8")).jwks;
}

/** Superiors enrol their subordinates, mark issuers grant the marks, every centre takes its marks in. */
async function enrolAndAccredit(centres: Record<CentreKey, NetworkCentre>, log: (line: string) => void) {
  for (const plan of CENTRES) {
    const centre = centres[plan.key];
    if (plan.superior) {
      await call(centres[plan.superior], "/federation/subordinates", { body: { entityId: centre.url } });
      log(`${centres[plan.superior].plan.name} enrolled ${plan.name}`);
    }
    for (const mark of plan.marks) {
      await call(centres[mark.by], "/federation/trust-marks", {
        body: { type: mark.type, sub: centre.url, ...(mark.scope ? { scope: mark.scope } : {}) },
      });
    }
    await call(centre, "/federation/held-trust-marks/refresh", { body: {} });
    await call(centre, "/profile", { method: "PUT", body: plan.profile });
  }
}

/** Every centre publishes its catalogue; returns how many courses there are in all. */
async function publishCatalogues(centres: Record<CentreKey, NetworkCentre>, log: (line: string) => void) {
  let count = 0;
  for (const plan of CENTRES) {
    for (const course of plan.courses) {
      await call(centres[plan.key], "/catalogue/courses", { body: course });
      count++;
    }
    log(`${plan.name} published ${plan.courses.length} courses`);
  }
  return count;
}

/**
 * Each centre follows the three others; then pulls are asked for (as the timers would make them) until
 * every node's search finds every course of the network.
 */
async function followEachOther(
  centres: Record<CentreKey, NetworkCentre>,
  courseCount: number,
  timeoutMs: number,
  log: (line: string) => void,
) {
  const all = Object.values(centres);
  for (const follower of all) {
    for (const origin of all) {
      if (origin !== follower) await call(follower, "/federation/peers", { body: { feed: origin.url } });
    }
  }
  log("every centre follows the three others");
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const counts = await Promise.all(all.map((c) => searchCount(c)));
    if (counts.every((n) => n === courseCount)) break;
    if (Date.now() > deadline) {
      throw new Error(
        `the catalogues did not reach every node (found ${counts.join(", ")} of ${courseCount}):\n` +
          (await Promise.all(all.map(followingOf))).join("\n"),
      );
    }
    // Only a nudge, one pull at a time: the followers' own timers pull too, and retry what failed.
    for (const follower of all) {
      for (const origin of all) {
        if (origin === follower) continue;
        await call(follower, `/federation/peers/pull?feed=${encodeURIComponent(origin.url)}`, {
          body: {},
        }).catch((error: unknown) => log(`a pull failed, to be retried: ${String(error).slice(0, 300)}`));
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  log(`all ${courseCount} courses are searchable at every centre`);
}

/** How many courses a node's search holds (own and followed). */
async function searchCount(centre: NetworkCentre): Promise<number> {
  const { body } = await call(centre, "/catalogue/search?limit=100", { anonymous: true });
  return (body.results as unknown[]).length;
}

/** What a follower says of its peers and its quarantine: the reason a catalogue did not arrive. */
async function followingOf(centre: NetworkCentre): Promise<string> {
  const peers = (await call(centre, "/federation/peers")).body.peers as Record<string, unknown>[];
  const quarantine = (await call(centre, "/federation/quarantine")).body.entries as Record<string, unknown>[];
  const lines = peers.map(
    (p) =>
      `  ${centre.plan.key} <- ${p.feed}: ${p.status} ${p.phase} at ${p.cursor}/${p.knownHeadSeq}, ` +
      `${p.recordCount} records${p.lastError ? `, last error: ${JSON.stringify(p.lastError)}` : ""}`,
  );
  for (const entry of quarantine.slice(0, 5))
    lines.push(`  ${centre.plan.key} quarantined: ${JSON.stringify(entry)}`);
  return lines.join("\n");
}
