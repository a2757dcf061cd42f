/** Identifiers minted by a node. */

/** A fresh `urn:uuid:` identifier (random, version 4). */
export const newUrnUuid = (): string => `urn:uuid:${crypto.randomUUID()}`;

/** `count` bytes from the platform's CSPRNG. */
export function randomBytes(count: number): Uint8Array {
  if (!Number.isInteger(count) || count < 0)
    throw new TypeError("randomBytes: count must be a non-negative integer");
  const bytes = new Uint8Array(count);
  for (let offset = 0; offset < count; offset += 65536) {
    crypto.getRandomValues(bytes.subarray(offset, Math.min(count, offset + 65536)));
  }
  return bytes;
}

/** True when `value` parses as an absolute URL or URN (the VC data model's notion of an id). */
export function isAbsoluteUri(value: unknown): value is string {
  if (typeof value !== "string" || value.length === 0 || /\s/.test(value)) return false;
  if (!/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(value)) return false;
  return URL.canParse(value);
}
