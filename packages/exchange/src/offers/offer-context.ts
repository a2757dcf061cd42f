/**
 * What the offer functions work with: the offer store, and the centre's issuing domain (achievements, profile,
 * issued records, issuance) that an offer is made from and redeemed through.
 */
import type { Clock } from "@learnbridge/core";
import type {
  Achievements,
  CentreProfileRepository,
  CredentialRepository,
  Issuance,
} from "@learnbridge/issuer";
import type { OfferStore } from "./offer-store.ts";

export interface OfferContext {
  readonly offers: OfferStore;
  readonly achievements: Achievements;
  readonly profile: CentreProfileRepository;
  readonly issuance: Issuance;
  /** Where the issuance stores records: the source of record offers, and where a retried redeem is found. */
  readonly credentials: CredentialRepository;
  /** The centre's DID, the credentials' issuer. */
  readonly did: string;
  readonly clock?: Clock;
  /** Random bytes (offer ids, PINs, salts); default the platform's CSPRNG. */
  readonly random?: (count: number) => Uint8Array;
}

/** Checks that `context` has what the offer functions need; a TypeError names what is missing. */
export function checkOfferContext(context: OfferContext, who: string): void {
  for (const name of ["offers", "achievements", "profile", "issuance", "credentials"] as const) {
    if (!context?.[name]) throw new TypeError(`${who}: context.${name} is required`);
  }
  if (typeof context.did !== "string" || !context.did.startsWith("did:")) {
    throw new TypeError(`${who}: context.did must be the centre's DID`);
  }
}
