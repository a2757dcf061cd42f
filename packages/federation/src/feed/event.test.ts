import { describe, expect, it } from "vitest";
import {
  CHAIN_START,
  type ChainPosition,
  chainEvent,
  checkChain,
  eventHashOf,
  type FeedChange,
  type FeedEvent,
  jsonHashOf,
  parseFeedEvent,
} from "./event.ts";

const AT = "2026-06-01T00:00:00.000Z";

async function change(recordId: string, version: number, op: "put" | "delete" = "put"): Promise<FeedChange> {
  const record = { id: recordId, version, ...(op === "delete" ? { type: "Tombstone" } : { title: "x" }) };
  return { op, recordId, version, recordHash: await jsonHashOf(record), record };
}

/** A chain of `n` puts from the start. */
async function chainOf(n: number): Promise<FeedEvent[]> {
  const events: FeedEvent[] = [];
  let at: ChainPosition = CHAIN_START;
  for (let i = 1; i <= n; i++) {
    const event = await chainEvent(at, await change(`urn:r:${i}`, 1), AT);
    events.push(event);
    at = { seq: event.seq, hash: event.hash };
  }
  return events;
}

describe("feed events", () => {
  it("hash the JCS form of the event without its hash, whatever the key order", async () => {
    const [first] = await chainOf(1);
    if (!first) throw new Error("no event");
    expect(first).toMatchObject({ seq: 1, prev: null, op: "put", at: AT });
    expect(first.hash).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const reordered = Object.fromEntries(Object.entries(first).reverse()) as unknown as FeedEvent;
    expect(await eventHashOf(reordered)).toBe(first.hash);
    expect(await eventHashOf({ ...first, at: "2026-06-01T00:00:01.000Z" })).not.toBe(first.hash);
  });

  it("chain: each names the hash of the one before", async () => {
    const events = await chainOf(3);
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(events[1]?.prev).toBe(events[0]?.hash);
    expect(events[2]?.prev).toBe(events[1]?.hash);
    const checked = await checkChain(CHAIN_START, events);
    expect(checked).toEqual({ ok: true, value: { seq: 3, hash: events[2]?.hash } });
  });

  it("continues from a cursor, and from a snapshot whose head hash is unknown", async () => {
    const events = await chainOf(4);
    const [, second, third, fourth] = events as [FeedEvent, FeedEvent, FeedEvent, FeedEvent];
    expect((await checkChain({ seq: 2, hash: second.hash }, [third, fourth])).ok).toBe(true);
    expect((await checkChain({ seq: 2, hash: null }, [third, fourth])).ok).toBe(true);
    expect(await checkChain({ seq: 4, hash: fourth.hash }, [])).toEqual({
      ok: true,
      value: { seq: 4, hash: fourth.hash },
    });
  });

  it("a missing, repeated or reordered event is FEED_GAP", async () => {
    const [a, b, c] = (await chainOf(3)) as [FeedEvent, FeedEvent, FeedEvent];
    for (const page of [[a, c], [a, a], [b, a], [b]]) {
      const checked = await checkChain(CHAIN_START, page);
      expect(checked.ok ? "passed" : checked.code).toBe("FEED_GAP");
    }
  });

  it("a wrong prev, an altered event or record is FEED_CHAIN_BROKEN", async () => {
    const [a, b] = (await chainOf(2)) as [FeedEvent, FeedEvent];
    const other = await chainEvent({ seq: 1, hash: b.hash }, await change("urn:r:9", 1), AT);
    const altered = { ...b, version: 2 };
    const rehashedRecord = { ...b, record: { id: "urn:r:2", version: 1, title: "forged" } };
    rehashedRecord.hash = await eventHashOf(rehashedRecord);
    for (const page of [
      [a, other],
      [a, altered],
      [a, rehashedRecord],
    ]) {
      const checked = await checkChain(CHAIN_START, page);
      expect(checked.ok ? "passed" : checked.code).toBe("FEED_CHAIN_BROKEN");
    }
    // The follower's cursor names another hash than the one the page continues from: a fork.
    const fork = await checkChain({ seq: 1, hash: b.hash }, [b]);
    expect(fork.ok ? "passed" : fork.code).toBe("FEED_CHAIN_BROKEN");
    const wrongPrev = await checkChain({ seq: 0, hash: null }, [{ ...a, prev: b.hash }]);
    expect(wrongPrev.ok ? "passed" : wrongPrev.code).toBe("FIELD_INVALID");
  });

  it("parseFeedEvent names the member that is wrong", async () => {
    const [a] = (await chainOf(1)) as [FeedEvent];
    const cases: [unknown, string, string?][] = [
      [null, "FIELD_INVALID"],
      [{ ...a, seq: 0 }, "FIELD_INVALID", "seq"],
      [{ ...a, op: "upsert" }, "FIELD_INVALID", "op"],
      [{ ...a, version: 1.5 }, "FIELD_INVALID", "version"],
      [{ ...a, recordHash: "abc" }, "FIELD_INVALID", "recordHash"],
      [{ ...a, record: [] }, "FIELD_INVALID", "record"],
      [{ ...a, at: "yesterday" }, "FIELD_INVALID", "at"],
      [{ ...a, hash: 1 }, "FIELD_INVALID", "hash"],
      [{ ...a, extra: 1 }, "FIELD_INVALID", "extra"],
      [{ ...a, record: undefined }, "FIELD_MISSING", "record"],
    ];
    for (const [value, code, field] of cases) {
      const parsed = parseFeedEvent(value);
      expect(parsed.ok ? "passed" : [parsed.code, parsed.details?.field]).toEqual([code, field]);
    }
    expect(parseFeedEvent(a).ok).toBe(true);
  });
});
