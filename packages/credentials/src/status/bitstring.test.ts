import { toBase64Url, toMultibaseBase64Url, utf8 } from "@learnbridge/core";
import { describe, expect, it } from "vitest";
import { Bitstring, MIN_STATUS_LIST_LENGTH } from "./bitstring.ts";

// Digital Bazaar's implementation ships no types; a variable specifier keeps tsc out of it.
interface DbList {
  length: number;
  bitstring: { bits: Uint8Array };
  setStatus(index: number, on: boolean): void;
  getStatus(index: number): boolean;
  encode(): Promise<string>;
}
interface DbModule {
  createList(options: { length: number }): Promise<DbList>;
  decodeList(options: { encodedList: string }): Promise<DbList>;
}
const dbSpecifier = "@digitalbazaar/vc-bitstring-status-list";
const loadDb = async () => (await import(dbSpecifier)) as DbModule;

const SET = [0, 1, 7, 8, 9, 1000, 65_535, 94_567, MIN_STATUS_LIST_LENGTH - 1];

async function gzip(bytes: Uint8Array): Promise<Uint8Array> {
  const body = new Response(bytes as Uint8Array<ArrayBuffer>).body;
  if (!body) throw new Error("no body");
  return new Uint8Array(await new Response(body.pipeThrough(new CompressionStream("gzip"))).arrayBuffer());
}

describe("Bitstring layout", () => {
  it("puts bit 0 in the most significant bit of byte 0", () => {
    const list = Bitstring.create();
    list.set(0, true);
    list.set(9, true);
    list.set(MIN_STATUS_LIST_LENGTH - 1, true);
    const bytes = list.toBytes();
    expect(bytes[0]).toBe(0b1000_0000);
    expect(bytes[1]).toBe(0b0100_0000);
    expect(bytes[bytes.length - 1]).toBe(0b0000_0001);
    expect(bytes.filter((b) => b !== 0)).toHaveLength(3);
    expect(list.get(0) && list.get(9) && !list.get(1) && !list.get(8)).toBe(true);
    list.set(0, false);
    expect(list.toBytes()[0]).toBe(0);
  });

  it("reads and writes multi-bit statuses MSB first", () => {
    const list = Bitstring.create();
    list.setStatus(1, 0b10, 2);
    list.setStatus(2, 0b011, 3);
    expect(list.toBytes()[0]).toBe(0b0010_0001);
    expect(list.toBytes()[1]).toBe(0b1000_0000);
    expect(list.getStatus(1, 2)).toBe(2);
    expect(list.getStatus(2, 3)).toBe(3);
    expect(list.getStatus(0, 2)).toBe(0);
    expect(() => list.setStatus(0, 4, 2)).toThrow(TypeError);
  });

  it("has the spec's minimum length by default and refuses shorter lists unless told", () => {
    expect(MIN_STATUS_LIST_LENGTH).toBe(131_072);
    expect(Bitstring.create().length).toBe(131_072);
    expect(Bitstring.create().toBytes()).toHaveLength(16 * 1024);
    expect(() => Bitstring.create(MIN_STATUS_LIST_LENGTH - 8)).toThrow(TypeError);
    expect(() => Bitstring.create(MIN_STATUS_LIST_LENGTH + 1)).toThrow(TypeError);
    expect(Bitstring.create(64, { minLength: 8 }).length).toBe(64);
  });

  it("refuses positions outside the list", () => {
    const list = Bitstring.create(16, { minLength: 8 });
    for (const bad of [-1, 16, 1.5, Number.NaN]) expect(() => list.get(bad)).toThrow(TypeError);
    expect(() => list.getStatus(8, 2)).toThrow(TypeError);
  });
});

describe("Bitstring encoding", () => {
  it("round-trips through encode and decode", async () => {
    const list = Bitstring.create();
    for (const i of SET) list.set(i, true);
    const encoded = await list.encode();
    expect(encoded.startsWith("u")).toBe(true);
    expect(encoded).not.toMatch(/[=+/]/);
    const decoded = await Bitstring.decode(encoded);
    expect(decoded.ok && decoded.value.toBytes()).toEqual(list.toBytes());
  });

  it("decodes the spec's example list: 131,072 zero bits", async () => {
    const decoded = await Bitstring.decode(
      "uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA",
    );
    if (!decoded.ok) throw new Error(decoded.message);
    expect(decoded.value.length).toBe(131_072);
    expect(decoded.value.toBytes().every((b) => b === 0)).toBe(true);
  });

  it("refuses a list shorter than the minimum, unless the caller lowers it", async () => {
    const short = await Bitstring.create(1024, { minLength: 8 }).encode();
    expect(await Bitstring.decode(short)).toMatchObject({ ok: false, code: "STATUS_LIST_INVALID" });
    expect(await Bitstring.decode(short, { minLength: 1024 })).toMatchObject({ ok: true });
  });

  it("refuses a gzip bomb while inflating", async () => {
    const bomb = toMultibaseBase64Url(await gzip(new Uint8Array(32 * 1024 * 1024)));
    expect(bomb.length).toBeLessThan(64 * 1024);
    expect(await Bitstring.decode(bomb)).toMatchObject({ ok: false, code: "STATUS_LIST_INVALID" });
    const small = toMultibaseBase64Url(await gzip(new Uint8Array(1024 * 1024)));
    expect(await Bitstring.decode(small, { maxBytes: 64 * 1024 })).toMatchObject({
      ok: false,
      data: { maxBytes: 65536 },
    });
    expect(await Bitstring.decode(small, { maxBytes: 1024 * 1024 })).toMatchObject({ ok: true });
  });

  it.each([
    ["not a string", 42],
    ["no multibase prefix", "H4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA"],
    ["base58 prefix", "z3yMApqCuCjXDWPrbjfR5mjCPTHqFG8Pux1TxQrEM35jrzjk"],
    ["characters outside base64url", "uH4sI+AAAA/AAA"],
    ["padding", "uH4sIAA=="],
    ["empty", "u"],
    ["base64url of something not gzip", `u${toBase64Url(utf8("not a gzip stream at all"))}`],
  ])("refuses malformed input: %s", async (_name, value) => {
    expect(await Bitstring.decode(value)).toMatchObject({ ok: false, code: "STATUS_LIST_INVALID" });
  });

  it("refuses truncated gzip", async () => {
    const gz = await gzip(new Uint8Array(MIN_STATUS_LIST_LENGTH / 8));
    const truncated = toMultibaseBase64Url(gz.subarray(0, gz.length - 6));
    expect(await Bitstring.decode(truncated)).toMatchObject({ ok: false, code: "STATUS_LIST_INVALID" });
  });
});

describe("interop with @digitalbazaar/vc-bitstring-status-list", () => {
  it("decodes a list they encoded to the same bits", async () => {
    const db = await loadDb();
    const theirs = await db.createList({ length: MIN_STATUS_LIST_LENGTH });
    for (const i of SET) theirs.setStatus(i, true);
    const decoded = await Bitstring.decode(await theirs.encode());
    if (!decoded.ok) throw new Error(decoded.message);
    expect(decoded.value.toBytes()).toEqual(new Uint8Array(theirs.bitstring.bits));
    for (const i of SET) expect(decoded.value.get(i)).toBe(true);
    expect(decoded.value.get(2)).toBe(false);
  });

  it("encodes a list they decode to the same bits", async () => {
    const db = await loadDb();
    const ours = Bitstring.create();
    for (const i of SET) ours.set(i, true);
    const theirs = await db.decodeList({ encodedList: await ours.encode() });
    expect(theirs.length).toBe(MIN_STATUS_LIST_LENGTH);
    expect(new Uint8Array(theirs.bitstring.bits)).toEqual(ours.toBytes());
    for (const i of SET) expect(theirs.getStatus(i)).toBe(true);
    expect(theirs.getStatus(2)).toBe(false);
  });
});
