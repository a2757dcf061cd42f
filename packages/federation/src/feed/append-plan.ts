/**
 * What appending one change does, computed once for every implementation of the log: the chained event,
 * the record's new state and the new head (digest updated in O(1)). The log then only has to store the
 * three atomically, provided its head did not move meanwhile.
 */

import { isObject } from "../json-object.ts";
import { updateDigest } from "./digest.ts";
import { chainEvent, type FeedChange, type FeedEvent, jsonHashOf } from "./event.ts";
import type { FeedHead, RecordState } from "./feed-log.ts";
import { type FeedResult, failed, passed } from "./result.ts";

/** The outcome of an append, before it is stored. */
export interface AppendPlan {
  readonly event: FeedEvent;
  readonly state: RecordState;
  readonly head: FeedHead;
}

/** TypeError for a change that is not well formed (its record hash must be the record's). */
export async function checkChange(change: FeedChange): Promise<void> {
  if (!change || (change.op !== "put" && change.op !== "delete"))
    throw new TypeError('a feed change needs op "put" or "delete"');
  if (typeof change.recordId !== "string" || change.recordId === "")
    throw new TypeError("a feed change needs a recordId");
  if (!Number.isSafeInteger(change.version) || change.version < 1)
    throw new TypeError("a feed change needs a positive integer version");
  if (!isObject(change.record)) throw new TypeError("a feed change carries its record (or signed tombstone)");
  if ((await jsonHashOf(change.record)) !== change.recordHash)
    throw new TypeError("a feed change's recordHash must be the hash of its record");
}

/**
 * Plans appending `change` after `head`, where `current` is the record's state now. RECORD_STALE when the
 * change does not raise the record's version (higher wins, never a clock).
 */
export async function planAppend(
  head: FeedHead,
  current: RecordState | undefined,
  change: FeedChange,
  at: string,
): Promise<FeedResult<AppendPlan>> {
  if (current && current.version >= change.version) {
    return failed("RECORD_STALE", `${change.recordId} is at version ${current.version} already`, {
      recordId: change.recordId,
      current: current.version,
      offered: change.version,
    });
  }
  const event = await chainEvent(head, change, at);
  const removed = current && !current.deleted ? current : undefined;
  const added = change.op === "put" ? change : undefined;
  const stateDigest = await updateDigest(head.stateDigest, { removed, added });
  return passed({
    event,
    state: {
      recordId: change.recordId,
      version: change.version,
      recordHash: change.recordHash,
      deleted: change.op === "delete",
      seq: event.seq,
    },
    head: {
      seq: event.seq,
      hash: event.hash,
      stateDigest,
      recordCount: head.recordCount - (removed ? 1 : 0) + (added ? 1 : 0),
      retainedFrom: head.retainedFrom,
    },
  });
}
