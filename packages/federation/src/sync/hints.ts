/**
 * Push hints: a signed POST `{feed, headSeq}` to `{publicUrl}/federation/feed/hints` of the nodes that may
 * follow a feed, telling them it moved. A hint carries nothing that is trusted; it only makes the receiver
 * pull sooner, and only from a feed it follows, signed by that feed's own keys (RFC 9421).
 */
import type { Clock, Signer } from "@learnbridge/core";
import { fromUtf8 } from "@learnbridge/core";
import { type FeedResult, failed, passed } from "../feed/result.ts";
import { signedJsonPost } from "../http-signature/sign-request.ts";
import type { FeedFetch } from "./feed-client.ts";
import type { Hint } from "./pull-report.ts";

/** The path of the hints endpoint under a node's publicUrl. */
export const HINTS_PATH = "/federation/feed/hints";

/** The hints URL of a node. */
export const hintsUrlOf = (publicUrl: string): string => `${publicUrl.replace(/\/+$/, "")}${HINTS_PATH}`;

/** Reads a hint body: `{"feed": "<http(s) URL>", "headSeq": <integer ≥ 0>}` and nothing else. */
export function parseHint(body: Uint8Array): FeedResult<Hint> {
  let value: unknown;
  try {
    value = JSON.parse(fromUtf8(body));
  } catch {
    return failed("MALFORMED_JSON", "the hint is not JSON");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return failed("BAD_REQUEST", "a hint is a JSON object {feed, headSeq}");
  }
  const { feed, headSeq, ...extra } = value as Record<string, unknown>;
  if (typeof feed !== "string" || !URL.canParse(feed) || !/^https?:$/.test(new URL(feed).protocol)) {
    return failed("FIELD_INVALID", "feed: must be the http(s) entity id of a feed", { field: "feed" });
  }
  if (!Number.isSafeInteger(headSeq) || (headSeq as number) < 0) {
    return failed("FIELD_INVALID", "headSeq: must be an integer >= 0", { field: "headSeq" });
  }
  const unknown = Object.keys(extra)[0];
  if (unknown !== undefined)
    return failed("FIELD_INVALID", `${unknown}: is not a member of a hint`, { field: unknown });
  return passed({ feed, headSeq: headSeq as number });
}

export interface SendHintsOptions {
  /** Signs with the node's active key (keyid: its DID URL). */
  readonly signer: Signer;
  readonly fetch?: FeedFetch;
  readonly clock?: Clock;
  /** Deadline per target; default 5 s. */
  readonly timeoutMs?: number;
}

/** What each target answered: its HTTP status, or 0 when it could not be reached. */
export interface HintDelivery {
  readonly target: string;
  readonly status: number;
}

/**
 * Tells each target that `hint.feed` reached `hint.headSeq`. Best effort: a target that is down misses the
 * hint and catches up by its own polling.
 * @example await sendHints({ feed: publicUrl, headSeq: head.seq }, peers, { signer: await keys.signer() });
 */
export async function sendHints(
  hint: Hint,
  targets: readonly string[],
  options: SendHintsOptions,
): Promise<HintDelivery[]> {
  const send = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  return Promise.all(
    [...new Set(targets)].map(async (target): Promise<HintDelivery> => {
      try {
        const request = await signedJsonPost(hintsUrlOf(target), hint, {
          signer: options.signer,
          ...(options.clock ? { clock: options.clock } : {}),
        });
        const response = await send(request.url, {
          method: "POST",
          headers: request.headers,
          body: await request.arrayBuffer(),
          redirect: "manual",
          signal: AbortSignal.timeout(options.timeoutMs ?? 5000),
        });
        await response.body?.cancel();
        return { target, status: response.status };
      } catch {
        return { target, status: 0 };
      }
    }),
  );
}
