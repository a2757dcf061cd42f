/**
 * How a `SearchQuery` matches, stated once for every implementation: the query's words (each must occur in
 * the title or the description; words of three or more characters also match as a prefix, so "skill" finds
 * "skills"), and the filter tests on the stored columns.
 */
import { MAX_SEARCH_LIMIT, type SearchQuery } from "./catalogue-search.ts";
import { queryWordsOf } from "./search-text.ts";

// What a list filter's value may be: a language tag, a country code, an audience word (no quotes).
const LIST_VALUE = /^[A-Za-z0-9-]{1,64}$/;

/**
 * Throws a TypeError when `query` is not one a caller should send (a page size out of range, a negative
 * offset, a list value that is no tag or word): `parseSearchParams` never builds such a query.
 */
export function checkSearchQuery(query: SearchQuery): void {
  if (!Number.isSafeInteger(query?.limit) || query.limit < 1 || query.limit > MAX_SEARCH_LIMIT) {
    throw new TypeError(`search: limit must be an integer from 1 to ${MAX_SEARCH_LIMIT}`);
  }
  if (query.offset !== undefined && !(Number.isSafeInteger(query.offset) && query.offset >= 0)) {
    throw new TypeError("search: offset must be an integer >= 0");
  }
  for (const list of [query.languages, query.modes, query.countries, query.audiences]) {
    if (list?.some((value) => !LIST_VALUE.test(value))) {
      throw new TypeError("search: list filters take language tags, codes and words only");
    }
  }
}

/** One word of the query. */
export interface SearchTerm {
  readonly word: string;
  /** Also matches index words that start with `word`. */
  readonly prefix: boolean;
}

const PREFIX_MIN_CHARS = 3;

/** The terms of the query's text; empty when it has none (a filter-only search). */
export function searchTermsOf(query: Pick<SearchQuery, "text" | "textLanguage">): SearchTerm[] {
  if (!query.text) return [];
  return queryWordsOf(query.text, query.textLanguage).map((word) => ({
    word,
    prefix: [...word].length >= PREFIX_MIN_CHARS,
  }));
}

/**
 * The FTS5 MATCH expression of the terms: every term required. Terms are runs of letters and digits (see
 * search-text.ts), so quoting them is enough to keep FTS5's query syntax out.
 * @example ftsMatchOf([{ word: "maji", prefix: true }, { word: "数字", prefix: false }]) // '"maji"* "数字"'
 */
export function ftsMatchOf(terms: readonly SearchTerm[]): string {
  return terms.map((t) => `"${t.word.replaceAll('"', '""')}"${t.prefix ? "*" : ""}`).join(" ");
}

/** True when the index word `token` matches `term`. */
export const termMatches = (term: SearchTerm, token: string): boolean =>
  token === term.word || (term.prefix && token.startsWith(term.word));

/**
 * True when a course taught in `tags` matches the language range `range` (RFC 4647 basic filtering, case
 * folded): `zh` matches `zh` and `zh-Hans`; `zh-Hans` matches `zh-Hans` and `zh-Hans-CN`, not `zh`.
 */
export function languageMatches(tags: readonly string[], range: string): boolean {
  const wanted = range.toLowerCase();
  return tags.some((tag) => {
    const lower = tag.toLowerCase();
    return lower === wanted || lower.startsWith(`${wanted}-`);
  });
}
