/**
 * The `claim` workflow of VC-API (VCALM) exchanges: a wallet that speaks VC-API, such as the Learner
 * Credential Wallet, claims a credential offer at `{publicUrl}/workflows/claim/exchanges/{offerId}`.
 *
 *   wallet -> POST {}                        <- { verifiablePresentationRequest: DIDAuthentication, challenge, domain }
 *   wallet -> POST { verifiablePresentation } <- { verifiablePresentation: { verifiableCredential: [credential] } }
 *
 * The presentation proves control of the holder DID over the challenge and domain; the offer is then redeemed
 * through the offer core (`redeemOffer`, once per offer, whichever protocol comes first) with that DID as the
 * credential's subject. A challenge is spent by the first presentation that arrives, good or bad, and lapses
 * after `challengeTtlMs`; a completed exchange takes no further step.
 *
 * An offer with a PIN is not claimable at its own exchange URL (the URL is as easy to see as the QR code the
 * PIN protects): `unlockClaim` (./claim-unlock.ts) opens a separate exchange once the PIN is typed.
 */
import { type Clock, LearnbridgeError, randomBytes, systemClock, toBase64Url } from "@learnbridge/core";
import type { VerifierOptions } from "@learnbridge/credentials";
import type { IssuedCredentialRecord } from "@learnbridge/issuer";
import { type CredentialOffer, offerUrls } from "../offers/offer.ts";
import type { OfferContext } from "../offers/offer-context.ts";
import { offerUnavailable, redeemOffer } from "../offers/redeem-offer.ts";
import { formatFor, presentationOf } from "./claim-delivery.ts";
import { checkOfferPin, unlockedExchangeId } from "./claim-unlock.ts";
import { checkDidAuthPresentation, type DidAuthPresentationRequest, didAuthRequestOf } from "./did-auth.ts";
import { CLAIM_WORKFLOW, challenged, completed, failed, newExchange, spent } from "./exchange-steps.ts";
import type { ExchangeStore, VcApiExchange } from "./exchange-store.ts";

export interface ClaimExchangeOptions {
  /** The offer core: offers, and the issuing domain that redeems them. */
  readonly offers: OfferContext;
  readonly exchanges: ExchangeStore;
  /** The centre's public URL: exchange URLs are under it, and its origin is the DIDAuth domain. */
  readonly publicUrl: string;
  /** How holder presentations are verified (the centre's verifier options). */
  readonly verifier?: VerifierOptions;
  /** Default the offer context's clock, else the system clock. */
  readonly clock?: Clock;
  /** Random bytes for challenges; default the platform's CSPRNG. */
  readonly random?: (count: number) => Uint8Array;
  /** How long a challenge may wait for its presentation; default 15 minutes (never past the offer's end). */
  readonly challengeTtlMs?: number;
}

/** The `protocols` object of an exchange (VCALM "Get Exchange Protocols"). */
export interface ExchangeProtocols {
  /** Absent for an offer with a PIN: its VC-API exchange opens only once the PIN is typed. */
  readonly vcapi?: string;
  readonly OID4VCI: string;
}

/** What the server answers to a step. */
export type ClaimServerMessage =
  | { readonly verifiablePresentationRequest: DidAuthPresentationRequest }
  | { readonly verifiablePresentation: Record<string, unknown> };

const DEFAULT_CHALLENGE_TTL_MS = 15 * 60 * 1000;
/** Exchanges are kept this long past their end, so a late wallet learns "complete" rather than "not found". */
const KEEP_AFTER_EXPIRY_MS = 24 * 60 * 60 * 1000;
/** Errors after which the exchange can never complete. */
const FINAL = new Set(["GRANT_USED", "GRANT_INVALID", "OFFER_EXPIRED"]);

interface Found {
  readonly exchange?: VcApiExchange;
  readonly offer: CredentialOffer;
  /** An offer with a PIN, reached at its own id: no VC-API exchange there. */
  readonly locked: boolean;
}

const refuse = (message: string, data: Record<string, unknown> = {}) =>
  new LearnbridgeError("EXCHANGE_STATE_INVALID", message, data);

/** The VC-API claim exchanges of one centre. */
export class ClaimExchanges {
  readonly #o: ClaimExchangeOptions;
  readonly #clock: Clock;
  readonly #random: (count: number) => Uint8Array;
  readonly #ttlMs: number;
  readonly #publicUrl: string;
  /** The DIDAuth domain: the centre's origin. */
  readonly domain: string;

  constructor(options: ClaimExchangeOptions) {
    if (!options?.offers?.offers) throw new TypeError("ClaimExchanges: offers (an OfferContext) is required");
    if (!options.exchanges) throw new TypeError("ClaimExchanges: exchanges (an ExchangeStore) is required");
    if (typeof options.publicUrl !== "string" || !URL.canParse(options.publicUrl)) {
      throw new TypeError("ClaimExchanges: publicUrl must be a URL");
    }
    const ttl = options.challengeTtlMs ?? DEFAULT_CHALLENGE_TTL_MS;
    if (!Number.isSafeInteger(ttl) || ttl <= 0)
      throw new TypeError("ClaimExchanges: challengeTtlMs must be > 0");
    this.#o = options;
    this.#clock = options.clock ?? options.offers.clock ?? systemClock;
    this.#random = options.random ?? randomBytes;
    this.#ttlMs = ttl;
    this.#publicUrl = options.publicUrl.replace(/\/+$/, "");
    this.domain = new URL(this.#publicUrl).origin;
  }

  /** The URL of exchange `id` of the claim workflow. */
  exchangeUrl(id: string): string {
    return `${this.#publicUrl}/workflows/${CLAIM_WORKFLOW}/exchanges/${encodeURIComponent(id)}`;
  }

  /** The protocols an exchange can be done by: this VC-API exchange, and OID4VCI for the same offer. */
  async protocols(id: string): Promise<ExchangeProtocols> {
    const { exchange, offer, locked } = await this.#find(id, true);
    const unavailable = offerUnavailable(offer, this.#clock());
    if (unavailable && !this.#delivered(offer, exchange)) throw unavailable;
    const vcapi = locked ? undefined : this.exchangeUrl(id);
    return { ...(vcapi ? { vcapi } : {}), OID4VCI: offerUrls(this.#publicUrl, offer.id).offerUri };
  }

  /**
   * Opens the VC-API exchange of an offer once its PIN is typed (an offer without a PIN is open at its own
   * id). Errors as `checkOfferPin` says, and as `offerUnavailable` for an offer that is gone.
   */
  async unlock(offerId: string, txCode: unknown): Promise<{ exchangeId: string; exchangeUrl: string }> {
    const now = this.#clock();
    const offer =
      typeof offerId === "string" && offerId ? await this.#o.offers.offers.get(offerId) : undefined;
    if (!offer) throw new LearnbridgeError("NOT_FOUND", "there is no such offer", { offerId });
    const unavailable = offerUnavailable(offer, now);
    if (unavailable) throw unavailable;
    if (!offer.txCode) return { exchangeId: offer.id, exchangeUrl: this.exchangeUrl(offer.id) };
    await checkOfferPin(this.#o.offers.offers, offer, txCode);
    const id = await unlockedExchangeId(offer);
    await this.#o.exchanges.create(newExchange(id, offer.id, Date.parse(offer.expiresAt), now.getTime()));
    return { exchangeId: id, exchangeUrl: this.exchangeUrl(id) };
  }

  /**
   * The exchange as it stands (VCALM "Get Exchange State"); a pending one when no step was taken yet.
   * NOT_FOUND for an unknown exchange.
   */
  async state(id: string): Promise<VcApiExchange> {
    const { exchange, offer } = await this.#find(id);
    return exchange ?? newExchange(id, offer.id, Date.parse(offer.expiresAt), this.#clock().getTime());
  }

  /**
   * One step of the exchange: `{}` starts it (or asks again for what it expects), `{ verifiablePresentation }`
   * answers the DIDAuth request. `origin` is the caller's address, for the audit log.
   */
  async participate(
    id: string,
    message: Record<string, unknown>,
    origin?: string,
  ): Promise<ClaimServerMessage> {
    if (message.verifiablePresentation !== undefined)
      return this.present(id, message.verifiablePresentation, origin);
    const known = Object.keys(message).filter((key) => key !== "referenceId");
    if (known.length === 0) return this.start(id);
    throw new LearnbridgeError(
      "BAD_REQUEST",
      "this exchange takes an empty object to start, then { verifiablePresentation }",
      { fields: known },
    );
  }

  /** Starts the exchange, or gives a fresh challenge to one waiting for its presentation. */
  async start(id: string): Promise<{ verifiablePresentationRequest: DidAuthPresentationRequest }> {
    const now = this.#clock().getTime();
    const found = await this.#find(id);
    const { offer } = found;
    let exchange = found.exchange;
    this.#checkOpen(exchange);
    const unavailable = offerUnavailable(offer, new Date(now));
    if (unavailable && !this.#delivered(offer, exchange)) throw unavailable;
    if (!exchange) {
      await this.#o.exchanges.deleteExpired(now - KEEP_AFTER_EXPIRY_MS);
      exchange = await this.#o.exchanges.create(newExchange(id, offer.id, Date.parse(offer.expiresAt), now));
    }
    for (let attempt = 0; attempt < 3; attempt += 1) {
      this.#checkOpen(exchange);
      const challenge = toBase64Url(this.#random(24));
      const next = challenged(exchange, challenge, Math.min(now + this.#ttlMs, exchange.expiresAt), now);
      if (await this.#o.exchanges.update(next)) {
        return {
          verifiablePresentationRequest: didAuthRequestOf({
            challenge,
            domain: this.domain,
            exchangeUrl: this.exchangeUrl(id),
          }),
        };
      }
      exchange = await this.#o.exchanges.get(CLAIM_WORKFLOW, id);
      if (!exchange) throw new LearnbridgeError("NOT_FOUND", "the exchange has ended", { exchangeId: id });
    }
    throw new LearnbridgeError("CONFLICT", "the exchange is busy with another step: try again");
  }

  /** Takes the holder's DIDAuth presentation; on success the offer is redeemed to the holder's DID. */
  async present(
    id: string,
    presentation: unknown,
    origin?: string,
  ): Promise<{ verifiablePresentation: Record<string, unknown> }> {
    const now = this.#clock().getTime();
    const { exchange, offer } = await this.#find(id);
    if (!exchange)
      throw refuse("the exchange has not started: send an empty object first", { state: "pending" });
    this.#checkOpen(exchange);
    const { challenge, challengeExpiresAt } = exchange;
    if (challenge === undefined) {
      throw refuse("no presentation is awaited: send an empty object for a new challenge", {
        state: exchange.state,
      });
    }
    // Spent before anything is checked: of two presentations racing on one challenge, one goes on.
    let current = spent(exchange, now);
    if (!(await this.#o.exchanges.update(current))) {
      throw refuse("another message used this challenge: send an empty object for a new one");
    }
    const fail = async (error: LearnbridgeError): Promise<never> => {
      const next = failed(current, { code: error.code, detail: error.message }, now, FINAL.has(error.code));
      await this.#o.exchanges.update(next);
      throw error;
    };
    const unavailable = offerUnavailable(offer, new Date(now));
    if (unavailable && !this.#delivered(offer, exchange)) return fail(unavailable);
    if (challengeExpiresAt === undefined || challengeExpiresAt <= now) {
      return fail(
        new LearnbridgeError(
          "PRESENTATION_REQUEST_EXPIRED",
          "the challenge expired: send an empty object for a new one",
        ),
      );
    }

    const checked = await checkDidAuthPresentation(presentation, {
      challenge,
      domain: this.domain,
      ...(this.#o.verifier ? { verifier: this.#o.verifier } : {}),
    });
    if (!checked.ok)
      return fail(new LearnbridgeError(checked.code, checked.message, { report: checked.report }));

    let record: IssuedCredentialRecord;
    try {
      record = unavailable
        ? await this.#deliveredRecord(offer, checked.holder)
        : (
            await redeemOffer(this.#o.offers, offer.id, {
              holder: checked.holder,
              format: formatFor(offer, checked.report.securedBy),
              via: "vcapi",
              ...(origin ? { origin } : {}),
            })
          ).record;
    } catch (error) {
      if (error instanceof LearnbridgeError) return fail(error);
      throw error;
    }
    // A new challenge may have been handed out meanwhile: the delivery completes the exchange over it.
    for (let attempt = 0; attempt < 5; attempt += 1) {
      if (await this.#o.exchanges.update(completed(current, checked.holder, record.id, now))) break;
      const latest = await this.#o.exchanges.get(CLAIM_WORKFLOW, id);
      if (!latest || latest.state === "complete") break;
      current = latest;
    }
    return { verifiablePresentation: presentationOf(record) };
  }

  /**
   * The exchange at `id` (if any step was taken) and its offer; NOT_FOUND when there is neither. An offer with
   * a PIN does not open at its own id (the URL is as visible as the QR code the PIN guards): TX_CODE_REQUIRED,
   * unless `locked` is allowed.
   */
  async #find(id: string, allowLocked = false): Promise<Found> {
    const exchange =
      typeof id === "string" && id ? await this.#o.exchanges.get(CLAIM_WORKFLOW, id) : undefined;
    const offer = await this.#o.offers.offers.get(exchange?.offerId ?? id);
    if (!offer) throw new LearnbridgeError("NOT_FOUND", "there is no such exchange", { exchangeId: id });
    const locked = !exchange && offer.txCode !== undefined;
    if (locked && !allowLocked) {
      throw new LearnbridgeError(
        "TX_CODE_REQUIRED",
        "this offer is protected by a PIN: open the claim page, type the PIN, and use the wallet link it gives",
        { exchangeId: id },
      );
    }
    return { ...(exchange ? { exchange } : {}), offer, locked };
  }

  /** EXCHANGE_STATE_INVALID for an exchange that takes no more steps. */
  #checkOpen(exchange: VcApiExchange | undefined): void {
    if (exchange?.state === "complete") throw refuse("the exchange is complete", { state: "complete" });
    if (exchange?.state === "invalid") {
      throw refuse("the exchange can no longer complete", {
        state: "invalid",
        ...(exchange.lastError ? { lastError: exchange.lastError } : {}),
      });
    }
  }

  /**
   * True when this VC-API exchange redeemed the offer but did not record its completion (a crash between the
   * two writes): the holder may authenticate again to receive the credential issued to them.
   */
  #delivered(offer: CredentialOffer, exchange: VcApiExchange | undefined): boolean {
    return !!exchange && offer.state === "redeemed" && offer.redeemedVia === "vcapi" && !!offer.credentialId;
  }

  async #deliveredRecord(offer: CredentialOffer, holder: string): Promise<IssuedCredentialRecord> {
    const record = offer.credentialId ? await this.#o.offers.credentials.get(offer.credentialId) : undefined;
    if (!record || offer.holder !== holder) {
      throw new LearnbridgeError("GRANT_USED", "the credential of this offer was issued already", {
        offerId: offer.id,
      });
    }
    return record;
  }
}
