import { describe, expect, it } from "vitest";
import { searchTextOf, wordsOf } from "./search-text.ts";

describe("searchTextOf", () => {
  it("cuts Chinese into words, which FTS5's own tokenizers cannot", () => {
    const words = wordsOf("老年人数字技能入门", "zh");
    expect(words.length).toBeGreaterThan(2);
    expect(words.join("")).toBe("老年人数字技能入门");
  });

  it("folds case and width, and drops punctuation", () => {
    expect(wordsOf("Ｄｉｇｉｔａｌ Skills, for ALL!", "en")).toEqual(["digital", "skills", "for", "all"]);
  });

  it("joins every language of every text", () => {
    const line = searchTextOf([{ en: "Water management", sw: "Usimamizi wa maji" }, { fr: "L'eau" }]);
    expect(line.split(" ")).toEqual(expect.arrayContaining(["water", "management", "usimamizi", "maji"]));
    expect(line).toContain("eau");
  });
});
