/**
 * The in-memory twin of the ReplicaStore, for tests and single-process experiments. Writes are serialised
 * and a page is planned on copies, then swapped in at once, so a failure half way leaves nothing behind.
 */
import { EMPTY_DIGEST } from "../feed/digest.ts";
import type { FeedLog } from "../feed/feed-log.ts";
import { freshHealth, type PeerHealth } from "./circuit-breaker.ts";
import { type FeedEntry, ownerGrowth, planPage, planSweep } from "./page-plan.ts";
import type {
  ApplyPageInput,
  ApplyPageResult,
  ChangesEtag,
  CheckpointCheck,
  FeedPosition,
  FollowInput,
  NewQuarantineEntry,
  Peer,
  QuarantineEntry,
  ReplicaRecord,
  ReplicaStore,
  UntrustedRecord,
} from "./replica-store.ts";

/** True when the peer stands at `position`. */
export function isAt(peer: Peer, position: FeedPosition): boolean {
  return (
    peer.phase === position.phase &&
    peer.cursor === position.cursor &&
    peer.snapshotAfter === position.snapshotAfter &&
    peer.snapshotAsOfSeq === position.snapshotAsOfSeq
  );
}

/** The peer row of a newly followed feed. */
export function newPeer(input: FollowInput): Peer {
  return {
    feed: input.feed,
    did: input.did,
    status: "active",
    phase: "snapshot",
    cursor: 0,
    headHash: null,
    snapshotAfter: null,
    snapshotAsOfSeq: null,
    knownHeadSeq: 0,
    recordCount: 0,
    stateDigest: EMPTY_DIGEST,
    followedAt: input.at,
    ...freshHealth(new Date(input.at)),
  };
}

/** True when `entry` holds its record live at `version` or above. */
const liveAtLeast = (entry: FeedEntry | undefined, version: number) =>
  entry !== undefined && !entry.deleted && entry.version >= version;

/** Options of the in-memory twin. */
export interface MemoryReplicaStoreOptions {
  /** The node's own feed, where an aggregator's pages are republished. */
  readonly feed?: FeedLog;
}

export class MemoryReplicaStore implements ReplicaStore {
  readonly #feed: FeedLog | undefined;
  #peers = new Map<string, Peer>();
  #entries = new Map<string, Map<string, FeedEntry>>();
  #rows = new Map<string, ReplicaRecord>();
  /** Live catalogue rows per owner, kept with every change of `#rows` (what the cap per owner reads). */
  #live = new Map<string, number>();
  /** Per feed, the records refused because their owner was not trusted, by record id. */
  #untrusted = new Map<string, Map<string, UntrustedRecord>>();
  #quarantine: QuarantineEntry[] = [];
  #queue: Promise<unknown> = Promise.resolve();

  constructor(options: MemoryReplicaStoreOptions = {}) {
    this.#feed = options.feed;
  }

  /** Runs writes one at a time, like a database's write lock. */
  #serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(work, work);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  #addQuarantine(entry: NewQuarantineEntry): QuarantineEntry {
    const stored = { ...entry, seq: (this.#quarantine.at(-1)?.seq ?? 0) + 1 };
    this.#quarantine.push(stored);
    return stored;
  }

  follow(input: FollowInput) {
    return this.#serial(async () => {
      const existing = this.#peers.get(input.feed);
      if (existing) return { created: false, peer: existing };
      const peer = newPeer(input);
      this.#peers.set(peer.feed, peer);
      this.#entries.set(peer.feed, new Map());
      this.#untrusted.set(peer.feed, new Map());
      return { created: true, peer };
    });
  }

  unfollow(feed: string) {
    return this.#serial(async () => {
      if (!this.#peers.delete(feed)) return false;
      this.#entries.delete(feed);
      this.#untrusted.delete(feed);
      const dropped: ReplicaRecord[] = [];
      for (const [id, row] of this.#rows) {
        if ([...this.#entries.values()].some((entries) => entries.has(id))) continue;
        this.#rows.delete(id);
        dropped.push(row);
      }
      this.#live = counted(
        this.#live,
        dropped.map((row) => [row, undefined] as const),
      );
      return true;
    });
  }

  async getPeer(feed: string) {
    return this.#peers.get(feed);
  }

  async listPeers() {
    return [...this.#peers.values()].sort((a, b) => (a.feed < b.feed ? -1 : a.feed > b.feed ? 1 : 0));
  }

  async duePeers(now: string, limit: number) {
    return [...this.#peers.values()]
      .filter((p) => p.status === "active" && Date.parse(p.nextPullAt) <= Date.parse(now))
      .sort((a, b) => Date.parse(a.nextPullAt) - Date.parse(b.nextPullAt) || (a.feed < b.feed ? -1 : 1))
      .slice(0, limit);
  }

  #update(feed: string, change: (peer: Peer) => Peer): boolean {
    const peer = this.#peers.get(feed);
    if (!peer) return false;
    this.#peers.set(feed, change(peer));
    return true;
  }

  setHealth(feed: string, health: PeerHealth) {
    return this.#serial(async () =>
      this.#update(feed, (peer) => {
        const { lastError: _a, lastSuccessAt: _b, ...rest } = peer;
        return { ...rest, ...health };
      }),
    );
  }

  noteHead(feed: string, headSeq: number) {
    return this.#serial(async () => {
      this.#update(feed, (peer) => ({ ...peer, knownHeadSeq: Math.max(peer.knownHeadSeq, headSeq) }));
    });
  }

  setCheckpoint(feed: string, check: CheckpointCheck) {
    return this.#serial(async () => {
      this.#update(feed, (peer) => ({ ...peer, checkpoint: check }));
    });
  }

  setChangesEtag(feed: string, etag: ChangesEtag | undefined) {
    return this.#serial(async () => {
      this.#update(feed, (peer) => {
        const { changesEtag: _old, ...rest } = peer;
        return etag ? { ...rest, changesEtag: { ...etag } } : rest;
      });
    });
  }

  quarantinePeer(entry: NewQuarantineEntry) {
    return this.#serial(async () => {
      if (!this.#peers.has(entry.feed)) return;
      this.#update(entry.feed, (peer) => ({
        ...peer,
        status: "quarantined",
        quarantine: { code: entry.code, reason: entry.reason, at: entry.at },
      }));
      this.#addQuarantine({ ...entry, kind: "peer" });
    });
  }

  restartSnapshot(feed: string, from: FeedPosition, at: string) {
    return this.#serial(async () => {
      const peer = this.#peers.get(feed);
      if (!peer || !isAt(peer, from)) return false;
      const entries = this.#entries.get(feed) ?? new Map();
      for (const [id, entry] of entries) entries.set(id, { ...entry, marked: true });
      this.#peers.set(feed, {
        ...peer,
        phase: "snapshot",
        cursor: 0,
        headHash: null,
        snapshotAfter: null,
        snapshotAsOfSeq: null,
        nextPullAt: at,
      });
      return true;
    });
  }

  applyPage(input: ApplyPageInput): Promise<ApplyPageResult> {
    return this.#serial(async () => {
      const peer = this.#peers.get(input.feed);
      if (input.republish && !this.#feed)
        throw new TypeError("MemoryReplicaStore: republishing needs { feed }");
      if (peer?.status !== "active" || !isAt(peer, input.from)) {
        return { applied: false, changed: [], stale: 0, equivocations: [] };
      }
      const entries = new Map(this.#entries.get(input.feed));
      const ids = new Set(input.events.map((e) => e.recordId));
      const owners = new Set(input.events.map((e) => e.owner));
      const plan = await planPage(
        {
          feed: input.feed,
          digest: peer.stateDigest,
          count: peer.recordCount,
          entries: new Map(
            [...ids].flatMap((id) => (entries.has(id) ? [[id, entries.get(id) as FeedEntry]] : [])),
          ),
          rows: new Map(
            [...ids].flatMap((id) => (this.#rows.has(id) ? [[id, this.#rows.get(id) as ReplicaRecord]] : [])),
          ),
          ownerCounts: new Map([...owners].map((owner) => [owner, this.#live.get(owner) ?? 0])),
        },
        input.events,
        input.at,
        input.maxRecordsPerOwner,
      );
      if (plan.overQuota) {
        return { applied: false, changed: [], stale: 0, equivocations: [], overQuota: plan.overQuota };
      }
      const rows = new Map(this.#rows);
      const touched = new Set(plan.rows.map((row) => row.recordId));
      for (const entry of plan.entries) entries.set(entry.recordId, entry);
      for (const id of input.seen ?? []) {
        const entry = entries.get(id);
        if (entry?.marked) entries.set(id, { ...entry, marked: false });
      }
      for (const row of plan.rows) rows.set(row.recordId, row);
      let { digest, count } = plan;
      const swept = async (sweptEntries: FeedEntry[]) => {
        // Another followed feed still holding a record keeps it visible.
        const others = [...this.#entries].filter(([feed]) => feed !== input.feed).map(([, held]) => held);
        const elsewhere = new Set(
          sweptEntries.flatMap((e) => {
            const row = rows.get(e.recordId);
            return row && others.some((held) => liveAtLeast(held.get(e.recordId), row.version))
              ? [e.recordId]
              : [];
          }),
        );
        const sweep = await planSweep({ feed: input.feed, digest, count }, sweptEntries, rows, elsewhere);
        for (const id of sweep.removed) entries.delete(id);
        for (const id of sweep.hidden) {
          rows.set(id, { ...(rows.get(id) as ReplicaRecord), hidden: true });
          touched.add(id);
        }
        ({ digest, count } = sweep);
      };
      const gone = (input.gone ?? []).flatMap((id) => {
        const entry = entries.get(id);
        return entry && !entry.deleted ? [entry] : [];
      });
      if (gone.length > 0) await swept(gone);
      if (input.from.phase === "snapshot" && input.to.phase === "changes") {
        await swept([...entries.values()].filter((e) => e.marked));
      }
      const untrusted = new Map(this.#untrusted.get(input.feed));
      keepUntrusted(untrusted, input);
      const live = counted(
        this.#live,
        [...touched].map((id) => [this.#rows.get(id), rows.get(id)] as const),
      );
      // Everything computed: now the swap, with nothing left that can fail.
      this.#entries.set(input.feed, entries);
      this.#untrusted.set(input.feed, untrusted);
      this.#rows = rows;
      this.#live = live;
      this.#peers.set(input.feed, {
        ...peer,
        ...input.to,
        knownHeadSeq: Math.max(peer.knownHeadSeq, input.knownHeadSeq),
        stateDigest: digest,
        recordCount: count,
      });
      for (const refused of input.refused ?? []) this.#addQuarantine(refused);
      const equivocations = plan.equivocations.map((e) => this.#addQuarantine(e));
      // The twin's feed lives in this process too, so appending after the swap is as atomic as it gets here.
      for (const event of input.republish ? plan.changed : []) {
        const { op, recordId, version, recordHash, record } = event;
        await this.#feed?.append({ op, recordId, version, recordHash, record });
      }
      return { applied: true, changed: plan.changed, stale: plan.stale, equivocations };
    });
  }

  async untrustedOwners(feed: string, limit: number) {
    const owners = new Set([...(this.#untrusted.get(feed)?.values() ?? [])].map((r) => r.owner));
    return [...owners].sort().slice(0, Math.max(1, limit));
  }

  async untrustedRecords(feed: string, owner: string, query: { after?: string; limit?: number } = {}) {
    const limit = Math.min(Math.max(query.limit ?? 100, 1), 1000);
    return [...(this.#untrusted.get(feed)?.values() ?? [])]
      .filter((r) => r.owner === owner && (query.after === undefined || r.recordId > query.after))
      .sort((a, b) => (a.recordId < b.recordId ? -1 : 1))
      .slice(0, limit);
  }

  async getRecord(recordId: string) {
    return this.#rows.get(recordId);
  }

  async liveRecordCount(owner: string) {
    return this.#live.get(owner) ?? 0;
  }

  async listRecords(query: { feed?: string; liveOnly?: boolean; after?: string; limit?: number } = {}) {
    const limit = Math.min(Math.max(query.limit ?? 100, 1), 1000);
    return [...this.#rows.values()]
      .filter(
        (r) =>
          (query.feed === undefined || r.feed === query.feed) &&
          (query.after === undefined || r.recordId > query.after),
      )
      .filter((r) => !query.liveOnly || (r.op === "put" && !r.hidden))
      .sort((a, b) => (a.recordId < b.recordId ? -1 : 1))
      .slice(0, limit);
  }

  async listQuarantine(query: { after?: number; limit?: number } = {}) {
    const limit = Math.min(Math.max(query.limit ?? 100, 1), 1000);
    return this.#quarantine.filter((e) => e.seq > (query.after ?? 0)).slice(0, limit);
  }
}

/** The live counts per owner after rows changed as `changes` say (a new map; owners at zero dropped). */
function counted(
  live: ReadonlyMap<string, number>,
  changes: Iterable<readonly [ReplicaRecord | undefined, ReplicaRecord | undefined]>,
): Map<string, number> {
  const next = new Map(live);
  for (const [owner, delta] of ownerGrowth(changes)) {
    const count = (next.get(owner) ?? 0) + delta;
    if (count > 0) next.set(owner, count);
    else next.delete(owner);
  }
  return next;
}

/**
 * The untrusted records of a feed after a page: those the page applied at their refused version or later
 * are done, those its snapshot no longer holds are forgotten, and its new refusals are kept (highest version).
 */
function keepUntrusted(kept: Map<string, UntrustedRecord>, input: ApplyPageInput): void {
  for (const event of input.events) {
    const held = kept.get(event.recordId);
    if (held && held.version <= event.version) kept.delete(event.recordId);
  }
  for (const id of input.gone ?? []) kept.delete(id);
  for (const refused of input.untrusted ?? []) {
    const held = kept.get(refused.recordId);
    if (!held || held.version < refused.version) kept.set(refused.recordId, { ...refused });
  }
}
