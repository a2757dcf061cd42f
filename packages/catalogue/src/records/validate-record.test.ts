import { describe, expect, it } from "vitest";
import { catalogueColumnsOf } from "./columns.ts";
import { SAMPLE_OWNER, sampleCourse, sampleTombstone } from "./record-samples.ts";
import { isUnderOwner, validateCatalogueEntry, validateCourseContent } from "./validate-record.ts";

const problemsOf = (value: unknown) => {
  const checked = validateCatalogueEntry(value, { requireProof: false });
  return checked.ok ? [] : checked.problems.map((p) => [p.code, p.field]);
};

describe("validateCatalogueEntry", () => {
  it("accepts the sample course and tombstone; a published one needs its proof", () => {
    expect(problemsOf(sampleCourse())).toEqual([]);
    expect(problemsOf(sampleTombstone())).toEqual([]);
    const unsigned = validateCatalogueEntry(sampleCourse());
    expect(unsigned.ok ? [] : unsigned.problems.map((p) => p.code)).toEqual(["PROOF_MISSING"]);
  });

  it("names each bad member with its own code", () => {
    const course = sampleCourse() as unknown as Record<string, unknown>;
    const cases: [Record<string, unknown>, string, string][] = [
      [{ "@context": undefined }, "CONTEXT_MISSING", "@context"],
      [{ "@context": ["https://www.w3.org/ns/credentials/v2"] }, "CONTEXT_UNKNOWN", "@context"],
      [{ type: undefined }, "TYPE_MISSING", "type"],
      [{ type: "Event" }, "FIELD_INVALID", "type"],
      [{ id: undefined }, "FIELD_MISSING", "id"],
      [{ id: "https://elsewhere.example/catalogue/courses/x" }, "URL_INVALID", "id"],
      [{ id: "ftp://nairobi.example/catalogue/x" }, "URL_INVALID", "id"],
      [{ owner: "did:key:z6Mkabc" }, "DID_INVALID", "owner"],
      [{ owner: undefined }, "FIELD_MISSING", "owner"],
      [{ version: 0 }, "FIELD_INVALID", "version"],
      [{ version: "3" }, "FIELD_INVALID", "version"],
      [{ title: undefined }, "FIELD_MISSING", "title"],
      [{ title: {} }, "FIELD_INVALID", "title"],
      [{ title: { "not a tag": "x" } }, "FIELD_INVALID", "title.not a tag"],
      [{ title: { en: " " } }, "FIELD_INVALID", "title.en"],
      [{ title: { en: "x".repeat(301) } }, "FIELD_INVALID", "title.en"],
      [{ description: "plain" }, "FIELD_INVALID", "description"],
      [{ level: { framework: "EQF", value: 9 } }, "FIELD_INVALID", "level.value"],
      [{ level: { framework: "EQF", value: 0 } }, "FIELD_INVALID", "level.value"],
      [{ level: { value: 3 } }, "FIELD_MISSING", "level.framework"],
      [{ level: { framework: "EQF", value: 3, note: "x" } }, "TERM_UNDEFINED", "level.note"],
      [{ level: 4 }, "FIELD_INVALID", "level"],
      [{ credits: { system: "ECTS", value: -1 } }, "FIELD_INVALID", "credits.value"],
      [{ language: undefined }, "FIELD_MISSING", "language"],
      [{ language: [] }, "FIELD_INVALID", "language"],
      [{ language: ["en", "english!"] }, "FIELD_INVALID", "language[1]"],
      [{ language: ["en", "en"] }, "FIELD_INVALID", "language"],
      [{ mode: undefined }, "FIELD_MISSING", "mode"],
      [{ mode: "correspondence" }, "FIELD_INVALID", "mode"],
      [{ audience: ["Seniors"] }, "FIELD_INVALID", "audience[0]"],
      [{ country: "XX" }, "FIELD_INVALID", "country"],
      [{ country: "ke" }, "FIELD_INVALID", "country"],
      [{ updated: "yesterday" }, "DATE_INVALID", "updated"],
      [{ updated: "2026-06-01T03:00:00+03:00" }, "DATE_INVALID", "updated"],
      [{ proof: "z123" }, "PROOF_MALFORMED", "proof"],
      [{ rating: 5 }, "TERM_UNDEFINED", "rating"],
    ];
    for (const [change, code, field] of cases) {
      const value = { ...course, ...change };
      for (const key of Object.keys(change)) if (change[key] === undefined) delete value[key];
      expect(problemsOf(value), JSON.stringify(change)).toEqual([[code, field]]);
    }
    expect(problemsOf("a string")).toEqual([["FIELD_INVALID", ""]]);
    expect(problemsOf({ ...course, description: { en: "x".repeat(70_000) } })).toContainEqual([
      "DOCUMENT_TOO_LARGE",
      "",
    ]);
  });

  it("checks a tombstone's own members", () => {
    const tombstone = sampleTombstone() as unknown as Record<string, unknown>;
    expect(problemsOf({ ...tombstone, formerType: "Event" })).toEqual([["FIELD_INVALID", "formerType"]]);
    expect(problemsOf({ ...tombstone, deleted: undefined })).toEqual([["FIELD_MISSING", "deleted"]]);
    expect(problemsOf({ ...tombstone, title: { en: "x" } })).toEqual([["TERM_UNDEFINED", "title"]]);
  });

  it("puts a record's id under its owner's URL, path and port included; http for loopback too", () => {
    expect(isUnderOwner("https://nairobi.example/catalogue/courses/a", SAMPLE_OWNER)).toBe(true);
    expect(isUnderOwner("https://nairobi.example", SAMPLE_OWNER)).toBe(false);
    expect(isUnderOwner("https://nairobi.example.evil/x", SAMPLE_OWNER)).toBe(false);
    expect(isUnderOwner("https://nairobi.example/x?y=1", SAMPLE_OWNER)).toBe(false);
    expect(isUnderOwner("http://127.0.0.1:8787/catalogue/courses/a", "did:web:127.0.0.1%3A8787")).toBe(true);
    expect(isUnderOwner("http://127.0.0.1:8788/catalogue/courses/a", "did:web:127.0.0.1%3A8787")).toBe(false);
    expect(isUnderOwner("https://hq.example/lahore/catalogue/x", "did:web:hq.example:lahore")).toBe(true);
    expect(isUnderOwner("https://hq.example/karachi/catalogue/x", "did:web:hq.example:lahore")).toBe(false);
  });
});

describe("validateCourseContent", () => {
  it("keeps the content members in a fixed order and refuses others", () => {
    const { mode, title, language } = sampleCourse();
    const checked = validateCourseContent({ mode, language, title });
    expect(checked.ok && Object.keys(checked.value)).toEqual(["title", "language", "mode"]);
    const refused = validateCourseContent({ mode, language, title, version: 3 });
    expect(refused.ok ? [] : refused.problems.map((p) => [p.code, p.field])).toEqual([
      ["FIELD_INVALID", "version"],
    ]);
  });
});

describe("catalogueColumnsOf", () => {
  it("gives a course's searchable columns, and a tombstone's empty ones", () => {
    const course = sampleCourse();
    expect(catalogueColumnsOf(course)).toMatchObject({
      recordId: course.id,
      owner: SAMPLE_OWNER,
      version: 1,
      level: 4,
      credits: 5,
      languages: ["en", "sw"],
      mode: "blended",
      country: "KE",
      audience: ["adults", "seniors"],
      deleted: false,
    });
    expect(catalogueColumnsOf(course).searchText).toContain("usimamizi");
    expect(
      catalogueColumnsOf(sampleCourse("x", 1, { level: { framework: "NQF-CN", value: 5 } })).level,
    ).toBeNull();
    expect(catalogueColumnsOf(sampleTombstone())).toMatchObject({
      searchText: "",
      deleted: true,
      version: 2,
    });
  });
});
