/**
 * The words of a catalogue text as the search index stores them, and the words of a query. FTS5's own
 * tokenizers split on spaces and punctuation, which leaves a Chinese or Japanese sentence as one "word"; so
 * both the indexed text and the query are cut into words here, with the platform's `Intl.Segmenter` (ICU
 * dictionaries, on Node and in workerd alike), and handed to FTS5 already space-separated. This module is
 * the ONE place that turns text into index words: the libSQL index and the in-memory twin both rely on it.
 *
 * A word here is a run of letters and digits, folded (NFKC, lower case, diacritics removed), so that FTS5's
 * `unicode61` tokenizer (with `remove_diacritics 0`) sees exactly these tokens and changes nothing.
 */

const segmenters = new Map<string, Intl.Segmenter>();

function segmenterFor(language: string): Intl.Segmenter {
  let segmenter = segmenters.get(language);
  if (!segmenter) {
    let locale = "und";
    try {
      locale = Intl.Segmenter.supportedLocalesOf([language])[0] ?? "und";
    } catch {
      // Not a well-formed tag: cut by the root rules, which still use the dictionaries for CJK and Thai.
    }
    segmenter = new Intl.Segmenter(locale, { granularity: "word" });
    segmenters.set(language, segmenter);
  }
  return segmenter;
}

/** Width, case and diacritics folded: "Ｃompétences" and "competences" are one word. */
function fold(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .normalize("NFC");
}

// What FTS5's unicode61 keeps inside a token (categories L*, N*, Co); anything else separates.
const NOT_TOKEN = /[^\p{L}\p{N}\p{Co}]+/u;

/** The words of `text`, folded so that search ignores width, case and accents ("l'énergie" → l, energie). */
export function wordsOf(text: string, language = "und"): string[] {
  const words: string[] = [];
  for (const part of segmenterFor(language).segment(text)) {
    if (!part.isWordLike) continue;
    for (const word of fold(part.segment).split(NOT_TOKEN)) if (word) words.push(word);
  }
  return words;
}

// Scripts written without spaces, where a dictionary word may hold the word a reader searches for.
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/**
 * The words to index: `wordsOf`, plus the overlapping two-character pieces of every longer CJK word, so that
 * a query for 资源 finds 水资源 although the dictionary keeps 水资源 whole.
 */
export function indexWordsOf(text: string, language = "und"): string[] {
  const words: string[] = [];
  for (const word of wordsOf(text, language)) {
    words.push(word);
    const chars = [...word];
    if (chars.length > 2 && UNSPACED.test(word)) {
      for (let i = 0; i + 2 <= chars.length; i++) words.push(chars[i] + (chars[i + 1] as string));
    }
  }
  return words;
}

/** A text in several languages: BCP 47 tag → text. */
export type LanguageMap = Readonly<Record<string, string>>;

/**
 * The `search_text` column: one line per text, each line every word of that text in every language it
 * carries, each cut by the rules of its own language. The index weighs the first line (the title) above the
 * others, so callers pass `[title, description]` in that order.
 * @example searchTextOf([{ en: "Digital skills", zh: "数字技能" }, { en: "Phones" }]) // "digital skills 数字 技能\nphones"
 */
export function searchTextOf(texts: readonly (LanguageMap | undefined)[]): string {
  return texts
    .map((map) => {
      const words: string[] = [];
      for (const [language, text] of Object.entries(map ?? {})) {
        if (typeof text === "string") words.push(...indexWordsOf(text, language));
      }
      return words.join(" ");
    })
    .join("\n");
}

/** The title line and the rest of a `search_text` value, as the index splits it. */
export function splitSearchText(searchText: string): { readonly title: string; readonly body: string } {
  const newline = searchText.indexOf("\n");
  return newline < 0
    ? { title: searchText, body: "" }
    : { title: searchText.slice(0, newline), body: searchText.slice(newline + 1) };
}

/** The distinct words of a query, in order; `language` (the reader's) only guides the cutting. */
export function queryWordsOf(query: string, language = "und"): string[] {
  return [...new Set(wordsOf(query, language))];
}
