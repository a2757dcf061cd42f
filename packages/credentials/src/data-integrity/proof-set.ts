/**
 * Proof sets and proof chains (W3C VC Data Integrity 1.0): a document's `proof` may be one proof or a set;
 * a proof naming `previousProof` signs the document together with the proofs it names.
 */
import type { JsonObject } from "./cryptosuite.ts";

/** True for a JSON object (not null, not an array). */
export const isJsonObject = (value: unknown): value is JsonObject =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** The document's proofs as a list (empty when it has none). */
export function proofsOf(document: JsonObject): unknown[] {
  const { proof } = document;
  if (proof === undefined || proof === null) return [];
  return Array.isArray(proof) ? proof : [proof];
}

/** The ids a proof's `previousProof` names: [] when absent, undefined when not a string or list of strings. */
export function previousProofIds(value: unknown): string[] | undefined {
  if (value === undefined) return [];
  if (typeof value === "string") return [value];
  if (Array.isArray(value) && value.length > 0 && value.every((id) => typeof id === "string")) return value;
  return undefined;
}

/** The proofs with the given ids, in that order, or the first id no proof carries. */
export function findPreviousProofs(
  proofs: readonly unknown[],
  ids: readonly string[],
): { readonly proofs: JsonObject[] } | { readonly missing: string } {
  const found: JsonObject[] = [];
  for (const id of ids) {
    const match = proofs.find((proof) => isJsonObject(proof) && proof.id === id);
    if (!isJsonObject(match)) return { missing: id };
    found.push(match);
  }
  return { proofs: found };
}

/** The document a proof is computed over: the unsecured document plus, for a chain, the proofs it names. */
export function documentForProof(unsecured: JsonObject, previous: readonly JsonObject[]): JsonObject {
  return previous.length > 0 ? { ...unsecured, proof: [...previous] } : unsecured;
}
