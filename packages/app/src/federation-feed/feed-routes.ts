/**
 * The node's signed change feed, public: `changes` (events after a cursor), `checkpoint` (a JWS over the
 * head and the state digest, signed with the active key) and `snapshot` (live records, for a first
 * download). An idle follower's poll is one small read: it sends the ETag it has and gets a 304, or asks
 * for changes after the head and gets a body of a few dozen bytes.
 */
import {
  CHECKPOINT_MEDIA_TYPE,
  type FeedHead,
  type FeedLog,
  MAX_FEED_PAGE,
  signCheckpoint,
} from "@learnbridge/federation";
import type { Context } from "hono";
import { Hono } from "hono";
import type { AppEnv, ResolvedDeps } from "../deps.ts";
import { badRequest } from "../json-body.ts";
import { publicCors } from "../middleware/public-cors.ts";
import { ProblemError } from "../problem.ts";
import { integerParam } from "./integer-param.ts";

const DEFAULT_PAGE = 100;
// Followers revalidate every time (their poll interval is the cache); the ETag makes that cheap.
const REVALIDATE = "no-cache";

/** True when the request's If-None-Match names `etag` (or is `*`). */
const notModified = (c: Context<AppEnv>, etag: string): boolean =>
  (c.req.header("If-None-Match") ?? "")
    .split(",")
    .map((tag) => tag.trim().replace(/^W\//, ""))
    .some((tag) => tag === etag || tag === "*");

const behindRetention = (retainedFrom: number) =>
  new ProblemError(
    "FEED_BEHIND_RETENTION",
    `events before ${retainedFrom} are no longer kept: take the snapshot`,
    {
      extras: { retainedFrom },
    },
  );

/** The three feed routes of `feed`, whose entity id is the node's public URL. */
export function feedRoutes(deps: ResolvedDeps, feed: FeedLog): Hono<AppEnv> {
  const entityId = deps.publicUrl;
  // A page names the head, so any append makes it another representation (a follower that is behind
  // moves its cursor on anyway; the one that polls the same URL again is the idle one).
  const changesEtag = (head: Pick<FeedHead, "seq" | "retainedFrom">) => `"c${head.seq}.${head.retainedFrom}"`;

  return new Hono<AppEnv>()
    .use("/federation/feed/*", publicCors())
    .get("/federation/feed/changes", async (c) => {
      const after = integerParam(c, "after", 0, Number.MAX_SAFE_INTEGER, 0);
      const limit = integerParam(c, "limit", 1, MAX_FEED_PAGE, DEFAULT_PAGE);
      const head = await feed.head();
      if (after < head.retainedFrom - 1) throw behindRetention(head.retainedFrom);
      const etag = changesEtag(head);
      if (notModified(c, etag)) return c.body(null, 304, { ETag: etag, "Cache-Control": REVALIDATE });
      let body = {
        feed: entityId,
        events: [] as unknown[],
        headSeq: head.seq,
        retainedFrom: head.retainedFrom,
      };
      // At the head (the idle poll) the head read already said everything.
      if (after < head.seq) {
        const page = await feed.changes(after, limit);
        if (!page.ok) throw behindRetention(Number(page.details?.retainedFrom ?? head.retainedFrom));
        body = { feed: entityId, ...page.value, events: [...page.value.events] };
      }
      return c.json(body, 200, {
        ETag: changesEtag({ seq: body.headSeq, retainedFrom: body.retainedFrom }),
        "Cache-Control": REVALIDATE,
      });
    })
    .get("/federation/feed/checkpoint", async (c) => {
      const [head, key] = await Promise.all([feed.head(), deps.keys.activeKey()]);
      // A new head or a rotated key makes a new checkpoint; until then the follower's copy stands.
      const etag = `"k${head.seq}.${key.id}"`;
      if (notModified(c, etag)) return c.body(null, 304, { ETag: etag, "Cache-Control": REVALIDATE });
      const jws = await signCheckpoint(
        {
          entityId,
          headSeq: head.seq,
          headHash: head.hash,
          stateDigest: head.stateDigest,
          recordCount: head.recordCount,
        },
        { signer: await deps.keys.signer(), clock: deps.clock },
      );
      return c.body(jws, 200, {
        "Content-Type": CHECKPOINT_MEDIA_TYPE,
        ETag: etag,
        "Cache-Control": REVALIDATE,
      });
    })
    .get("/federation/feed/snapshot", async (c) => {
      const after = c.req.query("after");
      if (after !== undefined && (after === "" || after.length > 2048))
        throw badRequest("after", "must be a record id");
      const limit = integerParam(c, "limit", 1, MAX_FEED_PAGE, DEFAULT_PAGE);
      const page = await feed.snapshot(after, limit);
      return c.json({ feed: entityId, ...page, records: [...page.records] }, 200, {
        "Cache-Control": REVALIDATE,
      });
    });
}
