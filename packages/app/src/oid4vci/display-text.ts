/** Picking a staff-written text (a name in several languages) for a reader. */
import { type LanguageText, textFor } from "@learnbridge/credentials";

/** `text` in `language` when written in it (or in its primary language), else in its source language. */
export function textIn(text: LanguageText | undefined, sourceLanguage: string, language: string): string {
  if (text === undefined) return "";
  if (typeof text === "string") return text;
  return textFor(text[sourceLanguage], text, [language]) ?? Object.values(text)[0] ?? "";
}
