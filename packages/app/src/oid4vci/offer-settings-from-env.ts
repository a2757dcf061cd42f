/**
 * The offer settings both runtime roots read (`process.env` on Node, the bindings on Workers); this module
 * only parses the values it is handed.
 *
 * - `PRE_AUTHORIZED_CODE_TTL`: seconds a pre-authorized code works after a wallet fetched the offer, 60 to
 *   3600, default 600. OpenID4VCI 1.0 §4.1.1 wants the code short lived; a learner typing the PIN from a
 *   letter, on a slow phone, needs minutes.
 */
import { DEFAULT_PRE_AUTHORIZED_CODE_LIFETIME_MS } from "@learnbridge/exchange";
import type { SettingProblem } from "../federation-trust/settings-from-env.ts";

/** The bounds of PRE_AUTHORIZED_CODE_TTL, in seconds. */
export const PRE_AUTHORIZED_CODE_TTL_SECONDS = { min: 60, max: 3600 } as const;

/** What the offer variables say: the code lifetime (the default when unset), or why not. */
export interface OfferSettings {
  readonly preAuthorizedCodeLifetimeMs: number;
  readonly problems: readonly SettingProblem[];
}

/**
 * The offer settings in `env`.
 * @example offerSettingsFrom({ PRE_AUTHORIZED_CODE_TTL: "900" }).preAuthorizedCodeLifetimeMs // 900000
 */
export function offerSettingsFrom(env: Readonly<Record<string, string | undefined>>): OfferSettings {
  // A Worker's [vars] keep TOML's types: `PRE_AUTHORIZED_CODE_TTL = 900` arrives as a number, not a string.
  const raw: unknown = env.PRE_AUTHORIZED_CODE_TTL;
  const text = typeof raw === "string" || typeof raw === "number" ? String(raw).trim() : undefined;
  const fallback = { preAuthorizedCodeLifetimeMs: DEFAULT_PRE_AUTHORIZED_CODE_LIFETIME_MS };
  if (!text) return { ...fallback, problems: [] };
  const { min, max } = PRE_AUTHORIZED_CODE_TTL_SECONDS;
  const seconds = Number(text);
  if (!/^\d+$/.test(text) || seconds < min || seconds > max) {
    const reason = `'${text}' is not a whole number of seconds from ${min} to ${max} (default ${DEFAULT_PRE_AUTHORIZED_CODE_LIFETIME_MS / 1000})`;
    return { ...fallback, problems: [{ variable: "PRE_AUTHORIZED_CODE_TTL", reason }] };
  }
  return { preAuthorizedCodeLifetimeMs: seconds * 1000, problems: [] };
}
