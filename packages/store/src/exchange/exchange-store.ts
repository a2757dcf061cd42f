/** VC-API exchanges on libSQL (the ExchangeStore port of @learnbridge/exchange). */
import type { ExchangeState, ExchangeStore, VcApiExchange } from "@learnbridge/exchange";
import type { SqlClient, SqlRow, SqlValue } from "../sql-client.ts";

type Column = SqlRow[string] | undefined;
const optionalNumber = (value: Column) => (value === null || value === undefined ? undefined : Number(value));
const optionalString = (value: Column) => (value === null || value === undefined ? undefined : String(value));

function toExchange(row: SqlRow): VcApiExchange {
  const challengeExpiresAt = optionalNumber(row.challenge_expires_at);
  const challenge = optionalString(row.challenge);
  const holder = optionalString(row.holder);
  const credentialId = optionalString(row.credential_id);
  const lastError = optionalString(row.last_error);
  return {
    workflow: String(row.workflow),
    id: String(row.id),
    offerId: String(row.offer_id),
    state: String(row.state) as ExchangeState,
    sequence: Number(row.sequence),
    expiresAt: Number(row.expires_at),
    ...(challenge !== undefined ? { challenge } : {}),
    ...(challengeExpiresAt !== undefined ? { challengeExpiresAt } : {}),
    ...(holder !== undefined ? { holder } : {}),
    ...(credentialId !== undefined ? { credentialId } : {}),
    ...(lastError !== undefined ? { lastError: JSON.parse(lastError) } : {}),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

/** The columns a step may change, in the order of the UPDATE below. */
const changed = (e: VcApiExchange): SqlValue[] => [
  e.state,
  e.sequence,
  e.expiresAt,
  e.challenge ?? null,
  e.challengeExpiresAt ?? null,
  e.holder ?? null,
  e.credentialId ?? null,
  e.lastError ? JSON.stringify(e.lastError) : null,
  e.updatedAt,
];

export class LibsqlExchangeStore implements ExchangeStore {
  readonly #client: SqlClient;

  constructor(client: SqlClient) {
    this.#client = client;
  }

  async get(workflow: string, id: string) {
    const result = await this.#client.execute({
      sql: "SELECT * FROM vc_api_exchanges WHERE workflow = ? AND id = ?",
      args: [workflow, id],
    });
    const row = result.rows[0];
    return row ? toExchange(row) : undefined;
  }

  async create(exchange: VcApiExchange) {
    if (exchange.sequence !== 0) throw new TypeError("ExchangeStore.create: a new exchange has sequence 0");
    // INSERT … DO NOTHING then SELECT: a racing creator finds the row the first one stored.
    await this.#client.execute({
      sql: `INSERT INTO vc_api_exchanges (state, sequence, expires_at, challenge, challenge_expires_at, holder,
              credential_id, last_error, updated_at, workflow, id, offer_id, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (workflow, id) DO NOTHING`,
      args: [...changed(exchange), exchange.workflow, exchange.id, exchange.offerId, exchange.createdAt],
    });
    const stored = await this.get(exchange.workflow, exchange.id);
    if (!stored) throw new Error(`exchange ${exchange.workflow}/${exchange.id} vanished after its insert`);
    return stored;
  }

  async update(next: VcApiExchange) {
    const result = await this.#client.execute({
      sql: `UPDATE vc_api_exchanges SET state = ?, sequence = ?, expires_at = ?, challenge = ?,
              challenge_expires_at = ?, holder = ?, credential_id = ?, last_error = ?, updated_at = ?
            WHERE workflow = ? AND id = ? AND sequence = ?`,
      args: [...changed(next), next.workflow, next.id, next.sequence - 1],
    });
    return result.rowsAffected === 1;
  }

  async deleteExpired(before: number) {
    const result = await this.#client.execute({
      sql: "DELETE FROM vc_api_exchanges WHERE expires_at < ?",
      args: [before],
    });
    return result.rowsAffected;
  }
}
