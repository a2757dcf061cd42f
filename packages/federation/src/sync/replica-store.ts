/**
 * The follower's storage port: the peers it follows (position, health, quarantine, the ETags of their
 * last answers), its replica of their records, the quarantine list, and per peer the records refused
 * because their owner was not trusted (fetched again once it is). Two views of the records are kept:
 * - per feed, what that feed says of each record (version, hash, live or not), with the feed's state
 *   digest kept incrementally, so it can be compared with the feed's signed checkpoint at any time;
 * - the catalogue view, one row per record (the highest version any followed feed delivered), which
 *   search indexes.
 * `applyPage` writes a verified page into both views and moves the peer's position in ONE transaction,
 * guarded by the position the page was fetched from: a page applies whole, once, or not at all. It also
 * keeps the follower's cap on live records per owner: a page that would take an owner past it applies
 * nothing, and says who (the follower then quarantines the feed).
 */
import type { ErrorCode } from "@learnbridge/core";
import type { JsonRecord } from "../feed/event.ts";
import type { PeerHealth } from "./circuit-breaker.ts";

/** snapshot: paging the feed's snapshot; changes: pulling its change feed. */
export type PeerPhase = "snapshot" | "changes";
/** A quarantined peer is not pulled until an admin follows it anew. */
export type PeerStatus = "active" | "quarantined";

/** Where a follower stands in a feed. */
export interface FeedPosition {
  readonly phase: PeerPhase;
  /** The last applied seq (0 before any). In the snapshot phase, 0 until the snapshot is done. */
  readonly cursor: number;
  /**
   * The hash of the event at `cursor` (null before the first); in the snapshot phase, the hash of the
   * snapshot's `asOfSeq`, which the changes continue from.
   */
  readonly headHash: string | null;
  /** The snapshot page cursor (a record id) while in the snapshot phase. */
  readonly snapshotAfter: string | null;
  /** The `asOfSeq` of the snapshot's first page: the changes are pulled after it. */
  readonly snapshotAsOfSeq: number | null;
}

/** The last checkpoint of a feed that was verified, and whether the follower's state matched it. */
export interface CheckpointCheck {
  readonly headSeq: number;
  /** Null for an empty feed. */
  readonly headHash: string | null;
  readonly stateDigest: string;
  readonly recordCount: number;
  /** The checkpoint's `iat`, ISO 8601. */
  readonly issuedAt: string;
  readonly checkedAt: string;
  /** True when the follower was at the checkpoint's head with the same digest and count. */
  readonly matches: boolean;
  /** The ETag the checkpoint came with: sent back as If-None-Match, a 304 means this checkpoint still stands. */
  readonly etag?: string;
}

/** The ETag of a changes answer that had nothing after `after`: a 304 to it means there is still nothing. */
export interface ChangesEtag {
  readonly etag: string;
  /** The cursor that answer was asked for. */
  readonly after: number;
}

/** A record refused because its owner was not a trusted member: kept to be fetched again once it is. */
export interface UntrustedRecord {
  readonly recordId: string;
  /** The version refused (the highest, when several were). */
  readonly version: number;
  readonly owner: string;
  /** Why the owner was not trusted (TRUST_UNKNOWN, TRUST_SUSPENDED, TRUST_MARK_REVOKED…). */
  readonly code: ErrorCode;
  readonly at: string;
}

/** A followed feed. */
export interface Peer extends PeerHealth, FeedPosition {
  /** The feed's entity id: the publisher's publicUrl. */
  readonly feed: string;
  /** The publisher's DID (did:web of `feed`): hints must be signed by one of its keys. */
  readonly did: string;
  readonly status: PeerStatus;
  /** Why it was quarantined. */
  readonly quarantine?: { readonly code: ErrorCode; readonly reason: string; readonly at: string };
  /** The highest head seq heard of (pages, hints, checkpoints). */
  readonly knownHeadSeq: number;
  /** Live records of this feed, and their state digest (hex, sum mod 2^256 of the records' terms). */
  readonly recordCount: number;
  readonly stateDigest: string;
  readonly checkpoint?: CheckpointCheck;
  /** The ETag of the last empty changes answer (an idle poll), for a conditional poll. */
  readonly changesEtag?: ChangesEtag;
  readonly followedAt: string;
}

/** A verified event as the store applies it. */
export interface ReplicaEvent {
  /** The feed seq (snapshot records carry the snapshot's asOfSeq). */
  readonly seq: number;
  readonly op: "put" | "delete";
  readonly recordId: string;
  readonly version: number;
  readonly recordHash: string;
  /** The owner's signed record, or signed tombstone for a delete (checked before it gets here). */
  readonly record: JsonRecord;
  /** The record's owner (a DID), as the checked record names it. */
  readonly owner: string;
}

/** One page to apply. */
export interface ApplyPageInput {
  readonly feed: string;
  /** The position the page was fetched from; the store applies nothing when the peer is elsewhere. */
  readonly from: FeedPosition;
  /** The position after the page. */
  readonly to: FeedPosition;
  readonly events: readonly ReplicaEvent[];
  /** The head seq the page's answer announced. */
  readonly knownHeadSeq: number;
  /** Entries of the quarantine list to add with the page (records refused while verifying it). */
  readonly refused?: readonly NewQuarantineEntry[];
  /**
   * Record ids a snapshot page carried but that were refused: the feed still holds them, so a re-snapshot
   * in progress must not sweep them as deleted (their entries are unmarked, nothing else changes).
   */
  readonly seen?: readonly string[];
  /** Records refused because their owner was not trusted: kept for this feed (the highest version of each). */
  readonly untrusted?: readonly UntrustedRecord[];
  /**
   * Record ids kept as untrusted that the feed's snapshot no longer holds: they are forgotten, and what the
   * feed view holds of them is swept as at the end of a re-snapshot.
   */
  readonly gone?: readonly string[];
  /**
   * Aggregator mode: the events that change the catalogue view are also appended to the node's own feed, in
   * the same transaction (a store built without the node's feed refuses this with a TypeError).
   */
  readonly republish?: boolean;
  /**
   * The follower's cap on live catalogue rows per owner: a page that would take any owner past it writes
   * nothing (`overQuota` says who). Pages that keep or lower an owner's count apply even above the cap.
   * Absent: no cap.
   */
  readonly maxRecordsPerOwner?: number;
  readonly at: string;
}

/** An owner a page would take past the cap of live records per owner. */
export interface OwnerQuotaExceeded {
  readonly owner: string;
  readonly cap: number;
  /** The owner's live records held before the page. */
  readonly held: number;
  /** The owner's live records had the page been applied (above `cap`). */
  readonly count: number;
}

/** What the version rule made of one event, in one view. */
export type VersionOutcome = "applied" | "same" | "stale" | "equivocation";

/** What a page did. */
export interface ApplyPageResult {
  /** False when the peer was not at `from` (another pull moved it, or it was unfollowed): nothing written. */
  readonly applied: boolean;
  /** Events that changed the catalogue view, in order (for aggregators to republish). */
  readonly changed: readonly ReplicaEvent[];
  readonly stale: number;
  readonly equivocations: readonly QuarantineEntry[];
  /** Set when nothing was written because the page would take an owner past `maxRecordsPerOwner`. */
  readonly overQuota?: OwnerQuotaExceeded;
}

/** Why something is in quarantine. */
export type QuarantineKind = "record" | "peer";

export interface NewQuarantineEntry {
  readonly kind: QuarantineKind;
  readonly feed: string;
  readonly recordId?: string;
  readonly owner?: string;
  readonly version?: number;
  readonly code: ErrorCode;
  readonly reason: string;
  /** Evidence: both hashes of an equivocation, the key id that was unknown… */
  readonly details?: Readonly<Record<string, unknown>>;
  readonly at: string;
}

export interface QuarantineEntry extends NewQuarantineEntry {
  /** Increasing, assigned by the store. */
  readonly seq: number;
}

/** A record as the catalogue view holds it. */
export interface ReplicaRecord {
  readonly recordId: string;
  readonly owner: string;
  readonly version: number;
  readonly recordHash: string;
  /** put: a live record; delete: a tombstone. */
  readonly op: "put" | "delete";
  /** The signed record or tombstone. */
  readonly record: JsonRecord;
  /** Hidden from the catalogue because it is quarantined (its owner equivocated). */
  readonly hidden: boolean;
  /** The feed it last came from. */
  readonly feed: string;
}

/** A new peer. */
export interface FollowInput {
  readonly feed: string;
  readonly did: string;
  readonly at: string;
}

/** The follower's storage. */
export interface ReplicaStore {
  /** Adds a peer in the snapshot phase, due now; an existing peer is returned unchanged. */
  follow(input: FollowInput): Promise<{ readonly created: boolean; readonly peer: Peer }>;
  /**
   * Forgets a peer, its feed view, and the catalogue rows no other followed feed holds. False when unknown.
   */
  unfollow(feed: string): Promise<boolean>;
  getPeer(feed: string): Promise<Peer | undefined>;
  /** Every peer, by feed. */
  listPeers(): Promise<readonly Peer[]>;
  /** Active peers whose `nextPullAt` is not after `now`, soonest first. */
  duePeers(now: string, limit: number): Promise<readonly Peer[]>;
  /** Stores a peer's health (schedule, breaker, last error). False when unknown. */
  setHealth(feed: string, health: PeerHealth): Promise<boolean>;
  /** Raises `knownHeadSeq` (never lowers it). */
  noteHead(feed: string, headSeq: number): Promise<void>;
  /** Stores the result of a checkpoint check. */
  setCheckpoint(feed: string, check: CheckpointCheck): Promise<void>;
  /** Quarantines a peer (and records why in the quarantine list), in one write. */
  quarantinePeer(entry: NewQuarantineEntry): Promise<void>;
  /** Moves a peer back to a fresh snapshot (behind retention): its feed view is kept until replaced. */
  restartSnapshot(feed: string, from: FeedPosition, at: string): Promise<boolean>;
  /** Stores the ETag of an idle poll (undefined: forget it). */
  setChangesEtag(feed: string, etag: ChangesEtag | undefined): Promise<void>;
  /**
   * Applies a page and moves the position, in one transaction; a record it applies is no longer kept as
   * untrusted for that feed (when the version applied is at least the one refused).
   */
  applyPage(input: ApplyPageInput): Promise<ApplyPageResult>;
  /** Owners of the records kept as untrusted for `feed`, at most `limit`, in order. */
  untrustedOwners(feed: string, limit: number): Promise<readonly string[]>;
  /** Records of `owner` kept as untrusted for `feed`, by record id, after `after`. */
  untrustedRecords(
    feed: string,
    owner: string,
    query?: { readonly after?: string; readonly limit?: number },
  ): Promise<readonly UntrustedRecord[]>;
  /** The catalogue view of one record. */
  getRecord(recordId: string): Promise<ReplicaRecord | undefined>;
  /** Live catalogue rows of `owner` (neither tombstoned nor hidden): what the cap per owner counts. */
  liveRecordCount(owner: string): Promise<number>;
  /** Catalogue rows by record id, after `after`; `liveOnly` skips tombstoned and hidden ones. */
  listRecords(query?: {
    readonly feed?: string;
    readonly liveOnly?: boolean;
    readonly after?: string;
    readonly limit?: number;
  }): Promise<readonly ReplicaRecord[]>;
  /** The quarantine list, oldest first, after `after`. */
  listQuarantine(query?: {
    readonly after?: number;
    readonly limit?: number;
  }): Promise<readonly QuarantineEntry[]>;
}
