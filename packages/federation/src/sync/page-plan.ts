/**
 * What applying a verified page does, computed from what the two views hold of its records: the writes to
 * the feed view (and the feed's digest and count), the writes to the catalogue view, and the equivocations
 * to quarantine. Every ReplicaStore implementation reads the held rows inside its transaction, calls this,
 * and writes the plan, so the version rule lives in one place; and so does the cap on live records per
 * owner, judged on what the page would do to the catalogue view.
 */
import { updateDigest } from "../feed/digest.ts";
import type { OwnerQuotaExceeded, QuarantineEntry, ReplicaEvent, ReplicaRecord } from "./replica-store.ts";
import { type HeldVersion, versionRule } from "./version-rule.ts";

/** What the feed view holds of one record of one feed. */
export interface FeedEntry extends HeldVersion {
  readonly recordId: string;
  /** Not yet seen again by a snapshot in progress; swept when that snapshot ends. */
  readonly marked: boolean;
}

/** The held state a page is planned against. */
export interface HeldState {
  readonly feed: string;
  readonly digest: string;
  readonly count: number;
  /** Feed entries of the page's record ids. */
  readonly entries: ReadonlyMap<string, FeedEntry>;
  /** Catalogue rows of the page's record ids. */
  readonly rows: ReadonlyMap<string, ReplicaRecord>;
  /** Live catalogue rows of each owner of the page's events (absent: none); needed with a cap. */
  readonly ownerCounts?: ReadonlyMap<string, number>;
}

/** The writes of a page. */
export interface PagePlan {
  readonly digest: string;
  readonly count: number;
  /** Feed entries to upsert (unmarked). */
  readonly entries: readonly FeedEntry[];
  /** Catalogue rows to upsert. */
  readonly rows: readonly ReplicaRecord[];
  /** Equivocations, without the seq the store assigns. */
  readonly equivocations: readonly Omit<QuarantineEntry, "seq">[];
  /** Events that changed the catalogue view. */
  readonly changed: readonly ReplicaEvent[];
  readonly stale: number;
  /** The page would take this owner past the cap: the store writes none of the plan. */
  readonly overQuota?: OwnerQuotaExceeded;
}

/** True when a catalogue row counts against its owner's cap: a record, not a tombstone, not hidden. */
export const isLiveRow = (row: ReplicaRecord | undefined): row is ReplicaRecord =>
  row !== undefined && row.op === "put" && !row.hidden;

const isLive = (entry: HeldVersion | undefined): entry is HeldVersion =>
  entry !== undefined && !entry.deleted;

/**
 * Plans `events` (in feed order) against `held`; with `maxRecordsPerOwner`, also says which owner (if any)
 * the page would take past that cap (`held.ownerCounts` must then hold the counts of the events' owners).
 */
export async function planPage(
  held: HeldState,
  events: readonly ReplicaEvent[],
  at: string,
  maxRecordsPerOwner?: number,
): Promise<PagePlan> {
  if (maxRecordsPerOwner !== undefined && !held.ownerCounts)
    throw new TypeError("planPage: a cap per owner needs held.ownerCounts");
  const entries = new Map(held.entries);
  const rows = new Map(held.rows);
  const touchedEntries = new Set<string>();
  const touchedRows = new Set<string>();
  const equivocations: Omit<QuarantineEntry, "seq">[] = [];
  const changed: ReplicaEvent[] = [];
  let { digest, count } = held;
  let stale = 0;

  for (const event of events) {
    const incoming = { ...event, deleted: event.op === "delete" };
    const entry = entries.get(event.recordId);
    const inFeed = versionRule(entry, event);
    if (inFeed === "applied") {
      const added = event.op === "put" ? event : undefined;
      digest = await updateDigest(digest, { removed: isLive(entry) ? { ...entry } : undefined, added });
      count += (added ? 1 : 0) - (isLive(entry) ? 1 : 0);
    }
    if (inFeed === "applied" || ((inFeed === "same" || inFeed === "stale") && entry?.marked)) {
      // A snapshot seeing the record again unmarks it, whatever its version.
      const kept = inFeed === "applied" ? incoming : (entry as FeedEntry);
      entries.set(event.recordId, {
        recordId: event.recordId,
        version: kept.version,
        recordHash: kept.recordHash,
        deleted: kept.deleted,
        marked: false,
      });
      touchedEntries.add(event.recordId);
    }

    const row = rows.get(event.recordId);
    const current = row && { version: row.version, recordHash: row.recordHash, deleted: row.op === "delete" };
    const inCatalogue = versionRule(current, event);
    if (inCatalogue === "applied") {
      rows.set(event.recordId, {
        recordId: event.recordId,
        owner: event.owner,
        version: event.version,
        recordHash: event.recordHash,
        op: event.op,
        record: event.record,
        hidden: false,
        feed: held.feed,
      });
      touchedRows.add(event.recordId);
      changed.push(event);
    } else if (inCatalogue === "stale") {
      stale++;
    }
    if (inFeed === "equivocation" || inCatalogue === "equivocation") {
      const earlier = inCatalogue === "equivocation" ? current : entry;
      equivocations.push({
        kind: "record",
        feed: held.feed,
        recordId: event.recordId,
        owner: event.owner,
        version: event.version,
        code: "RECORD_EQUIVOCATION",
        reason: `two different records were signed as version ${event.version}`,
        details: {
          heldHash: earlier?.recordHash ?? null,
          heldOp: earlier?.deleted ? "delete" : "put",
          incomingHash: event.recordHash,
          incomingOp: event.op,
          seq: event.seq,
        },
        at,
      });
      if (row && !row.hidden && row.version === event.version) {
        rows.set(event.recordId, { ...row, hidden: true });
        touchedRows.add(event.recordId);
      }
    }
  }
  const overQuota =
    maxRecordsPerOwner === undefined
      ? undefined
      : pastCap(
          held,
          [...touchedRows].map((id) => [held.rows.get(id), rows.get(id)] as const),
          maxRecordsPerOwner,
        );
  return {
    digest,
    count,
    entries: [...touchedEntries].map((id) => entries.get(id) as FeedEntry),
    rows: [...touchedRows].map((id) => rows.get(id) as ReplicaRecord),
    equivocations,
    changed,
    stale,
    ...(overQuota ? { overQuota } : {}),
  };
}

/** How the live rows of each owner change when rows go from `before` to `after`, in page order. */
export function ownerGrowth(
  changes: Iterable<readonly [ReplicaRecord | undefined, ReplicaRecord | undefined]>,
): Map<string, number> {
  const growth = new Map<string, number>();
  const add = (owner: string, n: number) => growth.set(owner, (growth.get(owner) ?? 0) + n);
  for (const [before, after] of changes) {
    if (isLiveRow(before)) add(before.owner, -1);
    if (isLiveRow(after)) add(after.owner, 1);
  }
  return growth;
}

/**
 * The first owner the page grows past `cap`. Only growth is judged: a page that keeps or lowers an owner's
 * count (updates, tombstones, a record replacing one deleted in the same page) applies even above the cap,
 * so an operator who lowers the cap does not freeze a centre's corrections.
 */
function pastCap(
  held: HeldState,
  changes: readonly (readonly [ReplicaRecord | undefined, ReplicaRecord | undefined])[],
  cap: number,
): OwnerQuotaExceeded | undefined {
  for (const [owner, grown] of ownerGrowth(changes)) {
    if (grown <= 0) continue;
    const before = held.ownerCounts?.get(owner) ?? 0;
    if (before + grown > cap) return { owner, cap, held: before, count: before + grown };
  }
  return undefined;
}

/** The writes that end a re-snapshot: entries it did not see again were deleted meanwhile. */
export interface SweepPlan {
  readonly digest: string;
  readonly count: number;
  /** Feed entries to remove. */
  readonly removed: readonly string[];
  /** Catalogue rows to hide: this feed held them at the row's version, and no followed feed holds them now. */
  readonly hidden: readonly string[];
}

/**
 * Plans the end of a re-snapshot: `marked` are the feed's entries the snapshot did not see again, `rows`
 * the catalogue rows of the same ids, `heldElsewhere` the ids another followed feed still holds live at
 * their row's version or above. A record deleted while the follower was behind retention left no
 * tombstone it could fetch; its row is hidden, and a later version from any feed shows it again. A row
 * that another feed still supplies stays visible, whichever feed delivered it first.
 */
export async function planSweep(
  held: { readonly feed: string; readonly digest: string; readonly count: number },
  marked: readonly FeedEntry[],
  rows: ReadonlyMap<string, ReplicaRecord>,
  heldElsewhere: ReadonlySet<string> = new Set(),
): Promise<SweepPlan> {
  let { digest, count } = held;
  const hidden: string[] = [];
  for (const entry of marked) {
    if (isLive(entry)) {
      digest = await updateDigest(digest, { removed: entry });
      count--;
    }
    const row = rows.get(entry.recordId);
    if (row && row.version === entry.version && !row.hidden && !heldElsewhere.has(row.recordId))
      hidden.push(row.recordId);
  }
  return { digest, count, removed: marked.map((e) => e.recordId), hidden };
}
