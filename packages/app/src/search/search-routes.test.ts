import {
  type CatalogueSearchRow,
  MemoryCatalogueSearch,
  type SearchableCourse,
  searchRowOf,
} from "@learnbridge/catalogue";
import { SEARCH_SAMPLES as S, SEARCH_SAMPLE_LIST } from "@learnbridge/catalogue/testing";
import { describe, expect, it } from "vitest";
import { expectProblem } from "../test-support/expect-problem.ts";
import { testCentre } from "../test-support/test-centre.ts";

interface Body {
  results: { id: string; title?: string; titleLanguage?: string; source: string; [k: string]: unknown }[];
  next?: string;
}

/** A centre whose search sees `records` as followed records; `rows` can be changed between requests. */
async function searchCentre(records: readonly SearchableCourse[] = SEARCH_SAMPLE_LIST) {
  const rows = new Map<string, CatalogueSearchRow>(records.map((r) => [r.id, searchRowOf(r)]));
  const catalogueSearch = new MemoryCatalogueSearch({ sources: { replica: () => rows.values() } });
  const { app } = await testCentre({ catalogueSearch });
  const get = async (query: string, headers: Record<string, string> = {}) => {
    const response = await app.request(`/catalogue/search?${query}`, { headers });
    return { response, body: response.ok ? ((await response.json()) as Body) : undefined };
  };
  return { app, rows, get };
}

describe("GET /catalogue/search", () => {
  it("finds a Chinese query and names the course in the reader's language, with a fallback", async () => {
    const { get } = await searchCentre();
    const q = `q=${encodeURIComponent("数字技能")}`;
    const zh = await get(`${q}&lang=zh`);
    expect(zh.response.status).toBe(200);
    expect(zh.response.headers.get("access-control-allow-origin")).toBe("*");
    expect(zh.response.headers.get("cache-control")).toBe("public, max-age=30");
    expect(zh.body?.results).toEqual([
      {
        id: S.seniorsDigital.id,
        owner: S.seniorsDigital.owner,
        version: 1,
        source: "replica",
        title: "老年人数字技能入门",
        titleLanguage: "zh",
        description: "学习使用智能手机、视频通话和网上挂号。",
        descriptionLanguage: "zh",
        level: { framework: "EQF", value: 2 },
        credits: { system: "ECTS", value: 2 },
        language: ["zh-Hans"],
        mode: "in-person",
        audience: ["seniors"],
        country: "CN",
      },
    ]);
    const en = await get(q, { "Accept-Language": "en-GB,zh;q=0.5" });
    expect(en.body?.results[0]).toMatchObject({
      title: "Getting started with smartphones",
      titleLanguage: "en",
    });
    // No Swahili title: English is the fallback; no English either: the record's own language.
    const sw = await get(`${q}&lang=sw`);
    expect(sw.body?.results[0]).toMatchObject({ titleLanguage: "en" });
    const calligraphy = await get(`q=${encodeURIComponent("书法")}&lang=sw`);
    expect(calligraphy.body?.results[0]).toMatchObject({ title: "中华传统文化与书法", titleLanguage: "zh" });
  });

  it("finds Swahili and French queries, and gives a Swahili reader the Swahili title", async () => {
    const { get } = await searchCentre();
    const sw = await get("q=usimamizi+wa+maji&lang=sw");
    expect(sw.body?.results.map((r) => [r.id, r.title])).toEqual([[S.water.id, "Usimamizi wa maji"]]);
    const fr = await get(`q=${encodeURIComponent("compétences numériques")}`, { "Accept-Language": "fr" });
    expect(fr.body?.results.map((r) => [r.id, r.title])).toEqual([
      [S.frenchDigital.id, "Compétences numériques pour l'emploi"],
    ]);
  });

  it("narrows by filters given in the URL", async () => {
    const { get } = await searchCentre();
    const ids = async (query: string) => (await get(query)).body?.results.map((r) => r.id).sort();
    expect(await ids("audience=seniors&level=1-2")).toEqual(
      [S.calligraphy.id, S.photography.id, S.seniorsDigital.id].sort(),
    );
    expect(await ids("audience=SENIORS&mode=online")).toEqual([S.photography.id]);
    expect(await ids("country=ke&credits=6-")).toEqual([S.entrepreneurship.id]);
    expect(await ids("language=sw,fr")).toEqual(
      [S.water.id, S.entrepreneurship.id, S.frenchDigital.id].sort(),
    );
    expect(await ids("q=digital&level=-3")).toEqual([S.photography.id]);
  });

  it("follows `next` through every hit exactly once, and drops a deleted record", async () => {
    const many = Array.from({ length: 12 }, (_, i) => ({ ...S.water, id: `${S.water.id}-${i}` }));
    const { get, rows } = await searchCentre(many);
    const seen: string[] = [];
    let query = "q=maji&limit=5";
    for (let pages = 0; pages < 10; pages++) {
      const { body } = await get(query);
      seen.push(...(body?.results.map((r) => r.id) ?? []));
      if (!body?.next) break;
      query = `q=maji&limit=5&cursor=${encodeURIComponent(body.next)}`;
    }
    expect(seen.sort()).toEqual(many.map((r) => r.id).sort());

    const gone = many[3] as SearchableCourse;
    rows.set(gone.id, { ...(rows.get(gone.id) as CatalogueSearchRow), version: 2, deleted: true });
    const after = await get("q=maji&limit=100");
    expect(after.body?.results).toHaveLength(11);
    expect(after.body?.results.map((r) => r.id)).not.toContain(gone.id);
  });

  it.each([
    ["level=0", "level"],
    ["level=6-4", "level"],
    ["credits=lots", "credits"],
    ["mode=by-post", "mode"],
    ["country=Kenya", "country"],
    ["language=%E4%B8%AD%E6%96%87", "language"],
    ["audience=old%20people", "audience"],
    ["limit=500", "limit"],
    ["cursor=abc", "cursor"],
    ["level=2&level=3", "level"],
    ["sort=newest", "sort"],
  ])("answers %s with 400 BAD_REQUEST naming the parameter", async (query, field) => {
    const { get } = await searchCentre();
    const { response } = await get(query);
    const problem = await expectProblem(response, 400, "BAD_REQUEST");
    expect(problem.field).toBe(field);
  });

  it("refuses a cursor carried over to another query", async () => {
    const many = Array.from({ length: 3 }, (_, i) => ({ ...S.water, id: `${S.water.id}-${i}` }));
    const { get } = await searchCentre(many);
    const next = (await get("q=maji&limit=1")).body?.next ?? "";
    const { response } = await get(`q=water&limit=1&cursor=${encodeURIComponent(next)}`);
    expect((await expectProblem(response, 400, "BAD_REQUEST")).field).toBe("cursor");
  });

  it("finds nothing on a node built without a search index", async () => {
    const { app } = await testCentre();
    const response = await app.request("/catalogue/search?q=maji");
    expect(await response.json()).toEqual({ results: [] });
  });
});
