/** Data Integrity proofs (eddsa-rdfc-2022, eddsa-jcs-2022, Ed25519Signature2020): sign and verify. */

export {
  type Cryptosuite,
  computeHashData,
  type HashData,
  type JsonObject,
  type SuiteContext,
  type SuiteName,
} from "./cryptosuite.ts";
export { ED25519_2020_CONTEXT, ed25519Signature2020 } from "./ed25519-signature-2020.ts";
export { eddsaJcs2022 } from "./eddsa-jcs-2022.ts";
export { DATA_INTEGRITY_CONTEXTS, eddsaRdfc2022 } from "./eddsa-rdfc-2022.ts";
export { canonizeRdfc, checkJsonLd } from "./json-ld.ts";
export { type AddProofOptions, addDataIntegrityProof, type DataIntegrityProof } from "./sign.ts";
export { CRYPTOSUITES, suiteByName, suiteForProof } from "./suite-selection.ts";
export { type VerifiedProof, type VerifyDataIntegrityOptions, verifyDataIntegrity } from "./verify.ts";
