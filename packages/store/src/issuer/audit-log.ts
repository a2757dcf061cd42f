/** The append-only audit log on libSQL (the AuditLog port of @learnbridge/issuer). */
import type { AuditEntry, AuditLog } from "@learnbridge/issuer";
import type { SqlClient, SqlRow, SqlStatement } from "../sql-client.ts";

/**
 * The statement that appends `entry`; with `onlyIf`, an SQL condition, it appends only when that holds, so
 * a repository can add the entry to its own write batch (e.g. `changes() = 1`: the statement before changed
 * a row).
 */
export function appendAuditStatement(entry: AuditEntry, onlyIf?: string): SqlStatement {
  return {
    sql: `INSERT INTO audit_log (at, actor, action, subject, origin, details) SELECT ?, ?, ?, ?, ?, ?${onlyIf ? ` WHERE ${onlyIf}` : ""}`,
    args: [
      entry.at,
      entry.actor,
      entry.action,
      entry.subject,
      entry.origin ?? null,
      entry.details ? JSON.stringify(entry.details) : null,
    ],
  };
}

const toEntry = (row: SqlRow): AuditEntry & { seq: number } => ({
  seq: Number(row.seq),
  at: String(row.at),
  actor: String(row.actor),
  action: String(row.action),
  subject: String(row.subject),
  ...(row.origin !== null ? { origin: String(row.origin) } : {}),
  ...(row.details !== null ? { details: JSON.parse(String(row.details)) as Record<string, unknown> } : {}),
});

export class LibsqlAuditLog implements AuditLog {
  readonly #client: SqlClient;

  constructor(client: SqlClient) {
    this.#client = client;
  }

  async append(entry: AuditEntry) {
    await this.#client.execute(appendAuditStatement(entry));
  }

  async list(options: { after?: number; limit?: number } = {}) {
    const result = await this.#client.execute({
      sql: "SELECT * FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?",
      args: [options.after ?? 0, Math.min(Math.max(options.limit ?? 100, 1), 1000)],
    });
    return result.rows.map(toEntry);
  }
}
