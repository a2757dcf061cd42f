/**
 * Reads a peer's feed over HTTP: a page of changes, a page of the snapshot, the signed checkpoint. Each
 * read has a deadline and a size cap, and its answer is checked for shape before anyone trusts a member of
 * it; failures are results with a code (FEED_BEHIND_RETENTION for a 410, UPSTREAM_UNAVAILABLE for the
 * network or a 5xx, FIELD_INVALID for an answer of the wrong shape), never exceptions. Changes and the
 * checkpoint are read conditionally when the follower has an ETag: an idle poll is then a 304 without body.
 */
import type { ErrorCode } from "@learnbridge/core";
import type { FeedResult } from "../feed/result.ts";
import { failed, passed } from "../feed/result.ts";
import { isObject } from "../json-object.ts";
import { readCapped } from "../read-capped.ts";

/** The `fetch` the client calls (injected: tests route origins to in-process apps). */
export type FeedFetch = (input: string, init: RequestInit) => Promise<Response>;

/** A page of changes as served. Events are unchecked here: `checkChain` judges them. */
export interface ChangesPage {
  readonly feed: string;
  readonly events: readonly unknown[];
  readonly headSeq: number;
  readonly retainedFrom: number;
  /** The answer's ETag, if it had one. */
  readonly etag?: string;
}

/** A signed checkpoint as served (unverified), with its ETag. */
export interface CheckpointAnswer {
  readonly jws: string;
  readonly etag?: string;
}

/** A 304 to a conditional read: what the follower has from the answer that ETag came with still stands. */
export interface NotModified {
  readonly notModified: true;
}

const NOT_MODIFIED: NotModified = { notModified: true };

/** True for the answer to a conditional read that changed nothing. */
export const isNotModified = (answer: object): answer is NotModified =>
  (answer as Partial<NotModified>).notModified === true;

/** A page of the snapshot as served. Records are unchecked here: the record checker judges them. */
export interface SnapshotPage {
  readonly feed: string;
  readonly asOfSeq: number;
  readonly asOfHash: string | null;
  readonly records: readonly unknown[];
  readonly next: string | null;
}

export interface FeedClientOptions {
  readonly fetch?: FeedFetch;
  /** Deadline of one read, body included; default 15 s. */
  readonly timeoutMs?: number;
  /** Largest answer read; default 16 MiB (500 records of up to 32 KiB). */
  readonly maxBytes?: number;
}

const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

/** The URL of a feed resource under the peer's publicUrl. */
export const feedUrl = (feed: string, resource: string, query: Record<string, string | number> = {}) => {
  const url = new URL(`${feed.replace(/\/+$/, "")}/federation/feed/${resource}`);
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, String(value));
  return url.href;
};

/** A client of peers' feeds. */
export class FeedClient {
  readonly #fetch: FeedFetch;
  readonly #timeoutMs: number;
  readonly #maxBytes: number;

  constructor(options: FeedClientOptions = {}) {
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.#timeoutMs = options.timeoutMs ?? 15_000;
    this.#maxBytes = options.maxBytes ?? 16 * 1024 * 1024;
  }

  /** `GET changes?after=&limit=`, with `If-None-Match: etag` when given. */
  async changes(
    feed: string,
    after: number,
    limit: number,
    etag?: string,
  ): Promise<FeedResult<ChangesPage | NotModified>> {
    const read = await this.#read(feedUrl(feed, "changes", { after, limit }), "application/json", etag);
    if (!read.ok) return read;
    if (isNotModified(read.value)) return passed(read.value);
    const body = parseJson(read.value.body);
    if (
      !isObject(body) ||
      !Array.isArray(body.events) ||
      !isCount(body.headSeq) ||
      !isCount(body.retainedFrom)
    ) {
      return failed("FIELD_INVALID", "the changes answer is not {feed, events, headSeq, retainedFrom}");
    }
    if (body.feed !== feed)
      return failed("FIELD_INVALID", `the changes answer is of ${String(body.feed)}, not ${feed}`);
    return passed({
      feed,
      events: body.events,
      headSeq: body.headSeq,
      retainedFrom: body.retainedFrom,
      ...(read.value.etag ? { etag: read.value.etag } : {}),
    });
  }

  /** `GET snapshot?after=&limit=`. */
  async snapshot(feed: string, after: string | null, limit: number): Promise<FeedResult<SnapshotPage>> {
    const query: Record<string, string | number> = after === null ? { limit } : { after, limit };
    const read = await this.#read(feedUrl(feed, "snapshot", query), "application/json");
    if (!read.ok) return read;
    if (isNotModified(read.value)) return failed("FIELD_INVALID", "a 304 to an unconditional read");
    const body = parseJson(read.value.body);
    if (!isObject(body) || !Array.isArray(body.records) || !isCount(body.asOfSeq)) {
      return failed("FIELD_INVALID", "the snapshot answer is not {feed, asOfSeq, records, next}");
    }
    if (body.feed !== feed)
      return failed("FIELD_INVALID", `the snapshot answer is of ${String(body.feed)}, not ${feed}`);
    const next = body.next ?? null;
    const asOfHash = body.asOfHash ?? null;
    if (
      (next !== null && (typeof next !== "string" || next === after)) ||
      (asOfHash !== null && typeof asOfHash !== "string")
    ) {
      return failed(
        "FIELD_INVALID",
        "the snapshot's next or asOfHash is not a string, or next does not advance",
      );
    }
    return passed({ feed, asOfSeq: body.asOfSeq, asOfHash, records: body.records, next });
  }

  /** `GET checkpoint`: the compact JWS, unverified; with `If-None-Match: etag` when given. */
  async checkpoint(feed: string, etag?: string): Promise<FeedResult<CheckpointAnswer | NotModified>> {
    const read = await this.#read(feedUrl(feed, "checkpoint"), "application/jwt", etag);
    if (!read.ok || isNotModified(read.value)) return read as FeedResult<NotModified>;
    return passed({ jws: read.value.body.trim(), ...(read.value.etag ? { etag: read.value.etag } : {}) });
  }

  async #read(
    url: string,
    accept: string,
    etag?: string,
  ): Promise<FeedResult<{ readonly body: string; readonly etag?: string } | NotModified>> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.#timeoutMs);
    try {
      const response = await this.#fetch(url, {
        headers: etag ? { accept, "if-none-match": etag } : { accept },
        redirect: "manual",
        signal: controller.signal,
      });
      // Only an answer to a conditional read may be a 304; to any other it says nothing.
      if (response.status === 304 && etag) {
        await response.body?.cancel();
        return passed(NOT_MODIFIED);
      }
      if (response.status === 410) {
        await response.body?.cancel();
        return failed("FEED_BEHIND_RETENTION", `${url}: the feed no longer holds those events`);
      }
      // Workers know no redirect "error": a redirect comes back as such and is refused like any non-200.
      if (!response.ok || response.type === "opaqueredirect") {
        await response.body?.cancel();
        const code: ErrorCode =
          response.status >= 500 || response.status === 429 || response.status === 404
            ? "UPSTREAM_UNAVAILABLE"
            : "FIELD_INVALID";
        return failed(code, `${url}: HTTP ${response.status}`, { status: response.status });
      }
      const body = await readCapped(response, this.#maxBytes, { fatal: true });
      if (body === undefined) throw new Error(`the answer is larger than ${this.#maxBytes} bytes`);
      const answerEtag = response.headers.get("etag");
      return passed(answerEtag ? { body, etag: answerEtag } : { body });
    } catch (error) {
      const reason = controller.signal.aborted
        ? "timed out"
        : error instanceof Error
          ? error.message
          : String(error);
      return failed("UPSTREAM_UNAVAILABLE", `${url}: ${reason}`);
    } finally {
      clearTimeout(timer);
    }
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
