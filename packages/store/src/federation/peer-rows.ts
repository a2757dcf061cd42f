/**
 * Rows of `federation_peers` and `federation_quarantine` (migration 0011; `changes_etag` from 0014), to and
 * from the port's types.
 */
import type { ErrorCode } from "@learnbridge/core";
import type {
  ChangesEtag,
  CheckpointCheck,
  NewQuarantineEntry,
  Peer,
  PeerHealth,
  QuarantineEntry,
} from "@learnbridge/federation";
import type { SqlRow, SqlStatement, SqlValue } from "../sql-client.ts";

const text = (value: unknown): string | null =>
  value === null || value === undefined ? null : String(value);
const json = <T>(value: unknown): T | undefined =>
  value === null || value === undefined ? undefined : (JSON.parse(String(value)) as T);

/** A normalised ISO 8601 instant, so that stored times compare as strings. */
export const instant = (value: string): string => new Date(value).toISOString();

/** The peer of a row. */
export function peerOfRow(row: SqlRow): Peer {
  const quarantine = json<Peer["quarantine"]>(row.quarantine);
  const checkpoint = json<CheckpointCheck>(row.checkpoint);
  const lastError = json<PeerHealth["lastError"]>(row.last_error);
  const changesEtag = json<ChangesEtag>(row.changes_etag);
  return {
    feed: String(row.feed),
    did: String(row.did),
    status: String(row.status) as Peer["status"],
    ...(quarantine ? { quarantine } : {}),
    phase: String(row.phase) as Peer["phase"],
    cursor: Number(row.cursor),
    headHash: text(row.head_hash),
    snapshotAfter: text(row.snapshot_after),
    snapshotAsOfSeq: row.snapshot_as_of_seq === null ? null : Number(row.snapshot_as_of_seq),
    knownHeadSeq: Number(row.known_head_seq),
    recordCount: Number(row.record_count),
    stateDigest: String(row.state_digest),
    ...(checkpoint ? { checkpoint } : {}),
    ...(changesEtag ? { changesEtag } : {}),
    failures: Number(row.failures),
    breaker: String(row.breaker) as Peer["breaker"],
    openings: Number(row.openings),
    nextPullAt: String(row.next_pull_at),
    ...(lastError ? { lastError } : {}),
    ...(row.last_success_at !== null ? { lastSuccessAt: String(row.last_success_at) } : {}),
    followedAt: String(row.followed_at),
  };
}

/** Inserts a peer unless its feed is followed already. */
export function insertPeerStatement(peer: Peer): SqlStatement {
  return {
    sql: `INSERT INTO federation_peers (feed, did, status, phase, cursor, head_hash, snapshot_after, snapshot_as_of_seq,
        known_head_seq, record_count, state_digest, failures, breaker, openings, next_pull_at, followed_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (feed) DO NOTHING`,
    args: [
      peer.feed,
      peer.did,
      peer.status,
      peer.phase,
      peer.cursor,
      peer.headHash,
      peer.snapshotAfter,
      peer.snapshotAsOfSeq,
      peer.knownHeadSeq,
      peer.recordCount,
      peer.stateDigest,
      peer.failures,
      peer.breaker,
      peer.openings,
      instant(peer.nextPullAt),
      peer.followedAt,
    ],
  };
}

/** Stores a peer's health. */
export function healthStatement(feed: string, health: PeerHealth): SqlStatement {
  return {
    sql: `UPDATE federation_peers SET failures = ?, breaker = ?, openings = ?, next_pull_at = ?, last_error = ?,
        last_success_at = ? WHERE feed = ?`,
    args: [
      health.failures,
      health.breaker,
      health.openings,
      instant(health.nextPullAt),
      health.lastError ? JSON.stringify(health.lastError) : null,
      health.lastSuccessAt ?? null,
      feed,
    ],
  };
}

/** Appends an entry to the quarantine list, returning its seq. */
export function quarantineStatement(entry: NewQuarantineEntry): SqlStatement {
  const args: SqlValue[] = [
    entry.kind,
    entry.feed,
    entry.recordId ?? null,
    entry.owner ?? null,
    entry.version ?? null,
    entry.code,
    entry.reason,
    entry.details ? JSON.stringify(entry.details) : null,
    entry.at,
  ];
  return {
    sql: `INSERT INTO federation_quarantine (kind, feed, record_id, owner, version, code, reason, details, at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING seq`,
    args,
  };
}

/** The quarantine entry of a row. */
export function quarantineOfRow(row: SqlRow): QuarantineEntry {
  const details = json<Record<string, unknown>>(row.details);
  return {
    seq: Number(row.seq),
    kind: String(row.kind) as QuarantineEntry["kind"],
    feed: String(row.feed),
    ...(row.record_id !== null ? { recordId: String(row.record_id) } : {}),
    ...(row.owner !== null ? { owner: String(row.owner) } : {}),
    ...(row.version !== null ? { version: Number(row.version) } : {}),
    code: String(row.code) as ErrorCode,
    reason: String(row.reason),
    ...(details ? { details } : {}),
    at: String(row.at),
  };
}
