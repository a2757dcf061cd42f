/** `@learnbridge/exchange/testing`: the offer ports' contract suites, for their in-memory and libSQL implementations. */

export { type HolderBinding, type ProofInput, type TestHolder, testHolder } from "../oid4vci/test-holder.ts";
export {
  type DidAuthHolder,
  didAuthPresentation,
  newDidAuthHolder,
} from "../vc-api/did-auth-holder.ts";
export { nonceStoreContract, offerStoreContract, sampleOffer } from "./offer-store-contract.ts";
export {
  offerTestContext,
  TEST_ACHIEVEMENT,
  TEST_CENTRE_DID,
  TEST_CENTRE_URL,
} from "./offer-test-context.ts";
