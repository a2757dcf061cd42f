/**
 * Rows of `replica_untrusted_records` (migration 0014): per followed feed, the records refused because their
 * owner was not trusted, one row per record at its highest refused version. The statements run inside the
 * transaction of the page that refused, applied or forgot them.
 */
import type { ErrorCode } from "@learnbridge/core";
import type { ApplyPageInput, UntrustedRecord } from "@learnbridge/federation";
import type { SqlRow, SqlStatement } from "../sql-client.ts";
import { idsArgument } from "./replica-rows.ts";

/** Rows per multi-row insert: 6 arguments each. */
const ROWS_PER_STATEMENT = 100;

/** The untrusted record of a row. */
export function untrustedOfRow(row: SqlRow): UntrustedRecord {
  return {
    recordId: String(row.record_id),
    version: Number(row.version),
    owner: String(row.owner),
    code: String(row.code) as ErrorCode,
    at: String(row.at),
  };
}

/**
 * What a page does to the feed's untrusted records: those it applied at their refused version or later are
 * done, those its snapshot no longer holds are forgotten, its own refusals are kept (the higher version wins).
 */
export function untrustedStatements(input: ApplyPageInput): SqlStatement[] {
  const statements: SqlStatement[] = [];
  if (input.events.length > 0) {
    statements.push({
      sql: `DELETE FROM replica_untrusted_records WHERE feed = ? AND EXISTS (SELECT 1 FROM json_each(?) AS j
        WHERE json_extract(j.value, '$[0]') = record_id AND json_extract(j.value, '$[1]') >= version)`,
      args: [input.feed, JSON.stringify(input.events.map((e) => [e.recordId, e.version]))],
    });
  }
  if (input.gone?.length) {
    statements.push({
      sql: "DELETE FROM replica_untrusted_records WHERE feed = ? AND record_id IN (SELECT value FROM json_each(?))",
      args: [input.feed, idsArgument(input.gone)],
    });
  }
  const kept = input.untrusted ?? [];
  for (let i = 0; i < kept.length; i += ROWS_PER_STATEMENT) {
    const chunk = kept.slice(i, i + ROWS_PER_STATEMENT);
    statements.push({
      sql: `INSERT INTO replica_untrusted_records (feed, record_id, version, owner, code, at)
        VALUES ${chunk.map(() => "(?, ?, ?, ?, ?, ?)").join(", ")}
        ON CONFLICT (feed, record_id) DO UPDATE SET version = excluded.version, owner = excluded.owner,
          code = excluded.code, at = excluded.at
        WHERE excluded.version > replica_untrusted_records.version`,
      args: chunk.flatMap((r) => [input.feed, r.recordId, r.version, r.owner, r.code, r.at]),
    });
  }
  return statements;
}
