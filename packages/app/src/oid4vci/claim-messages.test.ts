/** The claim page's words: every language has every message, with English's placeholders, translated. */
import { SUPPORTED_LANGUAGES } from "@learnbridge/i18n";
import { describe, expect, it } from "vitest";
import { CLAIM_LANGUAGES, CLAIM_MESSAGES, claimLanguage, claimMessages, fill } from "./claim-messages.ts";

const english = CLAIM_MESSAGES.en as unknown as Record<string, string>;
const keys = Object.keys(english);
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("claim page messages", () => {
  it("are written in each of the node's six languages", () => {
    expect([...CLAIM_LANGUAGES].sort()).toEqual([...SUPPORTED_LANGUAGES].sort());
    expect(claimLanguage("sw-KE")).toBe("sw");
    expect(claimLanguage(undefined, "ar-EG,en;q=0.5")).toBe("ar");
    expect(claimMessages("ar").languageName).toBe("العربية");
  });

  for (const language of CLAIM_LANGUAGES) {
    it(`${language}: every message, and no other, with English's placeholders, translated`, () => {
      const messages = CLAIM_MESSAGES[language] as unknown as Record<string, unknown>;
      expect(keys.filter((key) => !(key in messages))).toEqual([]);
      expect(Object.keys(messages).filter((key) => !keys.includes(key))).toEqual([]);
      for (const key of keys) {
        const text = messages[key];
        expect(typeof text === "string" && text.trim() !== "", `${language}.${key}`).toBe(true);
        expect(placeholders(text as string), `${language}.${key}`).toEqual(
          placeholders(english[key] as string),
        );
      }
      // Only the contact's punctuation may read as in English: every sentence is the language's own.
      const copied = keys.filter(
        (key) => language !== "en" && messages[key] === english[key] && !["contact"].includes(key),
      );
      expect(copied).toEqual([]);
    });
  }

  it("keep the wallet's PIN description within OpenID4VCI's 300 characters with a long centre name", () => {
    const centre = "x".repeat(120);
    for (const language of CLAIM_LANGUAGES) {
      expect(
        fill(claimMessages(language).txCodeDescription, { centre, length: 8 }).length,
      ).toBeLessThanOrEqual(300);
    }
  });
});
