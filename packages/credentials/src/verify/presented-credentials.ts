/**
 * What a presentation's `verifiableCredential` can hold. VC 2.0 (§4.13) carries credentials as objects: a
 * credential with its own `@context`, or an EnvelopedVerifiableCredential wrapping a `vc+jwt` in a `data:`
 * URL. Only the VC 1.1 JWT presentation (a `vp` claim) carries compact JWS strings. Any other entry cannot be
 * read as JSON-LD; it is named here, at its index, so that it does not surface as a vocabulary failure of
 * the whole presentation.
 */
import { looksLikeCompactJws } from "./secured-input.ts";
import type { StructureProblem } from "./structure.ts";

export interface PresentedCredentialOptions {
  /** The presentation came as a VC 1.1 JWT (`vp` claim), whose credentials may be compact JWS strings. */
  readonly jwtVp?: boolean;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const entriesOf = (value: unknown): unknown[] =>
  Array.isArray(value) ? value : value === undefined ? [] : [value];

/** Why a presentation cannot carry `entry` (found at `path`), or undefined when it can. */
export function presentedCredentialProblem(
  entry: unknown,
  path: string,
  options: PresentedCredentialOptions = {},
): StructureProblem | undefined {
  if (isObject(entry)) {
    if (entry["@context"] !== undefined) return undefined;
    return {
      code: "CONTEXT_MISSING",
      path: `${path}.@context`,
      message: "a presented credential (or envelope) needs its own @context",
    };
  }
  if (typeof entry === "string") {
    if (options.jwtVp) return undefined;
    if (looksLikeCompactJws(entry)) {
      return {
        code: "CREDENTIAL_NOT_ENVELOPED",
        path,
        message:
          "a JWT credential cannot stand bare in this presentation: wrap it as an EnvelopedVerifiableCredential " +
          "(id `data:application/vc+jwt,<jwt>`), or send a VC 1.1 JWT presentation (`vp` claim)",
      };
    }
    return { code: "FIELD_INVALID", path, message: "must be a credential object, not text" };
  }
  return { code: "FIELD_INVALID", path, message: "must be a credential object" };
}

/** Every entry of `verifiableCredential` the presentation cannot carry, with its path. */
export function presentedCredentialProblems(
  document: Json,
  options: PresentedCredentialOptions = {},
): StructureProblem[] {
  const value = document.verifiableCredential;
  return entriesOf(value).flatMap((entry, i) => {
    const path = Array.isArray(value) ? `verifiableCredential[${i}]` : "verifiableCredential";
    return presentedCredentialProblem(entry, path, options) ?? [];
  });
}

/**
 * The presentation as JSON-LD can read it: without the entries it cannot carry (the structure check reports
 * those), and how many were left out. Not for VC 1.1 JWT presentations, whose JWS strings JSON-LD never reads.
 */
export function withoutRefusedCredentials(document: Json): { document: Json; refused: number } {
  const { verifiableCredential: value, ...rest } = document;
  if (value === undefined) return { document, refused: 0 };
  const kept = entriesOf(value).filter((entry) => presentedCredentialProblem(entry, "") === undefined);
  const refused = entriesOf(value).length - kept.length;
  if (refused === 0) return { document, refused };
  return { document: kept.length > 0 ? { ...rest, verifiableCredential: kept } : rest, refused };
}
