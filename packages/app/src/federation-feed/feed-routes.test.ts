import { SAMPLE_COURSE_CONTENT } from "@learnbridge/catalogue/testing";
import { publicKeyFromMultibase } from "@learnbridge/core";
import {
  CHAIN_START,
  checkChain,
  type FeedEvent,
  jsonHashOf,
  stateDigestOf,
  verifyCheckpoint,
} from "@learnbridge/federation";
import { describe, expect, it } from "vitest";
import { catalogueCentre } from "../catalogue/catalogue-centre.ts";
import { expectProblem } from "../test-support/expect-problem.ts";
import { CENTRE_URL, postJson } from "../test-support/test-centre.ts";

type Centre = Awaited<ReturnType<typeof catalogueCentre>>;
interface Changes {
  feed: string;
  events: FeedEvent[];
  headSeq: number;
  retainedFrom: number;
}
interface Snapshot {
  feed: string;
  asOfSeq: number;
  asOfHash: string | null;
  records: Record<string, unknown>[];
  next: string | null;
}
const DAY = 86_400_000;

/** Creates `slugs` (and returns the staff token). */
async function withCourses(centre: Centre, ...slugs: string[]) {
  const token = await centre.token("achievements");
  for (const slug of slugs) {
    const response = await postJson(
      centre.app,
      "/catalogue/courses",
      { slug, ...SAMPLE_COURSE_CONTENT },
      { token },
    );
    if (response.status !== 201) throw new Error(`create failed: ${await response.text()}`);
  }
  return token;
}

const remove = (centre: Centre, slug: string, token: string) =>
  centre.app.request(`/catalogue/courses/${slug}`, {
    method: "DELETE",
    headers: { Authorization: `Bearer ${token}` },
  });

/** The key a kid names, from the DID document the centre serves. */
const keyLookup = (centre: Centre) => async (kid: string) => {
  const document = (await (await centre.app.request("/.well-known/did.json")).json()) as {
    verificationMethod: { id: string; publicKeyMultibase: string }[];
  };
  const method = document.verificationMethod.find((m) => m.id === kid);
  return method && publicKeyFromMultibase(method.publicKeyMultibase);
};

describe("GET /federation/feed/changes", () => {
  it("pages hash-chained events after a cursor, publicly", async () => {
    const centre = await catalogueCentre();
    const token = await withCourses(centre, "a", "b", "c");
    await remove(centre, "b", token);
    const response = await centre.app.request("/federation/feed/changes?after=0&limit=3");
    expect(response.status).toBe(200);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    const page = (await response.json()) as Changes;
    expect(page).toMatchObject({ feed: CENTRE_URL, headSeq: 4, retainedFrom: 1 });
    expect(page.events.map((e) => [e.seq, e.op, e.version])).toEqual([
      [1, "put", 1],
      [2, "put", 1],
      [3, "put", 1],
    ]);
    const rest = (await (await centre.app.request("/federation/feed/changes?after=3")).json()) as Changes;
    expect(rest.events.map((e) => [e.seq, e.op, e.version, e.record.type])).toEqual([
      [4, "delete", 2, "Tombstone"],
    ]);
    expect((await checkChain(CHAIN_START, [...page.events, ...rest.events])).ok).toBe(true);
  });

  it("answers an idle poll in a few dozen bytes, and 304 to the ETag it gave", async () => {
    const centre = await catalogueCentre();
    await withCourses(centre, "a");
    const idle = await centre.app.request("/federation/feed/changes?after=1");
    const text = await idle.text();
    expect(JSON.parse(text)).toEqual({ feed: CENTRE_URL, events: [], headSeq: 1, retainedFrom: 1 });
    expect(text.length).toBeLessThan(100);
    const etag = idle.headers.get("etag") ?? "";
    expect(idle.headers.get("cache-control")).toBe("no-cache");
    const again = await centre.app.request("/federation/feed/changes?after=1", {
      headers: { "If-None-Match": etag },
    });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    await withCourses(centre, "b");
    const changed = await centre.app.request("/federation/feed/changes?after=1", {
      headers: { "If-None-Match": etag },
    });
    expect(changed.status).toBe(200);
    expect(((await changed.json()) as Changes).events.map((e) => e.seq)).toEqual([2]);
  });

  it("refuses bad parameters (400)", async () => {
    const centre = await catalogueCentre();
    for (const query of ["after=-1", "after=x", "after=1.5", "limit=0", "limit=501", "limit=ten"]) {
      await expectProblem(await centre.app.request(`/federation/feed/changes?${query}`), 400, "BAD_REQUEST");
    }
  });

  it("sends a follower behind the retention window to the snapshot (410 FEED_BEHIND_RETENTION)", async () => {
    const centre = await catalogueCentre({ retention: { minEvents: 2, minDays: 1 } });
    const token = await withCourses(centre, "a", "b", "c");
    await remove(centre, "a", token);
    centre.advance(2 * DAY);
    await withCourses(centre, "d"); // compaction runs after the write: events older than 1 day and the last 2
    const behind = await expectProblem(
      await centre.app.request("/federation/feed/changes?after=0"),
      410,
      "FEED_BEHIND_RETENTION",
    );
    expect(behind.retainedFrom).toBe(4);
    const served = (await (await centre.app.request("/federation/feed/changes?after=3")).json()) as Changes;
    expect(served.events.map((e) => e.seq)).toEqual([4, 5]);
    // The snapshot still has every live record, and a follower bootstrapped from it agrees with the checkpoint.
    const snapshot = (await (await centre.app.request("/federation/feed/snapshot")).json()) as Snapshot;
    expect(snapshot.records.map((r) => String(r.id).split("/").at(-1))).toEqual(["b", "c", "d"]);
  });
});

describe("GET /federation/feed/snapshot and /checkpoint", () => {
  it("lets a follower bootstrap from the snapshot and changes, and match the signed checkpoint", async () => {
    const centre = await catalogueCentre();
    const token = await withCourses(centre, "a", "b", "c", "d", "e");
    await remove(centre, "c", token);
    // Page through the snapshot, two at a time, noting the asOfSeq of the first page.
    const records: Record<string, unknown>[] = [];
    let cursor: string | null = null;
    let first: Snapshot | undefined;
    do {
      const query: string = cursor ? `&after=${encodeURIComponent(cursor)}` : "";
      const page = (await (
        await centre.app.request(`/federation/feed/snapshot?limit=2${query}`)
      ).json()) as Snapshot;
      first ??= page;
      records.push(...page.records);
      cursor = page.next;
    } while (cursor);
    expect(first?.asOfSeq).toBe(6);
    expect(records).toHaveLength(4);
    // Changes made while it bootstrapped arrive after asOfSeq and continue the chain from asOfHash.
    await withCourses(centre, "f");
    const changes = (await (
      await centre.app.request(`/federation/feed/changes?after=${first?.asOfSeq}`)
    ).json()) as Changes;
    const chained = await checkChain(
      { seq: first?.asOfSeq ?? 0, hash: first?.asOfHash ?? null },
      changes.events,
    );
    expect(chained.ok).toBe(true);
    const live = new Map(records.map((r) => [String(r.id), r]));
    for (const event of changes.events) {
      if (event.op === "put") live.set(event.recordId, event.record);
      else live.delete(event.recordId);
    }
    const digest = await stateDigestOf(
      await Promise.all(
        [...live.values()].map(async (r) => ({
          recordId: String(r.id),
          version: Number(r.version),
          recordHash: await jsonHashOf(r),
        })),
      ),
    );
    const response = await centre.app.request("/federation/feed/checkpoint");
    expect(response.headers.get("content-type")).toBe("application/jwt");
    const checkpoint = await verifyCheckpoint(await response.text(), {
      resolveKey: keyLookup(centre),
      entityId: CENTRE_URL,
      clock: centre.clock,
    });
    expect(checkpoint.ok && checkpoint.value.payload).toMatchObject({
      iss: CENTRE_URL,
      head_seq: 7,
      state_digest: digest,
      record_count: 5,
    });
  });

  it("answers the checkpoint's ETag with 304 until the head moves or the key rotates", async () => {
    const centre = await catalogueCentre();
    await withCourses(centre, "a");
    const first = await centre.app.request("/federation/feed/checkpoint");
    const etag = first.headers.get("etag") ?? "";
    const kid = JSON.parse(Buffer.from((await first.text()).split(".")[0] ?? "", "base64url").toString()).kid;
    const same = await centre.app.request("/federation/feed/checkpoint", {
      headers: { "If-None-Match": etag },
    });
    expect(same.status).toBe(304);
    await postJson(centre.app, "/keys/rotate", {}, { token: await centre.token("admin") });
    const rotated = await centre.app.request("/federation/feed/checkpoint", {
      headers: { "If-None-Match": etag },
    });
    expect(rotated.status).toBe(200);
    const verified = await verifyCheckpoint(await rotated.text(), {
      resolveKey: keyLookup(centre),
      clock: centre.clock,
    });
    expect(verified.ok && verified.value.kid).not.toBe(kid);
    expect(verified.ok && verified.value.kid.startsWith(`${centre.keys.did}#`)).toBe(true);
  });

  it("refuses a bad snapshot cursor or limit (400); an empty feed has an empty snapshot", async () => {
    const centre = await catalogueCentre();
    await expectProblem(await centre.app.request("/federation/feed/snapshot?limit=501"), 400, "BAD_REQUEST");
    await expectProblem(await centre.app.request("/federation/feed/snapshot?after="), 400, "BAD_REQUEST");
    expect(await (await centre.app.request("/federation/feed/snapshot")).json()).toEqual({
      feed: CENTRE_URL,
      asOfSeq: 0,
      asOfHash: null,
      records: [],
      next: null,
    });
  });
});

describe("the OpenAPI document of a publishing centre", () => {
  it("describes every route it registers, the catalogue and the feed included", async () => {
    const { app } = await catalogueCentre();
    const document = (await (await app.request("/openapi.json")).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const routes = new Set(
      app.routes
        .filter((r) => r.method !== "ALL")
        .map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:(\w+)/g, "{$1}")}`),
    );
    const described = new Set(
      Object.entries(document.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m} ${p}`)),
    );
    for (const route of [
      "post /catalogue/courses",
      "get /catalogue/courses",
      "get /catalogue/courses/{slug}",
      "put /catalogue/courses/{slug}",
      "delete /catalogue/courses/{slug}",
      "get /federation/feed/changes",
      "get /federation/feed/checkpoint",
      "get /federation/feed/snapshot",
    ]) {
      expect(routes.has(route), route).toBe(true);
      expect(described.has(route), route).toBe(true);
    }
    expect(described).toEqual(routes);
  });
});
