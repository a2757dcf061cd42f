/**
 * The follower: subscribes to peers' feeds and keeps a verified replica of them. A pull of one peer runs
 * pages until it is caught up (or its page budget is spent), then checks the peer's signed checkpoint
 * against its own state; failures back off with jitter and trip a per-peer circuit breaker; a peer that
 * forks its chain, or signs with keys its DID document does not hold, is quarantined. An owner whose trust
 * cannot be resolved now fails the pull (retried later, nothing applied); records refused for their
 * owner's trust are fetched again, at the start of a pull, once the owner is trusted. A page that would
 * take one owner past the cap of live records per owner is not applied and quarantines its peer, so a
 * compromised member (or a mirror of it) cannot fill the follower's disk and search index before its trust
 * mark is withdrawn. `runDue` is what the runtimes' timers (Node) and Cron Triggers (Workers) call; a
 * verified hint only makes a peer due.
 */
import { type Clock, type ErrorCode, type PublicKey, systemClock } from "@learnbridge/core";
import type { RecordChecker } from "../feed/feed-publisher.ts";
import type { Random } from "./backoff.ts";
import { checkpointStep } from "./checkpoint-step.ts";
import {
  afterFailure,
  afterHint,
  afterSuccess,
  DEFAULT_SCHEDULE,
  type SchedulePolicy,
} from "./circuit-breaker.ts";
import { FeedClient, type FeedFetch } from "./feed-client.ts";
import { type Hint, healthOf, type PullReport } from "./pull-report.ts";
import { changesStep, type StepContext, snapshotStep } from "./pull-steps.ts";
import type { NewQuarantineEntry, Peer, QuarantineEntry, ReplicaStore } from "./replica-store.ts";
import { recoverUntrusted } from "./trust-recovery.ts";
import type { TrustCheck } from "./verify-entries.ts";

/**
 * The default cap on live replica records per owner. The bootstrap bench (`pnpm bench --federation`) has a
 * follower take 100,000 records of ONE owner, about two minutes and, at the search corpus's 2.7 KiB a record
 * with its index, some 270 MiB: the largest one-owner catalogue this project measures a follower holding.
 * The cap sits there, so that catalogue still fits (only going past the cap is refused), while a member that
 * floods costs each follower at most that much before its feed is quarantined. Real centres publish hundreds
 * to a few thousand courses; a cap of 50,000 would have quarantined the bench's origin half way.
 */
export const DEFAULT_MAX_RECORDS_PER_OWNER = 100_000;

export interface FollowerOptions {
  readonly store: ReplicaStore;
  /** Verifies a signed record or tombstone (H6's `catalogueRecordChecker`). */
  readonly checkRecord: RecordChecker;
  /** Is an owner a trusted member of the network, not one, or can that not be said now (trust resolution). */
  readonly isTrustedOwner: TrustCheck;
  /** A peer's public key by DID URL, for checkpoints and hints. */
  readonly resolvePeerKey: (keyId: string) => Promise<PublicKey | undefined>;
  /** Forgets the cached DID document of a DID, so that the next lookup fetches it (once per pull). */
  readonly refreshKeys?: (did: string) => Promise<void> | void;
  /**
   * Aggregator mode: what changes the replica is republished into the node's own feed, in the same
   * transaction as the page (the store must hold the node's feed). Records stay signed by their owners.
   */
  readonly aggregator?: boolean;
  /** Where quarantines and equivocations are reported (besides the quarantine list); default console.warn. */
  readonly report?: (entry: QuarantineEntry | NewQuarantineEntry) => void;
  readonly fetch?: FeedFetch;
  readonly clock?: Clock;
  /** Jitter source; default Math.random. */
  readonly random?: Random;
  readonly schedule?: SchedulePolicy;
  /** Events or records asked per page; default 500 (the feed's maximum). */
  readonly pageSize?: number;
  /** Pages one pull may apply before yielding to other peers; default 40. */
  readonly maxPagesPerPull?: number;
  /** Deadline of one HTTP read; default 15 s. */
  readonly timeoutMs?: number;
  /** Owners of records refused for their trust asked again per pull (at random when more); default 16. */
  readonly ownerRechecksPerPull?: number;
  /**
   * Live replica records (catalogue rows, across every followed feed) kept per owner; a page that would go
   * past it quarantines its feed with FEED_OWNER_QUOTA. Default DEFAULT_MAX_RECORDS_PER_OWNER.
   */
  readonly maxRecordsPerOwner?: number;
}

export class Follower {
  readonly #o: FollowerOptions;
  readonly #client: FeedClient;
  readonly #clock: Clock;
  readonly #random: Random;
  readonly #schedule: SchedulePolicy;
  readonly #pageSize: number;
  readonly #maxPages: number;
  readonly #maxRecordsPerOwner: number;
  readonly #report: (entry: QuarantineEntry | NewQuarantineEntry) => void;
  /** Pulls running in this process, by feed: a peer is never pulled twice at once. */
  readonly #running = new Map<string, Promise<PullReport>>();

  constructor(options: FollowerOptions) {
    for (const name of ["store", "checkRecord", "isTrustedOwner", "resolvePeerKey"] as const) {
      if (!options?.[name]) throw new TypeError(`Follower: ${name} is required`);
    }
    this.#o = options;
    this.#client = new FeedClient({
      ...(options.fetch ? { fetch: options.fetch } : {}),
      ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    });
    this.#clock = options.clock ?? systemClock;
    this.#random = options.random ?? Math.random;
    this.#schedule = options.schedule ?? DEFAULT_SCHEDULE;
    this.#pageSize = options.pageSize ?? 500;
    this.#maxPages = options.maxPagesPerPull ?? 40;
    if (!Number.isSafeInteger(this.#pageSize) || this.#pageSize < 1 || this.#pageSize > 500) {
      throw new TypeError("Follower: pageSize must be 1-500");
    }
    this.#maxRecordsPerOwner = options.maxRecordsPerOwner ?? DEFAULT_MAX_RECORDS_PER_OWNER;
    if (!Number.isSafeInteger(this.#maxRecordsPerOwner) || this.#maxRecordsPerOwner < 1) {
      throw new TypeError("Follower: maxRecordsPerOwner must be a whole number of at least 1");
    }
    this.#report =
      options.report ??
      ((entry) => console.warn("federation quarantine:", entry.code, entry.feed, entry.reason));
  }

  /** Follows a feed (its entity id, and the DID whose keys sign it); a known feed is left as it is. */
  follow(feed: string, did: string): Promise<{ readonly created: boolean; readonly peer: Peer }> {
    return this.#o.store.follow({ feed, did, at: this.#clock().toISOString() });
  }

  /** Stops following a feed and forgets what only it supplied. */
  unfollow(feed: string): Promise<boolean> {
    return this.#o.store.unfollow(feed);
  }

  /**
   * Takes a verified hint (its signature checked against `keyId`): when the hinting feed is followed, is
   * signed by the feed's own DID, and is ahead of the cursor, the peer becomes due. Returns whether it did.
   */
  async receiveHint(hint: Hint, keyId: string): Promise<"scheduled" | "ignored"> {
    const peer = await this.#o.store.getPeer(hint.feed);
    if (peer?.status !== "active" || !keyId.startsWith(`${peer.did}#`)) return "ignored";
    if (hint.headSeq <= peer.cursor && peer.phase === "changes") return "ignored";
    await this.#o.store.noteHead(peer.feed, hint.headSeq);
    const health = afterHint(peer, this.#clock(), this.#schedule);
    if (health !== peer) await this.#o.store.setHealth(peer.feed, healthOf(health));
    return "scheduled";
  }

  /**
   * Pulls every due peer (a few at a time); what a timer or Cron Trigger calls. With `all`, every active
   * peer, due or not: what a node does when it starts, since it cannot know what it missed while it was down.
   */
  async runDue(
    options: { readonly limit?: number; readonly concurrency?: number; readonly all?: boolean } = {},
  ): Promise<PullReport[]> {
    const limit = options.limit ?? 100;
    const due = options.all
      ? (await this.#o.store.listPeers()).filter((p) => p.status === "active").slice(0, limit)
      : await this.#o.store.duePeers(this.#clock().toISOString(), limit);
    const reports: PullReport[] = [];
    const queue = [...due];
    const worker = async () => {
      for (let peer = queue.shift(); peer; peer = queue.shift()) reports.push(await this.pull(peer.feed));
    };
    await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 4) }, worker));
    return reports;
  }

  /** Pulls one peer now (joining a pull of it already running). Never rejects. */
  pull(feed: string): Promise<PullReport> {
    const running = this.#running.get(feed);
    if (running) return running;
    const run = this.#pull(feed).finally(() => this.#running.delete(feed));
    this.#running.set(feed, run);
    return run;
  }

  async #pull(feed: string): Promise<PullReport> {
    const totals = { pages: 0, accepted: 0, refused: 0, stale: 0, equivocations: 0, recovered: 0 };
    const report = (outcome: PullReport["outcome"], extra: Partial<PullReport> = {}): PullReport => ({
      feed,
      outcome,
      ...totals,
      ...extra,
    });
    const first = await this.#o.store.getPeer(feed);
    if (first?.status !== "active") return report("skipped");
    let peer: Peer = first;
    const startHead = peer.knownHeadSeq;
    const ctx: StepContext = {
      feed,
      at: this.#clock().toISOString(),
      checkRecord: this.#o.checkRecord,
      isTrustedOwner: this.#o.isTrustedOwner,
      ...(this.#o.refreshKeys ? { refreshKeys: this.#o.refreshKeys } : {}),
      refreshed: new Set(),
      trusted: new Map(),
      client: this.#client,
      store: this.#o.store,
      pageSize: this.#pageSize,
      resolvePeerKey: this.#o.resolvePeerKey,
      clock: this.#clock,
      republish: this.#o.aggregator ?? false,
      maxRecordsPerOwner: this.#maxRecordsPerOwner,
    };
    let seenHead = startHead;
    let checkpointMatches: boolean | undefined;
    let caughtUp = false;
    let dueAgain = false;
    try {
      if (peer.phase === "changes") {
        const recovery = await recoverUntrusted(peer, ctx, {
          maxOwners: this.#o.ownerRechecksPerPull ?? 16,
          maxRecords: this.#pageSize * 4,
          maxPages: this.#maxPages,
          random: this.#random,
        });
        if (recovery.kind === "moved") return report("skipped");
        if (recovery.kind === "failed")
          return await this.#failed(peer, recovery.code, recovery.reason, report);
        if (recovery.kind === "quarantine") return await this.#quarantine(peer, recovery, report);
        if (recovery.kind === "recovered") {
          totals.recovered += recovery.accepted;
          totals.refused += recovery.refused;
          totals.stale += recovery.stale;
          totals.equivocations += recovery.equivocations.length;
          for (const entry of recovery.equivocations) this.#report(entry);
          dueAgain = recovery.more;
          const next = await this.#o.store.getPeer(feed);
          if (next?.status !== "active") return report("skipped");
          peer = next;
        }
      }
      while (totals.pages < this.#maxPages && !caughtUp) {
        const step = peer.phase === "snapshot" ? await snapshotStep(peer, ctx) : await changesStep(peer, ctx);
        if (step.kind === "moved") return report("skipped");
        if (step.kind === "failed") return await this.#failed(peer, step.code, step.reason, report);
        if (step.kind === "quarantine") return await this.#quarantine(peer, step, report);
        if (step.kind === "applied") {
          totals.pages++;
          totals.accepted += step.accepted;
          totals.refused += step.refused;
          totals.stale += step.stale;
          totals.equivocations += step.equivocations.length;
          seenHead = Math.max(seenHead, step.headSeq);
          for (const entry of step.equivocations) this.#report(entry);
        }
        const next = await this.#o.store.getPeer(feed);
        if (next?.status !== "active") return report("skipped");
        peer = next;
        if (step.kind === "applied" && step.caughtUp) {
          const checked = await checkpointStep(peer, ctx);
          if (checked.kind === "failed")
            return await this.#failed(peer, checked.code, checked.reason, report);
          if (checked.kind === "quarantine") return await this.#quarantine(peer, checked, report);
          seenHead = Math.max(seenHead, checked.headSeq);
          if (checked.kind === "compared") {
            checkpointMatches = checked.matches;
            caughtUp = true;
          }
        }
      }
    } catch (error) {
      // The database or a port failed: the page (if any) rolled back; try again later.
      const reason = error instanceof Error ? error.message : String(error);
      return await this.#failed(peer, "INTERNAL", reason, report);
    }
    const now = this.#clock();
    const latest = (await this.#o.store.getPeer(feed)) ?? peer;
    let health = afterSuccess(latest, now, this.#schedule, this.#random);
    // More pages or refetches wait, or a hint raised the head while we pulled: due again at once.
    if (!caughtUp || dueAgain || latest.knownHeadSeq > seenHead)
      health = { ...health, nextPullAt: now.toISOString() };
    await this.#o.store.setHealth(feed, healthOf(health));
    return report(
      caughtUp ? "caught-up" : "partial",
      checkpointMatches === undefined ? {} : { checkpointMatches },
    );
  }

  async #failed(
    peer: Peer,
    code: ErrorCode,
    reason: string,
    report: (o: PullReport["outcome"], e?: Partial<PullReport>) => PullReport,
  ) {
    const latest = (await this.#o.store.getPeer(peer.feed).catch(() => undefined)) ?? peer;
    const health = afterFailure(
      latest,
      this.#clock(),
      { code, message: reason },
      this.#schedule,
      this.#random,
    );
    await this.#o.store.setHealth(peer.feed, healthOf(health)).catch(() => false);
    return report("failed", { error: { code, reason } });
  }

  async #quarantine(
    peer: Peer,
    step: {
      readonly code: ErrorCode;
      readonly reason: string;
      readonly details?: Readonly<Record<string, unknown>>;
    },
    report: (o: PullReport["outcome"], e?: Partial<PullReport>) => PullReport,
  ) {
    const entry: NewQuarantineEntry = {
      kind: "peer",
      feed: peer.feed,
      code: step.code,
      reason: step.reason,
      ...(step.details ? { details: step.details } : {}),
      at: this.#clock().toISOString(),
    };
    await this.#o.store.quarantinePeer(entry);
    this.#report(entry);
    return report("quarantined", { error: { code: step.code, reason: step.reason } });
  }
}
