/**
 * A bulk job as CSV (RFC 4180, UTF-8, a header line naming the flat row's columns): each line after the
 * header becomes a flat row of its non-empty cells. The parser is csv-parse's browser build, which needs no
 * Node built-ins, so the same code runs in Workers.
 */
import { LearnbridgeError } from "@learnbridge/core";
import { CsvError, parse } from "csv-parse/browser/esm/sync";
import { FLAT_ROW_COLUMNS, REQUIRED_COLUMNS } from "./flat-row.ts";

/** The flat rows of a CSV document; BAD_REQUEST naming the line or the columns when it cannot be read. */
export function parseJobCsv(text: string): Record<string, string>[] {
  let records: string[][];
  try {
    records = parse(text, {
      bom: true,
      // Spreadsheets write CRLF, editors LF; a file mixing them is still one table.
      record_delimiter: ["\r\n", "\n", "\r"],
      skip_empty_lines: true,
      relax_column_count: false,
    });
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const line = (error as CsvError & { lines?: number }).lines;
    throw new LearnbridgeError("BAD_REQUEST", `the CSV cannot be read: ${error.message}`, {
      ...(line ? { line } : {}),
    });
  }
  const [header, ...lines] = records;
  if (!header) throw new LearnbridgeError("BAD_REQUEST", "the CSV is empty: a header line is required");
  const columns = header.map((name) => name.trim().toLowerCase());
  const known = FLAT_ROW_COLUMNS as readonly string[];
  const unknown = columns.filter((c) => !known.includes(c));
  if (unknown.length) {
    throw new LearnbridgeError("BAD_REQUEST", `unknown CSV column(s): ${unknown.join(", ")}`, {
      columns: unknown,
      known: FLAT_ROW_COLUMNS,
    });
  }
  const duplicate = columns.find((c, i) => columns.indexOf(c) !== i);
  if (duplicate) throw new LearnbridgeError("BAD_REQUEST", `the CSV column ${duplicate} appears twice`);
  const missing: string[] = REQUIRED_COLUMNS.filter((c) => !columns.includes(c));
  if (!columns.includes("learner_did") && !columns.includes("learner_email")) {
    missing.unshift("learner_did or learner_email");
  }
  if (missing.length) {
    throw new LearnbridgeError("BAD_REQUEST", `the CSV lacks column(s): ${missing.join(", ")}`, { missing });
  }
  return lines.map((cells) => {
    const row: Record<string, string> = {};
    cells.forEach((cell, i) => {
      const column = columns[i];
      if (column !== undefined && cell.trim() !== "") row[column] = cell.trim();
    });
    return row;
  });
}
