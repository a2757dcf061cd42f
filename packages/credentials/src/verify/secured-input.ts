/**
 * Recognises how a credential or presentation reached us: a JSON object secured with Data Integrity, a
 * compact JWS (`vc+jwt` / `vp+jwt`), an `Enveloped…` object wrapping one, or JSON text of any of these.
 */
import { unwrapEnvelope } from "../jose/envelope.ts";
import { err, type Outcome, ok } from "./report.ts";

export type SecuredInput =
  | { readonly securedBy: "data-integrity" | "none"; readonly document: Record<string, unknown> }
  | { readonly securedBy: "vc-jose"; readonly jwt: string };

const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
/** True for text shaped as a compact JWS (surrounding white space allowed); nothing is decoded or verified. */
export const looksLikeCompactJws = (text: string): boolean => COMPACT_JWS.test(text.trim());
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** Classifies the input; JSON text is parsed (MALFORMED_JSON when it is not JSON). */
export function readSecuredInput(input: unknown): Outcome<SecuredInput> {
  let value = input;
  if (typeof value === "string") {
    const text = value.trim();
    if (looksLikeCompactJws(text)) return ok({ securedBy: "vc-jose", jwt: text });
    try {
      value = JSON.parse(text);
    } catch {
      return err("MALFORMED_JSON", "the input is neither JSON nor a compact JWS");
    }
  }
  if (!isObject(value)) return err("FIELD_INVALID", "a credential or presentation must be a JSON object");
  const types = [value.type].flat();
  if (types.includes("EnvelopedVerifiableCredential") || types.includes("EnvelopedVerifiablePresentation")) {
    const unwrapped = unwrapEnvelope(value);
    if (!unwrapped.ok) return unwrapped;
    return ok({ securedBy: "vc-jose", jwt: unwrapped.value.jwt });
  }
  return ok({ securedBy: value.proof === undefined ? "none" : "data-integrity", document: value });
}
