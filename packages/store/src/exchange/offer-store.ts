/**
 * Credential offers on libSQL (the OfferStore port of @learnbridge/exchange). Each change of state is one
 * conditional UPDATE (a new pre-authorized code, a PIN try, the grant, the redemption, the withdrawal), so of
 * racing callers exactly one changes the row; an audit entry rides in the same batch and is appended only if
 * that row changed.
 */
import type {
  CredentialOffer,
  OfferGrant,
  OfferQuery,
  OfferRedemption,
  OfferState,
  OfferStore,
  PreAuthorizedCode,
} from "@learnbridge/exchange";
import type { AuditEntry } from "@learnbridge/issuer";
import { busyRetrying } from "../busy.ts";
import { appendAuditStatement } from "../issuer/audit-log.ts";
import type { SqlClient, SqlRow, SqlStatement, SqlValue } from "../sql-client.ts";

const text = (value: SqlRow[string] | undefined) =>
  value === null || value === undefined ? undefined : String(value);

/** The optional members of an offer and their columns. */
const OPTIONAL = [
  ["preAuthorizedCodeHash", "pre_authorized_code_hash"],
  ["preAuthorizedCodeExpiresAt", "pre_authorized_code_expires_at"],
  ["preAuthorizedCodeUsedAt", "pre_authorized_code_used_at"],
  ["grantedAt", "granted_at"],
  ["accessTokenHash", "access_token_hash"],
  ["accessTokenExpiresAt", "access_token_expires_at"],
  ["credentialId", "credential_id"],
  ["holder", "holder"],
  ["redeemedAt", "redeemed_at"],
  ["redeemedVia", "redeemed_via"],
  ["revokedAt", "revoked_at"],
] as const;

function toOffer(row: SqlRow): CredentialOffer {
  const txCode = text(row.tx_code);
  const optional = Object.fromEntries(
    OPTIONAL.flatMap(([member, column]) => {
      const value = text(row[column]);
      return value === undefined ? [] : [[member, value]];
    }),
  );
  return {
    id: String(row.id),
    source: JSON.parse(String(row.source)),
    achievementId: String(row.achievement_id),
    learnerName: String(row.learner_name),
    language: String(row.language),
    formats: JSON.parse(String(row.formats)),
    createdAt: String(row.created_at),
    expiresAt: String(row.expires_at),
    createdBy: String(row.created_by),
    ...(txCode !== undefined ? { txCode: JSON.parse(txCode) } : {}),
    txCodeFailures: Number(row.tx_code_failures),
    state: String(row.state) as OfferState,
    ...optional,
  };
}

export class LibsqlOfferStore implements OfferStore {
  readonly #client: SqlClient;

  constructor(client: SqlClient) {
    // Every write here is one statement or one batch, so a busy one is simply run again.
    this.#client = busyRetrying(client);
  }

  async create(offer: CredentialOffer, audit?: AuditEntry) {
    const columns = ["id", "source", "achievement_id", "learner_name", "language", "formats", "created_at"];
    columns.push("expires_at", "created_by", "tx_code", "tx_code_failures", "state");
    const values: SqlValue[] = [
      offer.id,
      JSON.stringify(offer.source),
      offer.achievementId,
      offer.learnerName,
      offer.language,
      JSON.stringify(offer.formats),
      offer.createdAt,
      offer.expiresAt,
      offer.createdBy,
      offer.txCode ? JSON.stringify(offer.txCode) : null,
      offer.txCodeFailures,
      offer.state,
    ];
    for (const [member, column] of OPTIONAL) {
      columns.push(column);
      values.push(offer[member] ?? null);
    }
    const insert = {
      sql: `INSERT INTO credential_offers (${columns.join(", ")}) VALUES (${columns.map(() => "?").join(", ")})
            ON CONFLICT (id) DO NOTHING`,
      args: values,
    };
    return this.#changedOne(insert, audit);
  }

  async get(id: string) {
    const { rows } = await this.#client.execute({
      sql: "SELECT * FROM credential_offers WHERE id = ?",
      args: [id],
    });
    return rows[0] ? toOffer(rows[0]) : undefined;
  }

  async list(query: OfferQuery = {}) {
    const where: string[] = [];
    const args: SqlValue[] = [];
    if (query.state !== undefined) {
      where.push("state = ?");
      args.push(query.state);
    }
    if (query.before !== undefined) {
      // An unknown `before` compares with NULL: no rows, as the in-memory twin answers.
      where.push("seq < (SELECT seq FROM credential_offers WHERE id = ?)");
      args.push(query.before);
    }
    args.push(Math.min(Math.max(query.limit ?? 50, 1), 500));
    const { rows } = await this.#client.execute({
      sql: `SELECT * FROM credential_offers ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
            ORDER BY seq DESC LIMIT ?`,
      args,
    });
    return rows.map(toOffer);
  }

  async bindPreAuthorizedCode(id: string, code: PreAuthorizedCode) {
    const { rowsAffected } = await this.#client.execute({
      sql: `UPDATE credential_offers
            SET pre_authorized_code_hash = ?, pre_authorized_code_expires_at = ?,
                pre_authorized_code_used_at = NULL
            WHERE id = ? AND state = 'offered' AND expires_at > ?`,
      args: [code.hash, code.expiresAt, id, code.at],
    });
    return rowsAffected === 1;
  }

  async findByPreAuthorizedCode(codeHash: string) {
    const { rows } = await this.#client.execute({
      sql: "SELECT * FROM credential_offers WHERE pre_authorized_code_hash = ?",
      args: [codeHash],
    });
    return rows[0] ? toOffer(rows[0]) : undefined;
  }

  async takeTxCodeTry(id: string, limit: number) {
    const { rows } = await this.#client.execute({
      sql: `UPDATE credential_offers SET tx_code_failures = tx_code_failures + 1
            WHERE id = ? AND state = 'offered' AND tx_code_failures < ?
            RETURNING tx_code_failures`,
      args: [id, limit],
    });
    return rows[0] ? Number(rows[0].tx_code_failures) : undefined;
  }

  async refundTxCodeTry(id: string) {
    await this.#client.execute({
      sql: `UPDATE credential_offers SET tx_code_failures = tx_code_failures - 1
            WHERE id = ? AND state = 'offered' AND tx_code_failures > 0`,
      args: [id],
    });
  }

  async grant(id: string, grant: OfferGrant) {
    const { rowsAffected } = await this.#client.execute({
      sql: `UPDATE credential_offers
            SET granted_at = ?, pre_authorized_code_used_at = ?, access_token_hash = ?,
                access_token_expires_at = ?, tx_code_failures = MAX(0, tx_code_failures - ?)
            WHERE id = ? AND state = 'offered' AND expires_at > ? AND pre_authorized_code_hash = ?
              AND pre_authorized_code_used_at IS NULL AND pre_authorized_code_expires_at > ?`,
      args: [
        grant.at,
        grant.at,
        grant.accessTokenHash,
        grant.accessTokenExpiresAt,
        grant.refundTxCodeTry ? 1 : 0,
        id,
        grant.at,
        grant.preAuthorizedCodeHash,
        grant.at,
      ],
    });
    return rowsAffected === 1;
  }

  async findByAccessToken(accessTokenHash: string) {
    const { rows } = await this.#client.execute({
      sql: "SELECT * FROM credential_offers WHERE access_token_hash = ?",
      args: [accessTokenHash],
    });
    return rows[0] ? toOffer(rows[0]) : undefined;
  }

  async redeem(id: string, redemption: OfferRedemption, audit?: AuditEntry) {
    const update = {
      sql: `UPDATE credential_offers
            SET state = 'redeemed', credential_id = ?, holder = ?, redeemed_via = ?, redeemed_at = ?
            WHERE id = ? AND state = 'offered'`,
      args: [redemption.credentialId, redemption.holder, redemption.via, redemption.at, id],
    };
    return this.#changedOne(update, audit);
  }

  async revoke(id: string, at: string, audit?: AuditEntry) {
    const update = {
      sql: "UPDATE credential_offers SET state = 'revoked', revoked_at = ? WHERE id = ? AND state = 'offered'",
      args: [at, id],
    };
    return this.#changedOne(update, audit);
  }

  /** Runs `statement` and, in the same batch, appends `audit` only if the statement changed a row. */
  async #changedOne(statement: SqlStatement, audit: AuditEntry | undefined): Promise<boolean> {
    const [result] = await this.#client.batch(
      audit ? [statement, appendAuditStatement(audit, "changes() = 1")] : [statement],
      "write",
    );
    return result?.rowsAffected === 1;
  }
}
