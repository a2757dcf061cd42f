/**
 * Opening the VC-API exchange of an offer that has a PIN. The offer's own exchange URL is as visible as its
 * QR code, so it does not open; once the learner types the right PIN (on the claim page), the exchange lives
 * at an id derived from the offer's secret PIN salt: unguessable from the QR code, and the same on every
 * unlock, so a reloaded page gives the same wallet link. Tries are counted before the PIN is compared, as for
 * OID4VCI, against the same limit, so parallel guesses cannot exceed it; a right PIN gives its try back.
 */
import { LearnbridgeError, sha256, toBase64Url, utf8 } from "@learnbridge/core";
import { type CredentialOffer, MAX_TX_CODE_FAILURES } from "../offers/offer.ts";
import type { OfferStore } from "../offers/offer-store.ts";
import { txCodeMatches } from "../offers/tx-code.ts";

/** The id of the VC-API exchange an offer with a PIN opens at. */
export async function unlockedExchangeId(offer: CredentialOffer): Promise<string> {
  if (!offer.txCode) throw new TypeError("unlockedExchangeId: the offer has no PIN");
  return toBase64Url(await sha256(utf8(`vcapi-claim:${offer.txCode.salt}:${offer.id}`)));
}

/**
 * Checks `txCode` against the offer's PIN, counting the try first. TX_CODE_REQUIRED when none was given,
 * TX_CODE_INVALID (with the tries left) when it is wrong, TX_CODE_LOCKED once too many were wrong,
 * GRANT_USED when an OID4VCI wallet already took the offer with its PIN.
 */
export async function checkOfferPin(
  offers: OfferStore,
  offer: CredentialOffer,
  txCode: unknown,
): Promise<void> {
  if (!offer.txCode) return;
  if (txCode === undefined || txCode === null || txCode === "") {
    throw new LearnbridgeError("TX_CODE_REQUIRED", "this offer needs the PIN the centre sent", {
      length: offer.txCode.length,
    });
  }
  if (typeof txCode !== "string" || !/^\d{1,16}$/.test(txCode)) {
    throw new LearnbridgeError("TX_CODE_INVALID", "the PIN is digits only", { field: "tx_code" });
  }
  const failures = await offers.takeTxCodeTry(offer.id, MAX_TX_CODE_FAILURES);
  if (failures === undefined) {
    const now = await offers.get(offer.id);
    if (now && now.txCodeFailures >= MAX_TX_CODE_FAILURES) {
      throw new LearnbridgeError("TX_CODE_LOCKED", "too many wrong PINs: ask the centre for a new offer", {
        offerId: offer.id,
      });
    }
    throw new LearnbridgeError("GRANT_USED", "another wallet already took this offer", { offerId: offer.id });
  }
  if (!(await txCodeMatches(offer.txCode, txCode))) {
    const triesLeft = Math.max(0, MAX_TX_CODE_FAILURES - failures);
    throw new LearnbridgeError(
      "TX_CODE_INVALID",
      triesLeft > 0
        ? `the PIN is wrong: ${triesLeft} tries left`
        : "the PIN is wrong, and the offer is now locked",
      { triesLeft },
    );
  }
  await offers.refundTxCodeTry(offer.id);
}
