/**
 * The `eddsa-jcs-2022` cryptosuite (W3C Data Integrity EdDSA Cryptosuites v1.0, section 3.3): RFC 8785 JCS
 * of the document and of the proof configuration. The proof carries the document's `@context`; a verifier
 * requires it to be a prefix of the document's and hashes the document under exactly that `@context`.
 */
import canonicalize from "canonicalize";
import type { Cryptosuite, JsonObject } from "./cryptosuite.ts";
import { DATA_INTEGRITY_CONTEXTS } from "./eddsa-rdfc-2022.ts";
import { checkJsonLd } from "./json-ld.ts";

const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : [value]);

/** JCS of a JSON value; a TypeError for values JSON cannot carry. */
function jcs(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError("value has no JSON form");
  return text;
}

/** True when every entry of `prefix` equals (as JSON) the entry at the same place in `context`. */
function isContextPrefix(prefix: unknown, context: unknown): boolean {
  if (context === undefined) return false;
  const head = asList(prefix);
  const list = asList(context);
  return head.length <= list.length && head.every((entry, i) => jcs(entry) === jcs(list[i]));
}

/** eddsa-jcs-2022: no RDF canonicalisation, but the document must still pass the JSON-LD safe-mode check. */
export const eddsaJcs2022: Cryptosuite = {
  name: "eddsa-jcs-2022",
  type: "DataIntegrityProof",
  cryptosuite: "eddsa-jcs-2022",
  suiteContexts: DATA_INTEGRITY_CONTEXTS,
  proofOptionsForSigning(document, options) {
    const proof: JsonObject = { ...options };
    if (document["@context"] !== undefined) proof["@context"] = document["@context"];
    return proof;
  },
  documentForVerifying(document, proofOptions) {
    const proofContext = proofOptions["@context"];
    if (proofContext === undefined) return document;
    if (!isContextPrefix(proofContext, document["@context"])) return undefined;
    return { ...document, "@context": proofContext };
  },
  async transform(document, { documentLoader }) {
    // JCS signs JSON, but a credential is JSON-LD: refuse undefined terms and unknown contexts as rdfc does.
    await checkJsonLd(document, documentLoader);
    return jcs(document);
  },
  configure: async (proofOptions) => jcs(proofOptions),
};
