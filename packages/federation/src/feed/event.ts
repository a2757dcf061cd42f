/**
 * Feed events: one per change of a record, numbered by `seq` (the follower's cursor) and hash-chained, each
 * naming the hash of the one before, so that a follower notices a dropped, reordered or altered event. The
 * feed knows nothing of courses: a record is opaque signed JSON, judged by a checker the caller injects.
 */
import { canonicalJson, sha256, toBase64Url, utf8 } from "@learnbridge/core";
import { isObject } from "../json-object.ts";
import { type FeedResult, failed, passed } from "./result.ts";

/** A JSON object as it travels in a feed (a signed record, a signed tombstone). */
export type JsonRecord = Readonly<Record<string, unknown>>;

/** What a change does to its record: a new version, or a tombstone. */
export type FeedOp = "put" | "delete";

/** One change to append: the record (a signed tombstone for a delete) and the facts the feed indexes it by. */
export interface FeedChange {
  readonly op: FeedOp;
  readonly recordId: string;
  /** Higher wins; a tombstone's version is the last version + 1. */
  readonly version: number;
  /** `jsonHashOf(record)`. */
  readonly recordHash: string;
  readonly record: JsonRecord;
}

/** An event without its own hash: what the hash is computed over. */
export interface UnhashedFeedEvent extends FeedChange {
  readonly seq: number;
  /** When the publisher appended it (ISO 8601, UTC). */
  readonly at: string;
  /** The hash of event `seq - 1`; null for seq 1. */
  readonly prev: string | null;
}

/** An event as a feed serves it. */
export interface FeedEvent extends UnhashedFeedEvent {
  /** base64url(SHA-256(JCS(the event without `hash`))). */
  readonly hash: string;
}

/** Where a chain stands: the last event's seq and hash (0 and null before the first). */
export interface ChainPosition {
  readonly seq: number;
  readonly hash: string | null;
}

/** The position of an empty feed. */
export const CHAIN_START: ChainPosition = { seq: 0, hash: null };

/**
 * base64url(SHA-256(JCS(value))): the hash of a record (`recordHash`) and, without its `hash`, of an event.
 * @example await jsonHashOf({ a: 1 }) // "AQ3vY…" (43 characters)
 */
export async function jsonHashOf(value: unknown): Promise<string> {
  return toBase64Url(await sha256(utf8(canonicalJson(value))));
}

/** The hash of an event: of every member but `hash` itself. */
export function eventHashOf(event: UnhashedFeedEvent | FeedEvent): Promise<string> {
  const { hash: _ignored, ...body } = event as FeedEvent;
  return jsonHashOf(body);
}

/**
 * The event that appends `change` after `position`, stamped `at`.
 * @example const event = await chainEvent(head, change, clock().toISOString());
 */
export async function chainEvent(
  position: ChainPosition,
  change: FeedChange,
  at: string,
): Promise<FeedEvent> {
  const body: UnhashedFeedEvent = {
    seq: position.seq + 1,
    op: change.op,
    recordId: change.recordId,
    version: change.version,
    recordHash: change.recordHash,
    record: change.record,
    at,
    prev: position.hash,
  };
  return { ...body, hash: await eventHashOf(body) };
}

const HASH = /^[A-Za-z0-9_-]{43}$/;
const isSeq = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 1;

/** Checks the shape of one event as received (FIELD_INVALID / FIELD_MISSING naming the member). */
export function parseFeedEvent(value: unknown): FeedResult<FeedEvent> {
  if (!isObject(value)) return failed("FIELD_INVALID", "an event must be a JSON object");
  const bad = (field: string, why: string) =>
    failed<FeedEvent>("FIELD_INVALID", `${field}: ${why}`, { field });
  for (const field of ["seq", "op", "recordId", "version", "recordHash", "record", "at", "hash"]) {
    if (value[field] === undefined)
      return failed("FIELD_MISSING", `${field}: required in an event`, { field });
  }
  if (!isSeq(value.seq)) return bad("seq", "must be a positive integer");
  if (value.op !== "put" && value.op !== "delete") return bad("op", 'must be "put" or "delete"');
  if (typeof value.recordId !== "string" || value.recordId === "") return bad("recordId", "must be a string");
  if (!isSeq(value.version)) return bad("version", "must be a positive integer");
  if (typeof value.recordHash !== "string" || !HASH.test(value.recordHash))
    return bad("recordHash", "must be a SHA-256 hash in base64url");
  if (!isObject(value.record)) return bad("record", "must be a JSON object");
  if (typeof value.at !== "string" || Number.isNaN(Date.parse(value.at))) return bad("at", "must be a date");
  if (value.seq === 1 ? value.prev !== null : typeof value.prev !== "string" || !HASH.test(value.prev))
    return bad("prev", value.seq === 1 ? "must be null for seq 1" : "must be the previous event's hash");
  if (typeof value.hash !== "string" || !HASH.test(value.hash))
    return bad("hash", "must be a SHA-256 hash in base64url");
  const known = new Set(["seq", "op", "recordId", "version", "recordHash", "record", "at", "prev", "hash"]);
  const extra = Object.keys(value).find((key) => !known.has(key));
  if (extra !== undefined) return bad(extra, "is not a member of a feed event");
  return passed(value as unknown as FeedEvent);
}

/**
 * Checks that `events` continue the chain at `position`: each seq is the one after (FEED_GAP otherwise),
 * each `prev` is the hash before it, each `hash` recomputes and each `recordHash` is the record's hash
 * (FEED_CHAIN_BROKEN otherwise). Returns where the chain stands after the last event.
 * @example const checked = await checkChain(cursor, page.events); if (!checked.ok) quarantine(checked.code);
 */
export async function checkChain(
  position: ChainPosition,
  events: readonly unknown[],
): Promise<FeedResult<ChainPosition>> {
  let at = position;
  for (const [index, value] of events.entries()) {
    const parsed = parseFeedEvent(value);
    if (!parsed.ok)
      return failed(parsed.code, `event ${index}: ${parsed.reason}`, { index, ...parsed.details });
    const event = parsed.value;
    if (event.seq !== at.seq + 1) {
      return failed("FEED_GAP", `expected seq ${at.seq + 1}, got ${event.seq}`, {
        expected: at.seq + 1,
        actual: event.seq,
      });
    }
    // The first event of a page after a snapshot may not know the hash before it: only then is prev unchecked.
    if (at.hash !== null || at.seq === 0) {
      if (event.prev !== at.hash) {
        return failed("FEED_CHAIN_BROKEN", `event ${event.seq} does not name the hash of event ${at.seq}`, {
          seq: event.seq,
        });
      }
    }
    if ((await eventHashOf(event)) !== event.hash) {
      return failed("FEED_CHAIN_BROKEN", `event ${event.seq}: its hash does not match its content`, {
        seq: event.seq,
      });
    }
    if ((await jsonHashOf(event.record)) !== event.recordHash) {
      return failed("FEED_CHAIN_BROKEN", `event ${event.seq}: recordHash is not the hash of its record`, {
        seq: event.seq,
      });
    }
    at = { seq: event.seq, hash: event.hash };
  }
  return passed(at);
}
