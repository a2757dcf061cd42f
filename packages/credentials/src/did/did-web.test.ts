import { describe, expect, it } from "vitest";
import { didWebFromUrl, didWebToUrl } from "./did-web.ts";

describe("didWebToUrl", () => {
  const cases: [string, string][] = [
    ["did:web:example.edu", "https://example.edu/.well-known/did.json"],
    ["did:web:w3c-ccg.github.io", "https://w3c-ccg.github.io/.well-known/did.json"],
    ["did:web:example.edu:issuers:565049", "https://example.edu/issuers/565049/did.json"],
    ["did:web:example.edu%3A3000", "https://example.edu:3000/.well-known/did.json"],
    ["did:web:example.edu%3a3000:user:alice", "https://example.edu:3000/user/alice/did.json"],
    ["did:web:127.0.0.1%3A8787", "https://127.0.0.1:8787/.well-known/did.json"],
    ["did:web:Example.EDU", "https://example.edu/.well-known/did.json"],
    ["did:web:example.edu:a%20b:%7Ealice", "https://example.edu/a%20b/~alice/did.json"],
    ["did:web:%5B%3A%3A1%5D%3A8443", "https://[::1]:8443/.well-known/did.json"],
  ];
  for (const [did, url] of cases) {
    it(`${did} -> ${url}`, () => expect(didWebToUrl(did)).toEqual({ ok: true, value: url }));
  }

  const invalid = [
    "did:web:",
    "did:web",
    "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2",
    "did:web:example.edu:",
    "did:web:example.edu::path",
    "did:web:example.edu/path",
    "did:web:example.edu#key-1",
    "did:web:example.edu?service=x",
    "did:web:example.edu%3A0",
    "did:web:example.edu%3A65536",
    "did:web:example.edu%3Aport",
    "did:web:evil.example%40example.edu", // userinfo smuggled into the host
    "did:web:example.edu%2Fevil",
    "did:web:example.edu:..:admin",
    "did:web:example.edu:a%2Fb",
    "did:web:example.edu:%2E%2E",
    "did:web:exa_mple.edu",
    "did:web:-example.edu",
    "did:web:example.edu:%E0%A4%A",
    "did:web:1.2.3.999",
    "DID:web:example.edu",
  ];
  for (const did of invalid) {
    it(`refuses ${did}`, () => {
      const result = didWebToUrl(did);
      expect(result.ok ? result.value : result.code).toBe("DID_INVALID");
    });
  }
});

describe("didWebFromUrl", () => {
  const cases: [string, string][] = [
    ["http://127.0.0.1:8787", "did:web:127.0.0.1%3A8787"],
    ["http://127.0.0.1:8787/", "did:web:127.0.0.1%3A8787"],
    ["https://example.edu", "did:web:example.edu"],
    ["https://example.edu:443/", "did:web:example.edu"],
    ["https://example.edu/issuers/565049", "did:web:example.edu:issuers:565049"],
    ["https://example.edu/issuers/565049/", "did:web:example.edu:issuers:565049"],
    ["https://example.edu/issuers/565049/did.json", "did:web:example.edu:issuers:565049"],
    ["https://example.edu/.well-known/did.json", "did:web:example.edu"],
    ["https://example.edu/a%20b/~alice", "did:web:example.edu:a%20b:%7Ealice"],
    ["http://[::1]:8443", "did:web:%5B%3A%3A1%5D%3A8443"],
  ];
  for (const [url, did] of cases) {
    it(`${url} -> ${did}`, () => expect(didWebFromUrl(url)).toBe(did));
  }

  it("is the inverse of didWebToUrl (up to the scheme)", () => {
    for (const [, did] of cases) {
      const url = didWebToUrl(did);
      if (!url.ok) throw new Error(url.message);
      expect(didWebFromUrl(url.value)).toBe(did);
    }
  });

  for (const url of [
    "ftp://example.edu",
    "https://example.edu/?q=1",
    "https://example.edu/#x",
    "https://u:p@example.edu",
    "nope",
  ]) {
    it(`throws a TypeError for ${url}`, () => expect(() => didWebFromUrl(url)).toThrow(TypeError));
  }
});
