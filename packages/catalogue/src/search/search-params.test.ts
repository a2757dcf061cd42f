import { describe, expect, it } from "vitest";
import { parseSearchParams, searchCursorOf } from "./search-params.ts";

const parse = (params: Record<string, string | string[]>) =>
  parseSearchParams(Object.fromEntries(Object.entries(params).map(([k, v]) => [k, [v].flat()])));

describe("parseSearchParams", () => {
  it("builds the query from every parameter", () => {
    expect(
      parse({
        q: " 数字技能 ",
        lang: "zh",
        level: "2-4",
        credits: "-2.5",
        language: "zh,EN",
        mode: "online,blended",
        country: "ke,cn",
        audience: "Seniors",
        limit: "10",
      }),
    ).toEqual({
      ok: true,
      readerLanguage: "zh",
      query: {
        text: "数字技能",
        textLanguage: "zh",
        level: { min: 2, max: 4 },
        credits: { max: 2.5 },
        languages: ["zh", "en"],
        modes: ["online", "blended"],
        countries: ["KE", "CN"],
        audiences: ["seniors"],
        limit: 10,
      },
    });
  });

  it("reads a range as one value, open above or open below", () => {
    const level = (value: string) => {
      const parsed = parse({ level: value });
      return parsed.ok ? parsed.query.level : parsed.field;
    };
    expect([level("4"), level("3-"), level("-5"), level("1-8")]).toEqual([
      { min: 4, max: 4 },
      { min: 3 },
      { max: 5 },
      { min: 1, max: 8 },
    ]);
    expect(parse({})).toEqual({ ok: true, query: { limit: 20 } });
  });

  it.each([
    [{ level: "9" }, "level"],
    [{ level: "5-3" }, "level"],
    [{ level: "2.5" }, "level"],
    [{ level: "-" }, "level"],
    [{ credits: "abc" }, "credits"],
    [{ credits: "-1-2" }, "credits"],
    [{ mode: "online,by-post" }, "mode"],
    [{ country: "KEN" }, "country"],
    [{ language: "en,not a tag" }, "language"],
    [{ audience: "seniors!" }, "audience"],
    [{ limit: "0" }, "limit"],
    [{ limit: "101" }, "limit"],
    [{ limit: "ten" }, "limit"],
    [{ lang: "中文" }, "lang"],
    [{ q: "x".repeat(201) }, "q"],
    [{ q: Array.from({ length: 17 }, (_, i) => `w${i}`).join(" ") }, "q"],
    [{ sort: "title" }, "sort"],
    [{ level: ["2", "3"] }, "level"],
    [{ cursor: "not-a-cursor" }, "cursor"],
  ])("names the bad parameter of %j", (params, field) => {
    const parsed = parse(params);
    expect(parsed).toMatchObject({ ok: false, field, message: expect.any(String) });
  });

  it("takes back its own cursor for the same query only", () => {
    const first = parse({ q: "maji", country: "KE", limit: "5" });
    if (!first.ok) throw new Error(first.message);
    const cursor = searchCursorOf(first.query, 5);
    expect(parse({ q: "maji", country: "KE", limit: "5", cursor })).toMatchObject({
      ok: true,
      query: { offset: 5 },
    });
    // A different page size keeps the order, so the cursor still holds.
    expect(parse({ q: "maji", country: "KE", limit: "7", cursor })).toMatchObject({ ok: true });
    expect(parse({ q: "maji", cursor })).toMatchObject({ ok: false, field: "cursor" });
  });
});
