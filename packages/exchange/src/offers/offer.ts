/**
 * A credential offer: a centre's promise to issue one credential to one learner, redeemable once, by whichever
 * wallet protocol reaches it first. The URL contract every protocol shares (publicUrl has no trailing slash):
 *
 *   offer JSON (OID4VCI)   GET {publicUrl}/oid4vci/offers/{offerId}
 *   offer URI (QR, link)   openid-credential-offer://?credential_offer_uri=<urlencoded offer JSON URL>
 *   VC-API exchange        {publicUrl}/workflows/claim/exchanges/{offerId}
 *   claim page, QR code    {publicUrl}/claim/{offerId}, {publicUrl}/oid4vci/offers/{offerId}/qr.svg
 *
 * `redeemOffer` issues through `Issuance` with requestKey `offer:<offerId>` and the holder's DID as subject, so
 * two protocols racing on one offer yield exactly one credential; the loser gets GRANT_USED.
 *
 * The offer id is not the OID4VCI pre-authorized code: an offer lives for days (a learner may open the e-mail
 * late), a code for minutes (OID4VCI 1.0 §4.1.1 wants it short lived). Each fetch of the offer JSON mints a
 * fresh code, and the codes handed out before keep working until they expire, are used, or the offer is
 * closed: a mail scanner or a second device that follows the link must not void the code the learner's
 * wallet just received. The PIN, not the code's uniqueness, is what protects a leaked link.
 */
import type { CredentialFormat } from "@learnbridge/credentials";

/** Where an offer is in its life: open, fulfilled (a credential was issued for it), or withdrawn by staff. */
export type OfferState = "offered" | "redeemed" | "revoked";

/** What the centre promises: an award of one of its achievements, or a copy of a credential it issued. */
export type OfferSource =
  | {
      readonly kind: "award";
      /** The achievement's slug; the credential is built from its latest version when redeemed. */
      readonly slug: string;
      readonly result?: { readonly grade?: string; readonly creditsEarned?: number };
    }
  | {
      readonly kind: "record";
      /** An issued credential record: its content is issued again, bound to the holder's DID. */
      readonly credentialId: string;
    };

/** A PIN as stored: never the digits themselves. */
export interface TxCodeHash {
  /** How many digits the learner types. */
  readonly length: number;
  readonly salt: string;
  readonly hash: string;
}

/** One offer, as the OfferStore keeps it. */
export interface CredentialOffer {
  /** Unguessable (128 random bits, base64url): every URL of the offer carries it. */
  readonly id: string;
  readonly source: OfferSource;
  /** The achievement's URL, its id in the credential. */
  readonly achievementId: string;
  /** How the learner is greeted on the claim page; not put in the credential. */
  readonly learnerName: string;
  /** BCP 47: the learner's language, for the claim page and the PIN description. */
  readonly language: string;
  /** The formats a wallet may ask for; the first one asked for is the one issued. */
  readonly formats: readonly CredentialFormat[];
  readonly createdAt: string;
  readonly expiresAt: string;
  /** The staff key that made the offer. */
  readonly createdBy: string;
  readonly txCode?: TxCodeHash;
  /** Wrong PINs so far; at MAX_TX_CODE_FAILURES the offer is locked. */
  readonly txCodeFailures: number;
  readonly state: OfferState;
  /** When a pre-authorized code was last exchanged for an access token (the codes live in the OfferStore). */
  readonly grantedAt?: string;
  /** SHA-256 (base64url) of the access token, never the token. */
  readonly accessTokenHash?: string;
  readonly accessTokenExpiresAt?: string;
  /** The credential issued for the offer, its holder and how it was fetched (`oid4vci`, `vcapi`). */
  readonly credentialId?: string;
  readonly holder?: string;
  readonly redeemedAt?: string;
  readonly redeemedVia?: string;
  readonly revokedAt?: string;
}

/** How long a pre-authorized code works after it was minted, by default (never past the offer's end). */
export const DEFAULT_PRE_AUTHORIZED_CODE_LIFETIME_MS = 10 * 60_000;

/**
 * How many pre-authorized codes an offer keeps; a new one beyond drops the oldest. The offer JSON is public,
 * so without a cap anyone could grow the store by fetching it in a loop; five covers what fetches a real
 * learner's link within a code's lifetime (a mail scanner, a link preview, the phone, a retry, a second device).
 */
export const MAX_LIVE_PRE_AUTHORIZED_CODES = 5;

/** Wrong PINs after which an offer refuses every PIN, the right one too. */
export const MAX_TX_CODE_FAILURES = 5;

/** The request key under which an offer's credential is issued: one offer, one credential. */
export const offerRequestKey = (offerId: string): string => `offer:${offerId}`;

/** True when the offer can no longer be used at `now` because its time is up. */
export const isOfferExpired = (offer: Pick<CredentialOffer, "expiresAt">, now: Date): boolean =>
  Date.parse(offer.expiresAt) <= now.getTime();

/** Every URL of an offer, by the contract in this module's header. */
export interface OfferUrls {
  /** The offer JSON an OID4VCI wallet fetches. */
  readonly offerJson: string;
  /** `openid-credential-offer://?credential_offer_uri=…`: what the QR code and the wallet link carry. */
  readonly offerUri: string;
  /** The VC-API exchange for the same offer. */
  readonly exchange: string;
  /** The learner's page. */
  readonly claimPage: string;
  readonly qrCode: string;
}

/**
 * The URLs of offer `offerId` at a centre.
 * @example offerUrls("https://centre.example", id).offerUri // openid-credential-offer://?credential_offer_uri=https%3A…
 */
export function offerUrls(publicUrl: string, offerId: string): OfferUrls {
  if (!URL.canParse(publicUrl)) throw new TypeError("offerUrls: publicUrl must be a URL");
  const base = publicUrl.replace(/\/+$/, "");
  const id = encodeURIComponent(offerId);
  const offerJson = `${base}/oid4vci/offers/${id}`;
  return {
    offerJson,
    offerUri: `openid-credential-offer://?credential_offer_uri=${encodeURIComponent(offerJson)}`,
    exchange: `${base}/workflows/claim/exchanges/${id}`,
    claimPage: `${base}/claim/${id}`,
    qrCode: `${offerJson}/qr.svg`,
  };
}
