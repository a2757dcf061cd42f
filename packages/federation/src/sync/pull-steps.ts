/**
 * The steps of a pull, each one page: a snapshot page (bootstrap, or again when behind retention), a
 * changes page (contiguity and chain checked, then every record). Each step fetches, verifies, and then
 * applies in ONE store transaction guarded by the position it started from. An idle poll sends the ETag
 * of the last empty answer and gets a 304 without a body (the checkpoint: checkpoint-step.ts). A page the
 * store refused because it would take an owner past the cap of live records per owner quarantines the peer.
 */
import type { ErrorCode, PublicKey } from "@learnbridge/core";
import { checkChain, type FeedEvent } from "../feed/event.ts";
import { type FeedClient, isNotModified } from "./feed-client.ts";
import type {
  ApplyPageInput,
  ApplyPageResult,
  FeedPosition,
  OwnerQuotaExceeded,
  Peer,
  QuarantineEntry,
  ReplicaEvent,
  ReplicaStore,
} from "./replica-store.ts";
import { type PageVerdict, type VerifyContext, verifyEntries } from "./verify-entries.ts";

/** What a pull needs, for one peer. */
export interface StepContext extends VerifyContext {
  readonly client: FeedClient;
  readonly store: ReplicaStore;
  readonly pageSize: number;
  /** The public key a peer's `kid` names (its DID document). */
  readonly resolvePeerKey: (keyId: string) => Promise<PublicKey | undefined>;
  readonly clock: () => Date;
  /** Aggregator mode: pages are republished into the node's own feed as they are applied. */
  readonly republish: boolean;
  /** The cap on live records per owner that every page is applied under. */
  readonly maxRecordsPerOwner: number;
}

/** How a step stops without applying: a failure to retry later, or a peer to quarantine. */
export type StepStop =
  | { readonly kind: "failed"; readonly code: ErrorCode; readonly reason: string }
  | {
      readonly kind: "quarantine";
      readonly code: ErrorCode;
      readonly reason: string;
      readonly details?: Readonly<Record<string, unknown>>;
    };

/** What one step did. */
export type StepResult =
  | {
      readonly kind: "applied";
      /** The peer is at the head its answer announced. */
      readonly caughtUp: boolean;
      readonly headSeq: number;
      readonly changed: readonly ReplicaEvent[];
      readonly accepted: number;
      readonly refused: number;
      readonly stale: number;
      readonly equivocations: readonly QuarantineEntry[];
    }
  /** Another pull moved the peer (or it was unfollowed): nothing was written. */
  | { readonly kind: "moved" }
  /** Behind retention: the peer is back in the snapshot phase. */
  | { readonly kind: "restarted" }
  | StepStop;

/** The position a peer stands at. */
export const positionOf = (peer: Peer): FeedPosition => ({
  phase: peer.phase,
  cursor: peer.cursor,
  headHash: peer.headHash,
  snapshotAfter: peer.snapshotAfter,
  snapshotAsOfSeq: peer.snapshotAsOfSeq,
});

/** The step a page verdict that stops the page leads to. */
export const verdictStep = (verdict: {
  action: "quarantine" | "retry";
  code: ErrorCode;
  reason: string;
  details?: Readonly<Record<string, unknown>>;
}): StepStop =>
  verdict.action === "quarantine"
    ? {
        kind: "quarantine",
        code: verdict.code,
        reason: verdict.reason,
        ...(verdict.details ? { details: verdict.details } : {}),
      }
    : { kind: "failed", code: verdict.code, reason: verdict.reason };

/**
 * The stop of a page refused for an owner's cap: the peer is quarantined (a flood does not go away by
 * itself; an operator raises the cap or waits for the owner's trust to be withdrawn, then follows again).
 */
export const overQuotaStep = (quota: OwnerQuotaExceeded): StepStop => ({
  kind: "quarantine",
  code: "FEED_OWNER_QUOTA",
  reason:
    `a page would give ${quota.owner} ${quota.count} live records, above this follower's cap of ` +
    `${quota.cap} per owner: nothing of it was applied`,
  details: { owner: quota.owner, cap: quota.cap, count: quota.count, held: quota.held },
});

/** Where a verified page goes: what the step decides; the rest comes from the verdict and the follower. */
export type PageToApply = Omit<
  ApplyPageInput,
  "events" | "refused" | "untrusted" | "republish" | "maxRecordsPerOwner" | "at"
>;

/**
 * Applies a verified page under the follower's own settings (aggregator mode, the per-owner cap, its clock).
 * The store's result when applied; otherwise the step: `moved` (another pull moved the peer) or the
 * quarantine of a page past an owner's cap.
 */
export async function applyVerified(
  ctx: StepContext,
  page: PageToApply,
  verdict: Extract<PageVerdict, { ok: true }>,
): Promise<ApplyPageResult | { readonly kind: "moved" } | StepStop> {
  const result = await ctx.store.applyPage({
    ...page,
    events: verdict.events,
    refused: verdict.refused,
    untrusted: verdict.untrusted,
    ...(ctx.republish ? { republish: true } : {}),
    maxRecordsPerOwner: ctx.maxRecordsPerOwner,
    at: ctx.clock().toISOString(),
  });
  if (result.overQuota) return overQuotaStep(result.overQuota);
  if (!result.applied) return { kind: "moved" };
  return result;
}

/** One page of the snapshot. The first page's `asOfSeq` (and hash) is where the changes pick up. */
export async function snapshotStep(peer: Peer, ctx: StepContext): Promise<StepResult> {
  const page = await ctx.client.snapshot(peer.feed, peer.snapshotAfter, ctx.pageSize);
  if (!page.ok) return { kind: "failed", code: page.code, reason: page.reason };
  const first = peer.snapshotAsOfSeq === null;
  const asOfSeq = first ? page.value.asOfSeq : (peer.snapshotAsOfSeq as number);
  const asOfHash = first ? page.value.asOfHash : peer.headHash;
  const verdict = await verifyEntries(
    page.value.records.map((record) => ({ seq: asOfSeq, record })),
    ctx,
  );
  if (!verdict.ok) return verdictStep(verdict);
  const done = page.value.next === null;
  const seen = verdict.refused.flatMap((r) => (r.recordId ? [r.recordId] : []));
  const to: FeedPosition = done
    ? { phase: "changes", cursor: asOfSeq, headHash: asOfHash, snapshotAfter: null, snapshotAsOfSeq: null }
    : {
        phase: "snapshot",
        cursor: 0,
        headHash: asOfHash,
        snapshotAfter: page.value.next,
        snapshotAsOfSeq: asOfSeq,
      };
  const result = await applyVerified(
    ctx,
    {
      feed: peer.feed,
      from: positionOf(peer),
      to,
      knownHeadSeq: page.value.asOfSeq,
      ...(seen.length > 0 ? { seen } : {}),
    },
    verdict,
  );
  if ("kind" in result) return result;
  return {
    kind: "applied",
    caughtUp: false,
    headSeq: page.value.asOfSeq,
    changed: result.changed,
    accepted: verdict.events.length,
    refused: verdict.refused.length,
    stale: result.stale,
    equivocations: result.equivocations,
  };
}

/** The applied step of a poll that found nothing new. */
const nothingNew = (headSeq: number): StepResult => ({
  kind: "applied",
  caughtUp: true,
  headSeq,
  changed: [],
  accepted: 0,
  refused: 0,
  stale: 0,
  equivocations: [],
});

/** One page of changes after the peer's cursor (conditional when the last poll at this cursor had an ETag). */
export async function changesStep(peer: Peer, ctx: StepContext): Promise<StepResult> {
  const known = peer.changesEtag?.after === peer.cursor ? peer.changesEtag.etag : undefined;
  const page = await ctx.client.changes(peer.feed, peer.cursor, ctx.pageSize, known);
  if (!page.ok) {
    if (page.code !== "FEED_BEHIND_RETENTION")
      return { kind: "failed", code: page.code, reason: page.reason };
    const restarted = await ctx.store.restartSnapshot(peer.feed, positionOf(peer), ctx.clock().toISOString());
    return restarted ? { kind: "restarted" } : { kind: "moved" };
  }
  // Still nothing after the cursor: the answer that ETag came with was empty.
  if (isNotModified(page.value)) return nothingNew(peer.cursor);
  const { events, headSeq, etag } = page.value;
  const chain = await checkChain({ seq: peer.cursor, hash: peer.headHash }, events);
  if (!chain.ok) {
    // A broken chain is a fork: the peer served two histories. A gap or a malformed event may be a bug.
    if (chain.code === "FEED_CHAIN_BROKEN") {
      return {
        kind: "quarantine",
        code: chain.code,
        reason: chain.reason,
        ...(chain.details ? { details: chain.details } : {}),
      };
    }
    return { kind: "failed", code: chain.code, reason: chain.reason };
  }
  if (events.length === 0) {
    if (headSeq > peer.cursor) {
      return {
        kind: "failed",
        code: "FEED_GAP",
        reason: `the feed announces head ${headSeq} but sent nothing after ${peer.cursor}`,
      };
    }
    // The next idle poll at this cursor asks with this ETag (written only when it changes).
    if (etag && (etag !== peer.changesEtag?.etag || peer.changesEtag.after !== peer.cursor)) {
      await ctx.store.setChangesEtag(peer.feed, { etag, after: peer.cursor });
    }
    return nothingNew(headSeq);
  }
  const verdict = await verifyEntries(
    (events as FeedEvent[]).map((e) => ({
      seq: e.seq,
      record: e.record,
      claimed: { op: e.op, recordId: e.recordId, version: e.version, recordHash: e.recordHash },
    })),
    ctx,
  );
  if (!verdict.ok) return verdictStep(verdict);
  const to: FeedPosition = {
    phase: "changes",
    cursor: chain.value.seq,
    headHash: chain.value.hash,
    snapshotAfter: null,
    snapshotAsOfSeq: null,
  };
  const result = await applyVerified(
    ctx,
    { feed: peer.feed, from: positionOf(peer), to, knownHeadSeq: headSeq },
    verdict,
  );
  if ("kind" in result) return result;
  return {
    kind: "applied",
    caughtUp: chain.value.seq >= headSeq,
    headSeq,
    changed: result.changed,
    accepted: verdict.events.length,
    refused: verdict.refused.length,
    stale: result.stale,
    equivocations: result.equivocations,
  };
}
