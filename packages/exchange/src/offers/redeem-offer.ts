/**
 * Redeeming an offer: the credential is issued to the holder's DID, once. Issuance runs under the request key
 * `offer:<id>`, so two protocols (or two wallets) racing on one offer get one credential between them; only
 * the redemption that issued it and recorded it wins, every other one is refused with GRANT_USED. A redeem
 * that crashed between the two steps is completed by a retry from the same holder in the same format.
 */
import { LearnbridgeError, systemClock, toXsdDateTime } from "@learnbridge/core";
import { type CredentialFormat, isDid } from "@learnbridge/credentials";
import { awardAchievement, type IssuedCredentialRecord } from "@learnbridge/issuer";
import { type CredentialOffer, isOfferExpired, offerRequestKey } from "./offer.ts";
import { checkOfferContext, type OfferContext } from "./offer-context.ts";
import { awardableAchievement, credentialOfRecord, offerableRecord } from "./offer-source.ts";

export interface RedeemRequest {
  /** The holder's DID: the credential's subject. */
  readonly holder: string;
  readonly format: CredentialFormat;
  /** The protocol that reached the offer: `oid4vci`, `vcapi`. */
  readonly via: string;
  /** The caller's address, for the audit log. */
  readonly origin?: string;
}

export interface Redeemed {
  readonly offer: CredentialOffer;
  readonly record: IssuedCredentialRecord;
}

/**
 * Why an offer cannot be redeemed at `now`, as an error, or undefined when it can: GRANT_INVALID when it was
 * withdrawn, GRANT_USED when it was redeemed, OFFER_EXPIRED when its time is up.
 */
export function offerUnavailable(offer: CredentialOffer, now: Date): LearnbridgeError | undefined {
  const data = { offerId: offer.id };
  if (offer.state === "revoked")
    return new LearnbridgeError("GRANT_INVALID", "the offer was withdrawn", data);
  if (offer.state === "redeemed") {
    return new LearnbridgeError("GRANT_USED", "the credential of this offer was issued already", data);
  }
  if (isOfferExpired(offer, now)) {
    return new LearnbridgeError("OFFER_EXPIRED", `the offer expired at ${offer.expiresAt}`, {
      ...data,
      expiresAt: offer.expiresAt,
    });
  }
  return undefined;
}

/**
 * Issues the offer's credential to `request.holder` and marks the offer redeemed. NOT_FOUND for an unknown
 * offer; GRANT_INVALID, GRANT_USED, OFFER_EXPIRED as `offerUnavailable` says; FIELD_INVALID for a holder
 * that is not a DID or a format the offer does not allow; CONFLICT when the source is no longer issuable.
 * @example const { record } = await redeemOffer(context, offerId, { holder: "did:key:z6Mk…", format: "ldp_vc", via: "vcapi" });
 */
export async function redeemOffer(
  context: OfferContext,
  offerOrId: CredentialOffer | string,
  request: RedeemRequest,
): Promise<Redeemed> {
  checkOfferContext(context, "redeemOffer");
  const clock = context.clock ?? systemClock;
  const id = typeof offerOrId === "string" ? offerOrId : offerOrId?.id;
  // The caller's copy may be stale: decide on the stored offer.
  const offer = typeof id === "string" ? await context.offers.get(id) : undefined;
  if (!offer) throw new LearnbridgeError("NOT_FOUND", "there is no such offer", { offerId: id ?? null });
  const unavailable = offerUnavailable(offer, clock());
  if (unavailable) throw unavailable;
  if (!isDid(request.holder) || request.holder.includes("#")) {
    throw new LearnbridgeError("FIELD_INVALID", "the holder must be a DID", { field: "holder" });
  }
  if (!offer.formats.includes(request.format)) {
    throw new LearnbridgeError("FIELD_INVALID", `this offer is not issued as ${request.format}`, {
      field: "format",
      formats: offer.formats,
    });
  }

  const requestKey = offerRequestKey(offer.id);
  const earlier = await context.credentials.findByRequestKey(requestKey);
  // The source is checked again only for a fresh issue: staff may have archived or revoked it meanwhile.
  const { record } = earlier ? { record: earlier } : await issueFor(context, offer, request, requestKey);
  // Another redemption issued first (a race, or a crash before it was recorded): only its own holder, in its
  // own format, may complete it.
  if (record.subject !== request.holder || record.format !== request.format) {
    throw new LearnbridgeError("GRANT_USED", "the credential of this offer was issued already", {
      offerId: offer.id,
    });
  }
  const at = toXsdDateTime(clock());
  const redeemed = await context.offers.redeem(
    offer.id,
    { credentialId: record.id, holder: request.holder, via: request.via, at },
    {
      at,
      actor: `offer:${offer.id}`,
      ...(request.origin ? { origin: request.origin } : {}),
      action: "offer.redeem",
      subject: offer.id,
      details: { credentialId: record.id, via: request.via, format: record.format },
    },
  );
  if (!redeemed) {
    const now = await context.offers.get(offer.id);
    throw (
      (now && offerUnavailable(now, clock())) ??
      new LearnbridgeError("GRANT_USED", "the credential of this offer was issued already", {
        offerId: offer.id,
      })
    );
  }
  return { offer: (await context.offers.get(offer.id)) as CredentialOffer, record };
}

async function issueFor(
  context: OfferContext,
  offer: CredentialOffer,
  request: RedeemRequest,
  requestKey: string,
): Promise<{ record: IssuedCredentialRecord }> {
  const who = { actor: `offer:${offer.id}`, ...(request.origin ? { origin: request.origin } : {}) };
  if (offer.source.kind === "award") {
    await awardableAchievement(context, offer.source.slug);
    return awardAchievement(
      {
        achievements: context.achievements,
        profile: context.profile,
        issuance: context.issuance,
        credentials: context.credentials,
        did: context.did,
        ...(context.clock ? { clock: context.clock } : {}),
      },
      offer.source.slug,
      {
        learner: { did: request.holder },
        ...(offer.source.result ? { result: offer.source.result } : {}),
        format: request.format,
        requestKey,
        ...who,
      },
    );
  }
  const { record, achievementId } = await offerableRecord(context, offer.source.credentialId);
  const credential = credentialOfRecord(record);
  // A new credential of the same content: new id and status entry, the holder as subject, no email hash.
  delete credential.id;
  delete credential.credentialStatus;
  const subject = { ...([credential.credentialSubject].flat()[0] as Record<string, unknown>) };
  delete subject.identifier;
  credential.credentialSubject = { ...subject, id: request.holder };
  return context.issuance.issue({
    credential,
    format: request.format,
    requestKey,
    achievementId,
    ...who,
    auditDetails: { offer: offer.id, reissueOf: record.id },
  });
}
