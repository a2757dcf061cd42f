/** The centre's signing keys on libSQL (the KeyRepository port of @learnbridge/issuer). */
import type { KeyRepository, KeyStatus, StoredKey } from "@learnbridge/issuer";
import type { SqlClient, SqlRow } from "../sql-client.ts";

const toKey = (row: SqlRow): StoredKey => ({
  id: String(row.id),
  algorithm: String(row.algorithm) as StoredKey["algorithm"],
  publicKeyMultibase: String(row.public_key_multibase),
  sealedPrivateKey: String(row.sealed_private_key),
  status: String(row.status) as KeyStatus,
  createdAt: String(row.created_at),
});

export class LibsqlKeyRepository implements KeyRepository {
  readonly #client: SqlClient;

  constructor(client: SqlClient) {
    this.#client = client;
  }

  async list() {
    const result = await this.#client.execute({ sql: "SELECT * FROM centre_keys ORDER BY seq" });
    return result.rows.map(toKey);
  }

  async insert(key: StoredKey) {
    const result = await this.#client.execute({
      sql: `INSERT INTO centre_keys (id, algorithm, public_key_multibase, sealed_private_key, status, created_at)
            VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
      args: [key.id, key.algorithm, key.publicKeyMultibase, key.sealedPrivateKey, key.status, key.createdAt],
    });
    return result.rowsAffected === 1;
  }

  async setStatus(id: string, status: KeyStatus) {
    const result = await this.#client.execute({
      sql: "UPDATE centre_keys SET status = ? WHERE id = ?",
      args: [status, id],
    });
    return result.rowsAffected === 1;
  }
}
