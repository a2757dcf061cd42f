/**
 * The port for a centre's achievement definitions. Every change is a new version, and every version is
 * kept: a credential names the achievement's URL, and its definition on the day of issue stays readable.
 * A version and the audit entry that tells of it are stored in one atomic write.
 */
import type { AuditEntry, AuditLog } from "../audit/audit-log.ts";
import type { AchievementContent } from "./validate-achievement.ts";

/** One version of an achievement. */
export interface AchievementRecord {
  /** The last segment of its URL: `${publicUrl}/achievements/${slug}`. */
  readonly slug: string;
  readonly content: AchievementContent;
  /** 1 when created, one more on each change. */
  readonly version: number;
  readonly archived: boolean;
  /** When version 1 was stored. */
  readonly createdAt: string;
  /** When this version was stored. */
  readonly updatedAt: string;
}

export interface AchievementQuery {
  /** Slugs strictly after this one (the list is ordered by slug). */
  readonly after?: string;
  readonly limit?: number;
  /** Archived achievements are left out unless asked for. */
  readonly includeArchived?: boolean;
  /** Only achievements earned on this catalogue course. */
  readonly courseId?: string;
}

export interface AchievementRepository {
  /**
   * Stores the next version of `record.slug` (version 1 when the slug is new, else exactly the latest + 1)
   * and, in the same atomic write, `audit` in the audit log. False, storing neither, when that is not the
   * next version (the slug is taken, or another writer won).
   */
  put(record: AchievementRecord, audit?: AuditEntry): Promise<boolean>;
  /** The latest version, or the given one. */
  get(slug: string, version?: number): Promise<AchievementRecord | undefined>;
  /** The latest version of each achievement, by slug. */
  list(query?: AchievementQuery): Promise<readonly AchievementRecord[]>;
}

/** The in-memory twin; audit entries go to the (in-memory) audit log given to it. */
export class MemoryAchievementRepository implements AchievementRepository {
  readonly #versions = new Map<string, AchievementRecord[]>();
  readonly #audit: AuditLog | undefined;

  constructor(options: { audit?: AuditLog } = {}) {
    this.#audit = options.audit;
  }

  async put(record: AchievementRecord, audit?: AuditEntry) {
    if (audit && !this.#audit)
      throw new TypeError("MemoryAchievementRepository: pass { audit } to store entries");
    const versions = this.#versions.get(record.slug) ?? [];
    if (record.version !== versions.length + 1) return false;
    // Set before the first await, so a concurrent put of the same version sees it.
    this.#versions.set(record.slug, [...versions, structuredClone(record)]);
    try {
      if (audit) await this.#audit?.append(audit);
    } catch (error) {
      this.#versions.set(record.slug, versions);
      throw error;
    }
    return true;
  }

  async get(slug: string, version?: number) {
    const versions = this.#versions.get(slug) ?? [];
    const found = version === undefined ? versions.at(-1) : versions[version - 1];
    return found && structuredClone(found);
  }

  async list(query: AchievementQuery = {}) {
    return [...this.#versions.keys()]
      .sort()
      .filter((slug) => query.after === undefined || slug > query.after)
      .map((slug) => this.#versions.get(slug)?.at(-1) as AchievementRecord)
      .filter((r) => query.includeArchived || !r.archived)
      .filter((r) => query.courseId === undefined || r.content.courseRecord?.id === query.courseId)
      .slice(0, Math.min(Math.max(query.limit ?? 50, 1), 500))
      .map((r) => structuredClone(r));
  }
}
