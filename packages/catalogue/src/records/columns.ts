/**
 * The columns a catalogue row carries beside its signed record (the federation contract's list): the node's
 * own `catalogue_records` and the replica of followed catalogues are written with the same ones, so that one
 * search index covers both.
 */
import { type CatalogueSearchRow, searchRowOf } from "../search/search-row.ts";
import { type CatalogueEntry, isTombstone } from "./course-record.ts";

/**
 * A row's columns, computed in JS when it is written: a live record's searchable facts, or a tombstone's
 * empty ones (`deleted`, nothing to find).
 * @example const row = catalogueColumnsOf(signed); // { recordId, owner, version, recordJson, searchText, … }
 */
export function catalogueColumnsOf(entry: CatalogueEntry): CatalogueSearchRow {
  if (!isTombstone(entry)) return searchRowOf(entry);
  return {
    recordId: entry.id,
    owner: entry.owner,
    version: entry.version,
    recordJson: JSON.stringify(entry),
    searchText: "",
    level: null,
    credits: null,
    languages: [],
    mode: null,
    country: null,
    audience: [],
    deleted: true,
  };
}
