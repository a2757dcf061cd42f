/**
 * The follower over HTTP. Public: `POST /federation/feed/hints`, a push hint signed per RFC 9421 by the
 * hinting feed's own key; it is answered 202 and only ever makes a followed peer due. Staff (scope admin):
 * follow and unfollow a feed, list the peers with their position and health, pull one now, read the
 * replica (what is held of whom) and the quarantine list. Follows and unfollows are audited.
 */
import { toXsdDateTime } from "@learnbridge/core";
import { breakerView, HINTS_PATH, type Peer, parseHint, verifyRequest } from "@learnbridge/federation";
import { type Context, Hono } from "hono";
import type { AppEnv, ResolvedDeps } from "../deps.ts";
import { integerParam } from "../federation-feed/integer-param.ts";
import { badRequest, optionalString, readJsonObject } from "../json-body.ts";
import { requireScope } from "../middleware/bearer-auth.ts";
import { ProblemError } from "../problem.ts";
import type { FederationSync } from "./federation-sync.ts";

/** Keeps `work` alive after the response where the runtime would end it (Workers); Node needs nothing. */
function runAfterResponse(c: Context<AppEnv>, work: Promise<unknown>): void {
  try {
    const context = c.executionCtx;
    context.waitUntil(work);
  } catch {
    // No ExecutionContext (Node, tests): the process outlives the response.
  }
}

/** What an admin sees of a peer. */
export function peerView(peer: Peer, now: Date) {
  return { ...peer, breaker: breakerView(peer, now) };
}

/** The feed named by `?feed=`, which must be followable; a 400 otherwise. */
function feedParam(c: Context<AppEnv>): string {
  const feed = c.req.query("feed");
  if (!feed) throw badRequest("feed", "is required: the entity id (publicUrl) of the feed");
  return feed;
}

/** The hints route and the staff routes of `sync`. */
export function federationSyncRoutes(deps: ResolvedDeps, sync: FederationSync): Hono<AppEnv> {
  const admin = requireScope(deps.apiKeys, "admin");
  const hintsUrl = `${deps.publicUrl}${HINTS_PATH}`;
  const audit = (
    c: Context<AppEnv>,
    action: string,
    subject: string,
    details: Record<string, unknown> = {},
  ) =>
    deps.audit.append({
      at: toXsdDateTime(deps.clock()),
      actor: c.get("apiKey").id,
      origin: c.get("clientAddress"),
      action,
      subject,
      details,
    });
  const known = async (feed: string) => {
    const peer = await sync.replica.getPeer(feed);
    if (!peer) throw new ProblemError("NOT_FOUND", `${feed} is not followed`);
    return peer;
  };

  return new Hono<AppEnv>()
    .post(HINTS_PATH, async (c) => {
      const body = new Uint8Array(await c.req.arrayBuffer());
      const hint = parseHint(body);
      if (!hint.ok) throw new ProblemError(hint.code, hint.reason, { extras: hint.details ?? {} });
      const peer = await sync.replica.getPeer(hint.value.feed);
      // Not followed: nothing to do, and no reason to fetch anybody's keys.
      if (peer?.status !== "active") return c.json({ accepted: true, scheduled: false }, 202);
      const verified = await verifyRequest(
        { method: c.req.method, url: c.req.url, headers: c.req.raw.headers },
        body,
        {
          resolveKey: async (keyId) => {
            if (!keyId.startsWith(`${peer.did}#`)) return undefined;
            const key = await sync.peerKeys.publicKey(keyId, "authentication");
            // A key rotated since the document was cached: look again, at most once a minute per peer.
            if (key || !sync.peerKeys.forget(peer.did, { olderThanMs: 60_000 })) return key;
            return sync.peerKeys.publicKey(keyId, "authentication");
          },
          targetUri: hintsUrl,
          clock: deps.clock,
        },
      );
      if (!verified.verified) throw new ProblemError("HTTP_SIGNATURE_INVALID", verified.reason);
      const outcome = await sync.follower.receiveHint(hint.value, verified.keyId);
      if (outcome === "scheduled") runAfterResponse(c, sync.follower.pull(peer.feed));
      return c.json({ accepted: true, scheduled: outcome === "scheduled" }, 202);
    })
    .post("/federation/peers", admin, async (c) => {
      const body = await readJsonObject(c);
      const feed = optionalString(body, "feed");
      if (!feed || !sync.isFollowable(feed)) {
        throw badRequest(
          "feed",
          "must be the entity id of a feed: an https URL (http only where allowed), no query",
        );
      }
      const { created, peer } = await sync.follower.follow(feed, sync.didOf(feed));
      if (created) {
        await audit(c, "federation.follow", feed, { did: peer.did });
        runAfterResponse(c, sync.follower.pull(feed));
      }
      return c.json(peerView(peer, deps.clock()), created ? 201 : 200);
    })
    .get("/federation/peers", admin, async (c) => {
      const now = deps.clock();
      return c.json({ peers: (await sync.replica.listPeers()).map((p) => peerView(p, now)) });
    })
    .delete("/federation/peers", admin, async (c) => {
      const feed = feedParam(c);
      await known(feed);
      await sync.follower.unfollow(feed);
      await audit(c, "federation.unfollow", feed);
      return c.json({ feed, followed: false });
    })
    .post("/federation/peers/pull", admin, async (c) => {
      const feed = feedParam(c);
      await known(feed);
      return c.json(await sync.follower.pull(feed));
    })
    .get("/federation/replica", admin, async (c) => {
      const feed = c.req.query("feed");
      const after = c.req.query("after");
      const limit = integerParam(c, "limit", 1, 500, 100);
      const records = await sync.replica.listRecords({
        ...(feed ? { feed } : {}),
        ...(after ? { after } : {}),
        liveOnly: c.req.query("live") === "true",
        limit,
      });
      return c.json({ records, ...(records.length === limit ? { next: records.at(-1)?.recordId } : {}) });
    })
    .get("/federation/quarantine", admin, async (c) => {
      const after = integerParam(c, "after", 0, Number.MAX_SAFE_INTEGER, 0);
      const limit = integerParam(c, "limit", 1, 500, 100);
      const entries = await sync.replica.listQuarantine({ after, limit });
      return c.json({ entries, ...(entries.length === limit ? { next: entries.at(-1)?.seq } : {}) });
    });
}
