/**
 * The bitstring of a W3C Bitstring Status List v1.0: a fixed-length run of bits, bit 0 the most significant
 * bit of byte 0, published as multibase base64url (`u`) of its GZIP. Web Standards only (CompressionStream),
 * so it runs unchanged on Workers.
 */
import { bufferSource, fromBase64Url, toMultibaseBase64Url } from "@learnbridge/core";
import { err, type Outcome, ok } from "../verify/report.ts";

/** The spec's minimum list length in entries (16 KiB of bits), the floor of herd privacy. */
export const MIN_STATUS_LIST_LENGTH = 131_072;

/** Default cap on the decompressed size of a list a verifier accepts (16 MiB = 134M entries). */
export const DEFAULT_MAX_DECODED_BYTES = 16 * 1024 * 1024;

/** Options shared by `Bitstring.create` and `Bitstring.decode`. */
export interface BitstringLengthOptions {
  /** Shortest length in bits accepted; defaults to the spec's 131,072. Lower it only in tests. */
  readonly minLength?: number;
}

/** Options of `Bitstring.decode`. */
export interface BitstringDecodeOptions extends BitstringLengthOptions {
  /** Largest decompressed size in bytes; decompression stops as soon as it is exceeded (gzip bombs). */
  readonly maxBytes?: number;
}

/**
 * A fixed-length bitstring. Statuses are `statusSize` bits wide (1 for revocation and suspension; wider for
 * `message` lists); entry `i` occupies bits `i * statusSize` to `(i + 1) * statusSize - 1`, read MSB first.
 */
export class Bitstring {
  /** Length in bits, always a multiple of 8. */
  readonly length: number;
  readonly #bytes: Uint8Array;

  private constructor(bytes: Uint8Array) {
    this.#bytes = bytes;
    this.length = bytes.length * 8;
  }

  /** A new all-zero bitstring of `length` bits (default and minimum 131,072; a multiple of 8). */
  static create(length: number = MIN_STATUS_LIST_LENGTH, options: BitstringLengthOptions = {}): Bitstring {
    const minLength = options.minLength ?? MIN_STATUS_LIST_LENGTH;
    if (!Number.isSafeInteger(length) || length <= 0 || length % 8 !== 0) {
      throw new TypeError(`Bitstring: length must be a positive multiple of 8, got ${length}`);
    }
    if (length < minLength)
      throw new TypeError(`Bitstring: length ${length} is below the minimum ${minLength}`);
    return new Bitstring(new Uint8Array(length / 8));
  }

  /** A bitstring over a copy of raw bytes (bit 0 = MSB of byte 0). */
  static fromBytes(bytes: Uint8Array): Bitstring {
    if (!(bytes instanceof Uint8Array) || bytes.length === 0)
      throw new TypeError("Bitstring: bytes must be non-empty");
    return new Bitstring(bytes.slice());
  }

  /**
   * Decodes an `encodedList` (`u` + base64url without padding of GZIP). Never throws: malformed input, a
   * list shorter than `minLength` or one inflating past `maxBytes` is a STATUS_LIST_INVALID outcome.
   */
  static async decode(
    encodedList: unknown,
    options: BitstringDecodeOptions = {},
  ): Promise<Outcome<Bitstring>> {
    const maxBytes = options.maxBytes ?? DEFAULT_MAX_DECODED_BYTES;
    const minLength = options.minLength ?? MIN_STATUS_LIST_LENGTH;
    if (typeof encodedList !== "string" || encodedList[0] !== "u") {
      return err("STATUS_LIST_INVALID", "encodedList must be a multibase base64url string starting with 'u'");
    }
    let compressed: Uint8Array;
    try {
      compressed = fromBase64Url(encodedList.slice(1));
    } catch {
      return err("STATUS_LIST_INVALID", "encodedList is not valid unpadded base64url");
    }
    const inflated = await gunzipCapped(compressed, maxBytes);
    if (!inflated.ok) return inflated;
    const bytes = inflated.value;
    if (bytes.length === 0) return err("STATUS_LIST_INVALID", "the status list is empty");
    if (bytes.length * 8 < minLength) {
      return err(
        "STATUS_LIST_INVALID",
        `the status list has ${bytes.length * 8} bits, fewer than ${minLength}`,
        {
          length: bytes.length * 8,
          minLength,
        },
      );
    }
    return ok(new Bitstring(bytes));
  }

  /** The bit at `position`. */
  get(position: number): boolean {
    this.#check(position);
    return ((this.#bytes[position >> 3] ?? 0) & (0x80 >> (position & 7))) !== 0;
  }

  /** Sets or clears the bit at `position`. */
  set(position: number, value: boolean): void {
    this.#check(position);
    const mask = 0x80 >> (position & 7);
    const byte = this.#bytes[position >> 3] ?? 0;
    this.#bytes[position >> 3] = value ? byte | mask : byte & ~mask;
  }

  /** The status of entry `index`, `statusSize` bits read MSB first as an unsigned integer. */
  getStatus(index: number, statusSize = 1): number {
    const start = this.#entryStart(index, statusSize);
    let value = 0;
    for (let i = 0; i < statusSize; i++) value = value * 2 + (this.get(start + i) ? 1 : 0);
    return value;
  }

  /** Writes `value` into entry `index`, `statusSize` bits wide, MSB first. */
  setStatus(index: number, value: number, statusSize = 1): void {
    const start = this.#entryStart(index, statusSize);
    if (!Number.isInteger(value) || value < 0 || value >= 2 ** statusSize) {
      throw new TypeError(`Bitstring: status ${value} does not fit in ${statusSize} bits`);
    }
    for (let i = statusSize - 1, v = value; i >= 0; i--, v = Math.floor(v / 2))
      this.set(start + i, v % 2 === 1);
  }

  /** A copy of the raw bytes. */
  toBytes(): Uint8Array {
    return this.#bytes.slice();
  }

  /** The `encodedList` value: `u` + base64url (no padding) of the GZIP of the bytes. */
  async encode(): Promise<string> {
    const stream = new Response(bufferSource(this.#bytes)).body;
    if (!stream) throw new TypeError("Bitstring: no body stream");
    const gzipped = await new Response(stream.pipeThrough(new CompressionStream("gzip"))).arrayBuffer();
    return toMultibaseBase64Url(new Uint8Array(gzipped));
  }

  #check(position: number): void {
    if (!Number.isSafeInteger(position) || position < 0 || position >= this.length) {
      throw new TypeError(`Bitstring: position ${position} is outside 0..${this.length - 1}`);
    }
  }

  #entryStart(index: number, statusSize: number): number {
    if (!Number.isInteger(statusSize) || statusSize < 1 || statusSize > 32) {
      throw new TypeError(`Bitstring: statusSize must be an integer from 1 to 32, got ${statusSize}`);
    }
    if (!Number.isSafeInteger(index) || index < 0 || (index + 1) * statusSize > this.length) {
      throw new TypeError(`Bitstring: entry ${index} of ${statusSize} bits is outside the list`);
    }
    return index * statusSize;
  }
}

/** Inflates GZIP, giving up as soon as the output passes `maxBytes` so that a bomb never fills memory. */
async function gunzipCapped(compressed: Uint8Array, maxBytes: number): Promise<Outcome<Uint8Array>> {
  const source = new Response(bufferSource(compressed)).body;
  if (!source) return err("STATUS_LIST_INVALID", "encodedList is empty");
  const reader = source.pipeThrough(new DecompressionStream("gzip")).getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      if (total > maxBytes) {
        await reader.cancel().catch(() => {});
        return err("STATUS_LIST_INVALID", `the status list inflates past ${maxBytes} bytes`, { maxBytes });
      }
      chunks.push(value);
    }
  } catch {
    return err("STATUS_LIST_INVALID", "encodedList is not valid GZIP");
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return ok(out);
}
