import { describe, expect, it } from "vitest";
import { jsonHashOf } from "./event.ts";
import { FeedPublisher, type RecordChecker } from "./feed-publisher.ts";
import { MemoryFeedLog } from "./memory-feed-log.ts";
import { failed, passed } from "./result.ts";

/** A record type of this test: `{id, owner, version, deleted?, sig}` where sig must read "ok". */
const checkRecord: RecordChecker = async (record) => {
  const r = record as Record<string, unknown>;
  if (r.sig !== "ok") return failed("RECORD_SIGNATURE_INVALID", "bad signature");
  return passed({
    recordId: String(r.id),
    owner: String(r.owner),
    version: Number(r.version),
    deleted: r.deleted === true,
  });
};

const record = (version: number, extra: Record<string, unknown> = {}) => ({
  id: "urn:course:1",
  owner: "did:web:a.example",
  version,
  sig: "ok",
  ...extra,
});

describe("FeedPublisher", () => {
  it("appends checked records as puts and signed tombstones as deletes", async () => {
    const log = new MemoryFeedLog();
    const publisher = new FeedPublisher({ log, checkRecord });
    const put = await publisher.publish(record(1));
    expect(put).toMatchObject({
      ok: true,
      value: { seq: 1, op: "put", recordId: "urn:course:1", version: 1 },
    });
    expect(put.ok && put.value.recordHash).toBe(await jsonHashOf(record(1)));
    const deletion = await publisher.tombstone(record(2, { deleted: true }));
    expect(deletion).toMatchObject({ ok: true, value: { seq: 2, op: "delete", version: 2 } });
    expect(await log.head()).toMatchObject({ seq: 2, recordCount: 0 });
  });

  it("passes on the checker's refusal, a kind mismatch, a stranger's record and a stale version", async () => {
    const log = new MemoryFeedLog();
    const publisher = new FeedPublisher({
      log,
      checkRecord,
      acceptOwner: (owner) => owner === "did:web:a.example",
    });
    const code = async (result: Promise<{ ok: boolean; code?: string }>) => {
      const r = await result;
      return r.ok ? "appended" : r.code;
    };
    expect(await code(publisher.publish(record(1, { sig: "forged" })))).toBe("RECORD_SIGNATURE_INVALID");
    expect(await code(publisher.publish(record(1, { deleted: true })))).toBe("FIELD_INVALID");
    expect(await code(publisher.tombstone(record(1)))).toBe("FIELD_INVALID");
    expect(await code(publisher.publish(record(1, { owner: "did:web:b.example" })))).toBe(
      "RECORD_OWNER_UNTRUSTED",
    );
    expect(await code(publisher.publish(record(3)))).toBe("appended");
    expect(await code(publisher.publish(record(2)))).toBe("RECORD_STALE");
    expect((await log.head()).seq).toBe(1);
    expect(() => new FeedPublisher({ log } as never)).toThrow(TypeError);
  });
});
