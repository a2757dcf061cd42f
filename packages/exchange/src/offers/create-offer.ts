/**
 * Making an offer: staff promise a learner one credential (an award of an achievement, or a credential the
 * centre issued, now bound to the learner's wallet), for a limited time, optionally behind a PIN that is
 * returned once, here, to be sent to the learner by another channel.
 */
import { LearnbridgeError, randomBytes, systemClock, toBase64Url, toXsdDateTime } from "@learnbridge/core";
import { type CredentialFormat, isLanguageTag } from "@learnbridge/credentials";
import { type Actor, auditedBy } from "@learnbridge/issuer";
import type { CredentialOffer, OfferSource } from "./offer.ts";
import { checkOfferContext, type OfferContext } from "./offer-context.ts";
import { awardableAchievement, offerableRecord } from "./offer-source.ts";
import {
  hashTxCode,
  newTxCode,
  TX_CODE_DEFAULT_LENGTH,
  TX_CODE_MAX_LENGTH,
  TX_CODE_MIN_LENGTH,
} from "./tx-code.ts";

/** How long an offer stays open unless asked otherwise: 7 days. */
export const DEFAULT_OFFER_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;
/** The longest an offer may stay open: 90 days. */
export const MAX_OFFER_LIFETIME_MS = 90 * 24 * 60 * 60 * 1000;
/** Formats a wallet may ask for when the offer names none. */
export const OFFER_FORMATS: readonly CredentialFormat[] = ["ldp_vc", "jwt_vc"];

export interface CreateOfferRequest extends Actor {
  /** Award this achievement (its slug)… */
  readonly achievement?: string;
  /** …with this result… */
  readonly result?: { readonly grade?: string; readonly creditsEarned?: number };
  /** …or offer this issued credential again, bound to the learner's wallet. */
  readonly credentialId?: string;
  /** Whom the claim page greets, and in which language; default the achievement's language. */
  readonly learner: { readonly name: string; readonly language?: string };
  /** Formats the wallet may choose from; default both. */
  readonly formats?: readonly CredentialFormat[];
  /** How long the offer stays open; default `DEFAULT_OFFER_LIFETIME_MS`. */
  readonly lifetimeMs?: number;
  /** A PIN, and its length; default a PIN of 6 digits. `false`: no PIN. */
  readonly txCode?: boolean | { readonly length: number };
}

export interface CreatedOffer {
  readonly offer: CredentialOffer;
  /** The PIN, in clear, this once: only its hash is stored. */
  readonly txCode?: string;
}

const invalid = (field: string, message: string) =>
  new LearnbridgeError("FIELD_INVALID", `${field}: ${message}`, { field });

function txCodeLength(option: CreateOfferRequest["txCode"]): number | undefined {
  if (option === false) return undefined;
  if (option === undefined || option === true) return TX_CODE_DEFAULT_LENGTH;
  const { length } = option;
  if (!Number.isInteger(length) || length < TX_CODE_MIN_LENGTH || length > TX_CODE_MAX_LENGTH) {
    throw invalid("txCode.length", `must be an integer from ${TX_CODE_MIN_LENGTH} to ${TX_CODE_MAX_LENGTH}`);
  }
  return length;
}

/**
 * Creates and stores an offer with its audit entry. NOT_FOUND for an unknown achievement or credential;
 * CONFLICT when the achievement is archived, the credential is not active, or the centre has no profile yet;
 * FIELD_INVALID for a bad learner, format, lifetime or PIN length.
 * @example const { offer, txCode } = await createOffer(context, { achievement: "data-101", learner: { name: "Amina" }, actor: key.id });
 */
export async function createOffer(context: OfferContext, request: CreateOfferRequest): Promise<CreatedOffer> {
  checkOfferContext(context, "createOffer");
  const clock = context.clock ?? systemClock;
  const random = context.random ?? randomBytes;
  if ((request.achievement === undefined) === (request.credentialId === undefined)) {
    throw invalid("achievement", "name exactly one of an achievement and a credentialId");
  }
  const name = request.learner?.name;
  if (typeof name !== "string" || name.trim() === "" || name.length > 200) {
    throw invalid("learner.name", "must be a non-empty text of at most 200 characters");
  }
  const language = request.learner.language;
  if (language !== undefined && !isLanguageTag(language))
    throw invalid("learner.language", "is not a BCP 47 tag");
  const formats = [...new Set(request.formats ?? OFFER_FORMATS)];
  if (formats.length === 0 || formats.some((f) => !OFFER_FORMATS.includes(f))) {
    throw invalid("formats", `must name some of ${OFFER_FORMATS.join(", ")}`);
  }
  const lifetime = request.lifetimeMs ?? DEFAULT_OFFER_LIFETIME_MS;
  if (!Number.isSafeInteger(lifetime) || lifetime < 60_000 || lifetime > MAX_OFFER_LIFETIME_MS) {
    throw invalid("lifetime", "must be from one minute to 90 days");
  }
  const pinLength = txCodeLength(request.txCode);

  let source: OfferSource;
  let achievementId: string;
  let sourceLanguage: string | undefined;
  if (request.achievement !== undefined) {
    const achievement = await awardableAchievement(context, request.achievement);
    // Checked now, not when a wallet comes: the learner must never meet a refusal the centre could foresee.
    const available = achievement.content.creditsAvailable;
    const earned = request.result?.creditsEarned;
    if (available !== undefined && earned !== undefined && earned > available) {
      throw invalid("result.creditsEarned", `exceeds the achievement's creditsAvailable (${available})`);
    }
    source = { kind: "award", slug: achievement.slug, ...(request.result ? { result: request.result } : {}) };
    achievementId = context.achievements.urlOf(achievement.slug);
    sourceLanguage = achievement.content.sourceLanguage;
  } else {
    if (request.result !== undefined)
      throw invalid("result", "is only for awards: the credential has its own");
    const found = await offerableRecord(context, request.credentialId as string);
    source = { kind: "record", credentialId: found.record.id };
    achievementId = found.achievementId;
  }
  const profile = await context.profile.get();
  if (!profile) {
    throw new LearnbridgeError(
      "CONFLICT",
      "the centre has no profile yet: set its name first (PUT /profile)",
    );
  }

  const now = clock();
  const txCode = pinLength === undefined ? undefined : newTxCode(pinLength, random);
  const offer: CredentialOffer = {
    id: toBase64Url(random(16)),
    source,
    achievementId,
    learnerName: name.trim(),
    language: language ?? sourceLanguage ?? profile.sourceLanguage,
    formats,
    createdAt: toXsdDateTime(now),
    expiresAt: toXsdDateTime(new Date(now.getTime() + lifetime)),
    createdBy: request.actor,
    ...(txCode ? { txCode: await hashTxCode(txCode, random) } : {}),
    txCodeFailures: 0,
    state: "offered",
  };
  const stored = await context.offers.create(offer, {
    at: offer.createdAt,
    ...auditedBy(request),
    action: "offer.create",
    subject: offer.id,
    details: { source: source.kind, achievementId, expiresAt: offer.expiresAt, txCode: txCode !== undefined },
  });
  // 128 random bits do not collide; a false here means the random source is broken.
  if (!stored) throw new LearnbridgeError("INTERNAL", "an offer with this id exists already");
  return { offer, ...(txCode ? { txCode } : {}) };
}
