/**
 * The OID4VCI 1.0 issuer of a centre, pre-authorized code flow. Each fetch of an offer's JSON mints a fresh
 * pre-authorized code (short lived, single use, stored hashed; the offer's earlier codes keep working, up to
 * the five newest, so a link preview or a second device never voids the learner's code), the token
 * endpoint exchanges a live code of a live offer (and its PIN) for a short-lived access token bound to that
 * offer, the nonce endpoint hands out single-use `c_nonce`s, and the credential endpoint checks the token and
 * the holder's key proofs, then redeems the offer to the holder's DID. Failures throw LearnbridgeErrors with
 * codes; `oauthErrorOf` renders them.
 */
import {
  LearnbridgeError,
  randomBytes,
  sha256,
  systemClock,
  toBase64Url,
  toXsdDateTime,
  utf8,
} from "@learnbridge/core";
import type { CredentialOffer } from "../offers/offer.ts";
import {
  DEFAULT_PRE_AUTHORIZED_CODE_LIFETIME_MS,
  MAX_LIVE_PRE_AUTHORIZED_CODES,
  MAX_TX_CODE_FAILURES,
} from "../offers/offer.ts";
import { checkOfferContext, type OfferContext } from "../offers/offer-context.ts";
import { offerUnavailable, redeemOffer } from "../offers/redeem-offer.ts";
import { txCodeMatches } from "../offers/tx-code.ts";
import { readAuthorizationDetails } from "./authorization-details.ts";
import { parseConfigurationId } from "./credential-configurations.ts";
import { readCredentialRequest } from "./credential-request.ts";
import { type VerifiedKeyProof, verifyKeyProof } from "./key-proof.ts";
import type { NonceStore } from "./nonce-store.ts";
import { offerConfigurationIds, PRE_AUTHORIZED_GRANT } from "./offer-document.ts";

export interface Oid4vciIssuerOptions {
  /** The Credential Issuer Identifier: the centre's public URL. */
  readonly publicUrl: string;
  readonly context: OfferContext;
  readonly nonces: NonceStore;
  /** Default 10 minutes (never past the offer's end): the code "MUST be short lived" (OID4VCI 1.0 §4.1.1). */
  readonly preAuthorizedCodeLifetimeMs?: number;
  /** Default 5 minutes: a bearer token should not outlive that (OID4VCI 1.0 §13.9). */
  readonly accessTokenLifetimeMs?: number;
  /** Default 5 minutes. */
  readonly nonceLifetimeMs?: number;
  /** How old a key proof may be; default 300 s. */
  readonly proofMaxAgeSeconds?: number;
}

/** A successful token response (RFC 6749 §5.1). */
export interface TokenResponse {
  readonly access_token: string;
  readonly token_type: "Bearer";
  readonly expires_in: number;
  readonly authorization_details?: readonly object[];
}

/** A successful credential response (OID4VCI 1.0 §8.3). */
export interface CredentialResponse {
  readonly credentials: readonly { readonly credential: string | Record<string, unknown> }[];
}

const fail = (
  code: ConstructorParameters<typeof LearnbridgeError>[0],
  message: string,
  oauthError?: string,
) => new LearnbridgeError(code, message, oauthError ? { oauthError } : {});

/** SHA-256 of an access token, as the store keeps it. */
const hashAccessToken = async (token: string): Promise<string> => toBase64Url(await sha256(utf8(token)));

/** SHA-256 of a pre-authorized code, as the store keeps it. */
const hashPreAuthorizedCode = hashAccessToken;

const codeGone = () =>
  fail(
    "GRANT_INVALID",
    `the pre-authorized code is unknown or expired (an offer keeps its ${MAX_LIVE_PRE_AUTHORIZED_CODES} newest): open the offer again`,
  );
const codeUsed = () =>
  fail("GRANT_USED", "the pre-authorized code was used already (it works once): open the offer again");

export class Oid4vciIssuer {
  readonly #o: Oid4vciIssuerOptions;
  readonly #publicUrl: string;

  constructor(options: Oid4vciIssuerOptions) {
    checkOfferContext(options?.context, "Oid4vciIssuer");
    if (!URL.canParse(options.publicUrl)) throw new TypeError("Oid4vciIssuer: publicUrl must be a URL");
    if (!options.nonces) throw new TypeError("Oid4vciIssuer: nonces is required");
    const codeLifetime = options.preAuthorizedCodeLifetimeMs;
    if (codeLifetime !== undefined && !(Number.isSafeInteger(codeLifetime) && codeLifetime >= 1000)) {
      throw new TypeError("Oid4vciIssuer: preAuthorizedCodeLifetimeMs must be at least 1000");
    }
    this.#o = options;
    this.#publicUrl = options.publicUrl.replace(/\/+$/, "");
  }

  get #now(): Date {
    return (this.#o.context.clock ?? systemClock)();
  }

  /** The token endpoint, given the form's parameters (each at most once). */
  async token(params: Readonly<Record<string, string>>): Promise<TokenResponse> {
    const grantType = params.grant_type;
    if (grantType === undefined) throw fail("BAD_REQUEST", "grant_type is required");
    if (grantType !== PRE_AUTHORIZED_GRANT) {
      throw fail("BAD_REQUEST", `only the ${PRE_AUTHORIZED_GRANT} grant is served`, "unsupported_grant_type");
    }
    const code = params["pre-authorized_code"];
    if (!code) throw fail("BAD_REQUEST", "pre-authorized_code is required");
    if (code.length > 128) throw codeGone();
    const { offers } = this.#o.context;
    const codeHash = await hashPreAuthorizedCode(code);
    const found = await offers.findByPreAuthorizedCode(codeHash);
    if (!found) throw codeGone();
    // After a redemption by any of its codes, every other code of the offer meets GRANT_USED here.
    const { offer, code: stored } = found;
    const unavailable = offerUnavailable(offer, this.#now);
    if (unavailable) throw unavailable;
    if (stored.usedAt !== undefined) throw codeUsed();
    if (Date.parse(stored.expiresAt) <= this.#now.getTime()) throw codeGone();
    const details = readAuthorizationDetails(
      params.authorization_details,
      offerConfigurationIds(offer, this.#publicUrl),
    );
    await this.#checkPin(offer, params.tx_code);

    const now = this.#now;
    const lifetime = this.#o.accessTokenLifetimeMs ?? 5 * 60_000;
    const accessToken = toBase64Url((this.#o.context.random ?? randomBytes)(32));
    const granted = await offers.grant(offer.id, {
      preAuthorizedCodeHash: codeHash,
      accessTokenHash: await hashAccessToken(accessToken),
      accessTokenExpiresAt: toXsdDateTime(new Date(now.getTime() + lifetime)),
      at: toXsdDateTime(now),
      refundTxCodeTry: offer.txCode !== undefined,
    });
    if (!granted) {
      // A right PIN is no failure, whatever else went wrong: its try is given back.
      if (offer.txCode) await offers.refundTxCodeTry(offer.id);
      const current = await offers.get(offer.id);
      const closed = current && offerUnavailable(current, now);
      if (closed) throw closed;
      const again = await offers.findByPreAuthorizedCode(codeHash);
      throw again?.code.usedAt !== undefined ? codeUsed() : codeGone();
    }
    return {
      access_token: accessToken,
      token_type: "Bearer",
      expires_in: Math.floor(lifetime / 1000),
      ...(details ? { authorization_details: details } : {}),
    };
  }

  /**
   * Mints the pre-authorized code a wallet gets with the offer JSON: random, short lived (never past the
   * offer's end), stored as a hash; the offer's earlier codes keep working, but only its
   * MAX_LIVE_PRE_AUTHORIZED_CODES newest are kept. GRANT_USED, GRANT_INVALID, OFFER_EXPIRED for an offer that
   * cannot be redeemed any more.
   */
  async mintPreAuthorizedCode(offer: CredentialOffer): Promise<string> {
    const now = this.#now;
    const unavailable = offerUnavailable(offer, now);
    if (unavailable) throw unavailable;
    const code = toBase64Url((this.#o.context.random ?? randomBytes)(32));
    const lifetime = this.#o.preAuthorizedCodeLifetimeMs ?? DEFAULT_PRE_AUTHORIZED_CODE_LIFETIME_MS;
    const expiresAt = Math.min(now.getTime() + lifetime, Date.parse(offer.expiresAt));
    const bound = await this.#o.context.offers.bindPreAuthorizedCode(
      offer.id,
      {
        hash: await hashPreAuthorizedCode(code),
        expiresAt: toXsdDateTime(new Date(expiresAt)),
        at: toXsdDateTime(now),
      },
      MAX_LIVE_PRE_AUTHORIZED_CODES,
    );
    if (!bound) {
      const current = await this.#o.context.offers.get(offer.id);
      throw (
        (current && offerUnavailable(current, now)) ??
        new LearnbridgeError("NOT_FOUND", "there is no such offer", { offerId: offer.id })
      );
    }
    return code;
  }

  /** The PIN of a token request: counted before it is compared, against the offer's five tries. */
  async #checkPin(offer: CredentialOffer, txCode: string | undefined): Promise<void> {
    const { offers } = this.#o.context;
    if (!offer.txCode) {
      if (txCode !== undefined) throw fail("BAD_REQUEST", "this offer has no PIN: send no tx_code");
      return;
    }
    if (txCode === undefined || txCode === "") {
      throw fail("TX_CODE_REQUIRED", "this offer needs the PIN the centre sent separately (tx_code)");
    }
    const failures = await offers.takeTxCodeTry(offer.id, MAX_TX_CODE_FAILURES);
    if (failures === undefined) {
      const now = await offers.get(offer.id);
      if (now && now.txCodeFailures >= MAX_TX_CODE_FAILURES) {
        throw fail(
          "TX_CODE_LOCKED",
          "too many wrong PINs: this offer is locked; ask the centre for a new one",
        );
      }
      throw (now && offerUnavailable(now, this.#now)) ?? codeUsed();
    }
    if (!(await txCodeMatches(offer.txCode, txCode))) {
      const left = MAX_TX_CODE_FAILURES - failures;
      throw fail(
        "TX_CODE_INVALID",
        left > 0 ? `the PIN is wrong: ${left} tries left` : "the PIN is wrong, and the offer is now locked",
      );
    }
  }

  /** The nonce endpoint: a fresh, unpredictable `c_nonce`. */
  async nonce(): Promise<{ c_nonce: string }> {
    const now = this.#now.getTime();
    const nonce = toBase64Url((this.#o.context.random ?? randomBytes)(24));
    await this.#o.nonces.put(nonce, now + (this.#o.nonceLifetimeMs ?? 5 * 60_000), now);
    return { c_nonce: nonce };
  }

  /**
   * The credential endpoint's first step: the offer the bearer access token was granted for, still open.
   * ACCESS_TOKEN_INVALID for an unknown or expired token; GRANT_USED etc. when the offer is closed.
   */
  async authorize(accessToken: string | undefined): Promise<CredentialOffer> {
    const offer =
      accessToken && accessToken.length <= 128
        ? await this.#o.context.offers.findByAccessToken(await hashAccessToken(accessToken))
        : undefined;
    const now = this.#now;
    const expiresAt = offer?.accessTokenExpiresAt;
    if (!offer || expiresAt === undefined || Date.parse(expiresAt) <= now.getTime()) {
      throw fail("ACCESS_TOKEN_INVALID", "the access token is unknown or expired");
    }
    const unavailable = offerUnavailable(offer, now);
    if (unavailable) throw unavailable;
    return offer;
  }

  /**
   * The credential endpoint: for the offer `authorize` found, reads the JSON request body, checks every key
   * proof and its nonce, and issues the offer's one credential to the holder the first proof names.
   */
  async credential(offer: CredentialOffer, body: unknown, origin?: string): Promise<CredentialResponse> {
    const now = this.#now;
    const request = readCredentialRequest(body);
    const offered = offerConfigurationIds(offer, this.#publicUrl);
    if (!offered.includes(request.configurationId)) {
      throw fail(
        "CREDENTIAL_CONFIGURATION_UNKNOWN",
        `${request.configurationId} is not among the credentials this access token is for: ${offered.join(", ")}`,
        request.byIdentifier ? "unknown_credential_identifier" : undefined,
      );
    }
    // Every proof must hold (OID4VCI 1.0 §8.3.1.2); the offer's one credential is bound to the first key.
    const proofs: VerifiedKeyProof[] = [];
    for (const [index, jwt] of request.proofs.entries()) {
      const proof = await verifyKeyProof(jwt, {
        audience: this.#publicUrl,
        now,
        ...(this.#o.proofMaxAgeSeconds !== undefined ? { maxAgeSeconds: this.#o.proofMaxAgeSeconds } : {}),
      });
      if (!proof.ok) {
        const which = request.proofs.length > 1 ? `proofs.jwt[${index}]: ` : "";
        throw new LearnbridgeError(proof.code, `${which}${proof.message}`, proof.data ?? {});
      }
      proofs.push(proof.value);
    }
    // Consumed last, once everything else holds: a nonce is spent only on a request that would issue. A batch
    // of proofs usually shares one c_nonce: each distinct nonce is spent once.
    for (const nonce of new Set(proofs.map((p) => p.nonce))) {
      if (!(await this.#o.nonces.consume(nonce, now.getTime()))) {
        throw fail("NONCE_INVALID", "a proof's nonce is unknown, used or expired: get a new c_nonce");
      }
    }
    const holder = (proofs[0] as VerifiedKeyProof).holder;
    const { format } = parseConfigurationId(request.configurationId) as NonNullable<
      ReturnType<typeof parseConfigurationId>
    >;
    const { record } = await redeemOffer(this.#o.context, offer, {
      holder,
      format,
      via: "oid4vci",
      ...(origin ? { origin } : {}),
    });
    const credential =
      record.format === "jwt_vc"
        ? record.credential
        : (JSON.parse(record.credential) as Record<string, unknown>);
    return { credentials: [{ credential }] };
  }
}
