/**
 * Issued credentials on libSQL (the CredentialRepository port of @learnbridge/issuer). The request key is
 * UNIQUE, so a retried request stores nothing twice even when two attempts race. A record and its audit
 * entry are one write batch (one transaction): the entry is appended only if the statement before it changed
 * a row (`changes() = 1`), so an ignored duplicate or an unchanged state leaves no entry either.
 */
import type {
  AuditEntry,
  CredentialQuery,
  CredentialRepository,
  CredentialState,
  IssuedCredentialRecord,
} from "@learnbridge/issuer";
import { busyRetrying } from "../busy.ts";
import type { SqlClient, SqlRow, SqlValue } from "../sql-client.ts";
import { appendAuditStatement } from "./audit-log.ts";

const toRecord = (row: SqlRow): IssuedCredentialRecord => ({
  id: String(row.id),
  ...(row.achievement_id !== null ? { achievementId: String(row.achievement_id) } : {}),
  subject: String(row.subject),
  format: String(row.format) as IssuedCredentialRecord["format"],
  credential: String(row.credential),
  statusListId: String(row.status_list_id),
  statusIndex: Number(row.status_index),
  ...(row.suspension_list_id !== null && row.suspension_list_id !== undefined
    ? { suspensionListId: String(row.suspension_list_id), suspensionIndex: Number(row.suspension_index) }
    : {}),
  state: String(row.state) as CredentialState,
  issuedAt: String(row.issued_at),
  ...(row.request_key !== null ? { requestKey: String(row.request_key) } : {}),
});

export class LibsqlCredentialRepository implements CredentialRepository {
  readonly #client: SqlClient;

  constructor(client: SqlClient) {
    // Every write here is one statement or one batch, so a busy one is simply run again.
    this.#client = busyRetrying(client);
  }

  async insert(record: IssuedCredentialRecord, audit?: AuditEntry) {
    const insert = {
      sql: `INSERT INTO issued_credentials (id, achievement_id, subject, format, credential, status_list_id,
              status_index, suspension_list_id, suspension_index, state, issued_at, request_key)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (request_key) DO NOTHING`,
      args: [
        record.id,
        record.achievementId ?? null,
        record.subject,
        record.format,
        record.credential,
        record.statusListId,
        record.statusIndex,
        record.suspensionListId ?? null,
        record.suspensionIndex ?? null,
        record.state,
        record.issuedAt,
        record.requestKey ?? null,
      ],
    };
    const [result] = await this.#client.batch(
      audit ? [insert, appendAuditStatement(audit, "changes() = 1")] : [insert],
      "write",
    );
    if (result?.rowsAffected === 1) return { inserted: true, record };
    const earlier = record.requestKey ? await this.findByRequestKey(record.requestKey) : undefined;
    if (!earlier) throw new TypeError(`credential ${record.id} was not stored`);
    return { inserted: false, record: earlier };
  }

  async get(id: string) {
    const row = (
      await this.#client.execute({ sql: "SELECT * FROM issued_credentials WHERE id = ?", args: [id] })
    ).rows[0];
    return row ? toRecord(row) : undefined;
  }

  async findByRequestKey(requestKey: string) {
    const result = await this.#client.execute({
      sql: "SELECT * FROM issued_credentials WHERE request_key = ?",
      args: [requestKey],
    });
    const row = result.rows[0];
    return row ? toRecord(row) : undefined;
  }

  async list(query: CredentialQuery = {}) {
    const where: string[] = [];
    const args: SqlValue[] = [];
    if (query.before !== undefined) {
      where.push("seq < COALESCE((SELECT seq FROM issued_credentials WHERE id = ?), -1)");
      args.push(query.before);
    }
    for (const [column, value] of [
      ["achievement_id", query.achievementId],
      ["subject", query.subject],
      ["state", query.state],
    ] as const) {
      if (value !== undefined) {
        where.push(`${column} = ?`);
        args.push(value);
      }
    }
    args.push(Math.min(Math.max(query.limit ?? 50, 1), 500));
    const result = await this.#client.execute({
      sql: `SELECT * FROM issued_credentials ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY seq DESC LIMIT ?`,
      args,
    });
    return result.rows.map(toRecord);
  }

  async setState(id: string, state: CredentialState, audit?: AuditEntry) {
    const update = {
      sql: "UPDATE issued_credentials SET state = ? WHERE id = ? AND state <> ?",
      args: [state, id, state],
    };
    const [result] = await this.#client.batch(
      audit ? [update, appendAuditStatement(audit, "changes() = 1")] : [update],
      "write",
    );
    return result?.rowsAffected === 1;
  }
}
