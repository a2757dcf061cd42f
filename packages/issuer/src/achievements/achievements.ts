/**
 * A centre's achievements: defining and revising them (validated, versioned, audited), and each one's
 * public URL and full `AchievementDefinition`, which credentials embed.
 */
import { type Clock, isAbsoluteUri, LearnbridgeError, systemClock, toXsdDateTime } from "@learnbridge/core";
import type { AchievementDefinition } from "@learnbridge/credentials";
import { type Actor, auditedBy } from "../access/actor.ts";
import type { AuditEntry } from "../audit/audit-log.ts";
import type { AchievementQuery, AchievementRecord, AchievementRepository } from "./achievement-repository.ts";
import { fieldProblemsError } from "./field-problems.ts";
import { validateAchievement } from "./validate-achievement.ts";

export interface AchievementsOptions {
  /** Stores each version with its audit entry. */
  readonly repository: AchievementRepository;
  /** The centre's public URL; achievements live at `${publicUrl}/achievements/${slug}`. */
  readonly publicUrl: string;
  readonly clock?: Clock;
}

export class Achievements {
  readonly #repository: AchievementRepository;
  readonly #base: string;
  readonly #clock: Clock;

  constructor(options: AchievementsOptions) {
    if (!isAbsoluteUri(options?.publicUrl)) throw new TypeError("Achievements: publicUrl must be a URL");
    this.#repository = options.repository;
    this.#base = `${options.publicUrl.replace(/\/+$/, "")}/achievements/`;
    this.#clock = options.clock ?? systemClock;
  }

  /** The achievement's URL, its `id` in credentials. */
  urlOf(slug: string): string {
    return `${this.#base}${slug}`;
  }

  /** The full definition of a stored version, with its URL as id. */
  definitionOf(record: AchievementRecord): AchievementDefinition {
    return { id: this.urlOf(record.slug), ...record.content };
  }

  get(slug: string, version?: number): Promise<AchievementRecord | undefined> {
    return this.#repository.get(slug, version);
  }

  list(query?: AchievementQuery): Promise<readonly AchievementRecord[]> {
    return this.#repository.list(query);
  }

  /** Creates version 1 from a request body carrying `slug`; CONFLICT when the slug is taken. */
  async define(input: unknown, who: Actor): Promise<AchievementRecord> {
    const checked = validateAchievement(input);
    if (!checked.ok) throw fieldProblemsError(checked.problems);
    const { slug, content, archived } = checked.value;
    const at = toXsdDateTime(this.#clock());
    const record: AchievementRecord = { slug, content, archived, version: 1, createdAt: at, updatedAt: at };
    if (!(await this.#repository.put(record, this.#entry(record, "achievement.create", who)))) {
      throw new LearnbridgeError("CONFLICT", `an achievement '${slug}' exists already`, { slug });
    }
    return record;
  }

  /**
   * Stores a new version of `slug`. With `ifVersion` (an If-Match), only when that is still the latest.
   * NOT_FOUND for an unknown slug; CONFLICT when another change came first.
   */
  async revise(slug: string, input: unknown, who: Actor, ifVersion?: number): Promise<AchievementRecord> {
    const checked = validateAchievement(input, slug);
    if (!checked.ok) throw fieldProblemsError(checked.problems);
    const current = await this.#repository.get(slug);
    if (!current) throw new LearnbridgeError("NOT_FOUND", `there is no achievement '${slug}'`, { slug });
    if (ifVersion !== undefined && ifVersion !== current.version) {
      throw new LearnbridgeError("CONFLICT", `'${slug}' is at version ${current.version}, not ${ifVersion}`, {
        slug,
        version: current.version,
      });
    }
    const record: AchievementRecord = {
      slug,
      content: checked.value.content,
      archived: checked.value.archived,
      version: current.version + 1,
      createdAt: current.createdAt,
      updatedAt: toXsdDateTime(this.#clock()),
    };
    if (!(await this.#repository.put(record, this.#entry(record, "achievement.update", who)))) {
      throw new LearnbridgeError("CONFLICT", `'${slug}' was changed meanwhile; read it and try again`, {
        slug,
      });
    }
    return record;
  }

  #entry(record: AchievementRecord, action: string, who: Actor): AuditEntry {
    return {
      at: record.updatedAt,
      ...auditedBy(who),
      action,
      subject: this.urlOf(record.slug),
      details: { slug: record.slug, version: record.version, archived: record.archived },
    };
  }
}
