/** Sample course records for tests here and in the store, app and federation (via `./testing`). */

import { CATALOGUE_RECORD_CONTEXT } from "./catalogue-context.ts";
import type { CourseContent, CourseRecord, CourseTombstone } from "./course-record.ts";

/** The sample owner: did:web of https://nairobi.example. */
export const SAMPLE_OWNER = "did:web:nairobi.example";
/** Its public URL. */
export const SAMPLE_OWNER_URL = "https://nairobi.example";

/** What staff would write for the sample course. */
export const SAMPLE_COURSE_CONTENT: CourseContent = {
  title: { en: "Water management", sw: "Usimamizi wa maji", zh: "水资源管理" },
  description: { en: "Managing water in small communities.", sw: "Kusimamia maji katika jamii ndogo." },
  level: { framework: "EQF", value: 4 },
  credits: { system: "ECTS", value: 5 },
  language: ["en", "sw"],
  mode: "blended",
  audience: ["adults", "seniors"],
  country: "KE",
};

/** An unsigned course record of the sample owner. */
export function sampleCourse(
  slug = "water-101",
  version = 1,
  extra: Partial<CourseContent> = {},
): CourseRecord {
  return {
    "@context": CATALOGUE_RECORD_CONTEXT,
    type: "Course",
    id: `${SAMPLE_OWNER_URL}/catalogue/courses/${slug}`,
    owner: SAMPLE_OWNER,
    version,
    ...SAMPLE_COURSE_CONTENT,
    ...extra,
    updated: "2026-06-01T00:00:00Z",
  };
}

/** An unsigned tombstone of a sample course. */
export function sampleTombstone(slug = "water-101", version = 2): CourseTombstone {
  return {
    "@context": CATALOGUE_RECORD_CONTEXT,
    type: "Tombstone",
    formerType: "Course",
    id: `${SAMPLE_OWNER_URL}/catalogue/courses/${slug}`,
    owner: SAMPLE_OWNER,
    version,
    deleted: "2026-06-02T00:00:00Z",
  };
}
