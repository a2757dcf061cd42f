/**
 * Language negotiation: picks the best supported language for an `Accept-Language` header or a list of
 * preferred tags, in the manner of RFC 4647 "lookup": ranges by descending q, each range shortened subtag by
 * subtag (zh-Hans-CN, zh-Hans, zh) until a supported tag matches.
 */
import { SUPPORTED_LANGUAGES } from "./locales/index.ts";

const MAX_HEADER_LENGTH = 4096;
const MAX_RANGES = 64;
const RANGE = /^(\*|[a-z]{1,8}(-[a-z0-9]{1,8})*)$/;
const QVALUE = /^(0(\.\d{0,3})?|1(\.0{0,3})?)$/;

interface WeightedRange {
  readonly range: string;
  readonly q: number;
}

/** Parses `Accept-Language` into ranges by descending q (ties keep header order); malformed entries are dropped. */
export function parseAcceptLanguage(header: string): WeightedRange[] {
  const ranges: WeightedRange[] = [];
  for (const part of header.slice(0, MAX_HEADER_LENGTH).split(",").slice(0, MAX_RANGES)) {
    const [rawRange = "", ...params] = part.split(";").map((s) => s.trim());
    const range = normalise(rawRange);
    if (!RANGE.test(range)) continue;
    let q = 1;
    let valid = true;
    for (const param of params) {
      const [name, value = ""] = param.split("=").map((s) => s.trim());
      if (name?.toLowerCase() !== "q") continue;
      if (!QVALUE.test(value)) valid = false;
      else q = Number(value);
    }
    if (valid) ranges.push({ range, q });
  }
  // Array.prototype.sort is stable, so ranges of equal q keep the order the client sent them in.
  return ranges.sort((a, b) => b.q - a.q);
}

/** Lower case, `_` as `-` (POSIX locales such as zh_CN.UTF-8 lose their encoding). */
const normalise = (tag: string) => tag.split(".")[0]?.replace(/_/g, "-").toLowerCase() ?? "";

/**
 * The supported language that best fits, or undefined when none does.
 * @example negotiateLanguage("fr-CA,fr;q=0.9,en;q=0.5") // "fr"
 * @example negotiateLanguage(["zh-Hans-CN", "en"]) // "zh"
 */
export function negotiateLanguage(
  preferences: string | readonly string[] | null | undefined,
  supported: readonly string[] = SUPPORTED_LANGUAGES,
): string | undefined {
  if (preferences === null || preferences === undefined) return undefined;
  const ranges =
    typeof preferences === "string"
      ? parseAcceptLanguage(preferences)
      : preferences.map((tag) => ({ range: normalise(tag), q: 1 })).filter((r) => RANGE.test(r.range));
  const byLower = new Map(supported.map((tag) => [tag.toLowerCase(), tag]));
  const refused = new Set(ranges.filter((r) => r.q === 0).map((r) => r.range));
  for (const { range, q } of ranges) {
    if (q === 0) continue;
    if (range === "*") {
      const any = supported.find((tag) => !refused.has(tag.toLowerCase()));
      if (any) return any;
      continue;
    }
    const found = lookup(range, byLower);
    if (found && !refused.has(found.toLowerCase())) return found;
  }
  // Beyond strict lookup: a supported regional tag (e.g. "pt-BR") serves a bare range ("pt").
  for (const { range, q } of ranges) {
    if (q === 0 || range === "*") continue;
    const primary = range.split("-")[0];
    const match = supported.find((tag) => tag.toLowerCase().split("-")[0] === primary);
    if (match && !refused.has(match.toLowerCase())) return match;
  }
  return undefined;
}

function lookup(range: string, byLower: ReadonlyMap<string, string>): string | undefined {
  const subtags = range.split("-");
  while (subtags.length > 0) {
    const found = byLower.get(subtags.join("-"));
    if (found) return found;
    subtags.pop();
    // RFC 4647 3.4: never leave a trailing singleton (the "x" of "zh-x-private").
    if (subtags.length > 1 && subtags[subtags.length - 1]?.length === 1) subtags.pop();
  }
  return undefined;
}
