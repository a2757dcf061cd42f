/**
 * OpenID4VP presentation requests on libSQL (the PresentationRequestStore port of @learnbridge/exchange).
 * Completing a request is one write batch: a conditional UPDATE (pending, not expired, no remembered hash),
 * then the hashes, inserted only if that UPDATE changed the row (`changes() = 1`). So of two racing answers
 * exactly one completes, and a refused completion leaves no hash behind. The sealed key of an encrypted
 * (`direct_post.jwt`) request is cleared by the same UPDATE that completes it.
 */
import type {
  Completion,
  CompletionOutcome,
  PresentationRequestRecord,
  PresentationRequestStore,
  PurgeReport,
  Refusal,
  ResponseKey,
} from "@learnbridge/exchange";
import { busyRetrying } from "../busy.ts";
import type { SqlClient, SqlRow } from "../sql-client.ts";

const optional = <K extends string, V>(key: K, value: V | undefined) =>
  (value === undefined ? {} : { [key]: value }) as Partial<Record<K, V>>;

const toRecord = (row: SqlRow): PresentationRequestRecord => ({
  id: String(row.id),
  state: String(row.state),
  nonce: String(row.nonce),
  readTokenHash: String(row.read_token_hash),
  query: JSON.parse(String(row.query)),
  language: String(row.language),
  responseMode: String(row.response_mode) as PresentationRequestRecord["responseMode"],
  ...optional(
    "responseKey",
    row.response_key === null ? undefined : (JSON.parse(String(row.response_key)) as ResponseKey),
  ),
  status: String(row.status) as PresentationRequestRecord["status"],
  createdAt: Number(row.created_at),
  expiresAt: Number(row.expires_at),
  deleteAfter: Number(row.delete_after),
  ...optional("completedAt", row.completed_at === null ? undefined : Number(row.completed_at)),
  ...optional("result", row.result === null ? undefined : JSON.parse(String(row.result))),
  ...optional(
    "lastRefusal",
    row.last_refusal === null ? undefined : (JSON.parse(String(row.last_refusal)) as Refusal),
  ),
});

const placeholders = (count: number) => Array.from({ length: count }, () => "?").join(", ");

export class LibsqlPresentationRequestStore implements PresentationRequestStore {
  readonly #client: SqlClient;

  constructor(client: SqlClient) {
    // Every write here is one statement or one batch, so a busy one is simply run again.
    this.#client = busyRetrying(client);
  }

  async insert(record: PresentationRequestRecord): Promise<void> {
    await this.#client.execute({
      sql: `INSERT INTO presentation_requests (id, state, nonce, read_token_hash, query, language, status,
              created_at, expires_at, delete_after, completed_at, result, last_refusal, response_mode, response_key)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      args: [
        record.id,
        record.state,
        record.nonce,
        record.readTokenHash,
        JSON.stringify(record.query),
        record.language,
        record.status,
        record.createdAt,
        record.expiresAt,
        record.deleteAfter,
        record.completedAt ?? null,
        record.result === undefined ? null : JSON.stringify(record.result),
        record.lastRefusal === undefined ? null : JSON.stringify(record.lastRefusal),
        record.responseMode,
        record.responseKey === undefined ? null : JSON.stringify(record.responseKey),
      ],
    });
  }

  async get(id: string): Promise<PresentationRequestRecord | undefined> {
    const { rows } = await this.#client.execute({
      sql: "SELECT * FROM presentation_requests WHERE id = ?",
      args: [id],
    });
    return rows[0] && toRecord(rows[0]);
  }

  async findByState(state: string): Promise<PresentationRequestRecord | undefined> {
    const { rows } = await this.#client.execute({
      sql: "SELECT * FROM presentation_requests WHERE state = ?",
      args: [state],
    });
    return rows[0] && toRecord(rows[0]);
  }

  async anySeen(hashes: readonly string[], now: number): Promise<boolean> {
    if (hashes.length === 0) return false;
    const { rows } = await this.#client.execute({
      sql: `SELECT 1 FROM presentation_hashes WHERE hash IN (${placeholders(hashes.length)}) AND expires_at > ? LIMIT 1`,
      args: [...hashes, now],
    });
    return rows.length > 0;
  }

  async complete(id: string, completion: Completion, now: number): Promise<CompletionOutcome> {
    const hashes = [...new Set(completion.presentationHashes)];
    const unseen =
      hashes.length === 0
        ? ""
        : `AND NOT EXISTS (SELECT 1 FROM presentation_hashes WHERE hash IN (${placeholders(hashes.length)}) AND expires_at > ?)`;
    const statements = [
      {
        sql: `UPDATE presentation_requests SET status = ?, completed_at = ?, delete_after = ?, result = ?,
                response_key = NULL
              WHERE id = ? AND status = 'pending' AND expires_at > ? ${unseen}`,
        args: [
          completion.status,
          completion.completedAt,
          completion.deleteAfter,
          JSON.stringify(completion.result),
          id,
          now,
          ...(hashes.length ? [...hashes, now] : []),
        ],
      },
    ];
    if (hashes.length) {
      // A forgotten (expired) hash row may still be there until the next purge: take its place.
      statements.push({
        sql: `INSERT OR REPLACE INTO presentation_hashes (hash, request_id, expires_at)
              SELECT value, ?, ? FROM json_each(?) WHERE changes() = 1`,
        args: [id, completion.hashesExpireAt, JSON.stringify(hashes)],
      });
    }
    const [updated] = await this.#client.batch(statements, "write");
    if (updated?.rowsAffected === 1) return "done";
    const record = await this.get(id);
    if (!record) return "missing";
    if (record.status !== "pending") return "not-pending";
    if (record.expiresAt <= now) return "expired";
    return "replayed";
  }

  async recordRefusal(id: string, refusal: Refusal): Promise<void> {
    await this.#client.execute({
      sql: "UPDATE presentation_requests SET last_refusal = ? WHERE id = ? AND status = 'pending'",
      args: [JSON.stringify(refusal), id],
    });
  }

  async purge(now: number): Promise<PurgeReport> {
    const [requests, hashes] = await this.#client.batch(
      [
        { sql: "DELETE FROM presentation_requests WHERE delete_after <= ?", args: [now] },
        { sql: "DELETE FROM presentation_hashes WHERE expires_at <= ?", args: [now] },
      ],
      "write",
    );
    return { requests: requests?.rowsAffected ?? 0, hashes: hashes?.rowsAffected ?? 0 };
  }
}
