/**
 * The contract suite of `CatalogueSearch` (exported by `@learnbridge/catalogue/testing`): the in-memory twin
 * and the libSQL index run the same tests. The factory returns a fresh, empty search and the means to write
 * rows into the own and replica catalogues as the record stores do.
 */
import { describe, expect, it } from "vitest";
import type { CatalogueSearch, SearchQuery, SearchSource } from "./catalogue-search.ts";
import { SEARCH_SAMPLE_LIST, SEARCH_SAMPLES } from "./search-fixtures.ts";
import type { SearchableCourse } from "./search-row.ts";

/** A fresh, empty search and its catalogues. */
export interface SearchHarness {
  readonly search: CatalogueSearch;
  /** Writes a live record's row (a new row, or the next version of an existing one). */
  put(source: SearchSource, record: SearchableCourse): Promise<void>;
  /** Turns the record's row into a tombstone, as the feed keeps a deletion. */
  tombstone(source: SearchSource, recordId: string, version: number): Promise<void>;
  /** Removes the row altogether. */
  remove(source: SearchSource, recordId: string): Promise<void>;
}

const S = SEARCH_SAMPLES;

/** Runs the contract against `make`. */
export function catalogueSearchContract(name: string, make: () => Promise<SearchHarness>) {
  const loaded = async (source: SearchSource = "replica") => {
    const harness = await make();
    for (const record of SEARCH_SAMPLE_LIST) await harness.put(source, record);
    return harness;
  };
  const ids = async (search: CatalogueSearch, query: Omit<SearchQuery, "limit">) =>
    (await search.search({ limit: 100, ...query })).hits.map((hit) => hit.recordId);
  const sorted = (...records: SearchableCourse[]) => records.map((r) => r.id).sort();

  describe(`CatalogueSearch contract: ${name}`, () => {
    it("finds a Chinese query in a Chinese title, and nothing else", async () => {
      const { search } = await loaded();
      expect(await ids(search, { text: "数字技能" })).toEqual([S.seniorsDigital.id]);
      // Part of a longer dictionary word: 资源 inside 水资源, 老年 inside 老年人.
      expect(await ids(search, { text: "资源" })).toEqual([S.water.id]);
      expect(await ids(search, { text: "老年", textLanguage: "zh" })).toEqual([S.seniorsDigital.id]);
      expect(await ids(search, { text: "书法 数字" })).toEqual([]);
    });

    it("finds Swahili and French queries, ignoring case and accents", async () => {
      const { search } = await loaded();
      expect(await ids(search, { text: "Usimamizi wa MAJI" })).toEqual([S.water.id]);
      expect(await ids(search, { text: "biashara ndogo" })).toEqual([S.entrepreneurship.id]);
      expect(await ids(search, { text: "numérique emploi" })).toEqual([S.frenchDigital.id]);
      expect(await ids(search, { text: "competences" })).toEqual([S.frenchDigital.id]);
    });

    it("returns the stored record, its owner, version and source", async () => {
      const { search } = await loaded("own");
      const page = await search.search({ text: "water", limit: 5 });
      expect(page).toEqual({
        hits: [
          {
            recordId: S.water.id,
            owner: S.water.owner,
            version: 1,
            source: "own",
            record: JSON.parse(JSON.stringify(S.water)),
          },
        ],
      });
    });

    it("ranks a title match above a description match", async () => {
      const { search } = await loaded();
      expect(await ids(search, { text: "digital" })).toEqual([S.marketing.id, S.photography.id]);
    });

    it("narrows by each filter, and by text and filters together", async () => {
      const { search } = await loaded();
      expect((await ids(search, { level: { min: 4, max: 5 } })).sort()).toEqual(
        sorted(S.water, S.entrepreneurship, S.marketing),
      );
      expect((await ids(search, { level: { min: 2, max: 2 } })).sort()).toEqual(
        sorted(S.seniorsDigital, S.photography),
      );
      expect((await ids(search, { level: { max: 1 } })).sort()).toEqual(sorted(S.calligraphy));
      expect((await ids(search, { credits: { max: 2 } })).sort()).toEqual(
        sorted(S.seniorsDigital, S.calligraphy, S.photography),
      );
      expect((await ids(search, { credits: { min: 3, max: 5 } })).sort()).toEqual(
        sorted(S.water, S.frenchDigital, S.marketing),
      );
      expect((await ids(search, { modes: ["online"] })).sort()).toEqual(
        sorted(S.water, S.marketing, S.photography),
      );
      expect((await ids(search, { modes: ["blended", "in-person"] })).length).toBe(5);
      expect((await ids(search, { languages: ["zh"] })).sort()).toEqual(
        sorted(S.seniorsDigital, S.calligraphy, S.marketing),
      );
      expect((await ids(search, { languages: ["zh-hans"] })).sort()).toEqual(sorted(S.seniorsDigital));
      expect((await ids(search, { languages: ["sw"] })).sort()).toEqual(sorted(S.water, S.entrepreneurship));
      expect((await ids(search, { countries: ["KE"] })).sort()).toEqual(sorted(S.water, S.entrepreneurship));
      expect((await ids(search, { countries: ["SN", "KE"] })).length).toBe(3);
      expect((await ids(search, { audiences: ["seniors"] })).sort()).toEqual(
        sorted(S.seniorsDigital, S.calligraphy, S.photography),
      );
      expect(await ids(search, { text: "digital", audiences: ["seniors"] })).toEqual([S.photography.id]);
      expect(await ids(search, { text: "digital", countries: ["KE"] })).toEqual([]);
      expect((await ids(search, {})).length).toBe(SEARCH_SAMPLE_LIST.length);
    });

    it("pages through every hit exactly once, in a stable order", async () => {
      const harness = await make();
      const many = Array.from({ length: 23 }, (_, i) => ({
        ...S.water,
        id: `https://nairobi.example/catalogue/courses/water-${String(i).padStart(2, "0")}`,
        // Different lengths, so that scores differ and ties occur both.
        description: { en: `Rainwater ${"harvesting ".repeat(i % 4)}for farms.` },
      }));
      for (const record of many) await harness.put("replica", record);
      for (const query of [{ text: "rainwater" }, { countries: ["KE"] }] as const) {
        const seen: string[] = [];
        let offset: number | undefined = 0;
        let pages = 0;
        while (offset !== undefined) {
          const page = await harness.search.search({ ...query, offset, limit: 5 });
          expect(page.hits.length).toBeLessThanOrEqual(5);
          seen.push(...page.hits.map((h) => h.recordId));
          offset = page.nextOffset;
          pages++;
        }
        expect(pages).toBe(5);
        expect(seen.sort()).toEqual(many.map((r) => r.id).sort());
        const again = await harness.search.search({ ...query, offset: 10, limit: 5 });
        const whole = await harness.search.search({ ...query, limit: 100 });
        expect(again.hits.map((h) => h.recordId)).toEqual(whole.hits.slice(10, 15).map((h) => h.recordId));
      }
    });

    it("drops a deleted record and finds only the latest version's words", async () => {
      const harness = await loaded();
      await harness.tombstone("replica", S.water.id, 2);
      expect(await ids(harness.search, { text: "maji" })).toEqual([]);
      expect(await ids(harness.search, { countries: ["KE"] })).toEqual([S.entrepreneurship.id]);
      await harness.remove("replica", S.entrepreneurship.id);
      expect(await ids(harness.search, { text: "biashara" })).toEqual([]);

      await harness.put("replica", {
        ...S.calligraphy,
        version: 2,
        title: { zh: "书法进阶", en: "Calligraphy II" },
      });
      expect(await ids(harness.search, { text: "中华" })).toEqual([]);
      const [hit] = (await harness.search.search({ text: "calligraphy", limit: 5 })).hits;
      expect({ id: hit?.recordId, version: hit?.version }).toEqual({ id: S.calligraphy.id, version: 2 });
    });

    it("refuses a query no caller should send with a TypeError", async () => {
      const { search } = await make();
      await expect(search.search({ limit: 0 })).rejects.toThrow(TypeError);
      await expect(search.search({ limit: 101 })).rejects.toThrow(TypeError);
      await expect(search.search({ limit: 5, offset: -1 })).rejects.toThrow(TypeError);
      await expect(search.search({ limit: 5, audiences: ['seniors"'] })).rejects.toThrow(TypeError);
    });

    it("searches own and followed records together, a record held in both only once", async () => {
      const harness = await make();
      await harness.put("own", S.marketing);
      await harness.put("replica", S.photography);
      await harness.put("replica", S.marketing);
      const page = await harness.search.search({ text: "digital", limit: 10 });
      expect(page.hits.map((h) => [h.recordId, h.source])).toEqual([
        [S.marketing.id, "own"],
        [S.photography.id, "replica"],
      ]);
      await harness.remove("own", S.marketing.id);
      expect(
        (await harness.search.search({ text: "marketing", limit: 10 })).hits.map((h) => h.source),
      ).toEqual(["replica"]);
    });
  });
}
