/**
 * The in-memory twin of the search index, for tests and the in-memory centre: it reads the current rows of
 * the own and replica catalogues on every search and ranks them with the same BM25 that FTS5 uses (title
 * words weigh ten times description words), so its answers follow the same contract as the libSQL index.
 */
import type {
  CatalogueSearch,
  SearchHit,
  SearchPage,
  SearchQuery,
  SearchSource,
} from "./catalogue-search.ts";
import {
  checkSearchQuery,
  languageMatches,
  type SearchTerm,
  searchTermsOf,
  termMatches,
} from "./search-plan.ts";
import type { CatalogueSearchRow } from "./search-row.ts";
import { splitSearchText } from "./search-text.ts";

/** The current rows of one catalogue, tombstones included, at once or as they are read. */
export type SearchRowSource = () =>
  | Iterable<CatalogueSearchRow>
  | AsyncIterable<CatalogueSearchRow>
  | Promise<Iterable<CatalogueSearchRow>>;

/** Where the twin finds the rows to search. */
export interface MemoryCatalogueSearchOptions {
  readonly sources: Partial<Record<SearchSource, SearchRowSource>>;
}

/** Column weights, as the libSQL index passes them to bm25(). */
export const TITLE_WEIGHT = 10;
export const BODY_WEIGHT = 1;
const K1 = 1.2;
const B = 0.75;

interface Doc {
  readonly row: CatalogueSearchRow;
  readonly source: SearchSource;
  readonly title: readonly string[];
  readonly body: readonly string[];
}

/** `CatalogueSearch` over rows held by other in-memory stores. */
export class MemoryCatalogueSearch implements CatalogueSearch {
  readonly #sources: MemoryCatalogueSearchOptions["sources"];

  constructor(options: MemoryCatalogueSearchOptions) {
    if (!options?.sources || typeof options.sources !== "object") {
      throw new TypeError("MemoryCatalogueSearch: sources is required");
    }
    this.#sources = options.sources;
  }

  async search(query: SearchQuery): Promise<SearchPage> {
    checkSearchQuery(query);
    const docs = await this.#liveDocs();
    const terms = searchTermsOf(query);
    const passing = docs.filter((doc) => passesFilters(doc.row, query));
    const scored =
      terms.length === 0 ? passing.map((doc) => ({ doc, score: 0 })) : rank(docs, passing, terms);
    scored.sort((a, b) => b.score - a.score || compare(a.doc.row.recordId, b.doc.row.recordId));
    const offset = query.offset ?? 0;
    const page = scored.slice(offset, offset + query.limit + 1);
    const hits = page.slice(0, query.limit).map(({ doc }) => hitOf(doc));
    return page.length > query.limit ? { hits, nextOffset: offset + query.limit } : { hits };
  }

  /** Live rows of both catalogues; a followed copy of one of our own records is not shown twice. */
  async #liveDocs(): Promise<Doc[]> {
    const docs: Doc[] = [];
    const own = new Set<string>();
    for (const source of ["own", "replica"] as const) {
      for await (const row of (await this.#sources[source]?.()) ?? []) {
        if (row.deleted || (source === "replica" && own.has(row.recordId))) continue;
        if (source === "own") own.add(row.recordId);
        const { title, body } = splitSearchText(row.searchText);
        docs.push({ row, source, title: tokens(title), body: tokens(body) });
      }
    }
    return docs;
  }
}

const tokens = (line: string) => line.split(" ").filter(Boolean);
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function hitOf(doc: Doc): SearchHit {
  const { row } = doc;
  return {
    recordId: row.recordId,
    owner: row.owner,
    version: row.version,
    source: doc.source,
    record: JSON.parse(row.recordJson),
  };
}

function within(value: number | null, range: SearchQuery["level"]): boolean {
  if (!range) return true;
  if (value === null) return false;
  return (range.min === undefined || value >= range.min) && (range.max === undefined || value <= range.max);
}

function passesFilters(row: CatalogueSearchRow, query: SearchQuery): boolean {
  const anyOf = (wanted: readonly string[] | undefined, has: readonly string[]) =>
    !wanted || wanted.some((value) => has.includes(value));
  return (
    within(row.level, query.level) &&
    within(row.credits, query.credits) &&
    (!query.languages || query.languages.some((range) => languageMatches(row.languages, range))) &&
    anyOf(query.modes, row.mode ? [row.mode] : []) &&
    anyOf(query.countries, row.country ? [row.country.toUpperCase()] : []) &&
    anyOf(
      query.audiences,
      row.audience.map((a) => a.toLowerCase()),
    )
  );
}

/** BM25 as FTS5 computes it: corpus statistics over every live document, scores for those that match. */
function rank(all: readonly Doc[], candidates: readonly Doc[], terms: readonly SearchTerm[]) {
  const count = (words: readonly string[], term: SearchTerm) =>
    words.filter((w) => termMatches(term, w)).length;
  const averageLength =
    all.reduce((sum, d) => sum + d.title.length + d.body.length, 0) / Math.max(1, all.length);
  const idf = terms.map((term) => {
    const having = all.filter((d) => count(d.title, term) + count(d.body, term) > 0).length;
    return Math.max(1e-6, Math.log((all.length - having + 0.5) / (having + 0.5)));
  });
  const scored: { doc: Doc; score: number }[] = [];
  for (const doc of candidates) {
    const length = doc.title.length + doc.body.length;
    let score = 0;
    let matchesAll = true;
    terms.forEach((term, i) => {
      const frequency = TITLE_WEIGHT * count(doc.title, term) + BODY_WEIGHT * count(doc.body, term);
      if (frequency === 0) matchesAll = false;
      score +=
        ((idf[i] as number) * frequency * (K1 + 1)) /
        (frequency + K1 * (1 - B + (B * length) / Math.max(1, averageLength)));
    });
    if (matchesAll) scored.push({ doc, score });
  }
  return scored;
}
