/**
 * A catalogue network in one process for the sync and chaos tests: full centres (`assembleCentre`) at https
 * origins, one injected fetch routing each origin to its app (H5's TrustNetwork), a trust anchor that
 * enrols the centres and marks them accredited, each centre with its own catalogue, feed and replica.
 * Nothing runs by itself: `settle` plays the timers (advance the clock, every node's `runDue`) until every
 * follower has caught up with what it follows.
 */
import { assembleCentre, type Centre } from "../../packages/app/src/assemble.ts";
import {
  preparedKeys,
  TRUST_MARK_TYPES,
  TrustNetwork,
} from "../../packages/app/src/federation-trust/test-network.ts";
import { memoryCentreStores } from "../../packages/app/src/test-support/memory-centre-stores.ts";
import { MemoryCourseRepository } from "../../packages/catalogue/src/index.ts";
import { publicKeyFromMultibase } from "../../packages/core/src/index.ts";
import {
  type FeedLog,
  MemoryFeedLog,
  MemoryReplicaStore,
  type Peer,
  type ReplicaStore,
  type TrustAnchor,
  verifyCheckpoint,
} from "../../packages/federation/src/index.ts";
import { createApiKey, MemoryAuditLog } from "../../packages/issuer/src/index.ts";

/** A centre of the network. */
export interface SyncNode {
  readonly url: string;
  readonly centre: Centre;
  readonly feed: FeedLog;
  readonly replica: ReplicaStore;
  /** Calls the node's API with its staff token (scopes admin and achievements). */
  call(
    path: string,
    init?: { method?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<Response>;
  /** While down, the node is unreachable and its timers do not run. */
  down: boolean;
}

export interface SyncNodeOptions {
  readonly role?: "anchor" | "leaf";
  readonly replica?: ReplicaStore;
  readonly aggregator?: boolean;
  /** FEDERATION_MAX_RECORDS_PER_OWNER: assembleCentre's `sync.follower.maxRecordsPerOwner`. */
  readonly maxRecordsPerOwner?: number;
}

/** The network: its nodes and the trust anchor's configuration. */
export class SyncNetwork extends TrustNetwork {
  readonly nodes: SyncNode[] = [];
  anchors: TrustAnchor[] = [];
  anchorUrl = "";

  /** Each node's keys: a node started again at its URL is a restart of the same centre. */
  readonly #keys = new Map<string, ReturnType<typeof preparedKeys>>();

  /**
   * Starts a centre (again: restarts it, with the same keys, replacing the running one); the first one
   * started with role anchor is the network's operator.
   */
  async start(url: string, options: SyncNodeOptions = {}): Promise<SyncNode> {
    const role = options.role ?? "leaf";
    if (!this.#keys.has(url)) this.#keys.set(url, preparedKeys(url));
    const prepared = await (this.#keys.get(url) as ReturnType<typeof preparedKeys>);
    if (role === "anchor") {
      this.anchors = [prepared.anchor];
      this.anchorUrl = url;
    }
    const audit = new MemoryAuditLog();
    const feed = new MemoryFeedLog({ clock: this.clock });
    // An aggregator republishes into its own feed in the page's transaction: its replica holds that feed.
    const replica = options.replica ?? new MemoryReplicaStore(options.aggregator ? { feed } : {});
    const stores = memoryCentreStores({
      keys: prepared.repository,
      audit,
      courses: new MemoryCourseRepository({ audit, feed }),
      feed,
      replica,
    });
    const centre = await assembleCentre({
      publicUrl: url,
      masterKey: prepared.masterKey,
      clock: this.clock,
      network: { fetch: this.fetch, allowPrivateNetwork: true },
      stores,
      federation: {
        role,
        organizationName: `Centre at ${url}`,
        trustAnchors: this.anchors,
        ...(role === "anchor"
          ? { trustMarkIssuers: { [TRUST_MARK_TYPES.accreditedCentre]: [url] } }
          : { authorityHints: [this.anchorUrl] }),
        // Ask the anchor every time, so that a revoked mark shows at once.
        markStatusTtlSeconds: 0,
      },
      sync: {
        ...(options.aggregator ? { aggregator: true } : {}),
        ...(options.maxRecordsPerOwner
          ? { follower: { maxRecordsPerOwner: options.maxRecordsPerOwner } }
          : {}),
      },
    });
    this.apps.set(new URL(url).origin, centre.app);
    const { token } = await createApiKey(stores.apiKeys, {
      name: "operator",
      scopes: ["admin", "achievements"],
    });
    const node: SyncNode = {
      url,
      centre,
      feed,
      replica,
      down: false,
      call: (path, init = {}) =>
        Promise.resolve(
          centre.app.request(`${url}${path}`, {
            method: init.method ?? (init.body === undefined ? "GET" : "POST"),
            headers: {
              authorization: `Bearer ${token}`,
              ...(init.body === undefined ? {} : { "content-type": "application/json" }),
              ...init.headers,
            },
            ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
          }),
        ),
    };
    const running = this.nodes.findIndex((n) => n.url === url);
    if (running >= 0) this.nodes.splice(running, 1, node);
    else this.nodes.push(node);
    return node;
  }

  /** The anchor enrols `node` and marks it an accredited centre; the node takes the mark into its configuration. */
  async accredit(anchor: SyncNode, node: SyncNode): Promise<string> {
    await expectOk(anchor.call("/federation/subordinates", { body: { entityId: node.url } }), 201);
    const mark = await expectOk(
      anchor.call("/federation/trust-marks", {
        body: { type: TRUST_MARK_TYPES.accreditedCentre, sub: node.url },
      }),
      201,
    );
    await expectOk(node.call("/federation/held-trust-marks/refresh", { body: {} }), 200);
    return String((mark as { id: string }).id);
  }

  /** `follower` follows `origin`'s feed. */
  async follow(follower: SyncNode, origin: SyncNode): Promise<void> {
    await expectOk(follower.call("/federation/peers", { body: { feed: origin.url } }), 201);
  }

  /** Takes a node down (unreachable, no timers) or brings it back. */
  setDown(node: SyncNode, down: boolean): void {
    node.down = down;
    const origin = new URL(node.url).origin;
    if (down) this.offline.add(origin);
    else this.offline.delete(origin);
  }

  /** One tick of every running node's timer, after `advanceMs` of time. */
  async tick(advanceMs = 0): Promise<void> {
    this.now = new Date(this.now.getTime() + advanceMs);
    await Promise.all(this.nodes.filter((n) => !n.down).map((n) => n.centre.federationSync?.runDue()));
    // Pulls a hint started in the background finish before the tick ends.
    await Promise.all(
      this.nodes
        .filter((n) => !n.down)
        .flatMap(async (n) =>
          Promise.all(
            (await n.replica.listPeers()).map((p) => n.centre.federationSync?.follower.pull(p.feed)),
          ),
        ),
    );
  }

  /** Ticks (a poll interval apart) until every running follower is at its peers' heads; returns the ticks. */
  async settle(maxTicks = 12): Promise<number> {
    for (let tick = 1; tick <= maxTicks; tick++) {
      await this.tick(tick === 1 ? 0 : 6 * 60_000);
      if (await this.quiet()) return tick;
    }
    throw new Error(
      `the network did not settle in ${maxTicks} ticks:\n${JSON.stringify(await this.positions(), null, 1)}`,
    );
  }

  /** Where every running follower stands against the head of what it follows. */
  async positions() {
    const out: {
      follower: string;
      feed: string;
      cursor: number;
      head: number;
      phase: string;
      status: string;
    }[] = [];
    for (const node of this.nodes.filter((n) => !n.down)) {
      for (const peer of await node.replica.listPeers()) {
        const origin = this.nodes.find((n) => n.url === peer.feed);
        // Feeds served by a test's own handler (a rogue mirror) are the test's to check.
        if (!origin) continue;
        out.push({
          follower: node.url,
          feed: peer.feed,
          cursor: peer.cursor,
          head: (await origin.feed.head()).seq,
          phase: peer.phase,
          status: peer.status,
        });
      }
    }
    return out;
  }

  async quiet(): Promise<boolean> {
    return (await this.positions()).every(
      (p) => p.status !== "active" || (p.phase === "changes" && p.cursor === p.head),
    );
  }

  /** The signed checkpoint of `origin`, verified with its keys: what followers must match. */
  async checkpointOf(origin: SyncNode) {
    const jws = await (await this.fetch(`${origin.url}/federation/feed/checkpoint`)).text();
    const document = await origin.centre.keys.didDocument();
    const verified = await verifyCheckpoint(jws, {
      entityId: origin.url,
      clock: this.clock,
      resolveKey: async (kid) => {
        const method = document.verificationMethod?.find((m) => m.id === kid);
        if (!method?.publicKeyMultibase) return undefined;
        return publicKeyFromMultibase(method.publicKeyMultibase);
      },
    });
    if (!verified.ok) throw new Error(`${origin.url}'s checkpoint: ${verified.reason}`);
    return verified.value.payload;
  }

  /**
   * Notes every answer `origin` gives (status, path, body bytes, and header bytes as HTTP/1.1 would send
   * them) until `stop()`: what a poll costs on the wire.
   */
  meter(origin: SyncNode) {
    const key = new URL(origin.url).origin;
    const app = this.apps.get(key);
    if (!app) throw new Error(`${origin.url} is not served`);
    const answers: { status: number; path: string; body: number; head: number }[] = [];
    this.apps.set(key, {
      request: async (url, init) => {
        const response = await app.request(url, init);
        const body = (await response.clone().arrayBuffer()).byteLength;
        let head = `HTTP/1.1 ${response.status} ${response.statusText || "-"}\r\n\r\n`.length;
        response.headers.forEach((value, name) => {
          head += `${name}: ${value}\r\n`.length;
        });
        answers.push({ status: response.status, path: new URL(url).pathname, body, head });
        return response;
      },
    });
    return { answers, stop: () => this.apps.set(key, app) };
  }

  /** The follower's peer row of `origin`. */
  async peer(follower: SyncNode, origin: SyncNode): Promise<Peer> {
    const peer = await follower.replica.getPeer(origin.url);
    if (!peer) throw new Error(`${follower.url} does not follow ${origin.url}`);
    return peer;
  }
}

/** Awaits a response, checks its status, returns its JSON. */
export async function expectOk(response: Promise<Response>, status: number): Promise<unknown> {
  const answer = await response;
  const text = await answer.text();
  if (answer.status !== status) throw new Error(`expected ${status}, got ${answer.status}: ${text}`);
  return text ? JSON.parse(text) : undefined;
}

/** A course as staff send it to `POST /catalogue/courses`. */
export const course = (slug: string, title: string, extra: Record<string, unknown> = {}) => ({
  slug,
  title: { en: title, sw: `${title} (sw)` },
  description: { en: `About ${title}` },
  level: { framework: "EQF", value: 4 },
  credits: { system: "ECTS", value: 5 },
  language: ["en", "sw"],
  mode: "online",
  audience: ["adults"],
  country: "KE",
  ...extra,
});
