import { describe, expect, it } from "vitest";
import { indexWordsOf, queryWordsOf, searchTextOf, splitSearchText, wordsOf } from "./search-text.ts";

describe("wordsOf", () => {
  it("cuts Chinese into words, which FTS5's own tokenizers cannot", () => {
    const words = wordsOf("老年人数字技能入门", "zh");
    expect(words.length).toBeGreaterThan(2);
    expect(words.join("")).toBe("老年人数字技能入门");
  });

  it("folds case, width and accents, and drops punctuation", () => {
    expect(wordsOf("Ｄｉｇｉｔａｌ Skills, for ALL!", "en")).toEqual(["digital", "skills", "for", "all"]);
    expect(wordsOf("Compétences numériques: l’énergie", "fr")).toEqual([
      "competences",
      "numeriques",
      "l",
      "energie",
    ]);
  });

  it("leaves only letters and digits in a word, as FTS5's unicode61 would split it", () => {
    expect(wordsOf("e-commerce 3.5 ECTS", "en")).toEqual(["e", "commerce", "3", "5", "ects"]);
  });

  it("copes with a malformed language tag", () => {
    expect(wordsOf("数字技能", "not a tag!")).toEqual(["数字", "技能"]);
  });
});

describe("indexWordsOf", () => {
  it("adds the two-character pieces of longer CJK words, and nothing to other words", () => {
    expect(indexWordsOf("水资源管理", "zh")).toEqual(["水资源", "水资", "资源", "管理"]);
    expect(indexWordsOf("Usimamizi wa maji", "sw")).toEqual(["usimamizi", "wa", "maji"]);
  });
});

describe("searchTextOf", () => {
  it("joins every language of a text on one line, one line per text (title first)", () => {
    const text = searchTextOf([{ en: "Water management", sw: "Usimamizi wa maji" }, { fr: "L'eau" }]);
    expect(text).toBe("water management usimamizi wa maji\nl eau");
    expect(splitSearchText(text)).toEqual({ title: "water management usimamizi wa maji", body: "l eau" });
  });

  it("keeps an absent description as an empty line", () => {
    expect(searchTextOf([{ zh: "数字技能" }, undefined])).toBe("数字 技能\n");
    expect(splitSearchText("only a title")).toEqual({ title: "only a title", body: "" });
  });
});

describe("queryWordsOf", () => {
  it("cuts and folds a query the same way, once per word", () => {
    expect(queryWordsOf("数字技能 数字")).toEqual(["数字", "技能"]);
    expect(queryWordsOf("Numérique NUMERIQUE")).toEqual(["numerique"]);
  });
});
