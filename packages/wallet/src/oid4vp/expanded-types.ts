/**
 * The fully expanded types of a credential (OpenID4VP 1.0 Appendix B.1.1), obtained with JSON-LD processing
 * through the engine's bundled contexts: each `type` term is canonicalised in a one-node document under the
 * credential's `@context`, and the IRI of its one `rdf:type` triple is read. A term no context defines stays
 * as it is, as the specification says it does.
 */
import { canonizeRdfc, createDocumentLoader, type DocumentLoader } from "@learnbridge/credentials";

const RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <";
const loader = createDocumentLoader();
const cache = new Map<string, string>();
const CACHE_LIMIT = 500;

async function expand(context: unknown, term: string, documentLoader: DocumentLoader): Promise<string> {
  const key = `${JSON.stringify(context)} ${term}`;
  const known = cache.get(key);
  if (known !== undefined) return known;
  let iri = term;
  try {
    const quads = await canonizeRdfc(
      { "@context": context, id: "urn:x-wallet:type-probe", type: term },
      documentLoader,
    );
    const at = quads.indexOf(RDF_TYPE);
    if (at !== -1) iri = quads.slice(at + RDF_TYPE.length, quads.indexOf(">", at + RDF_TYPE.length));
  } catch {
    // safe mode refuses an undefined term: it stays relative, i.e. itself
  }
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, iri);
  return iri;
}

/** The expanded IRIs of a credential's types, in order. */
export async function expandedTypes(
  document: Record<string, unknown>,
  documentLoader: DocumentLoader = loader,
): Promise<string[]> {
  const terms = [document.type].flat().filter((t): t is string => typeof t === "string");
  const context = document["@context"];
  if (context === undefined) return terms;
  return Promise.all(terms.map((term) => expand(context, term, documentLoader)));
}
