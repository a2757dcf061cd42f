/**
 * Judges the records of a page before anything is applied: each record's signature by its owner (the
 * injected record checker), that the owner is a trusted member (the injected trust check), and that the
 * event's facts are the signed record's. A record that fails is refused (listed in quarantine, not applied,
 * the cursor moves past it; refused for its owner's trust, it is also kept aside to be fetched again once
 * the owner is trusted); an unknown key is looked up again once, and if still unknown the whole page stops
 * and its peer is quarantined; an owner whose DID document or trust cannot be had now stops the page for a
 * retry later.
 */
import type { ErrorCode } from "@learnbridge/core";
import { jsonHashOf } from "../feed/event.ts";
import type { RecordChecker, RecordFacts } from "../feed/feed-publisher.ts";
import type { FeedResult } from "../feed/result.ts";
import type { OwnerTrust, TrustedOwnerCheck } from "../trust/trusted-owner.ts";
import type { NewQuarantineEntry, ReplicaEvent, UntrustedRecord } from "./replica-store.ts";

/**
 * Is this DID a trusted member of the network now? (the federation's `isTrustedOwner`.) `unavailable`, or
 * a rejection, means the answer cannot be had now: the page is retried later rather than refused.
 */
export type TrustCheck = TrustedOwnerCheck;

/** One item to judge: a feed event, or a snapshot record (which claims nothing but itself). */
export interface PageItem {
  readonly seq: number;
  readonly record: unknown;
  readonly claimed?: {
    readonly op: "put" | "delete";
    readonly recordId: string;
    readonly version: number;
    readonly recordHash: string;
  };
}

/** What judging a page gives. */
export type PageVerdict =
  | {
      readonly ok: true;
      readonly events: readonly ReplicaEvent[];
      readonly refused: readonly NewQuarantineEntry[];
      /** The refused ones whose owner was not trusted: fetched again once it is. */
      readonly untrusted: readonly UntrustedRecord[];
    }
  | {
      readonly ok: false;
      /** quarantine: the peer; retry: the pull fails and is retried later. */
      readonly action: "quarantine" | "retry";
      readonly code: ErrorCode;
      readonly reason: string;
      readonly details?: Readonly<Record<string, unknown>>;
    };

export interface VerifyContext {
  readonly feed: string;
  readonly at: string;
  readonly checkRecord: RecordChecker;
  readonly isTrustedOwner: TrustCheck;
  /** Forgets the cached DID document of `did`, so the next lookup fetches it. */
  readonly refreshKeys?: (did: string) => Promise<void> | void;
  /** Owners whose keys were refetched during this pull: at most once each. */
  readonly refreshed: Set<string>;
  /** Trust answers during this pull, by owner: each owner is asked at most once per pull. */
  readonly trusted: Map<string, Promise<OwnerTrust>>;
}

/** The trust of `owner`, asked once per pull; a check that throws counts as "cannot be said now". */
export function ownerTrustOf(ctx: VerifyContext, owner: string): Promise<OwnerTrust> {
  let answer = ctx.trusted.get(owner);
  if (!answer) {
    answer = Promise.resolve()
      .then(() => ctx.isTrustedOwner(owner))
      .catch(
        (error): OwnerTrust => ({
          status: "unavailable",
          reason: error instanceof Error ? error.message : String(error),
        }),
      );
    ctx.trusted.set(owner, answer);
  }
  return answer;
}

/** The owner a record claims, before it is verified (to know whose keys to refetch). */
const claimedOwner = (record: unknown): string | undefined => {
  const owner = (record as { owner?: unknown } | null)?.owner;
  return typeof owner === "string" ? owner : undefined;
};

const PERMANENT_LOOKUP = new Set<string>(["KEY_NOT_FOUND"]);
const TRANSIENT_LOOKUP = new Set<string>(["DID_RESOLUTION_FAILED"]);
const LOOKUP = new Set<string>([
  "KEY_NOT_FOUND",
  "DID_NOT_FOUND",
  "DID_RESOLUTION_FAILED",
  "DID_NETWORK_BLOCKED",
]);

/** Verifies a record, refetching its owner's keys once per pull when they are not found. */
async function checkOnce(item: PageItem, ctx: VerifyContext): Promise<FeedResult<RecordFacts>> {
  const first = await ctx.checkRecord(item.record);
  if (first.ok || !LOOKUP.has(first.code)) return first;
  const owner = claimedOwner(item.record);
  if (!owner || !ctx.refreshKeys || ctx.refreshed.has(owner)) return first;
  ctx.refreshed.add(owner);
  await ctx.refreshKeys(owner);
  return ctx.checkRecord(item.record);
}

/** Judges `items` in order. */
export async function verifyEntries(items: readonly PageItem[], ctx: VerifyContext): Promise<PageVerdict> {
  const events: ReplicaEvent[] = [];
  const refused: NewQuarantineEntry[] = [];
  const untrusted: UntrustedRecord[] = [];
  const refuse = (
    item: PageItem,
    code: ErrorCode,
    reason: string,
    facts?: Partial<RecordFacts>,
    details: Record<string, unknown> = {},
  ) => {
    const recordId =
      facts?.recordId ?? item.claimed?.recordId ?? (item.record as { id?: unknown } | null)?.id;
    const owner = facts?.owner ?? claimedOwner(item.record);
    const version = facts?.version ?? item.claimed?.version;
    refused.push({
      kind: "record",
      feed: ctx.feed,
      ...(typeof recordId === "string" ? { recordId } : {}),
      ...(owner ? { owner } : {}),
      ...(version !== undefined ? { version } : {}),
      code,
      reason,
      details: { seq: item.seq, ...details },
      at: ctx.at,
    });
  };
  for (const item of items) {
    const checked = await checkOnce(item, ctx);
    if (!checked.ok) {
      if (PERMANENT_LOOKUP.has(checked.code)) {
        return {
          ok: false,
          action: "quarantine",
          code: checked.code,
          reason: `record at seq ${item.seq}: ${checked.reason} (keys refetched once)`,
          details: { seq: item.seq, owner: claimedOwner(item.record) ?? null },
        };
      }
      if (TRANSIENT_LOOKUP.has(checked.code)) {
        return {
          ok: false,
          action: "retry",
          code: checked.code,
          reason: `record at seq ${item.seq}: ${checked.reason}`,
        };
      }
      refuse(item, checked.code, checked.reason);
      continue;
    }
    const facts = checked.value;
    const claimed = item.claimed;
    if (
      claimed &&
      (claimed.recordId !== facts.recordId ||
        claimed.version !== facts.version ||
        (claimed.op === "delete") !== facts.deleted)
    ) {
      refuse(
        item,
        "FIELD_INVALID",
        "the event's recordId, version or op is not what its signed record says",
        facts,
      );
      continue;
    }
    const trust = await ownerTrustOf(ctx, facts.owner);
    if (trust.status === "unavailable") {
      return {
        ok: false,
        action: "retry",
        code: "TRUST_UNAVAILABLE",
        reason: `the trust of ${facts.owner} cannot be resolved now: ${trust.reason}`,
      };
    }
    if (trust.status === "untrusted") {
      refuse(
        item,
        "RECORD_OWNER_UNTRUSTED",
        `${facts.owner} is not a trusted member of the network: ${trust.reason}`,
        facts,
        { trust: trust.code },
      );
      untrusted.push({
        recordId: facts.recordId,
        version: facts.version,
        owner: facts.owner,
        code: trust.code,
        at: ctx.at,
      });
      continue;
    }
    events.push({
      seq: item.seq,
      op: facts.deleted ? "delete" : "put",
      recordId: facts.recordId,
      version: facts.version,
      recordHash: claimed?.recordHash ?? (await jsonHashOf(item.record)),
      record: item.record as ReplicaEvent["record"],
      owner: facts.owner,
    });
  }
  return { ok: true, events, refused, untrusted };
}
