import { describe, expect, it } from "vitest";
import { validateCentreProfile } from "./centre-profile.ts";
import { validateAchievement } from "./validate-achievement.ts";

const valid = {
  slug: "digital-skills",
  name: { en: "Digital Skills", zh: "数字技能", "zh-Hant": "數位技能" },
  description: "Video calls and mobile payments.",
  criteria: { narrative: { en: "Completed every session." }, id: "https://centre.example/criteria/1" },
  sourceLanguage: "en",
  achievementType: "MicroCredential",
  ectsCredits: 2,
  workloadHours: 50,
  creditsAvailable: 0,
  eqfLevel: 3,
  participationForm: "online",
  learningOutcomes: [
    { text: { en: "Makes a video call" }, frameworkUri: "http://data.europa.eu/esco/skill/x" },
  ],
  courseRecord: { id: "urn:uuid:0b7c4f36-50c8-4b4e-9a8e-0b7d54d1f0aa", version: 2 },
  tags: ["digital"],
  archived: false,
};

const problemsOf = (input: unknown, slug?: string) => {
  const checked = validateAchievement(input, slug);
  return checked.ok ? [] : checked.problems.map((p) => [p.code, p.field]);
};

describe("validateAchievement", () => {
  it("accepts a full definition and keeps only known fields", () => {
    const checked = validateAchievement(valid);
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    const { slug: _, archived: __, ...content } = valid;
    expect(checked.value).toEqual({ slug: "digital-skills", archived: false, content });
  });

  it("names every problem with a stable code and the field's path", () => {
    expect(
      problemsOf({
        ...valid,
        id: "https://elsewhere.example/a",
        slug: "Bad Slug",
        name: { en: "Name", "not a tag": "x" },
        description: { zh: "只有中文" },
        eqfLevel: 9,
        ectsCredits: -1,
        workloadHours: "50",
        participationForm: "by post",
        image: "/relative.png",
        criteria: {},
        learningOutcomes: [{ text: "" }, "x"],
        courseRecord: { id: "urn:course" },
        achievementType: "Trophy",
        extra: true,
      }),
    ).toEqual([
      ["FIELD_INVALID", "id"],
      ["FIELD_INVALID", "slug"],
      ["FIELD_INVALID", "extra"],
      ["FIELD_INVALID", "name.not a tag"],
      ["FIELD_MISSING", "description.en"],
      ["FIELD_MISSING", "criteria.narrative"],
      ["FIELD_INVALID", "achievementType"],
      ["FIELD_INVALID", "ectsCredits"],
      ["FIELD_INVALID", "workloadHours"],
      ["FIELD_INVALID", "eqfLevel"],
      ["FIELD_INVALID", "image"],
      ["FIELD_INVALID", "participationForm"],
      ["FIELD_INVALID", "learningOutcomes[0].text"],
      ["FIELD_INVALID", "learningOutcomes[1]"],
      ["FIELD_MISSING", "courseRecord.version"],
    ]);
  });

  it("requires the slug on create, the source language, and the body's slug to match the URL's", () => {
    const { slug: _, sourceLanguage: __, ...rest } = valid;
    expect(problemsOf(rest)).toEqual([
      ["FIELD_MISSING", "slug"],
      ["FIELD_MISSING", "sourceLanguage"],
    ]);
    expect(problemsOf(valid, "other")).toEqual([["FIELD_INVALID", "slug"]]);
    expect(problemsOf({ ...valid, slug: undefined }, "digital-skills")).toEqual([]);
    expect(problemsOf([])).toEqual([["FIELD_INVALID", "(body)"]]);
  });
});

describe("validateCentreProfile", () => {
  it("accepts a profile and refuses a bad country, URL, email and a name without the source language", () => {
    expect(
      validateCentreProfile({ name: { en: "Centre", sw: "Kituo" }, sourceLanguage: "en", country: "KE" }).ok,
    ).toBe(true);
    const checked = validateCentreProfile({
      name: { sw: "Kituo" },
      sourceLanguage: "en",
      country: "ke",
      url: "ftp://centre.example",
      email: "nobody",
    });
    expect(checked.ok ? [] : checked.problems.map((p) => p.field)).toEqual([
      "name.en",
      "country",
      "url",
      "email",
    ]);
  });
});
