/**
 * The Credential Offer object a wallet fetches from `credential_offer_uri` (OID4VCI 1.0 §4.1.1): this
 * issuer, the configurations offered, and the pre-authorized code grant (a code minted for this fetch) with
 * its PIN requirement.
 */
import type { CredentialOffer } from "../offers/offer.ts";
import { configurationId, GENERIC_STEM } from "./credential-configurations.ts";

/** The OAuth grant type of the pre-authorized code flow. */
export const PRE_AUTHORIZED_GRANT = "urn:ietf:params:oauth:grant-type:pre-authorized_code";

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

/**
 * The configuration ids an offer may be redeemed as: its achievement's, when it is one of the centre's
 * (`${publicUrl}/achievements/<slug>`), else the generic Open Badge ones; one per format the offer allows.
 */
export function offerConfigurationIds(offer: CredentialOffer, publicUrl: string): string[] {
  const prefix = `${publicUrl.replace(/\/+$/, "")}/achievements/`;
  const rest = offer.achievementId.startsWith(prefix) ? offer.achievementId.slice(prefix.length) : "";
  const stem = SLUG.test(rest) ? rest : GENERIC_STEM;
  return offer.formats.map((format) => configurationId(stem, format));
}

/**
 * The offer object, carrying `preAuthorizedCode` (minted for this fetch by `mintPreAuthorizedCode`).
 * `txCodeDescription` tells the learner where the PIN comes from (at most 300 characters, in the learner's
 * language: the offer is the only place the wallet gets it from).
 */
export function credentialOfferDocument(
  offer: CredentialOffer,
  options: {
    readonly publicUrl: string;
    readonly preAuthorizedCode: string;
    readonly txCodeDescription?: string;
  },
): Record<string, unknown> {
  if (typeof options?.preAuthorizedCode !== "string" || options.preAuthorizedCode === "") {
    throw new TypeError("credentialOfferDocument: preAuthorizedCode is required");
  }
  const description = options.txCodeDescription?.slice(0, 300);
  return {
    credential_issuer: options.publicUrl.replace(/\/+$/, ""),
    credential_configuration_ids: offerConfigurationIds(offer, options.publicUrl),
    grants: {
      [PRE_AUTHORIZED_GRANT]: {
        "pre-authorized_code": options.preAuthorizedCode,
        ...(offer.txCode
          ? {
              tx_code: {
                input_mode: "numeric",
                length: offer.txCode.length,
                ...(description ? { description } : {}),
              },
            }
          : {}),
      },
    },
  };
}
