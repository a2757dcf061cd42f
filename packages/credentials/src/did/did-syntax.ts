/** DID syntax (W3C DID Core 1.0 section 3.1): recognising a DID and splitting a DID URL at its fragment. */

// did:method:method-specific-id, where idchar is ALPHA / DIGIT / "." / "-" / "_" / pct-encoded.
const DID =
  /^did:([a-z0-9]+):((?:(?:[A-Za-z0-9._-]|%[0-9A-Fa-f]{2})*:)*(?:[A-Za-z0-9._-]|%[0-9A-Fa-f]{2})+)$/;

/** A DID split into its method name and method-specific id. */
export interface ParsedDid {
  readonly did: string;
  readonly method: string;
  readonly methodSpecificId: string;
}

/** Parses a bare DID (no path, query or fragment); undefined when `value` is not one. */
export function parseDid(value: unknown): ParsedDid | undefined {
  if (typeof value !== "string") return undefined;
  const match = DID.exec(value);
  if (!match) return undefined;
  return { did: value, method: match[1] as string, methodSpecificId: match[2] as string };
}

/** True when `value` is a syntactically valid bare DID. */
export const isDid = (value: unknown): boolean => parseDid(value) !== undefined;

/** Splits `did:x:y#frag` or `https://h/p#frag` into the document part and the fragment (without `#`). */
export function splitFragment(url: string): { readonly base: string; readonly fragment: string | undefined } {
  const at = url.indexOf("#");
  return at < 0
    ? { base: url, fragment: undefined }
    : { base: url.slice(0, at), fragment: url.slice(at + 1) };
}
