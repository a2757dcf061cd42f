/**
 * The words of a catalogue text as the search index stores them. FTS5's own tokenizers split on spaces and
 * punctuation, which leaves a Chinese or Japanese sentence as one "word"; so both the indexed text and the
 * query are cut into words here, with the platform's `Intl.Segmenter` (ICU dictionaries, on Node and in
 * workerd alike), and handed to FTS5 already space-separated.
 */

const segmenters = new Map<string, Intl.Segmenter>();

function segmenterFor(language: string): Intl.Segmenter {
  let segmenter = segmenters.get(language);
  if (!segmenter) {
    segmenter = new Intl.Segmenter(Intl.Segmenter.supportedLocalesOf([language])[0] ?? "und", {
      granularity: "word",
    });
    segmenters.set(language, segmenter);
  }
  return segmenter;
}

/** The words of `text`, folded (NFKC, lower case) so that search ignores width and case. */
export function wordsOf(text: string, language = "und"): string[] {
  const words: string[] = [];
  for (const part of segmenterFor(language).segment(text.normalize("NFKC").toLowerCase())) {
    if (part.isWordLike) words.push(part.segment);
  }
  return words;
}

/**
 * One space-separated line of every word of every text, each cut by the rules of its own language.
 * @example searchTextOf([{ en: "Digital skills", zh: "数字技能" }]) // "digital skills 数字 技能"
 */
export function searchTextOf(texts: readonly Readonly<Record<string, string>>[]): string {
  const words: string[] = [];
  for (const map of texts) {
    for (const [language, text] of Object.entries(map)) words.push(...wordsOf(text, language));
  }
  return words.join(" ");
}
