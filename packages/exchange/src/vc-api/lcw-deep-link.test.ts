import { describe, expect, it } from "vitest";
import { lcwDeepLinkOf } from "./lcw-deep-link.ts";

const EXCHANGE = "https://centre.example/lahore/workflows/claim/exchanges/Ab3_x-9";

/** Reads a link back the way LCW does: the `request` query parameter, URI-decoded, as JSON. */
const requestOf = (link: string) => {
  const query = link.slice(link.indexOf("?") + 1);
  return JSON.parse(decodeURI(new URLSearchParams(query).get("request") ?? "null"));
};

describe("lcwDeepLinkOf", () => {
  it("makes the universal link with the exchange as the vcapi protocol and the centre's origin", () => {
    const link = lcwDeepLinkOf({ exchangeUrl: EXCHANGE });
    expect(link.startsWith("https://lcw.app/request?request=%7B")).toBe(true);
    expect(requestOf(link)).toEqual({
      credentialRequestOrigin: "https://centre.example",
      protocols: { vcapi: EXCHANGE },
    });
    // One opaque query parameter: nothing in it that a QR reader or mail client could split or mangle.
    expect(link.slice("https://lcw.app/request?request=".length)).toMatch(/^[A-Za-z0-9%_.!~*'()-]+$/);
  });

  it("makes LCW's custom-scheme twin, and names another origin when asked", () => {
    const link = lcwDeepLinkOf({
      exchangeUrl: EXCHANGE,
      scheme: "dccrequest",
      origin: "https://uni.example/x",
    });
    expect(link.startsWith("dccrequest://request?request=")).toBe(true);
    expect(requestOf(link).credentialRequestOrigin).toBe("https://uni.example");
  });

  it("refuses what is not an http(s) exchange URL, or an unknown scheme", () => {
    expect(() => lcwDeepLinkOf({ exchangeUrl: "ftp://centre.example/x" })).toThrow(TypeError);
    expect(() => lcwDeepLinkOf({ exchangeUrl: "not a url" })).toThrow(TypeError);
    expect(() => lcwDeepLinkOf({ exchangeUrl: EXCHANGE, scheme: "openid" as "https" })).toThrow(TypeError);
  });
});
