import { CHECK_NAMES as ENGINE_CHECK_NAMES } from "@learnbridge/credentials";
import { describe, expect, it } from "vitest";
import { CHECK_NAMES, ERROR_CODES, MESSAGE_VARIABLES, requiredKeys } from "./catalog.ts";
import { MESSAGES, SUPPORTED_LANGUAGES } from "./locales/index.ts";

/** Leaf keys of a nested message object, dotted. */
function flatten(value: unknown, prefix = ""): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (child && typeof child === "object") for (const [k, v] of flatten(child, path)) out.set(k, v);
    else out.set(path, child);
  }
  return out;
}

const placeholders = (text: string) =>
  [...text.matchAll(/\{\{\s*([^},\s]+)[^}]*\}\}/g)].map((m) => m[1]).sort();
const expected = requiredKeys();
const english = flatten(MESSAGES.en);

describe("locales", () => {
  it("names the same checks as the credential engine", () => {
    expect(CHECK_NAMES).toEqual(ENGINE_CHECK_NAMES);
  });

  it("expects every error code and every check × code", () => {
    expect(expected).toContain("check.proof.PROOF_INVALID");
    expect(expected).toContain("check.status.STATUS_REVOKED");
    expect(expected).toContain("check.trust.SKIPPED_AFTER_FAILURE");
    expect(expected).toContain("check.issuer.title");
    for (const code of ERROR_CODES) expect(expected).toContain(`error.${code}`);
    expect(new Set(expected).size).toBe(expected.length);
  });

  for (const lang of SUPPORTED_LANGUAGES) {
    describe(lang, () => {
      const messages = flatten(MESSAGES[lang]);

      it("has every key, and no other", () => {
        expect(expected.filter((key) => !messages.has(key))).toEqual([]);
        expect([...messages.keys()].filter((key) => !expected.includes(key))).toEqual([]);
      });

      it("has a non-empty text for each, with the English placeholders", () => {
        for (const [key, text] of messages) {
          expect(typeof text === "string" && text.trim().length > 0, key).toBe(true);
          expect(placeholders(text as string), key).toEqual(placeholders(english.get(key) as string));
          for (const name of placeholders(text as string)) expect(MESSAGE_VARIABLES, key).toContain(name);
        }
      });

      it("keeps API error texts free of placeholders", () => {
        for (const [key, text] of messages) {
          if (key.startsWith("error.")) expect(placeholders(text as string), key).toEqual([]);
        }
      });
    });
  }

  it("translates rather than copies English", () => {
    const sameAsEnglishAllowed = new Set(["check.proof.title"]); // "Signature" in French too
    for (const lang of SUPPORTED_LANGUAGES.filter((l) => l !== "en")) {
      const copied = [...flatten(MESSAGES[lang])].filter(
        ([key, text]) => text === english.get(key) && !sameAsEnglishAllowed.has(key),
      );
      expect(copied.map(([key]) => `${lang}:${key}`)).toEqual([]);
    }
  });
});
