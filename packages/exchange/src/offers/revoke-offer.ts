/** Withdrawing an offer that has not been redeemed: its link, QR code and PIN stop working at once. */
import { LearnbridgeError, systemClock, toXsdDateTime } from "@learnbridge/core";
import { type Actor, auditedBy } from "@learnbridge/issuer";
import type { CredentialOffer } from "./offer.ts";
import type { OfferStore } from "./offer-store.ts";

/**
 * Revokes offer `id` with its audit entry and returns it as stored now. NOT_FOUND for an unknown offer;
 * CONFLICT when it was redeemed (revoke the credential instead) or withdrawn already.
 */
export async function revokeOffer(
  offers: OfferStore,
  id: string,
  who: Actor & { readonly reason?: string },
  clock = systemClock,
): Promise<CredentialOffer> {
  const at = toXsdDateTime(clock());
  const done = await offers.revoke(id, at, {
    at,
    ...auditedBy(who),
    action: "offer.revoke",
    subject: id,
    ...(who.reason ? { details: { reason: who.reason } } : {}),
  });
  const offer = await offers.get(id);
  if (!offer) throw new LearnbridgeError("NOT_FOUND", "there is no such offer", { offerId: id });
  if (!done) {
    const what =
      offer.state === "redeemed"
        ? "the offer was redeemed: revoke its credential instead"
        : "the offer was withdrawn already";
    throw new LearnbridgeError("CONFLICT", what, { offerId: id, state: offer.state });
  }
  return offer;
}
