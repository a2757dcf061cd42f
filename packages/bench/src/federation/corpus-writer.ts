/**
 * Writes generated courses `from`…`to` into `catalogue_replica` of a migrated libSQL file, 5,000 rows per
 * statement (`INSERT … SELECT … FROM json_each(?)`), the search index filled by its triggers. Run as its
 * own process per range (`node corpus-writer.ts FILE FROM TO`): libsql 0.5.29 keeps the native memory of
 * every prepared statement until the process exits (tursodatabase/libsql-client-ts#333), so a million
 * rows written by one process would hold gigabytes.
 */
import { searchRowOf } from "@learnbridge/catalogue";
import { createClient } from "@libsql/client";
import { generatedCourse } from "./search-corpus.ts";

const ROWS_PER_STATEMENT = 5_000;
const FEED = "https://aggregator.example";
const INSERT = `INSERT INTO catalogue_replica (record_id, owner, version, record_json, search_text, level, credits,
    languages, mode, country, audience, deleted, record_hash, op, feed)
  SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, value ->> 6, value ->> 7,
    value ->> 8, value ->> 9, value ->> 10, 0, value ->> 11, 'put', ? FROM json_each(?)`;

/** Writes the rows a follower would hold for courses `from` (inclusive) to `to` (exclusive). */
export async function writeCorpusRange(path: string, from: number, to: number): Promise<void> {
  const client = createClient({ url: `file:${path}`, timeout: 30_000 });
  try {
    for (let start = from; start < to; start += ROWS_PER_STATEMENT) {
      const rows = [];
      for (let i = start; i < Math.min(to, start + ROWS_PER_STATEMENT); i++) {
        const row = searchRowOf(generatedCourse(i));
        rows.push([
          row.recordId,
          row.owner,
          row.version,
          row.recordJson,
          row.searchText,
          row.level,
          row.credits,
          JSON.stringify(row.languages),
          row.mode,
          row.country,
          JSON.stringify(row.audience),
          // Search never reads it; a follower keeps the record's hash here.
          `h${i.toString(36).padStart(42, "0")}`,
        ]);
      }
      await client.execute({ sql: INSERT, args: [FEED, JSON.stringify(rows)] });
    }
  } finally {
    client.close();
  }
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  const [path, from, to] = process.argv.slice(2);
  await writeCorpusRange(String(path), Number(from), Number(to));
}
