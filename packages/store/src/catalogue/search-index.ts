/**
 * `CatalogueSearch` on libSQL: one statement per page, over the FTS5 index of migration 0012 and its
 * document table. Ranked by BM25 (title ten times the description), ties in document order; a filter-only
 * search is ordered by record id. The page's records are read from their own tables in the same statement,
 * so a hit and its record are one snapshot.
 */
import {
  BODY_WEIGHT,
  type CatalogueSearch,
  checkSearchQuery,
  ftsMatchOf,
  type SearchHit,
  type SearchPage,
  type SearchQuery,
  type SearchSource,
  searchTermsOf,
  TITLE_WEIGHT,
} from "@learnbridge/catalogue";
import type { SqlClient, SqlValue } from "../sql-client.ts";

/** The libSQL search index (the client must be migrated). */
export class LibsqlCatalogueSearch implements CatalogueSearch {
  readonly #client: SqlClient;

  constructor(client: SqlClient) {
    if (!client) throw new TypeError("LibsqlCatalogueSearch: client is required");
    this.#client = client;
  }

  async search(query: SearchQuery): Promise<SearchPage> {
    checkSearchQuery(query);
    const offset = query.offset ?? 0;
    const { sql, args } = pageStatement(query);
    const { rows } = await this.#client.execute({ sql, args: [...args, query.limit + 1, offset] });
    const hits: SearchHit[] = rows.slice(0, query.limit).map((row) => ({
      recordId: String(row.record_id),
      owner: String(row.owner),
      version: Number(row.version),
      source: row.source as SearchSource,
      record: JSON.parse(String(row.record_json)),
    }));
    return rows.length > query.limit ? { hits, nextOffset: offset + query.limit } : { hits };
  }
}

/**
 * The statement of one page, without its LIMIT and OFFSET arguments (the last two `?`). The inner query
 * picks the page's documents; only then are their records read, so ranking never touches record JSON.
 * Without filters the ranking runs on the FTS table alone (ties by document number); with them, joined to
 * the documents; without words, the documents are ordered by record id.
 */
function pageStatement(query: SearchQuery): { sql: string; args: SqlValue[] } {
  const { where, args } = filtersOf(query);
  const terms = searchTermsOf(query);
  const bm25 = `bm25(catalogue_search_fts, ${TITLE_WEIGHT}, ${BODY_WEIGHT})`;
  let inner: string;
  if (terms.length > 0 && where.length === 0) {
    args.unshift(ftsMatchOf(terms));
    inner = `SELECT rowid AS doc, ${bm25} AS score, rowid AS tie FROM catalogue_search_fts
      WHERE catalogue_search_fts MATCH ? ORDER BY score, tie LIMIT ? OFFSET ?`;
  } else if (terms.length > 0) {
    args.unshift(ftsMatchOf(terms));
    inner = `SELECT d.doc, ${bm25} AS score, d.doc AS tie
      FROM catalogue_search_fts JOIN catalogue_search_docs d ON d.doc = catalogue_search_fts.rowid
      WHERE catalogue_search_fts MATCH ? AND ${where.join(" AND ")} ORDER BY score, tie LIMIT ? OFFSET ?`;
  } else {
    inner = `SELECT d.doc, 0 AS score, d.record_id AS tie FROM catalogue_search_docs d
      ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY tie LIMIT ? OFFSET ?`;
  }
  const sql = `SELECT d.source, d.record_id, d.owner, d.version, CASE d.source
      WHEN 'own' THEN (SELECT record_json FROM catalogue_records r WHERE r.record_id = d.record_id)
      ELSE (SELECT record_json FROM catalogue_replica r WHERE r.record_id = d.record_id)
    END AS record_json
    FROM (${inner}) AS page JOIN catalogue_search_docs d ON d.doc = page.doc
    ORDER BY page.score, page.tie`;
  return { sql, args };
}

function filtersOf(query: SearchQuery): { where: string[]; args: SqlValue[] } {
  const where: string[] = [];
  const args: SqlValue[] = [];
  const range = (column: string, bounds: SearchQuery["level"]) => {
    if (bounds?.min !== undefined) {
      where.push(`${column} >= ?`);
      args.push(bounds.min);
    }
    if (bounds?.max !== undefined) {
      where.push(`${column} <= ?`);
      args.push(bounds.max);
    }
  };
  // The lists are lower-cased JSON arrays of checked values: a quoted value is a whole element.
  const anyIn = (column: string, values: readonly string[] | undefined, subtags: boolean) => {
    if (!values?.length) return;
    const tests = values.map(() => `instr(${column}, ?) > 0${subtags ? ` OR instr(${column}, ?) > 0` : ""}`);
    where.push(`(${tests.join(" OR ")})`);
    for (const value of values) {
      args.push(`"${value.toLowerCase()}"`);
      // A language range also matches the longer tags under it (RFC 4647 basic filtering): zh, zh-Hans.
      if (subtags) args.push(`"${value.toLowerCase()}-`);
    }
  };
  const oneOf = (column: string, values: readonly string[] | undefined) => {
    if (!values?.length) return;
    where.push(`${column} IN (${values.map(() => "?").join(", ")})`);
    args.push(...values);
  };
  range("d.level", query.level);
  range("d.credits", query.credits);
  anyIn("d.languages", query.languages, true);
  anyIn("d.audience", query.audiences, false);
  oneOf("d.mode", query.modes);
  oneOf(
    "d.country",
    query.countries?.map((c) => c.toUpperCase()),
  );
  return { where, args };
}
