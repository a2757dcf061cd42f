/**
 * The follower's ReplicaStore on libSQL (tables of migration 0011). A page is applied in ONE interactive
 * write transaction: `BEGIN IMMEDIATE` takes the write lock before the peer's position and the held rows
 * are read, the page is planned in JS (`planPage`: the version rule and the digest, which SQL cannot hash),
 * and the rows, the quarantine entries and the new position are written before `COMMIT` (for an aggregator,
 * with the events it republishes into the node's own feed, H6's feed tables; and the page's changes to the
 * records kept as untrusted, migration 0014). Any failure in between rolls all of it back: nothing of the
 * page, the cursor where it was. A page that would take an owner past the follower's cap is planned and
 * then not written at all (triggers keep the live counts per owner it is judged on, migration 0018). Every
 * write (the page, and the peer's health, head and checkpoint that concurrent pulls note meanwhile) takes
 * its turn with the process's other writers (../one-writer.ts): pulls fetch and verify side by side, and
 * apply one at a time; no transaction ever waits on the network.
 */
import {
  type ApplyPageInput,
  type ApplyPageResult,
  type ChangesEtag,
  type CheckpointCheck,
  type FeedPosition,
  type FollowInput,
  isAt,
  type NewQuarantineEntry,
  newPeer,
  type Peer,
  type PeerHealth,
  planPage,
  type QuarantineEntry,
  type ReplicaRecord,
  type ReplicaStore,
} from "@learnbridge/federation";
import { busyRetrying, retryWhileBusy } from "../busy.ts";
import { oneWriter } from "../one-writer.ts";
import type { SqlClient, SqlTransaction } from "../sql-client.ts";
import {
  healthStatement,
  insertPeerStatement,
  instant,
  peerOfRow,
  quarantineOfRow,
  quarantineStatement,
} from "./peer-rows.ts";
import { republish, sweepGone, sweepMarked } from "./replica-page-writes.ts";
import {
  feedEntryOfRow,
  idsArgument,
  replicaRecordOfRow,
  upsertEntryStatements,
  upsertReplicaStatements,
} from "./replica-rows.ts";
import { untrustedOfRow, untrustedStatements } from "./untrusted-rows.ts";

const NOT_APPLIED: ApplyPageResult = { applied: false, changed: [], stale: 0, equivocations: [] };

export class LibsqlReplicaStore implements ReplicaStore {
  readonly #raw: SqlClient;
  readonly #client: SqlClient;

  constructor(client: SqlClient) {
    if (typeof client?.transaction !== "function")
      throw new TypeError("LibsqlReplicaStore: a SqlClient is required");
    this.#raw = oneWriter(client);
    this.#client = busyRetrying(this.#raw);
  }

  /**
   * Runs `work` in one write transaction (whole, again, while another process holds the database). `work`
   * only reads and writes through `tx` and plans in memory: it must never wait on the network.
   */
  #write<T>(work: (tx: SqlTransaction) => Promise<T>): Promise<T> {
    return retryWhileBusy(async () => {
      const tx = await this.#raw.transaction("write");
      try {
        const result = await work(tx);
        await tx.commit();
        return result;
      } finally {
        tx.close();
      }
    });
  }

  async follow(input: FollowInput) {
    const peer = newPeer(input);
    const [inserted] = await this.#client.batch([insertPeerStatement(peer)], "write");
    if (inserted?.rowsAffected === 1) return { created: true, peer: (await this.getPeer(peer.feed)) ?? peer };
    const existing = await this.getPeer(peer.feed);
    if (!existing) throw new TypeError(`LibsqlReplicaStore: ${peer.feed} neither inserted nor found`);
    return { created: false, peer: existing };
  }

  unfollow(feed: string) {
    return this.#write(async (tx) => {
      const { rowsAffected } = await tx.execute({
        sql: "DELETE FROM federation_peers WHERE feed = ?",
        args: [feed],
      });
      if (rowsAffected === 0) return false;
      await tx.execute({ sql: "DELETE FROM replica_feed_entries WHERE feed = ?", args: [feed] });
      await tx.execute({ sql: "DELETE FROM replica_untrusted_records WHERE feed = ?", args: [feed] });
      // Rows no remaining feed holds go; the others stay, at the version they reached.
      await tx.execute({
        sql: `DELETE FROM catalogue_replica WHERE NOT EXISTS
          (SELECT 1 FROM replica_feed_entries e WHERE e.record_id = catalogue_replica.record_id)`,
      });
      return true;
    });
  }

  async getPeer(feed: string) {
    const { rows } = await this.#client.execute({
      sql: "SELECT * FROM federation_peers WHERE feed = ?",
      args: [feed],
    });
    return rows[0] && peerOfRow(rows[0]);
  }

  async listPeers() {
    const { rows } = await this.#client.execute({ sql: "SELECT * FROM federation_peers ORDER BY feed" });
    return rows.map(peerOfRow);
  }

  async duePeers(now: string, limit: number) {
    const { rows } = await this.#client.execute({
      sql: `SELECT * FROM federation_peers WHERE status = 'active' AND next_pull_at <= ?
        ORDER BY next_pull_at, feed LIMIT ?`,
      args: [instant(now), Math.max(1, Math.trunc(limit))],
    });
    return rows.map(peerOfRow);
  }

  async setHealth(feed: string, health: PeerHealth) {
    const [result] = await this.#client.batch([healthStatement(feed, health)], "write");
    return (result?.rowsAffected ?? 0) === 1;
  }

  async noteHead(feed: string, headSeq: number) {
    await this.#client.execute({
      sql: "UPDATE federation_peers SET known_head_seq = MAX(known_head_seq, ?) WHERE feed = ?",
      args: [headSeq, feed],
    });
  }

  async setCheckpoint(feed: string, check: CheckpointCheck) {
    await this.#client.execute({
      sql: "UPDATE federation_peers SET checkpoint = ? WHERE feed = ?",
      args: [JSON.stringify(check), feed],
    });
  }

  async setChangesEtag(feed: string, etag: ChangesEtag | undefined) {
    await this.#client.execute({
      sql: "UPDATE federation_peers SET changes_etag = ? WHERE feed = ?",
      args: [etag ? JSON.stringify({ etag: etag.etag, after: etag.after }) : null, feed],
    });
  }

  quarantinePeer(entry: NewQuarantineEntry) {
    return this.#write(async (tx) => {
      const quarantine = JSON.stringify({ code: entry.code, reason: entry.reason, at: entry.at });
      const { rowsAffected } = await tx.execute({
        sql: "UPDATE federation_peers SET status = 'quarantined', quarantine = ? WHERE feed = ?",
        args: [quarantine, entry.feed],
      });
      if (rowsAffected === 1) await tx.execute(quarantineStatement({ ...entry, kind: "peer" }));
    });
  }

  restartSnapshot(feed: string, from: FeedPosition, at: string) {
    return this.#write(async (tx) => {
      const peer = await peerIn(tx, feed);
      if (!peer || !isAt(peer, from)) return false;
      await tx.execute({ sql: "UPDATE replica_feed_entries SET marked = 1 WHERE feed = ?", args: [feed] });
      await tx.execute({
        sql: `UPDATE federation_peers SET phase = 'snapshot', cursor = 0, head_hash = NULL, snapshot_after = NULL,
          snapshot_as_of_seq = NULL, next_pull_at = ? WHERE feed = ?`,
        args: [instant(at), feed],
      });
      return true;
    });
  }

  applyPage(input: ApplyPageInput): Promise<ApplyPageResult> {
    return this.#write(async (tx) => {
      const peer = await peerIn(tx, input.feed);
      if (peer?.status !== "active" || !isAt(peer, input.from)) return NOT_APPLIED;
      const ids = idsArgument(new Set(input.events.map((e) => e.recordId)));
      const entries = await tx.execute({
        sql: "SELECT * FROM replica_feed_entries WHERE feed = ? AND record_id IN (SELECT value FROM json_each(?))",
        args: [input.feed, ids],
      });
      const rows = await tx.execute({
        sql: "SELECT * FROM catalogue_replica WHERE record_id IN (SELECT value FROM json_each(?))",
        args: [ids],
      });
      const capped = input.maxRecordsPerOwner !== undefined;
      const counts = capped ? await ownerCountsIn(tx, input.events) : undefined;
      const plan = await planPage(
        {
          feed: input.feed,
          digest: peer.stateDigest,
          count: peer.recordCount,
          entries: new Map(entries.rows.map((r) => [String(r.record_id), feedEntryOfRow(r)])),
          rows: new Map(rows.rows.map((r) => [String(r.record_id), replicaRecordOfRow(r)])),
          ...(counts ? { ownerCounts: counts } : {}),
        },
        input.events,
        input.at,
        input.maxRecordsPerOwner,
      );
      // Nothing written yet: the transaction commits empty, the peer where it was.
      if (plan.overQuota) return { ...NOT_APPLIED, overQuota: plan.overQuota };
      for (const statement of upsertEntryStatements(input.feed, plan.entries)) await tx.execute(statement);
      for (const statement of upsertReplicaStatements(plan.rows)) await tx.execute(statement);
      if (input.seen?.length) {
        await tx.execute({
          sql: `UPDATE replica_feed_entries SET marked = 0
            WHERE feed = ? AND marked = 1 AND record_id IN (SELECT value FROM json_each(?))`,
          args: [input.feed, idsArgument(input.seen)],
        });
      }
      let { digest, count } = plan;
      if (input.gone?.length)
        ({ digest, count } = await sweepGone(tx, input.feed, input.gone, digest, count));
      if (input.from.phase === "snapshot" && input.to.phase === "changes") {
        ({ digest, count } = await sweepMarked(tx, input.feed, digest, count));
      }
      await tx.execute({
        sql: `UPDATE federation_peers SET phase = ?, cursor = ?, head_hash = ?, snapshot_after = ?, snapshot_as_of_seq = ?,
          known_head_seq = MAX(known_head_seq, ?), state_digest = ?, record_count = ? WHERE feed = ?`,
        args: [
          input.to.phase,
          input.to.cursor,
          input.to.headHash,
          input.to.snapshotAfter,
          input.to.snapshotAsOfSeq,
          input.knownHeadSeq,
          digest,
          count,
          input.feed,
        ],
      });
      if (input.republish) await republish(tx, plan.changed, input.at);
      for (const refused of input.refused ?? []) await tx.execute(quarantineStatement(refused));
      for (const statement of untrustedStatements(input)) await tx.execute(statement);
      const equivocations: QuarantineEntry[] = [];
      for (const entry of plan.equivocations) {
        const { rows: inserted } = await tx.execute(quarantineStatement(entry));
        equivocations.push({ ...entry, seq: Number(inserted[0]?.seq) });
      }
      return { applied: true, changed: plan.changed, stale: plan.stale, equivocations };
    });
  }

  async untrustedOwners(feed: string, limit: number) {
    const { rows } = await this.#client.execute({
      sql: "SELECT DISTINCT owner FROM replica_untrusted_records WHERE feed = ? ORDER BY owner LIMIT ?",
      args: [feed, Math.max(1, Math.trunc(limit))],
    });
    return rows.map((row) => String(row.owner));
  }

  async untrustedRecords(feed: string, owner: string, query: { after?: string; limit?: number } = {}) {
    const { rows } = await this.#client.execute({
      sql: `SELECT * FROM replica_untrusted_records WHERE feed = ? AND owner = ? AND record_id > ?
        ORDER BY record_id LIMIT ?`,
      args: [feed, owner, query.after ?? "", Math.min(Math.max(query.limit ?? 100, 1), 1000)],
    });
    return rows.map(untrustedOfRow);
  }

  async getRecord(recordId: string) {
    const { rows } = await this.#client.execute({
      sql: "SELECT * FROM catalogue_replica WHERE record_id = ?",
      args: [recordId],
    });
    return rows[0] && replicaRecordOfRow(rows[0]);
  }

  async liveRecordCount(owner: string) {
    const { rows } = await this.#client.execute({
      sql: "SELECT live FROM replica_owner_counts WHERE owner = ?",
      args: [owner],
    });
    return Number(rows[0]?.live ?? 0);
  }

  async listRecords(query: { feed?: string; liveOnly?: boolean; after?: string; limit?: number } = {}) {
    const { rows } = await this.#client.execute({
      sql: `SELECT * FROM catalogue_replica WHERE record_id > ? AND (? IS NULL OR feed = ?) AND (? = 0 OR deleted = 0)
        ORDER BY record_id LIMIT ?`,
      args: [
        query.after ?? "",
        query.feed ?? null,
        query.feed ?? null,
        query.liveOnly ? 1 : 0,
        Math.min(Math.max(query.limit ?? 100, 1), 1000),
      ],
    });
    return rows.map(replicaRecordOfRow) as ReplicaRecord[];
  }

  async listQuarantine(query: { after?: number; limit?: number } = {}) {
    const { rows } = await this.#client.execute({
      sql: "SELECT * FROM federation_quarantine WHERE seq > ? ORDER BY seq LIMIT ?",
      args: [query.after ?? 0, Math.min(Math.max(query.limit ?? 100, 1), 1000)],
    });
    return rows.map(quarantineOfRow);
  }
}

/** The live counts of the owners of `events` (owners without a row hold none). */
async function ownerCountsIn(
  tx: SqlTransaction,
  events: ApplyPageInput["events"],
): Promise<Map<string, number>> {
  const owners = [...new Set(events.map((e) => e.owner))];
  if (owners.length === 0) return new Map();
  const { rows } = await tx.execute({
    sql: "SELECT owner, live FROM replica_owner_counts WHERE owner IN (SELECT value FROM json_each(?))",
    args: [idsArgument(owners)],
  });
  return new Map(rows.map((row) => [String(row.owner), Number(row.live)]));
}

async function peerIn(tx: SqlTransaction, feed: string): Promise<Peer | undefined> {
  const { rows } = await tx.execute({ sql: "SELECT * FROM federation_peers WHERE feed = ?", args: [feed] });
  return rows[0] && peerOfRow(rows[0]);
}
