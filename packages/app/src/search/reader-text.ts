/**
 * A record's text in the reader's language: the language asked for in `?lang=`, else the best of the
 * Accept-Language header, else English, else the record's first language (every record has one, its own).
 */
import { negotiateLanguage } from "@learnbridge/i18n";

/** A text and the language it is in. */
export interface ReaderText {
  readonly text: string;
  readonly language: string;
}

/** How a reader ranks languages: an explicit choice first, then their browser's list. */
export interface ReaderLanguages {
  readonly chosen?: string;
  readonly acceptLanguage?: string;
}

/**
 * The text of `map` that best fits the reader; undefined when the map has no text at all.
 * @example readerText({ en: "Water", sw: "Maji" }, { acceptLanguage: "sw-KE,en;q=0.5" }) // { text: "Maji", language: "sw" }
 */
export function readerText(map: unknown, reader: ReaderLanguages): ReaderText | undefined {
  if (typeof map !== "object" || map === null) return undefined;
  const texts = Object.entries(map).filter(
    (entry): entry is [string, string] => typeof entry[1] === "string" && entry[1] !== "",
  );
  if (texts.length === 0) return undefined;
  const languages = texts.map(([language]) => language);
  const language =
    (reader.chosen ? negotiateLanguage([reader.chosen], languages) : undefined) ??
    negotiateLanguage(reader.acceptLanguage, languages) ??
    negotiateLanguage(["en"], languages) ??
    (languages[0] as string);
  return { text: texts.find(([tag]) => tag === language)?.[1] as string, language };
}
