/**
 * The federation's TrustRegistry port on libSQL: subordinates, issued trust marks, held trust marks. A
 * change and its audit entry are written in one batch (one transaction), so neither exists without the other.
 * Writes take their turn with the node's other writers (../one-writer.ts) and are retried while another process
 * holds the database.
 */
import type {
  FederationAuditEntry,
  HeldTrustMark,
  IssuedTrustMark,
  SubordinateRecord,
  SubordinateStatus,
  TrustRegistry,
} from "@learnbridge/federation";
import { busyRetrying } from "../busy.ts";
import { appendAuditStatement } from "../issuer/audit-log.ts";
import { oneWriter } from "../one-writer.ts";
import type { SqlClient, SqlRow } from "../sql-client.ts";

const text = (value: unknown) => (value === null || value === undefined ? undefined : String(value));

const toSubordinate = (row: SqlRow): SubordinateRecord => {
  const name = text(row.organization_name);
  const reason = text(row.suspension_reason);
  return {
    entityId: String(row.entity_id),
    jwks: JSON.parse(String(row.jwks)),
    status: String(row.status) as SubordinateStatus,
    intermediate: Number(row.intermediate) === 1,
    entityTypes: JSON.parse(String(row.entity_types)),
    ...(name !== undefined ? { organizationName: name } : {}),
    enrolledAt: String(row.enrolled_at),
    updatedAt: String(row.updated_at),
    ...(reason !== undefined ? { suspensionReason: reason } : {}),
  };
};

const toIssued = (row: SqlRow): IssuedTrustMark => {
  const optional = {
    expiresAt: text(row.expires_at),
    revokedAt: text(row.revoked_at),
    revocationReason: text(row.revocation_reason),
  };
  return {
    id: String(row.id),
    type: String(row.type),
    sub: String(row.sub),
    jwt: String(row.jwt),
    issuedAt: String(row.issued_at),
    ...Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined)),
  };
};

const toHeld = (row: SqlRow): HeldTrustMark => ({
  type: String(row.type),
  issuer: String(row.issuer),
  jwt: String(row.jwt),
  ...(row.expires_at !== null ? { expiresAt: Number(row.expires_at) } : {}),
  fetchedAt: String(row.fetched_at),
});

export class LibsqlTrustRegistry implements TrustRegistry {
  readonly #client: SqlClient;

  constructor(client: SqlClient) {
    this.#client = busyRetrying(oneWriter(client));
  }

  async putSubordinate(record: SubordinateRecord, audit: FederationAuditEntry) {
    await this.#client.batch(
      [
        {
          sql: `INSERT INTO federation_subordinates
                  (entity_id, jwks, status, intermediate, entity_types, organization_name, enrolled_at, updated_at, suspension_reason)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (entity_id) DO UPDATE SET jwks = excluded.jwks, status = excluded.status,
                  intermediate = excluded.intermediate, entity_types = excluded.entity_types,
                  organization_name = excluded.organization_name, enrolled_at = excluded.enrolled_at,
                  updated_at = excluded.updated_at, suspension_reason = excluded.suspension_reason`,
          args: [
            record.entityId,
            JSON.stringify(record.jwks),
            record.status,
            record.intermediate ? 1 : 0,
            JSON.stringify(record.entityTypes),
            record.organizationName ?? null,
            record.enrolledAt,
            record.updatedAt,
            record.suspensionReason ?? null,
          ],
        },
        appendAuditStatement(audit),
      ],
      "write",
    );
  }

  async getSubordinate(entityId: string) {
    const result = await this.#client.execute({
      sql: "SELECT * FROM federation_subordinates WHERE entity_id = ?",
      args: [entityId],
    });
    const row = result.rows[0];
    return row ? toSubordinate(row) : undefined;
  }

  async listSubordinates() {
    const result = await this.#client.execute({
      sql: "SELECT * FROM federation_subordinates ORDER BY entity_id",
    });
    return result.rows.map(toSubordinate);
  }

  async setSubordinateStatus(
    entityId: string,
    change: { status: SubordinateStatus; at: string; reason?: string },
    audit: FederationAuditEntry,
  ) {
    const [update] = await this.#client.batch(
      [
        {
          sql: `UPDATE federation_subordinates SET status = ?, updated_at = ?, suspension_reason = ?
                WHERE entity_id = ? AND status <> ?`,
          args: [
            change.status,
            change.at,
            change.status === "suspended" ? (change.reason ?? null) : null,
            entityId,
            change.status,
          ],
        },
        appendAuditStatement(audit, "changes() = 1"),
      ],
      "write",
    );
    if (update?.rowsAffected === 1) return true;
    return (await this.getSubordinate(entityId)) !== undefined;
  }

  async insertIssuedTrustMark(mark: IssuedTrustMark, audit: FederationAuditEntry) {
    await this.#client.batch(
      [
        {
          sql: `INSERT INTO federation_issued_trust_marks
                  (id, type, sub, jwt, issued_at, expires_at, revoked_at, revocation_reason)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
          args: [
            mark.id,
            mark.type,
            mark.sub,
            mark.jwt,
            mark.issuedAt,
            mark.expiresAt ?? null,
            mark.revokedAt ?? null,
            mark.revocationReason ?? null,
          ],
        },
        appendAuditStatement(audit),
      ],
      "write",
    );
  }

  async getIssuedTrustMark(id: string) {
    const result = await this.#client.execute({
      sql: "SELECT * FROM federation_issued_trust_marks WHERE id = ?",
      args: [id],
    });
    const row = result.rows[0];
    return row ? toIssued(row) : undefined;
  }

  async findIssuedTrustMarks(query: { sub?: string; type?: string } = {}) {
    const result = await this.#client.execute({
      sql: `SELECT * FROM federation_issued_trust_marks
            WHERE (?1 IS NULL OR sub = ?1) AND (?2 IS NULL OR type = ?2) ORDER BY seq DESC LIMIT 10000`,
      args: [query.sub ?? null, query.type ?? null],
    });
    return result.rows.map(toIssued);
  }

  async revokeIssuedTrustMark(
    id: string,
    revocation: { at: string; reason?: string },
    audit: FederationAuditEntry,
  ) {
    const [update] = await this.#client.batch(
      [
        {
          sql: `UPDATE federation_issued_trust_marks SET revoked_at = ?, revocation_reason = ?
                WHERE id = ? AND revoked_at IS NULL`,
          args: [revocation.at, revocation.reason ?? null, id],
        },
        appendAuditStatement(audit, "changes() = 1"),
      ],
      "write",
    );
    if (update?.rowsAffected === 1) return true;
    return (await this.getIssuedTrustMark(id)) !== undefined;
  }

  async replaceHeldTrustMarks(marks: readonly HeldTrustMark[]) {
    await this.#client.batch(
      [
        { sql: "DELETE FROM federation_held_trust_marks" },
        ...marks.map((m) => ({
          sql: "INSERT INTO federation_held_trust_marks (type, issuer, jwt, expires_at, fetched_at) VALUES (?, ?, ?, ?, ?)",
          args: [m.type, m.issuer, m.jwt, m.expiresAt ?? null, m.fetchedAt],
        })),
      ],
      "write",
    );
  }

  async listHeldTrustMarks() {
    const result = await this.#client.execute({
      sql: "SELECT * FROM federation_held_trust_marks ORDER BY type, issuer",
    });
    return result.rows.map(toHeld);
  }
}
