/**
 * The `CatalogueSearch` port: full-text search with filters over the node's own catalogue and the replicas of
 * every catalogue it follows. The store implements it with SQLite FTS5 (an index kept in step with the record
 * tables by triggers); `MemoryCatalogueSearch` is its in-memory twin; both pass `catalogueSearchContract`.
 */
import type { CourseMode } from "../records/course-record.ts";

/** An inclusive range; either end may be open. */
export interface NumberRange {
  readonly min?: number;
  readonly max?: number;
}

/** What to look for. Every filter narrows; a list filter matches a record that has any of its values. */
export interface SearchQuery {
  /** Words in any language the records carry; absent or blank: every record that passes the filters. */
  readonly text?: string;
  /** The reader's language: it only guides how the words of `text` are cut. */
  readonly textLanguage?: string;
  /** EQF level, 1 to 8. */
  readonly level?: NumberRange;
  /** ECTS credits, ≥ 0. */
  readonly credits?: NumberRange;
  /** Languages of instruction, BCP 47; `zh` also matches a record taught in `zh-Hans`. */
  readonly languages?: readonly string[];
  readonly modes?: readonly CourseMode[];
  /** ISO 3166-1 alpha-2 codes. */
  readonly countries?: readonly string[];
  /** Audiences such as `seniors`, `adults`, `youth`. */
  readonly audiences?: readonly string[];
  /** Hits to skip (page × size); default 0. */
  readonly offset?: number;
  /** Hits to return, 1 to `MAX_SEARCH_LIMIT`. */
  readonly limit: number;
}

/** The most hits one page may hold. */
export const MAX_SEARCH_LIMIT = 100;

/** Where a record came from: the node's own catalogue, or the replica of one it follows. */
export type SearchSource = "own" | "replica";

/** One result: the stored signed record and where it is kept. */
export interface SearchHit {
  readonly recordId: string;
  readonly owner: string;
  readonly version: number;
  readonly source: SearchSource;
  /** The signed course record as stored. */
  readonly record: Readonly<Record<string, unknown>>;
}

/** One page of results in a stable order: best match first, then by record id. */
export interface SearchPage {
  readonly hits: readonly SearchHit[];
  /** Present when more hits follow: the offset of the next page. */
  readonly nextOffset?: number;
}

/** Full-text search over the local catalogue view. */
export interface CatalogueSearch {
  /** One page of the records that match every part of `query`. */
  search(query: SearchQuery): Promise<SearchPage>;
}
