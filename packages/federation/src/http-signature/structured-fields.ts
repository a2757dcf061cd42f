/**
 * The part of Structured Field Values (RFC 8941) that HTTP Message Signatures (RFC 9421) and Digest Fields
 * (RFC 9530) put on the wire: dictionaries whose members are items or inner lists, with parameters; bare
 * items of every type but decimals are parsed (a decimal is refused: no field we read carries one).
 * Parsing is strict, as RFC 8941 section 4.2 asks: any deviation fails the whole field.
 */
import { fromBase64, toBase64 } from "@learnbridge/core";

/** A token (RFC 8941 section 3.3.4), kept apart from strings because both serialise differently. */
export interface SfToken {
  readonly token: string;
}

/** A bare item: integer, string, token, byte sequence or boolean. */
export type BareItem = number | string | SfToken | Uint8Array | boolean;
/** Parameters, in order. */
export type Parameters = ReadonlyMap<string, BareItem>;
/** An item with its parameters. */
export interface SfItem {
  readonly value: BareItem;
  readonly params: Parameters;
}
/** An inner list with its parameters. */
export interface SfInnerList {
  readonly items: readonly SfItem[];
  readonly params: Parameters;
}
/** A dictionary member. */
export type SfMember = SfItem | SfInnerList;
/** A dictionary, in order. */
export type SfDictionary = ReadonlyMap<string, SfMember>;

/** True when a member is an inner list. */
export const isInnerList = (member: SfMember): member is SfInnerList => "items" in member;

const KEY_START = /[a-z*]/;
const KEY_CHAR = /[a-z0-9_\-.*]/;
const TOKEN_START = /[A-Za-z*]/;
const TOKEN_CHAR = /[!#$%&'*+\-.^_`|~0-9A-Za-z:/]/;
const BASE64_CHAR = /[A-Za-z0-9+/=]/;

class Parser {
  readonly #text: string;
  #at = 0;

  constructor(text: string) {
    this.#text = text;
  }

  get done(): boolean {
    return this.#at >= this.#text.length;
  }
  peek(): string {
    return this.#text[this.#at] ?? "";
  }
  take(): string {
    return this.#text[this.#at++] ?? "";
  }
  skipSpaces(): void {
    while (this.peek() === " ") this.#at++;
  }
  skipOws(): void {
    while (this.peek() === " " || this.peek() === "\t") this.#at++;
  }
  fail(what: string): never {
    throw new SyntaxError(`${what} at offset ${this.#at}`);
  }

  key(): string {
    if (!KEY_START.test(this.peek())) this.fail("expected a key");
    let key = "";
    while (!this.done && KEY_CHAR.test(this.peek())) key += this.take();
    return key;
  }

  bareItem(): BareItem {
    const c = this.peek();
    if (c === "-" || /[0-9]/.test(c)) return this.integer();
    if (c === '"') return this.string();
    if (c === ":") return this.byteSequence();
    if (c === "?") return this.boolean();
    if (TOKEN_START.test(c)) return this.token();
    return this.fail("expected a bare item");
  }

  integer(): number {
    let digits = "";
    if (this.peek() === "-") digits += this.take();
    while (/[0-9]/.test(this.peek())) digits += this.take();
    if (this.peek() === ".") this.fail("decimals are not accepted here");
    const body = digits.replace("-", "");
    if (body.length === 0 || body.length > 15) this.fail("expected an integer of 1 to 15 digits");
    return Number(digits);
  }

  string(): string {
    this.take(); // the opening quote
    let out = "";
    for (;;) {
      if (this.done) this.fail("unterminated string");
      const c = this.take();
      if (c === "\\") {
        const next = this.take();
        if (next !== '"' && next !== "\\") this.fail("bad escape in string");
        out += next;
      } else if (c === '"') {
        return out;
      } else {
        const code = c.charCodeAt(0);
        if (code < 0x20 || code > 0x7e) this.fail("string holds a character outside printable ASCII");
        out += c;
      }
    }
  }

  token(): SfToken {
    let token = this.take();
    while (!this.done && TOKEN_CHAR.test(this.peek())) token += this.take();
    return { token };
  }

  byteSequence(): Uint8Array {
    this.take();
    let encoded = "";
    while (this.peek() !== ":") {
      if (this.done || !BASE64_CHAR.test(this.peek())) this.fail("bad byte sequence");
      encoded += this.take();
    }
    this.take();
    try {
      // RFC 8941 section 4.2.7: missing "=" padding SHOULD NOT fail the parse.
      return fromBase64(encoded.padEnd(Math.ceil(encoded.length / 4) * 4, "="));
    } catch {
      return this.fail("byte sequence is not base64");
    }
  }

  boolean(): boolean {
    this.take();
    const c = this.take();
    if (c === "1") return true;
    if (c === "0") return false;
    return this.fail("expected ?0 or ?1");
  }

  parameters(): Map<string, BareItem> {
    const params = new Map<string, BareItem>();
    while (this.peek() === ";") {
      this.take();
      this.skipSpaces();
      const key = this.key();
      let value: BareItem = true;
      if (this.peek() === "=") {
        this.take();
        value = this.bareItem();
      }
      params.set(key, value);
    }
    return params;
  }

  item(): SfItem {
    const value = this.bareItem();
    return { value, params: this.parameters() };
  }

  innerList(): SfInnerList {
    this.take(); // "("
    const items: SfItem[] = [];
    for (;;) {
      this.skipSpaces();
      if (this.peek() === ")") {
        this.take();
        return { items, params: this.parameters() };
      }
      items.push(this.item());
      const next = this.peek();
      if (next !== " " && next !== ")") this.fail("expected a space or ) in an inner list");
    }
  }

  dictionary(): Map<string, SfMember> {
    const dict = new Map<string, SfMember>();
    this.skipSpaces();
    while (!this.done) {
      const key = this.key();
      let member: SfMember;
      if (this.peek() === "=") {
        this.take();
        member = this.peek() === "(" ? this.innerList() : this.item();
      } else {
        member = { value: true, params: this.parameters() };
      }
      dict.set(key, member);
      this.skipOws();
      if (this.done) return dict;
      if (this.take() !== ",") this.fail("expected , between dictionary members");
      this.skipOws();
      if (this.done) this.fail("trailing comma");
    }
    return dict;
  }
}

/** Parses a dictionary field; `undefined` when the text is not a valid one. */
export function parseDictionary(text: string): SfDictionary | undefined {
  try {
    return new Parser(text.trim()).dictionary();
  } catch {
    return undefined;
  }
}

/** Serialises a bare item (RFC 8941 section 4.1.3). */
export function serializeBareItem(value: BareItem): string {
  if (typeof value === "number") {
    if (!Number.isSafeInteger(value) || Math.abs(value) > 999_999_999_999_999) {
      throw new TypeError("structured field integers have at most 15 digits");
    }
    return String(value);
  }
  if (typeof value === "string") {
    if (!/^[\x20-\x7e]*$/.test(value)) throw new TypeError("structured field strings are printable ASCII");
    return `"${value.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`;
  }
  if (typeof value === "boolean") return value ? "?1" : "?0";
  if (value instanceof Uint8Array) return `:${toBase64(value)}:`;
  if (!/^[A-Za-z*][!#$%&'*+\-.^_`|~0-9A-Za-z:/]*$/.test(value.token)) throw new TypeError("bad token");
  return value.token;
}

/** Serialises parameters. */
function serializeParameters(params: Parameters): string {
  let out = "";
  for (const [key, value] of params)
    out += value === true ? `;${key}` : `;${key}=${serializeBareItem(value)}`;
  return out;
}

/** Serialises an inner list with its parameters. */
export function serializeInnerList(list: SfInnerList): string {
  const items = list.items.map((item) => serializeBareItem(item.value) + serializeParameters(item.params));
  return `(${items.join(" ")})${serializeParameters(list.params)}`;
}

/** Serialises a dictionary. */
export function serializeDictionary(dict: SfDictionary): string {
  return [...dict]
    .map(([key, member]) => {
      if (isInnerList(member)) return `${key}=${serializeInnerList(member)}`;
      if (member.value === true) return `${key}${serializeParameters(member.params)}`;
      return `${key}=${serializeBareItem(member.value)}${serializeParameters(member.params)}`;
    })
    .join(", ");
}
