/**
 * The legacy `Ed25519Signature2020` suite, still used by many wallets and Open Badges issuers: the same
 * RDFC-1.0 transformation and hashing as eddsa-rdfc-2022, with its own proof type and context.
 */
import type { Cryptosuite } from "./cryptosuite.ts";
import { canonizeRdfc } from "./json-ld.ts";

/** The context that defines `Ed25519Signature2020`. */
export const ED25519_2020_CONTEXT = "https://w3id.org/security/suites/ed25519-2020/v1";

/** Ed25519Signature2020 (no `cryptosuite` property). */
export const ed25519Signature2020: Cryptosuite = {
  name: "Ed25519Signature2020",
  type: "Ed25519Signature2020",
  cryptosuite: undefined,
  suiteContexts: [ED25519_2020_CONTEXT],
  proofOptionsForSigning: (_document, options) => ({ ...options }),
  documentForVerifying: (document) => document,
  transform: (document, { documentLoader }) => canonizeRdfc(document, documentLoader),
  configure: (proofOptions, document, { documentLoader }) =>
    canonizeRdfc({ ...proofOptions, "@context": document["@context"] }, documentLoader),
};
