/**
 * Migration 0012: the catalogue's full-text index. SQLite FTS5 over the node's own records
 * (`catalogue_records`) and the replicas of followed catalogues (`catalogue_replica`), kept in step by
 * triggers, so an index row is written in the same transaction as its record and no writer has to remember
 * the index. The record tables hold the words already cut (`search_text`: the title's words on the first
 * line, the description's after it; see @learnbridge/catalogue's search-text.ts), because SQL cannot cut
 * Chinese into words; the index splits that line into a title column and a body column, so BM25 can weigh
 * a title match above a description match.
 *
 * `catalogue_search_docs` gives every live record ONE document number, from the own table when the record
 * is there, else from the replica (a followed mirror may hand a node its own records back), and holds the
 * filter columns; the lists stay JSON arrays, lower-cased, so that `instr(languages, '"zh"')` tests
 * membership without parsing JSON on every write (the values are checked tags and words, never quoted
 * text). `catalogue_search_fts` is
 * contentless (the text stays in the record tables), with `contentless_delete` so a row can be deleted by
 * its number alone.
 */
import type { Migration } from "../migrations.ts";

/**
 * The record tables the index follows, in order of precedence: how their hits are labelled, which rows are
 * found (not tombstones; in the replica, not rows the follower hid: an equivocation, a record swept by a
 * re-snapshot), and the columns whose change re-indexes a row.
 */
export const SEARCH_SOURCES = [
  { table: "catalogue_records", source: "own", live: "t.deleted = 0", watched: [] },
  {
    table: "catalogue_replica",
    source: "replica",
    live: "t.deleted = 0 AND t.hidden = 0",
    watched: ["hidden"],
  },
] as const;

const title = (text: string) =>
  `CASE WHEN instr(${text}, char(10)) > 0 THEN substr(${text}, 1, instr(${text}, char(10)) - 1) ELSE ${text} END`;
const body = (text: string) =>
  `CASE WHEN instr(${text}, char(10)) > 0 THEN substr(${text}, instr(${text}, char(10)) + 1) ELSE '' END`;
const DOC_COLUMNS = "source, record_id, owner, version, level, credits, languages, mode, country, audience";
const docValues = (source: string) =>
  `'${source}', t.record_id, t.owner, t.version, t.level, t.credits, coalesce(lower(t.languages), '[]'), ` +
  `t.mode, upper(t.country), coalesce(lower(t.audience), '[]')`;

/**
 * The statements that make the index entry of the records selected by `which` (a condition on the record
 * tables' `t.record_id`) agree with the tables: drop it, then index the own row, else the replica row.
 */
function reindex(which: string): string[] {
  const docsOf = `SELECT doc FROM catalogue_search_docs WHERE ${which.replaceAll("t.record_id", "record_id")}`;
  const steps = [
    `DELETE FROM catalogue_search_fts WHERE rowid IN (${docsOf})`,
    `DELETE FROM catalogue_search_docs WHERE ${which.replaceAll("t.record_id", "record_id")}`,
  ];
  for (const { table, source, live } of SEARCH_SOURCES) {
    steps.push(`INSERT INTO catalogue_search_docs (${DOC_COLUMNS})
      SELECT ${docValues(source)} FROM ${table} AS t
      WHERE ${which} AND ${live}
        AND NOT EXISTS (SELECT 1 FROM catalogue_search_docs o WHERE o.record_id = t.record_id)`);
  }
  for (const { table, source } of SEARCH_SOURCES) {
    steps.push(`INSERT INTO catalogue_search_fts (rowid, title, body)
      SELECT d.doc, ${title("t.search_text")}, ${body("t.search_text")}
      FROM ${table} AS t JOIN catalogue_search_docs AS d ON d.record_id = t.record_id AND d.source = '${source}'
      WHERE ${which}`);
  }
  return steps;
}

const trigger = (name: string, event: string, table: string, steps: string[], when = "") =>
  `CREATE TRIGGER ${name} AFTER ${event} ON ${table}${when ? ` WHEN ${when}` : ""} BEGIN\n` +
  `${steps.map((s) => `  ${s};`).join("\n")}\nEND`;

// Only the columns the index reads: a follower touching its own bookkeeping columns does not re-index.
const INDEXED_COLUMNS =
  "owner, version, search_text, level, credits, languages, mode, country, audience, deleted";

function triggersOf(table: string, watched: readonly string[]): string[] {
  return [
    trigger(`${table}_search_insert`, "INSERT", table, reindex("t.record_id = NEW.record_id")),
    trigger(
      `${table}_search_update`,
      `UPDATE OF ${[INDEXED_COLUMNS, ...watched].join(", ")}`,
      table,
      reindex("t.record_id = NEW.record_id"),
    ),
    trigger(
      `${table}_search_rename`,
      "UPDATE OF record_id",
      table,
      reindex("t.record_id IN (OLD.record_id, NEW.record_id)"),
      "OLD.record_id IS NOT NEW.record_id",
    ),
    trigger(`${table}_search_delete`, "DELETE", table, reindex("t.record_id = OLD.record_id")),
  ];
}

/** The search index, its triggers on both record tables, and the records they already hold. */
export const CATALOGUE_SEARCH_MIGRATION: Migration = {
  id: "0012-catalogue-search",
  statements: [
    `CREATE TABLE catalogue_search_docs (
      doc INTEGER PRIMARY KEY,
      record_id TEXT NOT NULL UNIQUE,
      source TEXT NOT NULL CHECK (source IN ('own', 'replica')),
      owner TEXT NOT NULL,
      version INTEGER NOT NULL,
      level INTEGER,
      credits REAL,
      languages TEXT NOT NULL,
      mode TEXT,
      country TEXT,
      audience TEXT NOT NULL
    ) STRICT`,
    "CREATE INDEX catalogue_search_docs_country ON catalogue_search_docs (country, record_id)",
    "CREATE INDEX catalogue_search_docs_level ON catalogue_search_docs (level, record_id)",
    `CREATE VIRTUAL TABLE catalogue_search_fts USING fts5(
      title, body, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 0'
    )`,
    // What a node already holds (records written before this migration), then the triggers for the rest.
    ...reindex("1"),
    ...SEARCH_SOURCES.flatMap(({ table, watched }) => triggersOf(table, watched)),
  ],
};
