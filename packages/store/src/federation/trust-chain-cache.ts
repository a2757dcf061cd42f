/**
 * The federation's TrustChainCache port on libSQL: one row per resolved subject. Its writes happen in the
 * middle of pulls (each owner's chain, each mark status), so they take their turn with the node's other
 * writers and are retried while another process holds the database.
 */
import type { CachedChain, TrustChainCache } from "@learnbridge/federation";
import { busyRetrying } from "../busy.ts";
import { oneWriter } from "../one-writer.ts";
import type { SqlClient, SqlRow } from "../sql-client.ts";

const toEntry = (row: SqlRow): CachedChain => ({
  subject: String(row.subject),
  anchor: String(row.anchor),
  statements: JSON.parse(String(row.statements)),
  expiresAt: Number(row.expires_at),
  resolvedAt: Number(row.resolved_at),
  markStatuses: JSON.parse(String(row.mark_statuses)),
});

export class LibsqlTrustChainCache implements TrustChainCache {
  readonly #client: SqlClient;

  constructor(client: SqlClient) {
    this.#client = busyRetrying(oneWriter(client));
  }

  async get(subject: string) {
    const result = await this.#client.execute({
      sql: "SELECT * FROM federation_chain_cache WHERE subject = ?",
      args: [subject],
    });
    const row = result.rows[0];
    return row ? toEntry(row) : undefined;
  }

  async put(entry: CachedChain) {
    await this.#client.execute({
      sql: `INSERT INTO federation_chain_cache (subject, anchor, statements, expires_at, resolved_at, mark_statuses)
            VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (subject) DO UPDATE SET anchor = excluded.anchor, statements = excluded.statements,
              expires_at = excluded.expires_at, resolved_at = excluded.resolved_at, mark_statuses = excluded.mark_statuses`,
      args: [
        entry.subject,
        entry.anchor,
        JSON.stringify(entry.statements),
        entry.expiresAt,
        entry.resolvedAt,
        JSON.stringify(entry.markStatuses),
      ],
    });
  }

  async delete(subject: string) {
    await this.#client.execute({
      sql: "DELETE FROM federation_chain_cache WHERE subject = ?",
      args: [subject],
    });
  }

  async purgeExpired(nowSeconds: number) {
    const result = await this.#client.execute({
      sql: "DELETE FROM federation_chain_cache WHERE expires_at < ?",
      args: [nowSeconds],
    });
    return result.rowsAffected;
  }
}
