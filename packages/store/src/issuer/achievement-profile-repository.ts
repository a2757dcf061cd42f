/** The centre's profile on libSQL (the CentreProfileRepository port of @learnbridge/issuer): one row. */
import type { AuditEntry, CentreProfileRepository, StoredCentreProfile } from "@learnbridge/issuer";
import type { SqlClient, SqlStatement } from "../sql-client.ts";
import { appendAuditStatement } from "./audit-log.ts";

export class LibsqlCentreProfileRepository implements CentreProfileRepository {
  readonly #client: SqlClient;

  constructor(client: SqlClient) {
    this.#client = client;
  }

  async get() {
    const row = (await this.#client.execute({ sql: "SELECT profile FROM centre_profile WHERE id = 1" }))
      .rows[0];
    return row ? (JSON.parse(String(row.profile)) as StoredCentreProfile) : undefined;
  }

  async put(profile: StoredCentreProfile, audit?: AuditEntry) {
    await this.#write(
      "INSERT INTO centre_profile (id, profile, updated_at) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET profile = excluded.profile, updated_at = excluded.updated_at",
      profile,
      audit,
    );
  }

  async putIfAbsent(profile: StoredCentreProfile, audit?: AuditEntry) {
    return this.#write(
      "INSERT INTO centre_profile (id, profile, updated_at) VALUES (1, ?, ?) ON CONFLICT (id) DO NOTHING",
      profile,
      audit,
    );
  }

  /** Runs the write (and the entry, when it changed a row) atomically; true when a row was written. */
  async #write(sql: string, profile: StoredCentreProfile, audit: AuditEntry | undefined): Promise<boolean> {
    const write: SqlStatement = { sql, args: [JSON.stringify(profile), profile.updatedAt] };
    if (!audit) return (await this.#client.execute(write)).rowsAffected === 1;
    const [written] = await this.#client.batch(
      [write, appendAuditStatement(audit, "changes() = 1")],
      "write",
    );
    return written?.rowsAffected === 1;
  }
}
