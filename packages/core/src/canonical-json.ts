/**
 * RFC 8785 JSON Canonicalization Scheme (JCS): the one byte form every feed hash is computed over, so that a
 * follower recomputes exactly the hash the publisher did, whatever its JSON library's key order.
 */

/**
 * The JCS text of a JSON value: object keys sorted by UTF-16 code units, no whitespace, numbers and strings
 * as ECMAScript's JSON.stringify writes them (RFC 8785 §3.2.2 adopts exactly that serialisation).
 * A TypeError for what JSON cannot carry (undefined, functions, non-finite numbers, bigints, cycles).
 * @example canonicalJson({ b: 1, a: [true, null] }) // '{"a":[true,null],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  return write(value, new Set());
}

function write(value: unknown, open: Set<object>): string {
  if (value === null || typeof value === "boolean" || typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new TypeError("canonicalJson: numbers must be finite");
    return JSON.stringify(value);
  }
  if (typeof value !== "object") throw new TypeError(`canonicalJson: a ${typeof value} has no JSON form`);
  if (open.has(value)) throw new TypeError("canonicalJson: the value is cyclic");
  open.add(value);
  let text: string;
  if (Array.isArray(value)) {
    text = `[${value.map((item) => write(item, open)).join(",")}]`;
  } else {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    // Default sort compares UTF-16 code units, which is what RFC 8785 §3.2.3 asks for.
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    text = `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${write(v, open)}`).join(",")}}`;
  }
  open.delete(value);
  return text;
}
