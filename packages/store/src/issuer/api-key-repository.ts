/** Staff API keys on libSQL (the ApiKeyRepository port of @learnbridge/issuer): only token hashes are stored. */
import type { ApiKeyRecord, ApiKeyRepository, Scope } from "@learnbridge/issuer";
import type { SqlClient, SqlRow } from "../sql-client.ts";

const toRecord = (row: SqlRow): ApiKeyRecord => ({
  id: String(row.id),
  name: String(row.name),
  tokenHash: String(row.token_hash),
  scopes: JSON.parse(String(row.scopes)) as Scope[],
  createdAt: String(row.created_at),
  ...(row.revoked_at !== null ? { revokedAt: String(row.revoked_at) } : {}),
});

export class LibsqlApiKeyRepository implements ApiKeyRepository {
  readonly #client: SqlClient;

  constructor(client: SqlClient) {
    this.#client = client;
  }

  async insert(record: ApiKeyRecord) {
    await this.#client.execute({
      sql: "INSERT INTO api_keys (id, name, token_hash, scopes, created_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?)",
      args: [
        record.id,
        record.name,
        record.tokenHash,
        JSON.stringify(record.scopes),
        record.createdAt,
        record.revokedAt ?? null,
      ],
    });
  }

  async findByHash(tokenHash: string) {
    const result = await this.#client.execute({
      sql: "SELECT * FROM api_keys WHERE token_hash = ?",
      args: [tokenHash],
    });
    const row = result.rows[0];
    return row ? toRecord(row) : undefined;
  }

  async list() {
    return (
      await this.#client.execute({ sql: "SELECT * FROM api_keys ORDER BY created_at, rowid" })
    ).rows.map(toRecord);
  }

  async revoke(id: string, at: string) {
    const result = await this.#client.execute({
      sql: "UPDATE api_keys SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?",
      args: [at, id],
    });
    return result.rowsAffected === 1;
  }
}
