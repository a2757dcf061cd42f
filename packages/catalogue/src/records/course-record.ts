/**
 * The course record a centre publishes (the minimal record of the federation; the full EU micro-credential
 * record comes with the catalogue issue), and the tombstone that deletes one. Both are signed by their
 * owner, so any node may pass them on untrusted: only the owner writes a record, and a higher `version`
 * wins.
 */
import type { DataIntegrityProof } from "@learnbridge/credentials";
import type { LanguageMap } from "../search/search-text.ts";

/** How a course is attended. */
export type CourseMode = "online" | "in-person" | "blended";
/** Every mode, in the order forms list them. */
export const COURSE_MODES: readonly CourseMode[] = ["online", "in-person", "blended"];

/** A level in a qualifications framework; EQF levels are 1-8. */
export interface CourseLevel {
  readonly framework: string;
  readonly value: number;
}

/** Credits in a credit system (ECTS where possible). */
export interface CourseCredits {
  readonly system: string;
  readonly value: number;
}

/** A course as its owner describes it (what staff write; the node adds the rest). */
export interface CourseContent {
  readonly title: LanguageMap;
  readonly description?: LanguageMap;
  readonly level?: CourseLevel;
  readonly credits?: CourseCredits;
  /** BCP 47 tags of the languages it is taught in. */
  readonly language: readonly string[];
  readonly mode: CourseMode;
  /** Who it is for, as lower-case words: `adults`, `seniors`, `teachers`… */
  readonly audience?: readonly string[];
  /** ISO 3166-1 alpha-2 of where it is taught or awarded. */
  readonly country?: string;
}

/** A course record, signed (`proof`) once published. */
export interface CourseRecord extends CourseContent {
  readonly "@context": readonly string[];
  readonly type: "Course";
  /** Its URL: `${owner's public URL}/catalogue/courses/${slug}`. */
  readonly id: string;
  /** The owner's DID (did:web of its public URL). */
  readonly owner: string;
  /** 1 when created, one more on every change. */
  readonly version: number;
  /** When this version was made (ISO 8601, UTC). */
  readonly updated: string;
  readonly proof?: DataIntegrityProof;
}

/** A deleted course: signed by its owner, so that no mirror can forge a deletion. */
export interface CourseTombstone {
  readonly "@context": readonly string[];
  readonly type: "Tombstone";
  readonly formerType: "Course";
  readonly id: string;
  readonly owner: string;
  /** The last version + 1. */
  readonly version: number;
  readonly deleted: string;
  readonly proof?: DataIntegrityProof;
}

/** What the catalogue stores and a feed carries: a record or its tombstone. */
export type CatalogueEntry = CourseRecord | CourseTombstone;

/** True for a tombstone. */
export const isTombstone = (entry: CatalogueEntry): entry is CourseTombstone => entry.type === "Tombstone";
