/**
 * OID4VCI nonces on libSQL (the NonceStore port of @learnbridge/exchange). Consuming is one DELETE … RETURNING,
 * so of two requests carrying one nonce only one sees it; every put first sheds the expired ones.
 */
import type { NonceStore } from "@learnbridge/exchange";
import { busyRetrying } from "../busy.ts";
import type { SqlClient } from "../sql-client.ts";

export class LibsqlNonceStore implements NonceStore {
  readonly #client: SqlClient;

  constructor(client: SqlClient) {
    // One statement or one batch each: a busy one is simply run again.
    this.#client = busyRetrying(client);
  }

  async put(nonce: string, expiresAt: number, now: number) {
    await this.#client.batch(
      [
        { sql: "DELETE FROM offer_nonces WHERE expires_at <= ?", args: [now] },
        { sql: "INSERT INTO offer_nonces (nonce, expires_at) VALUES (?, ?)", args: [nonce, expiresAt] },
      ],
      "write",
    );
  }

  async consume(nonce: string, now: number) {
    const { rows } = await this.#client.execute({
      sql: "DELETE FROM offer_nonces WHERE nonce = ? RETURNING expires_at",
      args: [nonce],
    });
    const expiresAt = rows[0]?.expires_at;
    return expiresAt !== undefined && expiresAt !== null && Number(expiresAt) > now;
  }
}
