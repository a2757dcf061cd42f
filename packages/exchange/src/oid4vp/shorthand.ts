/**
 * The friendly ways an employer asks, translated into DCQL: "an Open Badge for achievement X" and "any
 * credential from centre Y". Each asks for either format (Data Integrity or VC-JOSE) through a credential
 * set with two options, so any wallet holding the credential in one of them can answer.
 */
import { isAbsoluteUri } from "@learnbridge/core";
import { isDid } from "@learnbridge/credentials";
import type { DcqlCredentialQuery, DcqlQuery } from "./dcql.ts";

/** The expanded IRI of `OpenBadgeCredential` (and its alias `AchievementCredential`) in Open Badges 3.0. */
export const OPEN_BADGE_CREDENTIAL_IRI =
  "https://purl.imsglobal.org/spec/vc/ob/vocab.html#OpenBadgeCredential";
/** The expanded IRI of `VerifiableCredential` in both VC 1.1 and VC 2.0 contexts. */
export const VERIFIABLE_CREDENTIAL_IRI = "https://www.w3.org/2018/credentials#VerifiableCredential";

/** What an employer may ask for without writing DCQL. */
export type QueryShorthand = { readonly achievement: string } | { readonly issuer: string };

const inBothFormats = (
  id: string,
  base: Omit<DcqlCredentialQuery, "id" | "format">,
): Pick<DcqlQuery, "credentials" | "credential_sets"> => ({
  credentials: [
    { id, format: "ldp_vc", ...base },
    { id: `${id}_jwt`, format: "jwt_vc_json", ...base },
  ],
  credential_sets: [{ options: [[id], [`${id}_jwt`]] }],
});

/**
 * DCQL for a shorthand, or the reason it cannot be one.
 * @example dcqlFromShorthand({ achievement: "https://centre.example/achievements/data-101" })
 */
export function dcqlFromShorthand(
  shorthand: QueryShorthand,
): { ok: true; query: DcqlQuery } | { ok: false; reason: string; path: string } {
  if ("achievement" in shorthand) {
    const id = shorthand.achievement;
    if (!isAbsoluteUri(id) || !/^https?:/.test(id) || id.length > 512) {
      return { ok: false, path: "achievement", reason: "must be the achievement's http(s) URL" };
    }
    return {
      ok: true,
      query: inBothFormats("open_badge", {
        meta: { type_values: [[OPEN_BADGE_CREDENTIAL_IRI]] },
        claims: [{ path: ["credentialSubject", "achievement", "id"], values: [id] }],
      }),
    };
  }
  const issuer = shorthand.issuer;
  if (typeof issuer !== "string" || !isDid(issuer) || issuer.length > 512) {
    return { ok: false, path: "issuer", reason: "must be the centre's DID, such as did:web:centre.example" };
  }
  return {
    ok: true,
    query: inBothFormats("credential", {
      meta: { type_values: [[VERIFIABLE_CREDENTIAL_IRI]] },
      // `issuer` is a URL or an object with an `id`: either form names the centre.
      claims: [
        { id: "issuer_id", path: ["issuer", "id"], values: [issuer] },
        { id: "issuer", path: ["issuer"], values: [issuer] },
      ],
      claim_sets: [["issuer_id"], ["issuer"]],
    }),
  };
}
