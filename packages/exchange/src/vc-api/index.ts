/** VC-API (VCALM) exchanges: the `claim` workflow through which VC-API wallets claim credential offers. */

export { exchangeExpires } from "./claim-delivery.ts";
export {
  type ClaimExchangeOptions,
  ClaimExchanges,
  type ClaimServerMessage,
  type ExchangeProtocols,
} from "./claim-exchanges.ts";
export { checkOfferPin, unlockedExchangeId } from "./claim-unlock.ts";
export {
  checkDidAuthPresentation,
  DID_AUTH_METHODS,
  type DidAuthOutcome,
  type DidAuthPresentationRequest,
  didAuthRequestOf,
  firstFailedCheck,
} from "./did-auth.ts";
export { CLAIM_WORKFLOW } from "./exchange-steps.ts";
export {
  type ExchangeError,
  type ExchangeState,
  type ExchangeStore,
  MemoryExchangeStore,
  type VcApiExchange,
} from "./exchange-store.ts";
export { type LcwDeepLinkInput, lcwDeepLinkOf } from "./lcw-deep-link.ts";
