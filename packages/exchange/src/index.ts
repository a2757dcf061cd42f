/** @learnbridge/exchange: credential offers and the wallet protocols (OID4VCI, VC-API exchanges, OID4VP). */
// Presentation challenges (VC API `POST /challenges`): the port and its in-memory twin.
export * from "./challenges/index.ts";
// Credential offers, the core every wallet protocol redeems (OID4VCI, VC-API exchanges).
export {
  type CreatedOffer,
  type CreateOfferRequest,
  createOffer,
  DEFAULT_OFFER_LIFETIME_MS,
  MAX_OFFER_LIFETIME_MS,
  OFFER_FORMATS,
} from "./offers/create-offer.ts";
export {
  type CredentialOffer,
  DEFAULT_PRE_AUTHORIZED_CODE_LIFETIME_MS,
  isOfferExpired,
  MAX_LIVE_PRE_AUTHORIZED_CODES,
  MAX_TX_CODE_FAILURES,
  type OfferSource,
  type OfferState,
  type OfferUrls,
  offerRequestKey,
  offerUrls,
  type TxCodeHash,
} from "./offers/offer.ts";
export { checkOfferContext, type OfferContext } from "./offers/offer-context.ts";
export { credentialOfRecord } from "./offers/offer-source.ts";
export {
  MemoryOfferStore,
  type MemoryOfferStoreOptions,
  type OfferGrant,
  type OfferQuery,
  type OfferRedemption,
  type OfferStore,
  type PreAuthorizedCode,
  type StoredPreAuthorizedCode,
} from "./offers/offer-store.ts";
export { offerUnavailable, type Redeemed, type RedeemRequest, redeemOffer } from "./offers/redeem-offer.ts";
export { revokeOffer } from "./offers/revoke-offer.ts";
export { hashTxCode, newTxCode, txCodeMatches } from "./offers/tx-code.ts";
// The OpenID4VCI 1.0 issuer (pre-authorized code flow) that redeems offers.
export {
  BINDING_METHODS,
  configurationId,
  credentialConfigurations,
  GENERIC_STEM,
  PROOF_SIGNING_ALGORITHMS,
  parseConfigurationId,
} from "./oid4vci/credential-configurations.ts";
export { type CredentialRequest, readCredentialRequest } from "./oid4vci/credential-request.ts";
export {
  authorizationServerMetadata,
  credentialIssuerMetadata,
  type IssuerMetadataInput,
  oid4vciEndpoints,
  wellKnownUrl,
} from "./oid4vci/issuer-metadata.ts";
export {
  KEY_PROOF_ALGORITHMS,
  KEY_PROOF_TYPE,
  type KeyProofOptions,
  type VerifiedKeyProof,
  verifyKeyProof,
} from "./oid4vci/key-proof.ts";
export { MemoryNonceStore, type NonceStore } from "./oid4vci/nonce-store.ts";
export { type OAuthErrorResponse, type Oid4vciEndpoint, oauthErrorOf } from "./oid4vci/oauth-error.ts";
export {
  credentialOfferDocument,
  offerConfigurationIds,
  PRE_AUTHORIZED_GRANT,
} from "./oid4vci/offer-document.ts";
export {
  type CredentialResponse,
  Oid4vciIssuer,
  type Oid4vciIssuerOptions,
  type TokenResponse,
} from "./oid4vci/oid4vci-issuer.ts";
// The OpenID4VP 1.0 verifier: DCQL, request objects, answers checked against the request.
export * from "./oid4vp/index.ts";
// VC-API (VCALM) exchanges: the claim workflow for VC-API wallets (Learner Credential Wallet), its deep link.
export * from "./vc-api/index.ts";
