/**
 * The `FeedLog` port: a node's append-only feed of signed records, with its head (seq, hash, state digest),
 * the live state of every record, pages of changes and of the snapshot, and a retention window. The store
 * implements it on libSQL; `MemoryFeedLog` is its twin; both pass `feedLogContract` (`./testing`).
 */
import { EMPTY_DIGEST } from "./digest.ts";
import type { ChainPosition, FeedChange, FeedEvent, JsonRecord } from "./event.ts";
import type { FeedResult } from "./result.ts";

/** Where the feed stands. */
export interface FeedHead extends ChainPosition {
  /** The digest of the live records (digest.ts). */
  readonly stateDigest: string;
  /** How many records are live (not tombstoned). */
  readonly recordCount: number;
  /** The oldest seq still served by `changes`; 1 until something was compacted away. */
  readonly retainedFrom: number;
}

/** The head of an empty feed. */
export const EMPTY_HEAD: FeedHead = {
  seq: 0,
  hash: null,
  stateDigest: EMPTY_DIGEST,
  recordCount: 0,
  retainedFrom: 1,
};

/** What the feed knows of one record: its latest event (put or tombstone). */
export interface RecordState {
  readonly recordId: string;
  readonly version: number;
  readonly recordHash: string;
  readonly deleted: boolean;
  /** The event that made this state. */
  readonly seq: number;
}

/** One page of `changes`. */
export interface FeedChangesPage {
  /** Events `after + 1`, `after + 2`… (fewer than asked when the head is near). */
  readonly events: readonly FeedEvent[];
  readonly headSeq: number;
  readonly retainedFrom: number;
}

/** One page of the snapshot: live records by id. */
export interface FeedSnapshotPage {
  /** The head when the page was read: pull changes after it once the snapshot is done. */
  readonly asOfSeq: number;
  /** The hash of event `asOfSeq` (null for an empty feed), to check `prev` from there on. */
  readonly asOfHash: string | null;
  readonly records: readonly JsonRecord[];
  /** The cursor of the next page (the last record id), or null after the last. */
  readonly next: string | null;
}

/**
 * How long events stay servable. An event may be compacted away once it is older than BOTH the last
 * `minEvents` events and `minDays` days; the latest put of a live record is never removed (the snapshot
 * serves it), a tombstone is removed once out of the window.
 */
export interface RetentionPolicy {
  readonly minEvents: number;
  readonly minDays: number;
}

/** The default window: ten thousand events and thirty days, whichever reaches further back. */
export const DEFAULT_RETENTION: RetentionPolicy = { minEvents: 10_000, minDays: 30 };

/** The most events or records one page holds. */
export const MAX_FEED_PAGE = 500;

/** A node's feed. */
export interface FeedLog {
  head(): Promise<FeedHead>;
  /**
   * Appends the event of `change` (seq, prev, hash, the new digest) atomically. RECORD_STALE, appending
   * nothing, when the record's current version is not lower than `change.version`.
   */
  append(change: FeedChange): Promise<FeedResult<FeedEvent>>;
  /**
   * At most `limit` (1-500) events after `after`; FEED_BEHIND_RETENTION when `after < retainedFrom - 1`
   * (events the caller needs are gone: it must take the snapshot again).
   */
  changes(after: number, limit: number): Promise<FeedResult<FeedChangesPage>>;
  /** At most `limit` (1-500) live records with ids after `after` (all when undefined), by id. */
  snapshot(after: string | undefined, limit: number): Promise<FeedSnapshotPage>;
  /** The record's latest state, tombstones included (even once compacted out of `changes`). */
  stateOf(recordId: string): Promise<RecordState | undefined>;
  /** Moves `retainedFrom` forward as `policy` allows at `now`, and removes what fell out. */
  compact(policy: RetentionPolicy, now: Date): Promise<{ readonly retainedFrom: number }>;
}

/** TypeError for a page size out of range (programmer misuse: routes validate their input first). */
export function checkPageLimit(limit: number, where: string): void {
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_FEED_PAGE)
    throw new TypeError(`${where}: limit must be an integer from 1 to ${MAX_FEED_PAGE}`);
}

/** TypeError for a policy that is not two non-negative integers. */
export function checkRetentionPolicy(policy: RetentionPolicy): void {
  for (const key of ["minEvents", "minDays"] as const) {
    const value = policy?.[key];
    if (!Number.isSafeInteger(value) || value < 0)
      throw new TypeError(`retention: ${key} must be a non-negative integer`);
  }
}

/**
 * The new `retainedFrom`: the older of "the last `minEvents` events" and `firstRecentSeq` (the first event
 * at or after now - minDays; undefined when there is none), never moving backwards.
 */
export function retainedFromFor(
  head: FeedHead,
  policy: RetentionPolicy,
  firstRecentSeq: number | undefined,
): number {
  const byCount = head.seq - policy.minEvents + 1;
  const byAge = firstRecentSeq ?? head.seq + 1;
  return Math.max(head.retainedFrom, Math.min(byCount, byAge), 1);
}

/** The cut-off date of `policy` at `now`. */
export const retentionCutoff = (policy: RetentionPolicy, now: Date): string =>
  new Date(now.getTime() - policy.minDays * 86_400_000).toISOString();
