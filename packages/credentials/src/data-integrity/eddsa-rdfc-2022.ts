/**
 * The `eddsa-rdfc-2022` cryptosuite (W3C Data Integrity EdDSA Cryptosuites v1.0, section 3.2): RDFC-1.0
 * canonical N-Quads of the document and of the proof configuration, which carries the document's `@context`.
 */
import type { Cryptosuite } from "./cryptosuite.ts";
import { canonizeRdfc } from "./json-ld.ts";

/** Contexts that define `DataIntegrityProof` (VC 2.0 includes it); signing adds the first when none is present. */
export const DATA_INTEGRITY_CONTEXTS = [
  "https://w3id.org/security/data-integrity/v2",
  "https://w3id.org/security/data-integrity/v1",
  "https://www.w3.org/ns/credentials/v2",
] as const;

/** eddsa-rdfc-2022: the cryptosuite of the Open Badges 3.0 conformance suite. */
export const eddsaRdfc2022: Cryptosuite = {
  name: "eddsa-rdfc-2022",
  type: "DataIntegrityProof",
  cryptosuite: "eddsa-rdfc-2022",
  suiteContexts: DATA_INTEGRITY_CONTEXTS,
  proofOptionsForSigning: (_document, options) => ({ ...options }),
  documentForVerifying: (document) => document,
  transform: (document, { documentLoader }) => canonizeRdfc(document, documentLoader),
  configure: (proofOptions, document, { documentLoader }) =>
    canonizeRdfc({ ...proofOptions, "@context": document["@context"] }, documentLoader),
};
