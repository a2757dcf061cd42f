/**
 * Credential offers on libSQL (the OfferStore port of @learnbridge/exchange). Each change of state is one
 * conditional write (a PIN try, the grant, the redemption, the withdrawal), so of racing callers exactly one
 * changes the row; what goes with it (an audit entry, the grant's access token, the pruning of an offer's old
 * pre-authorized codes) rides in the same batch and happens only if that row changed (`changes() = 1`).
 */
import type {
  CredentialOffer,
  OfferGrant,
  OfferQuery,
  OfferRedemption,
  OfferState,
  OfferStore,
  PreAuthorizedCode,
  StoredPreAuthorizedCode,
} from "@learnbridge/exchange";
import type { AuditEntry } from "@learnbridge/issuer";
import { busyRetrying } from "../busy.ts";
import { appendAuditStatement } from "../issuer/audit-log.ts";
import type { SqlClient, SqlRow, SqlStatement, SqlValue } from "../sql-client.ts";

const text = (value: SqlRow[string] | undefined) =>
  value === null || value === undefined ? undefined : String(value);

/** The optional members of an offer and their columns. */
const OPTIONAL = [
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

  async bindPreAuthorizedCode(id: string, code: PreAuthorizedCode, keep: number) {
    if (!Number.isSafeInteger(keep) || keep < 1) {
      throw new TypeError("bindPreAuthorizedCode: keep must be a positive integer");
    }
    // One write transaction: racing mints each see the others' rows, so an offer never keeps more than `keep`.
    const [inserted] = await this.#client.batch(
      [
        {
          sql: `INSERT INTO offer_pre_authorized_codes (code_hash, offer_id, expires_at)
                SELECT ?, id, ? FROM credential_offers WHERE id = ? AND state = 'offered' AND expires_at > ?
                ON CONFLICT (code_hash) DO NOTHING`,
          args: [code.hash, code.expiresAt, id, code.at],
        },
        {
          sql: `DELETE FROM offer_pre_authorized_codes
                WHERE offer_id = ? AND changes() = 1
                  AND (expires_at <= ? OR seq NOT IN (
                    SELECT seq FROM offer_pre_authorized_codes WHERE offer_id = ? ORDER BY seq DESC LIMIT ?))`,
          args: [id, code.at, id, keep],
        },
      ],
      "write",
    );
    return inserted?.rowsAffected === 1;
  }

  async findByPreAuthorizedCode(codeHash: string) {
    const { rows } = await this.#client.execute({
      sql: `SELECT o.*, c.code_hash AS code_hash, c.expires_at AS code_expires_at, c.used_at AS code_used_at
            FROM offer_pre_authorized_codes c JOIN credential_offers o ON o.id = c.offer_id
            WHERE c.code_hash = ?`,
      args: [codeHash],
    });
    const row = rows[0];
    if (!row) return undefined;
    const usedAt = text(row.code_used_at);
    const code: StoredPreAuthorizedCode = {
      hash: String(row.code_hash),
      expiresAt: String(row.code_expires_at),
      ...(usedAt !== undefined ? { usedAt } : {}),
    };
    return { offer: toOffer(row), code };
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
    // The code is spent first; the offer takes the token only if that spending happened (`changes() = 1`).
    const [spent] = await this.#client.batch(
      [
        {
          sql: `UPDATE offer_pre_authorized_codes SET used_at = ?
                WHERE code_hash = ? AND offer_id = ? AND used_at IS NULL AND expires_at > ?
                  AND EXISTS (SELECT 1 FROM credential_offers
                              WHERE id = ? AND state = 'offered' AND expires_at > ?)`,
          args: [grant.at, grant.preAuthorizedCodeHash, id, grant.at, id, grant.at],
        },
        {
          sql: `UPDATE credential_offers
                SET granted_at = ?, access_token_hash = ?, access_token_expires_at = ?,
                    tx_code_failures = MAX(0, tx_code_failures - ?)
                WHERE id = ? AND changes() = 1`,
          args: [
            grant.at,
            grant.accessTokenHash,
            grant.accessTokenExpiresAt,
            grant.refundTxCodeTry ? 1 : 0,
            id,
          ],
        },
      ],
      "write",
    );
    return spent?.rowsAffected === 1;
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
