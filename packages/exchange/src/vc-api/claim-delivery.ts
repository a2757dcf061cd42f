/** What a claim exchange delivers: the credential's format for the wallet, and the presentation carrying it. */
import { toXsdDateTime } from "@learnbridge/core";
import { type CredentialFormat, envelopeCredential } from "@learnbridge/credentials";
import type { IssuedCredentialRecord } from "@learnbridge/issuer";
import type { CredentialOffer } from "../offers/offer.ts";
import type { VcApiExchange } from "./exchange-store.ts";

/** A wallet that authenticated with a vp+jwt gets a vc+jwt when the offer allows it; otherwise Data Integrity. */
export function formatFor(offer: CredentialOffer, securedBy: string): CredentialFormat {
  if (securedBy === "vc-jose" && offer.formats.includes("jwt_vc")) return "jwt_vc";
  if (offer.formats.includes("ldp_vc")) return "ldp_vc";
  return offer.formats[0] ?? "ldp_vc";
}

/** The presentation that carries the issued credential back to the wallet (unsigned: the credential is). */
export function presentationOf(record: IssuedCredentialRecord): Record<string, unknown> {
  const credential =
    record.format === "jwt_vc" ? envelopeCredential(record.credential) : JSON.parse(record.credential);
  return {
    "@context": ["https://www.w3.org/ns/credentials/v2"],
    type: ["VerifiablePresentation"],
    verifiableCredential: [credential],
  };
}

/** When the exchange was or will be closed, as an XML Schema dateTime. */
export const exchangeExpires = (exchange: VcApiExchange): string =>
  toXsdDateTime(new Date(exchange.expiresAt));
