/**
 * The rate-limit setting both runtime roots read (`process.env` on Node, the bindings on Workers); this
 * module only parses the value it is handed and derives each route group's budget from it.
 *
 * - `RATE_LIMIT_PER_MINUTE`: verifications per client address and minute, default 120 (a school's or an
 *   employer's shared address must not be blocked); `0` turns limiting off. The other groups are derived.
 */
import type { SettingProblem } from "../federation-trust/settings-from-env.ts";

/** The route groups that are limited, each counted apart. */
export const RATE_LIMIT_GROUPS = ["verify", "presentation-requests", "federation-resolve", "claim"] as const;
export type RateLimitGroup = (typeof RATE_LIMIT_GROUPS)[number];

/** Requests per client address and minute for each group. */
export type RateLimitBudgets = Readonly<Record<RateLimitGroup, number>>;

/** The default of RATE_LIMIT_PER_MINUTE. */
export const DEFAULT_RATE_LIMIT_PER_MINUTE = 120;
const MAX_PER_MINUTE = 1_000_000;

/**
 * Each group's budget from the verification budget: a presentation request keeps a row and a sealed key
 * for an hour, and a resolution fetches whole trust chains, so they get half; the claim PIN form and the
 * token endpoint are already capped per offer, so they share the verification budget.
 * @example rateLimitBudgetsOf(120) // { verify: 120, "presentation-requests": 60, "federation-resolve": 60, claim: 120 }
 */
export function rateLimitBudgetsOf(perMinute: number): RateLimitBudgets {
  if (!Number.isSafeInteger(perMinute) || perMinute < 1) {
    throw new TypeError("rateLimitBudgetsOf: perMinute must be a positive whole number");
  }
  const half = Math.max(1, Math.floor(perMinute / 2));
  return { verify: perMinute, "presentation-requests": half, "federation-resolve": half, claim: perMinute };
}

/** What RATE_LIMIT_PER_MINUTE says: the verification budget (0: off), or why not. */
export interface RateLimitSettings {
  readonly perMinute: number;
  readonly problems: readonly SettingProblem[];
}

/**
 * The rate-limit setting in `env`.
 * @example rateLimitSettingsFrom({ RATE_LIMIT_PER_MINUTE: "0" }).perMinute // 0: off
 */
export function rateLimitSettingsFrom(env: Readonly<Record<string, string | undefined>>): RateLimitSettings {
  // A Worker's [vars] keep TOML's types: `RATE_LIMIT_PER_MINUTE = 60` arrives as a number, not a string.
  const raw: unknown = env.RATE_LIMIT_PER_MINUTE;
  const text = typeof raw === "string" || typeof raw === "number" ? String(raw).trim() : undefined;
  const fallback = { perMinute: DEFAULT_RATE_LIMIT_PER_MINUTE };
  if (!text) return { ...fallback, problems: [] };
  const perMinute = Number(text);
  if (!/^\d+$/.test(text) || perMinute > MAX_PER_MINUTE) {
    const reason = `'${text}' is not a whole number of requests per minute from 0 (off) to ${MAX_PER_MINUTE} (default ${DEFAULT_RATE_LIMIT_PER_MINUTE})`;
    return { ...fallback, problems: [{ variable: "RATE_LIMIT_PER_MINUTE", reason }] };
  }
  return { perMinute, problems: [] };
}
