/**
 * A node's own catalogue: staff create, revise and delete courses by slug; the node builds each version of
 * the record, signs it as the owner with its active key, and stores, publishes and audits it in one write.
 */
import { type Clock, LearnbridgeError, type Signer, systemClock, toXsdDateTime } from "@learnbridge/core";
import { CATALOGUE_RECORD_CONTEXT } from "./catalogue-context.ts";
import {
  type CatalogueEntry,
  type CourseRecord,
  type CourseTombstone,
  isTombstone,
} from "./course-record.ts";
import type { CatalogueAuditEntry, CourseQuery, CourseRepository } from "./course-repository.ts";
import { recordHashOf, signCatalogueEntry } from "./sign-record.ts";
import { type RecordProblem, recordProblemsError, validateCourseContent } from "./validate-record.ts";

/** A course's slug: the last segment of its URL. */
export const COURSE_SLUG = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

/** Who made a change (structurally the issuer's `Actor`). */
export interface CatalogueActor {
  readonly actor: string;
  readonly origin?: string;
}

/** Options of `OwnCatalogue`. */
export interface OwnCatalogueOptions {
  readonly repository: CourseRepository;
  /** The node's public URL; records live at `${publicUrl}/catalogue/courses/${slug}`. */
  readonly publicUrl: string;
  /** The node's DID (did:web of `publicUrl`): the owner of its records. */
  readonly owner: string;
  /** The node's active signing key (after a rotation, the new one). */
  readonly signer: () => Promise<Signer>;
  readonly clock?: Clock;
}

/** The node's own catalogue. */
export class OwnCatalogue {
  readonly #repository: CourseRepository;
  readonly #base: string;
  readonly #owner: string;
  readonly #signer: () => Promise<Signer>;
  readonly #clock: Clock;

  constructor(options: OwnCatalogueOptions) {
    if (!options?.repository) throw new TypeError("OwnCatalogue: repository is required");
    if (typeof options.signer !== "function") throw new TypeError("OwnCatalogue: signer is required");
    if (!options.owner?.startsWith("did:web:")) throw new TypeError("OwnCatalogue: owner must be a did:web");
    this.#repository = options.repository;
    this.#base = `${options.publicUrl.replace(/\/+$/, "")}/catalogue/courses/`;
    this.#owner = options.owner;
    this.#signer = options.signer;
    this.#clock = options.clock ?? systemClock;
  }

  /** The URL (and id) of a course. */
  urlOf(slug: string): string {
    return `${this.#base}${slug}`;
  }

  /** The slug of one of this node's record ids, or undefined. */
  slugOf(recordId: string): string | undefined {
    return recordId.startsWith(this.#base) ? recordId.slice(this.#base.length) : undefined;
  }

  /** The latest version of a course, or its tombstone. */
  get(slug: string): Promise<CatalogueEntry | undefined> {
    return COURSE_SLUG.test(slug) ? this.#repository.get(this.urlOf(slug)) : Promise.resolve(undefined);
  }

  /** Live courses by id (tombstones when asked). */
  list(query: CourseQuery = {}): Promise<readonly CatalogueEntry[]> {
    return this.#repository.list(query);
  }

  /**
   * Creates a course from `{slug, ...content}`: version 1, or the version after its tombstone when the slug
   * was deleted before. 422 naming every bad field; CONFLICT when the slug is taken.
   */
  async create(input: Record<string, unknown>, who: CatalogueActor): Promise<CourseRecord> {
    const { slug, ...content } = input;
    const problems: RecordProblem[] = [];
    if (slug === undefined) problems.push({ code: "FIELD_MISSING", field: "slug", message: "is required" });
    else if (typeof slug !== "string" || !COURSE_SLUG.test(slug))
      problems.push({
        code: "FIELD_INVALID",
        field: "slug",
        message: "must be lower-case letters, digits and -",
      });
    const checked = validateCourseContent(content);
    if (!checked.ok) problems.push(...checked.problems);
    if (problems.length || !checked.ok) throw recordProblemsError(problems);
    const id = this.urlOf(slug as string);
    const current = await this.#repository.get(id);
    if (current && !isTombstone(current))
      throw new LearnbridgeError("CONFLICT", `the course ${slug} exists`, { id });
    return this.#store("course.create", { ...checked.value, version: (current?.version ?? 0) + 1, id }, who);
  }

  /**
   * Replaces a live course's content with a new version (the stored one + 1). NOT_FOUND for no such
   * course, GONE for a deleted one, CONFLICT when `ifVersion` is not the stored version or a writer won.
   */
  async revise(slug: string, input: Record<string, unknown>, who: CatalogueActor, ifVersion?: number) {
    const { slug: named, ...content } = input;
    if (named !== undefined && named !== slug)
      throw recordProblemsError([
        { code: "FIELD_INVALID", field: "slug", message: `must be ${slug} or absent` },
      ]);
    const checked = validateCourseContent(content);
    if (!checked.ok) throw recordProblemsError(checked.problems);
    const current = await this.#live(slug, ifVersion);
    return this.#store(
      "course.update",
      { ...checked.value, version: current.version + 1, id: current.id },
      who,
    );
  }

  /** Deletes a live course: a signed tombstone at the next version. The same refusals as `revise`. */
  async remove(slug: string, who: CatalogueActor, ifVersion?: number): Promise<CourseTombstone> {
    const current = await this.#live(slug, ifVersion);
    const tombstone: CourseTombstone = {
      "@context": CATALOGUE_RECORD_CONTEXT,
      type: "Tombstone",
      formerType: "Course",
      id: current.id,
      owner: this.#owner,
      version: current.version + 1,
      deleted: toXsdDateTime(this.#clock()),
    };
    return this.#put("course.delete", tombstone, who);
  }

  async #live(slug: string, ifVersion: number | undefined): Promise<CourseRecord> {
    const current = await this.get(slug);
    if (!current) throw new LearnbridgeError("NOT_FOUND", `there is no course ${slug}`);
    if (isTombstone(current)) throw new LearnbridgeError("GONE", `the course ${slug} was deleted`);
    if (ifVersion !== undefined && ifVersion !== current.version) {
      throw new LearnbridgeError(
        "CONFLICT",
        `the course is at version ${current.version}, not ${ifVersion}`,
        {
          version: current.version,
        },
      );
    }
    return current;
  }

  #store(
    action: string,
    fields: Omit<CourseRecord, "@context" | "type" | "owner" | "updated">,
    who: CatalogueActor,
  ) {
    const { id, version, ...content } = fields;
    const record: CourseRecord = {
      "@context": CATALOGUE_RECORD_CONTEXT,
      type: "Course",
      id,
      owner: this.#owner,
      version,
      ...content,
      updated: toXsdDateTime(this.#clock()),
    };
    return this.#put(action, record, who);
  }

  async #put<T extends CatalogueEntry>(action: string, entry: T, who: CatalogueActor): Promise<T> {
    const signed = await signCatalogueEntry(entry, { signer: await this.#signer(), clock: this.#clock });
    const audit: CatalogueAuditEntry = {
      at: toXsdDateTime(this.#clock()),
      actor: who.actor,
      action,
      subject: signed.id,
      ...(who.origin ? { origin: who.origin } : {}),
      details: { version: signed.version, recordHash: await recordHashOf(signed) },
    };
    if (!(await this.#repository.put(signed, audit))) {
      throw new LearnbridgeError("CONFLICT", `${signed.id} was changed meanwhile; read it and try again`, {
        id: signed.id,
      });
    }
    return signed;
  }
}
