/**
 * The searchable facts of a course record, as the record tables store them beside it (the federation
 * contract's columns: search_text, level, credits, languages, mode, country, audience). Computed in JS when a
 * row is written, so that the index never has to parse records or cut words in SQL.
 */
import { type LanguageMap, searchTextOf } from "./search-text.ts";

/** A stored record's searchable columns, by the contract's names in camel case. */
export interface CatalogueSearchRow {
  readonly recordId: string;
  readonly owner: string;
  readonly version: number;
  /** The signed record as JSON. */
  readonly recordJson: string;
  readonly searchText: string;
  readonly level: number | null;
  readonly credits: number | null;
  readonly languages: readonly string[];
  readonly mode: string | null;
  readonly country: string | null;
  readonly audience: readonly string[];
  /** Never found: a tombstone (kept for the feed), or a replica row the follower hid (an equivocation). */
  readonly deleted: boolean;
}

/** The fields of a course record that search reads; everything else is carried, not read. */
export interface SearchableCourse {
  readonly id: string;
  readonly owner: string;
  readonly version: number;
  readonly title: LanguageMap;
  readonly description?: LanguageMap;
  readonly level?: { readonly framework: string; readonly value: number };
  readonly credits?: { readonly system: string; readonly value: number };
  readonly language?: readonly string[];
  readonly mode?: string;
  readonly audience?: readonly string[];
  readonly country?: string;
}

/**
 * The row of a live record. Only an EQF level and ECTS credits are filterable: other frameworks' numbers do
 * not compare with them.
 * @example searchRowOf(record).searchText // "water management usimamizi wa maji\n…"
 */
export function searchRowOf(record: SearchableCourse): CatalogueSearchRow {
  return {
    recordId: record.id,
    owner: record.owner,
    version: record.version,
    recordJson: JSON.stringify(record),
    searchText: searchTextOf([record.title, record.description]),
    level: record.level?.framework === "EQF" ? record.level.value : null,
    credits: record.credits?.system === "ECTS" ? record.credits.value : null,
    languages: record.language ?? [],
    mode: record.mode ?? null,
    country: record.country ?? null,
    audience: record.audience ?? [],
    deleted: false,
  };
}
