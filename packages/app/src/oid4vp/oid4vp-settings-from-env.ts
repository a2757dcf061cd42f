/**
 * The verifier settings both runtime roots read (`process.env` on Node, the bindings on Workers); this module
 * only parses the values it is handed.
 *
 * - `OID4VP_RESPONSE_MODE`: how a presentation request that names none is answered: `direct_post` (the
 *   default: every wallet in learners' hands answers so) or `direct_post.jwt` (encrypted to a key made for
 *   the request, as HAIP 1.0 profiles OpenID4VP; for a centre whose employers' wallets all encrypt).
 *   An employer may still ask for either mode per request.
 */
import { RESPONSE_MODES, type ResponseMode } from "@learnbridge/exchange";
import type { SettingProblem } from "../federation-trust/settings-from-env.ts";

/** What the verifier variables say: the default response mode, or why not. */
export interface Oid4vpSettings {
  readonly responseMode: ResponseMode;
  readonly problems: readonly SettingProblem[];
}

/**
 * The verifier settings in `env`.
 * @example oid4vpSettingsFrom({ OID4VP_RESPONSE_MODE: "direct_post.jwt" }).responseMode // "direct_post.jwt"
 */
export function oid4vpSettingsFrom(env: Readonly<Record<string, string | undefined>>): Oid4vpSettings {
  const raw: unknown = env.OID4VP_RESPONSE_MODE;
  const text = typeof raw === "string" ? raw.trim() : undefined;
  if (!text) return { responseMode: "direct_post", problems: [] };
  if (!RESPONSE_MODES.includes(text as ResponseMode)) {
    const reason = `'${text}' is not one of ${RESPONSE_MODES.join(", ")} (default direct_post)`;
    return { responseMode: "direct_post", problems: [{ variable: "OID4VP_RESPONSE_MODE", reason }] };
  }
  return { responseMode: text as ResponseMode, problems: [] };
}
