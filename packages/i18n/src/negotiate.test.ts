import { describe, expect, it } from "vitest";
import { negotiateLanguage, parseAcceptLanguage } from "./negotiate.ts";

describe("negotiateLanguage", () => {
  it.each([
    ["zh-CN,zh;q=0.9,en;q=0.8", "zh"],
    ["fr-CA", "fr"],
    ["sw-KE, en;q=0.5", "sw"],
    ["ar-EG", "ar"],
    ["es-419", "es"],
    ["zh-Hans-CN", "zh"],
    ["de-DE, en;q=0.3", "en"],
    ["en;q=0.2, es;q=0.9", "es"],
    ["EN-gb", "en"],
    ["fr;q=0.5, ar;q=0.5", "fr"], // equal q: header order
    ["*", "en"],
    ["en;q=0, *", "zh"], // q=0 refuses English
    ["zh-x-private", "zh"],
    ["fr;q=abc, es", "es"], // malformed q: the range is dropped
  ])("%s -> %s", (header, expected) => {
    expect(negotiateLanguage(header)).toBe(expected);
  });

  it("returns undefined when nothing fits", () => {
    expect(negotiateLanguage("de, ja;q=0.5")).toBeUndefined();
    expect(negotiateLanguage("")).toBeUndefined();
    expect(negotiateLanguage(undefined)).toBeUndefined();
    expect(negotiateLanguage("en;q=0")).toBeUndefined();
  });

  it("takes a list of tags, in order, and POSIX locale names", () => {
    expect(negotiateLanguage(["de", "sw-TZ", "en"])).toBe("sw");
    expect(negotiateLanguage(["zh_CN.UTF-8"])).toBe("zh");
  });

  it("serves a bare range with a regional supported tag, and keeps the supported spelling", () => {
    expect(negotiateLanguage("pt", ["en", "pt-BR"])).toBe("pt-BR");
    expect(negotiateLanguage("zh-cn", ["zh-CN", "en"])).toBe("zh-CN");
  });

  it("bounds hostile headers", () => {
    expect(parseAcceptLanguage(`${"x,".repeat(10_000)}fr`).length).toBeLessThanOrEqual(64);
    expect(negotiateLanguage(`${"de;q=0.1,".repeat(1000)}fr`)).toBeUndefined();
  });
});
