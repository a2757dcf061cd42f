/**
 * Records refused because their owner was not a trusted member are fetched again once it is. At the start
 * of a pull, the owners kept aside for the peer are asked (once each per pull, and a few at random when
 * there are many); the records of those now trusted are read from the peer's snapshot (paging only where
 * they lie), judged like any page, and applied without moving the peer's position. A record the snapshot
 * no longer holds is forgotten, and what the feed view held of it is swept, as a re-snapshot would.
 */
import type { ErrorCode } from "@learnbridge/core";
import type { Random } from "./backoff.ts";
import { applyVerified, positionOf, type StepContext, type StepStop, verdictStep } from "./pull-steps.ts";
import type { Peer, QuarantineEntry } from "./replica-store.ts";
import { ownerTrustOf, verifyEntries } from "./verify-entries.ts";

/** How much one pull spends on records waiting for their owner's trust. */
export interface RecoveryLimits {
  /** Owners asked per pull; default 16. */
  readonly maxOwners: number;
  /** Records fetched again per pull; default 4 pages' worth. */
  readonly maxRecords: number;
  /** Snapshot pages read per pull. */
  readonly maxPages: number;
  readonly random: Random;
}

/** What the recovery did. */
export type RecoveryResult =
  | { readonly kind: "none" }
  | {
      readonly kind: "recovered";
      readonly accepted: number;
      readonly refused: number;
      readonly stale: number;
      readonly equivocations: readonly QuarantineEntry[];
      /** Records of trusted owners still wait: the peer should be pulled again soon. */
      readonly more: boolean;
    }
  | { readonly kind: "moved" }
  | StepStop;

const NONE: RecoveryResult = { kind: "none" };
/** Owners read from the store per pull, before the sample. */
const OWNERS_LISTED = 1000;

/** Fetches again the records of owners trusted since they were refused, and applies them. */
export async function recoverUntrusted(
  peer: Peer,
  ctx: StepContext,
  limits: RecoveryLimits,
): Promise<RecoveryResult> {
  const owners = await ctx.store.untrustedOwners(peer.feed, OWNERS_LISTED);
  if (owners.length === 0) return NONE;
  const wanted: string[] = [];
  let more = false;
  for (const owner of sample(owners, limits.maxOwners, limits.random)) {
    if ((await ownerTrustOf(ctx, owner)).status !== "trusted") continue;
    const room = limits.maxRecords - wanted.length;
    const records = await ctx.store.untrustedRecords(peer.feed, owner, { limit: room + 1 });
    if (records.length > room) more = true;
    wanted.push(...records.slice(0, room).map((r) => r.recordId));
    if (wanted.length >= limits.maxRecords) break;
  }
  if (wanted.length === 0) return NONE;
  const found = await fromSnapshot(peer.feed, wanted, ctx, limits.maxPages);
  if (!found.ok) return { kind: "failed", code: found.code, reason: found.reason };
  const { asOfSeq, records, gone, unresolved } = found;
  const verdict = await verifyEntries(
    records.map((record) => ({ seq: asOfSeq, record })),
    ctx,
  );
  if (!verdict.ok) return verdictStep(verdict);
  const position = positionOf(peer);
  const result = await applyVerified(
    ctx,
    {
      feed: peer.feed,
      from: position,
      to: position,
      knownHeadSeq: asOfSeq,
      ...(gone.length > 0 ? { gone } : {}),
    },
    verdict,
  );
  if ("kind" in result) return result;
  return {
    kind: "recovered",
    accepted: verdict.events.length,
    refused: verdict.refused.length,
    stale: result.stale,
    equivocations: result.equivocations,
    more: more || unresolved,
  };
}

/** Up to `count` of `items`, picked at random when there are more (so every owner gets its turn). */
function sample<T>(items: readonly T[], count: number, random: Random): T[] {
  const pool = [...items];
  if (pool.length <= count) return pool;
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(random() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j] as T, pool[i] as T];
  }
  return pool.slice(0, count);
}

// Below U+D800, UTF-16 order (a memory feed) and UTF-8 byte order (SQLite) agree: only then is a record id
// compared with the snapshot's ones to decide that the snapshot passed it.
const COMPARABLE = /^[^\uD800-\uFFFF]*$/;
const ordered = (a: string, b: string): boolean => COMPARABLE.test(a) && COMPARABLE.test(b);

/** A string just before `id` in any order: its proper prefix (the snapshot's `after` is exclusive). */
const justBefore = (id: string): string | null => (id.length > 1 ? id.slice(0, -1) : null);

type Found =
  | {
      readonly ok: true;
      readonly asOfSeq: number;
      readonly records: readonly unknown[];
      /** Wanted ids the snapshot provably does not hold. */
      readonly gone: readonly string[];
      /** Some wanted ids were neither found nor provably gone (page budget, ids not comparable). */
      readonly unresolved: boolean;
    }
  | { readonly ok: false; readonly code: ErrorCode; readonly reason: string };

/**
 * Reads the records `ids` from the peer's snapshot: pages start just before the next id still wanted, so
 * a few records anywhere in a large snapshot cost a page each, and neighbours share one.
 */
async function fromSnapshot(
  feed: string,
  ids: readonly string[],
  ctx: StepContext,
  maxPages: number,
): Promise<Found> {
  const pending = [...new Set(ids)].sort();
  const records: unknown[] = [];
  const gone: string[] = [];
  let asOfSeq = 0;
  // Jumping ahead needs one order of ids for both sides; otherwise the snapshot is read from its start.
  const jumps = pending.every((id) => ordered(id, id));
  let after = jumps ? justBefore(pending[0] as string) : null;
  for (let pages = 0; pending.length > 0 && pages < maxPages; pages++) {
    const page = await ctx.client.snapshot(feed, after, ctx.pageSize);
    if (!page.ok) return page;
    asOfSeq = Math.max(asOfSeq, page.value.asOfSeq);
    let last: string | undefined;
    for (const record of page.value.records) {
      const id = (record as { id?: unknown } | null)?.id;
      if (typeof id !== "string") continue;
      last = id;
      const at = pending.indexOf(id);
      if (at >= 0) {
        records.push(record);
        pending.splice(at, 1);
      }
    }
    const { next } = page.value;
    // What the page covered and did not carry is not in the snapshot (the end covers everything left).
    for (const id of [...pending]) {
      const passed = next === null || (last !== undefined && ordered(id, last) && id < last);
      if (passed) {
        gone.push(id);
        pending.splice(pending.indexOf(id), 1);
      }
    }
    if (next === null || pending.length === 0) break;
    const jump = jumps ? justBefore(pending[0] as string) : null;
    after = jump !== null && ordered(jump, next) && jump > next ? jump : next;
  }
  return { ok: true, asOfSeq, records, gone, unresolved: pending.length > 0 };
}
