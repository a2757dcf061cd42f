/**
 * The port for a node's own course records: the latest signed version of each (or its tombstone). Storing a
 * version, publishing it to the node's feed and auditing it are ONE atomic write: no record without its feed
 * event, no feed event without its record. The store implements it on libSQL; `MemoryCourseRepository` is
 * its twin; both pass `courseRepositoryContract` (`./testing`).
 */
import { type ErrorCode, LearnbridgeError } from "@learnbridge/core";
import { type CatalogueEntry, isTombstone } from "./course-record.ts";
import { recordHashOf } from "./sign-record.ts";

/** An audit entry (structurally the issuer's `AuditEntry`, which the app passes). */
export interface CatalogueAuditEntry {
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  readonly subject: string;
  readonly origin?: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

/** Where audit entries go (structurally the issuer's `AuditLog`). */
export interface CatalogueAuditLog {
  append(entry: CatalogueAuditEntry): Promise<void>;
}

/** What the feed is told of a stored entry (structurally the federation's `FeedChange`). */
export interface CataloguePublicationChange {
  readonly op: "put" | "delete";
  readonly recordId: string;
  readonly version: number;
  readonly recordHash: string;
  readonly record: CatalogueEntry;
}

/** The node's feed as the catalogue sees it (structurally the federation's `FeedLog`). */
export interface CataloguePublication {
  // `record` is an object here so that a generic feed (whose records are any JSON objects) fits.
  append(
    change: Omit<CataloguePublicationChange, "record"> & { readonly record: object },
  ): Promise<
    { readonly ok: true } | { readonly ok: false; readonly code: ErrorCode; readonly reason: string }
  >;
}

/** The feed change of an entry. */
export async function publicationChangeOf(entry: CatalogueEntry): Promise<CataloguePublicationChange> {
  return {
    op: isTombstone(entry) ? "delete" : "put",
    recordId: entry.id,
    version: entry.version,
    recordHash: await recordHashOf(entry),
    record: entry,
  };
}

/** Which entries `list` returns. */
export interface CourseQuery {
  /** Record ids strictly after this one (the list is ordered by id). */
  readonly after?: string;
  /** 1-500; default 50. */
  readonly limit?: number;
  /** Tombstones are left out unless asked for. */
  readonly includeDeleted?: boolean;
}

/** The node's own catalogue. */
export interface CourseRepository {
  /**
   * Stores `entry` (signed) as the next version of its id: exactly the stored version + 1, or 1 for a new
   * id. In the same atomic write it is published to the node's feed and `audit` is appended. False, storing
   * nothing, when it is not the next version (another writer won). Rejects, storing nothing, when the feed
   * append fails.
   */
  put(entry: CatalogueEntry, audit?: CatalogueAuditEntry): Promise<boolean>;
  /** The latest version of a record, or its tombstone. */
  get(recordId: string): Promise<CatalogueEntry | undefined>;
  list(query?: CourseQuery): Promise<readonly CatalogueEntry[]>;
}

/** The page size `list` uses: the asked one within 1-500, else 50. */
export const courseListLimit = (query: CourseQuery): number => Math.min(Math.max(query.limit ?? 50, 1), 500);

/** Options of `MemoryCourseRepository`. */
export interface MemoryCourseRepositoryOptions {
  /** Where audit entries go; required to store them. */
  readonly audit?: CatalogueAuditLog;
  /** The node's feed; when absent, nothing is published (a catalogue of a node that publishes no feed). */
  readonly feed?: CataloguePublication;
}

/** The in-memory twin: the write is undone when publishing or auditing fails. */
export class MemoryCourseRepository implements CourseRepository {
  readonly #entries = new Map<string, CatalogueEntry>();
  readonly #audit: CatalogueAuditLog | undefined;
  readonly #feed: CataloguePublication | undefined;

  constructor(options: MemoryCourseRepositoryOptions = {}) {
    this.#audit = options.audit;
    this.#feed = options.feed;
  }

  async put(entry: CatalogueEntry, audit?: CatalogueAuditEntry) {
    if (audit && !this.#audit) throw new TypeError("MemoryCourseRepository: pass { audit } to store entries");
    const previous = this.#entries.get(entry.id);
    if (entry.version !== (previous?.version ?? 0) + 1) return false;
    // Set before the first await, so a concurrent put of the same version sees it.
    this.#entries.set(entry.id, structuredClone(entry));
    try {
      if (this.#feed) {
        const published = await this.#feed.append(await publicationChangeOf(structuredClone(entry)));
        if (!published.ok) throw new LearnbridgeError(published.code, published.reason);
      }
      if (audit) await this.#audit?.append(audit);
    } catch (error) {
      if (previous) this.#entries.set(entry.id, previous);
      else this.#entries.delete(entry.id);
      throw error;
    }
    return true;
  }

  async get(recordId: string) {
    const entry = this.#entries.get(recordId);
    return entry && structuredClone(entry);
  }

  async list(query: CourseQuery = {}) {
    return [...this.#entries.keys()]
      .sort()
      .filter((id) => query.after === undefined || id > query.after)
      .map((id) => this.#entries.get(id) as CatalogueEntry)
      .filter((entry) => query.includeDeleted || !isTombstone(entry))
      .slice(0, courseListLimit(query))
      .map((entry) => structuredClone(entry));
  }
}
