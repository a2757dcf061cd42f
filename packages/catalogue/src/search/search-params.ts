/**
 * The search query as a URL carries it (`?q=&level=3-5&credits=-10&language=zh,en&mode=online&country=KE&
 * audience=seniors&cursor=&limit=`), checked and turned into a `SearchQuery`. Bad input is a result naming the
 * parameter, never an exception: the HTTP layer turns it into a 400. The cursor is opaque to clients: it
 * holds the offset of the next page and a fingerprint of the query, so a cursor is refused on another query.
 */
import { fromBase64Url, fromUtf8, toBase64Url, utf8 } from "@learnbridge/core";
import { COURSE_MODES, type CourseMode } from "../records/course-record.ts";
import { MAX_SEARCH_LIMIT, type NumberRange, type SearchQuery } from "./catalogue-search.ts";
import { queryWordsOf } from "./search-text.ts";

/** The parameters `parseSearchParams` reads; any other is refused. */
export const SEARCH_PARAMS = [
  "q",
  "lang",
  "level",
  "credits",
  "language",
  "mode",
  "country",
  "audience",
  "cursor",
  "limit",
] as const;

/** Hits per page when `limit` is absent. */
export const DEFAULT_SEARCH_LIMIT = 20;

const MAX_QUERY_CHARS = 200;
const MAX_QUERY_WORDS = 16;
const MAX_LIST = 10;
const MAX_OFFSET = 10_000;
const LANGUAGE_TAG = /^[a-z]{2,3}(?:-[a-z0-9]{1,8})*$/i;
const COUNTRY = /^[a-z]{2}$/i;
const AUDIENCE = /^[a-z][a-z0-9-]{0,31}$/;

/** A checked query, and the reader's language (for titles) when the URL named one. */
export type ParsedSearch =
  | { readonly ok: true; readonly query: SearchQuery; readonly readerLanguage?: string }
  | { readonly ok: false; readonly field: string; readonly message: string };

type Values = Readonly<Record<string, readonly string[] | undefined>>;
class ParamError extends Error {
  readonly field: string;
  constructor(field: string, message: string) {
    super(message);
    this.field = field;
  }
}

/**
 * Checks the parameters (each at most once) and builds the query.
 * @example parseSearchParams({ q: ["数字技能"], audience: ["seniors"] })
 */
export function parseSearchParams(values: Values): ParsedSearch {
  try {
    for (const [name, list] of Object.entries(values)) {
      if (!(SEARCH_PARAMS as readonly string[]).includes(name)) {
        throw new ParamError(name, `unknown parameter; the parameters are ${SEARCH_PARAMS.join(", ")}`);
      }
      if (list && list.length > 1) throw new ParamError(name, "must be given at most once");
    }
    const one = (name: (typeof SEARCH_PARAMS)[number]) => values[name]?.[0];
    const text = one("q")?.trim();
    if (text !== undefined && text.length > MAX_QUERY_CHARS) {
      throw new ParamError("q", `must be at most ${MAX_QUERY_CHARS} characters`);
    }
    const readerLanguage = one("lang");
    if (readerLanguage !== undefined && !LANGUAGE_TAG.test(readerLanguage)) {
      throw new ParamError("lang", "must be a BCP 47 language tag such as zh or sw-KE");
    }
    if (text && queryWordsOf(text, readerLanguage).length > MAX_QUERY_WORDS) {
      throw new ParamError("q", `must have at most ${MAX_QUERY_WORDS} words`);
    }
    const limitText = one("limit") ?? String(DEFAULT_SEARCH_LIMIT);
    const limit = Number(limitText);
    if (!/^\d{1,3}$/.test(limitText) || limit < 1 || limit > MAX_SEARCH_LIMIT) {
      throw new ParamError("limit", `must be an integer from 1 to ${MAX_SEARCH_LIMIT}`);
    }
    const level = range("level", one("level"), { integer: true, min: 1, max: 8 });
    const credits = range("credits", one("credits"), { integer: false, min: 0, max: 1000 });
    const languages = list("language", one("language"), (v) => LANGUAGE_TAG.test(v), "BCP 47 language tags");
    const modes = list(
      "mode",
      one("mode"),
      (v) => (COURSE_MODES as readonly string[]).includes(v),
      COURSE_MODES.join(" or "),
    );
    const countries = list("country", one("country"), (v) => COUNTRY.test(v), "ISO 3166-1 alpha-2 codes");
    const audiences = list(
      "audience",
      one("audience")?.toLowerCase(),
      (v) => AUDIENCE.test(v),
      "audience names such as seniors",
    );
    const query: SearchQuery = {
      ...(text ? { text } : {}),
      ...(readerLanguage ? { textLanguage: readerLanguage } : {}),
      ...(level ? { level } : {}),
      ...(credits ? { credits } : {}),
      ...(languages ? { languages: languages.map((v) => v.toLowerCase()) } : {}),
      ...(modes ? { modes: modes as CourseMode[] } : {}),
      ...(countries ? { countries: countries.map((v) => v.toUpperCase()) } : {}),
      ...(audiences ? { audiences } : {}),
      limit,
    };
    const cursor = one("cursor");
    const offset = cursor === undefined ? 0 : offsetOf(cursor, query);
    return {
      ok: true,
      query: offset ? { ...query, offset } : query,
      ...(readerLanguage ? { readerLanguage } : {}),
    };
  } catch (error) {
    if (error instanceof ParamError) return { ok: false, field: error.field, message: error.message };
    throw error;
  }
}

/** The cursor of the page that starts at `offset` of `query`'s results. */
export function searchCursorOf(query: SearchQuery, offset: number): string {
  return toBase64Url(utf8(JSON.stringify({ o: offset, f: fingerprintOf(query) })));
}

function offsetOf(cursor: string, query: SearchQuery): number {
  let decoded: unknown;
  try {
    decoded = JSON.parse(fromUtf8(fromBase64Url(cursor)));
  } catch {
    throw new ParamError("cursor", "is not a cursor this node handed out");
  }
  const { o, f } = (decoded ?? {}) as { o?: unknown; f?: unknown };
  if (!Number.isSafeInteger(o) || (o as number) < 0 || typeof f !== "string") {
    throw new ParamError("cursor", "is not a cursor this node handed out");
  }
  if (f !== fingerprintOf(query)) {
    throw new ParamError("cursor", "belongs to another query: repeat the query's other parameters unchanged");
  }
  if ((o as number) > MAX_OFFSET) throw new ParamError("cursor", `pages end after ${MAX_OFFSET} hits`);
  return o as number;
}

/** FNV-1a of what selects and orders the hits (not the page size): equal queries, equal fingerprints. */
function fingerprintOf(query: SearchQuery): string {
  const { offset: _offset, limit: _limit, ...selection } = query;
  let hash = 0x811c9dc5;
  for (const char of JSON.stringify(selection)) {
    hash ^= char.codePointAt(0) as number;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36);
}

function range(
  field: string,
  value: string | undefined,
  bounds: { integer: boolean; min: number; max: number },
): NumberRange | undefined {
  if (value === undefined || value === "") return undefined;
  const number = bounds.integer ? "\\d{1,2}" : "\\d{1,4}(?:\\.\\d{1,2})?";
  const match = new RegExp(`^(${number})?(?:(-)(${number})?)?$`).exec(value);
  const form = `N, N-M, N- or -M with ${bounds.integer ? "integers" : "numbers"} from ${bounds.min} to ${bounds.max}`;
  if (!match || (match[1] === undefined && match[3] === undefined))
    throw new ParamError(field, `must be ${form}`);
  const min = match[1] === undefined ? undefined : Number(match[1]);
  // "4" alone is the range 4-4; "4-" is open above.
  const max = match[3] === undefined ? (match[2] ? undefined : min) : Number(match[3]);
  for (const n of [min, max]) {
    if (n !== undefined && (n < bounds.min || n > bounds.max)) throw new ParamError(field, `must be ${form}`);
  }
  if (min !== undefined && max !== undefined && min > max) {
    throw new ParamError(field, "the lower end must not exceed the upper end");
  }
  return { ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) };
}

function list(
  field: string,
  value: string | undefined,
  valid: (value: string) => boolean,
  what: string,
): string[] | undefined {
  if (value === undefined || value === "") return undefined;
  const values = value.split(",").map((v) => v.trim());
  if (values.length > MAX_LIST) throw new ParamError(field, `must list at most ${MAX_LIST} values`);
  for (const v of values) {
    if (!valid(v))
      throw new ParamError(field, `must be a comma-separated list of ${what}; "${v}" is not one`);
  }
  return [...new Set(values)];
}
