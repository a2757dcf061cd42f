/**
 * Rate-limit windows on libSQL (the RateLimitStore port of @learnbridge/issuer). A hit is one upsert that
 * returns the new count, so concurrent requests from any process or isolate each get their own number.
 */
import { checkRateLimitHit, type RateLimitStore } from "@learnbridge/issuer";
import type { SqlClient } from "../sql-client.ts";

export class LibsqlRateLimitStore implements RateLimitStore {
  readonly #client: SqlClient;

  constructor(client: SqlClient) {
    this.#client = client;
  }

  async hit(bucket: string, key: string, windowStart: number) {
    checkRateLimitHit(bucket, key, windowStart);
    const result = await this.#client.execute({
      sql: `INSERT INTO rate_limits (bucket, client_key, window_start, hits) VALUES (?, ?, ?, 1)
        ON CONFLICT (bucket, client_key, window_start) DO UPDATE SET hits = hits + 1
        RETURNING hits`,
      args: [bucket, key, windowStart],
    });
    return Number(result.rows[0]?.hits);
  }

  async purge(before: number) {
    const result = await this.#client.execute({
      sql: "DELETE FROM rate_limits WHERE window_start < ?",
      args: [before],
    });
    return result.rowsAffected;
  }
}
