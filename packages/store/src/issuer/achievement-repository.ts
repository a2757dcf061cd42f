/**
 * Achievement definitions on libSQL (the AchievementRepository port of @learnbridge/issuer): one row per
 * version. The next version is inserted only when it is exactly the latest + 1, in one statement, so two
 * writers of the same version cannot both succeed; its audit entry joins the same atomic batch.
 */
import type {
  AchievementContent,
  AchievementQuery,
  AchievementRecord,
  AchievementRepository,
  AuditEntry,
} from "@learnbridge/issuer";
import type { SqlClient, SqlRow, SqlStatement, SqlValue } from "../sql-client.ts";
import { appendAuditStatement } from "./audit-log.ts";

const toRecord = (row: SqlRow): AchievementRecord => ({
  slug: String(row.slug),
  content: JSON.parse(String(row.content)) as AchievementContent,
  version: Number(row.version),
  archived: Number(row.archived) === 1,
  createdAt: String(row.created_at),
  updatedAt: String(row.updated_at),
});

const LATEST = "version = (SELECT MAX(version) FROM achievement_versions AS v WHERE v.slug = a.slug)";

export class LibsqlAchievementRepository implements AchievementRepository {
  readonly #client: SqlClient;

  constructor(client: SqlClient) {
    this.#client = client;
  }

  async put(record: AchievementRecord, audit?: AuditEntry) {
    const insert: SqlStatement = {
      sql: `INSERT INTO achievement_versions (slug, version, content, archived, course_id, created_at, updated_at)
            SELECT ?, ?, ?, ?, ?, ?, ?
            WHERE (SELECT COALESCE(MAX(version), 0) FROM achievement_versions WHERE slug = ?) = ? - 1
            ON CONFLICT DO NOTHING`,
      args: [
        record.slug,
        record.version,
        JSON.stringify(record.content),
        record.archived ? 1 : 0,
        record.content.courseRecord?.id ?? null,
        record.createdAt,
        record.updatedAt,
        record.slug,
        record.version,
      ],
    };
    if (!audit) return (await this.#client.execute(insert)).rowsAffected === 1;
    const [inserted] = await this.#client.batch(
      [insert, appendAuditStatement(audit, "changes() = 1")],
      "write",
    );
    return inserted?.rowsAffected === 1;
  }

  async get(slug: string, version?: number) {
    const result = await this.#client.execute(
      version === undefined
        ? {
            sql: "SELECT * FROM achievement_versions WHERE slug = ? ORDER BY version DESC LIMIT 1",
            args: [slug],
          }
        : { sql: "SELECT * FROM achievement_versions WHERE slug = ? AND version = ?", args: [slug, version] },
    );
    const row = result.rows[0];
    return row ? toRecord(row) : undefined;
  }

  async list(query: AchievementQuery = {}) {
    const where = [LATEST];
    const args: SqlValue[] = [];
    if (query.after !== undefined) {
      where.push("slug > ?");
      args.push(query.after);
    }
    if (!query.includeArchived) where.push("archived = 0");
    if (query.courseId !== undefined) {
      where.push("course_id = ?");
      args.push(query.courseId);
    }
    args.push(Math.min(Math.max(query.limit ?? 50, 1), 500));
    const result = await this.#client.execute({
      sql: `SELECT * FROM achievement_versions AS a WHERE ${where.join(" AND ")} ORDER BY slug LIMIT ?`,
      args,
    });
    return result.rows.map(toRecord);
  }
}
