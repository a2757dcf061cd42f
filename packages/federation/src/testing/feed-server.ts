/**
 * A feed's HTTP face for tests of followers, without a whole node: changes, snapshot and checkpoint of a
 * FeedLog, as the contract puts them on the wire, with ETags and 304s as the node's publisher answers them. `serveFeed` can be told to misbehave (drop or rewrite
 * events) to play a faulty or hostile origin; `routeOrigins` is a `fetch` that sends each origin to its
 * handler and lets a test take an origin down.
 */
import type { Clock, Signer } from "@learnbridge/core";
import { CHECKPOINT_MEDIA_TYPE, signCheckpoint } from "../feed/checkpoint.ts";
import type { FeedEvent } from "../feed/event.ts";
import type { FeedLog } from "../feed/feed-log.ts";

/** Handles one request. */
export type RequestHandler = (request: Request) => Promise<Response>;

export interface ServeFeedOptions {
  /** The feed's entity id (its publicUrl). */
  readonly entityId: string;
  readonly log: FeedLog;
  /** Signs checkpoints (the origin's active key). */
  readonly signer: () => Promise<Signer>;
  readonly clock?: Clock;
  /** Rewrites the events of a changes page before they are served (a hostile origin). */
  readonly tamper?: (events: readonly FeedEvent[]) => readonly FeedEvent[];
  /** Extra routes under the entity id (a DID document…), by path. */
  readonly routes?: Readonly<Record<string, RequestHandler>>;
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });

/** True when the request's If-None-Match names `etag`. */
const matches = (request: Request, etag: string) =>
  (request.headers.get("if-none-match") ?? "")
    .split(",")
    .some((tag) => tag.trim().replace(/^W\//, "") === etag);

const notModified = (etag: string) => new Response(null, { status: 304, headers: { etag } });

/** Serves `log` under `entityId`. */
export function serveFeed(options: ServeFeedOptions): RequestHandler {
  const base = new URL(options.entityId).pathname.replace(/\/+$/, "");
  return async (request) => {
    const url = new URL(request.url);
    const path = url.pathname.slice(base.length);
    const extra = options.routes?.[path];
    if (extra) return extra(request);
    const limit = Number(url.searchParams.get("limit") ?? 500);
    if (path === "/federation/feed/changes") {
      const page = await options.log.changes(Number(url.searchParams.get("after") ?? 0), limit);
      if (!page.ok)
        return json(
          { code: page.code, detail: page.reason },
          page.code === "FEED_BEHIND_RETENTION" ? 410 : 400,
        );
      // Like the publisher: the ETag names the head, so any append makes another answer.
      const etag = `"c${page.value.headSeq}.${page.value.retainedFrom}"`;
      if (matches(request, etag)) return notModified(etag);
      const events = options.tamper ? options.tamper(page.value.events) : page.value.events;
      return json({ feed: options.entityId, ...page.value, events }, 200, { etag });
    }
    if (path === "/federation/feed/snapshot") {
      const page = await options.log.snapshot(url.searchParams.get("after") ?? undefined, limit);
      return json({ feed: options.entityId, ...page });
    }
    if (path === "/federation/feed/checkpoint") {
      const head = await options.log.head();
      const signer = await options.signer();
      const etag = `"k${head.seq}.${signer.keyId}"`;
      if (matches(request, etag)) return notModified(etag);
      const jws = await signCheckpoint(
        {
          entityId: options.entityId,
          headSeq: head.seq,
          headHash: head.hash,
          stateDigest: head.stateDigest,
          recordCount: head.recordCount,
        },
        { signer, ...(options.clock ? { clock: options.clock } : {}) },
      );
      return new Response(jws, { headers: { "content-type": CHECKPOINT_MEDIA_TYPE, etag } });
    }
    return json({ code: "NOT_FOUND" }, 404);
  };
}

/** A `fetch` that routes by origin, with origins that can be taken down and brought back. */
export interface OriginRouter {
  (input: string | URL | Request, init?: RequestInit): Promise<Response>;
  /** Makes an origin unreachable (its requests fail as a network error would). */
  down(origin: string): void;
  up(origin: string): void;
  /** Requests made, as `METHOD url`. */
  readonly log: string[];
}

/** Routes each request to the handler of its origin. */
export function routeOrigins(handlers: Readonly<Record<string, RequestHandler>>): OriginRouter {
  const down = new Set<string>();
  const log: string[] = [];
  const route = (async (input: string | URL | Request, init?: RequestInit) => {
    const request = new Request(input, init);
    const origin = new URL(request.url).origin;
    log.push(`${request.method} ${request.url}`);
    const handler = handlers[origin];
    if (!handler || down.has(origin)) throw new TypeError(`fetch failed: ${origin} is unreachable`);
    return handler(request);
  }) as OriginRouter;
  route.down = (origin) => down.add(new URL(origin).origin);
  route.up = (origin) => down.delete(new URL(origin).origin);
  Object.defineProperty(route, "log", { value: log });
  return route;
}
