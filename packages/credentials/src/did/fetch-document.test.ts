import { describe, expect, it } from "vitest";
import { type FetchLike, fetchJsonDocument, networkPolicy } from "./fetch-document.ts";

// These tests send no traffic: fetch is a fake that records what it was asked.
function fakeFetch(respond: () => Response = () => Response.json({ id: "x" })) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetch: FetchLike = async (url, init) => {
    calls.push({ url, init });
    return respond();
  };
  return { fetch, calls };
}
const codeOf = (outcome: { ok: boolean; code?: string }) => (outcome.ok ? "ok" : outcome.code);

describe("fetchJsonDocument", () => {
  it("asks for JSON with redirects not followed and a deadline", async () => {
    const { fetch, calls } = fakeFetch();
    const result = await fetchJsonDocument(new URL("https://example.edu/x.json"), networkPolicy({ fetch }));
    expect(result).toEqual({ ok: true, value: { id: "x" } });
    expect(calls[0]?.init.redirect).toBe("manual");
    expect(calls[0]?.init.signal).toBeInstanceOf(AbortSignal);
  });

  it("refuses http: unless allowHttp admits the host", async () => {
    const { fetch, calls } = fakeFetch();
    const url = new URL("http://example.edu/x.json");
    expect(codeOf(await fetchJsonDocument(url, networkPolicy({ fetch })))).toBe("DID_NETWORK_BLOCKED");
    const other = networkPolicy({ fetch, allowHttp: (host) => host === "other.example" });
    expect(codeOf(await fetchJsonDocument(url, other))).toBe("DID_NETWORK_BLOCKED");
    expect(calls).toHaveLength(0);
    expect(codeOf(await fetchJsonDocument(url, networkPolicy({ fetch, allowHttp: true })))).toBe("ok");
  });

  it("checks every address resolveHost returns before fetching", async () => {
    const { fetch, calls } = fakeFetch();
    const url = new URL("https://intranet.example/did.json");
    const rebinding = networkPolicy({ fetch, resolveHost: async () => ["93.184.215.14", "10.0.0.7"] });
    const blocked = await fetchJsonDocument(url, rebinding);
    expect(blocked).toMatchObject({ ok: false, code: "DID_NETWORK_BLOCKED", data: { blocked: "10.0.0.7" } });
    const mappedV6 = networkPolicy({ fetch, resolveHost: async () => ["::ffff:192.168.0.1"] });
    expect(codeOf(await fetchJsonDocument(url, mappedV6))).toBe("DID_NETWORK_BLOCKED");
    expect(calls).toHaveLength(0);
    const empty = networkPolicy({ fetch, resolveHost: async () => [] });
    expect(codeOf(await fetchJsonDocument(url, empty))).toBe("DID_RESOLUTION_FAILED");
    const failing = networkPolicy({ fetch, resolveHost: () => Promise.reject(new Error("ENOTFOUND")) });
    expect(codeOf(await fetchJsonDocument(url, failing))).toBe("DID_RESOLUTION_FAILED");
    const hanging = networkPolicy({
      fetch,
      timeoutMs: 50,
      resolveHost: () => new Promise<string[]>(() => {}),
    });
    expect(codeOf(await fetchJsonDocument(url, hanging))).toBe("DID_RESOLUTION_FAILED");
    expect(calls).toHaveLength(0);
    const fine = networkPolicy({ fetch, resolveHost: async () => ["2606:4700::6810:84e5", "93.184.215.14"] });
    expect(codeOf(await fetchJsonDocument(url, fine))).toBe("ok");
    expect(calls).toHaveLength(1);
  });

  it("skips resolveHost when private networks are allowed", async () => {
    const { fetch } = fakeFetch();
    const policy = networkPolicy({ fetch, allowPrivateNetwork: true, resolveHost: async () => ["10.0.0.7"] });
    expect(codeOf(await fetchJsonDocument(new URL("https://intranet.example/d.json"), policy))).toBe("ok");
  });

  const statuses: [string, () => Response, string][] = [
    ["404", () => new Response("no", { status: 404 }), "DID_NOT_FOUND"],
    ["410", () => new Response("gone", { status: 410 }), "DID_NOT_FOUND"],
    ["500", () => new Response("boom", { status: 500 }), "DID_RESOLUTION_FAILED"],
    ["204", () => new Response(null, { status: 204 }), "DID_RESOLUTION_FAILED"],
    ["302", () => Response.redirect("https://elsewhere.example/", 302), "DID_RESOLUTION_FAILED"],
    [
      "a declared Content-Length over the cap",
      () =>
        new Response("{}", { headers: { "content-type": "application/json", "content-length": "999999" } }),
      "DID_RESOLUTION_FAILED",
    ],
    [
      "text/plain",
      () => new Response("{}", { headers: { "content-type": "text/plain" } }),
      "DID_RESOLUTION_FAILED",
    ],
    ["no content type", () => new Response(new Blob(["{}"])), "DID_RESOLUTION_FAILED"],
    [
      "invalid UTF-8",
      () =>
        new Response(Uint8Array.of(0x7b, 0xff, 0x7d), { headers: { "content-type": "application/json" } }),
      "DID_RESOLUTION_FAILED",
    ],
    [
      "ld+json",
      () => new Response("{}", { headers: { "content-type": "application/ld+json; charset=utf-8" } }),
      "ok",
    ],
  ];
  for (const [name, respond, code] of statuses) {
    it(`answers ${code} for ${name}`, async () => {
      const { fetch } = fakeFetch(respond);
      expect(
        codeOf(await fetchJsonDocument(new URL("https://example.edu/d.json"), networkPolicy({ fetch }))),
      ).toBe(code);
    });
  }

  it("reports a network error as DID_RESOLUTION_FAILED", async () => {
    const fetch: FetchLike = () => Promise.reject(new TypeError("connection refused"));
    const result = await fetchJsonDocument(new URL("https://example.edu/d.json"), networkPolicy({ fetch }));
    expect(result).toMatchObject({
      ok: false,
      code: "DID_RESOLUTION_FAILED",
      message: "fetch failed: connection refused",
    });
  });

  it("throws a TypeError for nonsensical limits", () => {
    expect(() => networkPolicy({ timeoutMs: 0 })).toThrow(TypeError);
    expect(() => networkPolicy({ maxBytes: -1 })).toThrow(TypeError);
  });
});
