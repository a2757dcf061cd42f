/**
 * Multilingual human text. A centre writes each text in its own language (the signed source) and may add
 * translations. In a credential the source stays a plain string (what every Open Badges wallet shows and the
 * OB 3.0 schema requires) and every language travels in a JSON-LD language map (`nameMap`), which expands to
 * the same schema.org property with language-tagged values: the RDF form of VC 2.0 language value objects.
 */

/** A text in one language, or a map from BCP 47 tag to text. */
export type LanguageText = string | Readonly<Record<string, string>>;

const BCP47 = /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/;

/** True when `tag` is a well-formed BCP 47 language tag (the practical subset: language plus subtags). */
export const isLanguageTag = (tag: unknown): tag is string => typeof tag === "string" && BCP47.test(tag);

/** The text in the source language; a TypeError when a map lacks it. */
export function sourceText(text: LanguageText, sourceLanguage: string): string {
  if (typeof text === "string") return text;
  const value = text[sourceLanguage];
  if (typeof value !== "string") {
    throw new TypeError(`text has no value in the source language '${sourceLanguage}'`);
  }
  return value;
}

/** The language map of a text (undefined for a plain string: it has no translations to carry). */
export function languageMap(text: LanguageText): Record<string, string> | undefined {
  if (typeof text === "string") return undefined;
  for (const tag of Object.keys(text)) {
    if (!isLanguageTag(tag)) throw new TypeError(`'${tag}' is not a BCP 47 language tag`);
  }
  return { ...text };
}

/**
 * Picks the best text for a reader: the first of `preferred` languages present (exact, then by primary
 * subtag), else the source. Accepts the plain string and the map together, as read from a credential.
 */
export function textFor(plain: unknown, map: unknown, preferred: readonly string[]): string | undefined {
  if (map && typeof map === "object") {
    const entries = Object.entries(map as Record<string, unknown>).filter(
      (e): e is [string, string] => typeof e[1] === "string",
    );
    for (const want of preferred) {
      const lower = want.toLowerCase();
      const exact = entries.find(([tag]) => tag.toLowerCase() === lower);
      if (exact) return exact[1];
      const primary = lower.split("-")[0];
      const loose = entries.find(([tag]) => tag.toLowerCase().split("-")[0] === primary);
      if (loose) return loose[1];
    }
  }
  return typeof plain === "string" ? plain : undefined;
}
