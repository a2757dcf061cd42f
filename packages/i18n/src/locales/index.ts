/** Every locale's messages, by language tag. */
import { ar } from "./ar.ts";
import { en, type Messages } from "./en.ts";
import { es } from "./es.ts";
import { fr } from "./fr.ts";
import { sw } from "./sw.ts";
import { zh } from "./zh.ts";

export type { Messages };

/** The languages Learnbridge speaks, English (the fallback) first. */
export const SUPPORTED_LANGUAGES = ["en", "zh", "fr", "es", "ar", "sw"] as const;
export type SupportedLanguage = (typeof SUPPORTED_LANGUAGES)[number];

export const MESSAGES: Readonly<Record<SupportedLanguage, Messages>> = { en, zh, fr, es, ar, sw };

/** Languages written right to left, for pages that set `dir`. */
export const RTL_LANGUAGES: ReadonlySet<string> = new Set(["ar"]);
