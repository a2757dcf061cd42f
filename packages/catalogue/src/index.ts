/** The course catalogue: signed course records, their storage port, and full-text search over them. */

export * from "./records/index.ts";
export {
  type CatalogueSearch,
  MAX_SEARCH_LIMIT,
  type NumberRange,
  type SearchHit,
  type SearchPage,
  type SearchQuery,
  type SearchSource,
} from "./search/catalogue-search.ts";
export {
  BODY_WEIGHT,
  MemoryCatalogueSearch,
  type MemoryCatalogueSearchOptions,
  type SearchRowSource,
  TITLE_WEIGHT,
} from "./search/memory-catalogue-search.ts";
export {
  DEFAULT_SEARCH_LIMIT,
  type ParsedSearch,
  parseSearchParams,
  searchCursorOf,
} from "./search/search-params.ts";
export { checkSearchQuery, ftsMatchOf, type SearchTerm, searchTermsOf } from "./search/search-plan.ts";
export { type CatalogueSearchRow, type SearchableCourse, searchRowOf } from "./search/search-row.ts";
