import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { generateKeyPair, publicKeyToMultibase } from "@learnbridge/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildDidDocument } from "./did-document.ts";
import { createKeyResolver } from "./key-resolver.ts";
import { createDidResolver, type DidResolutionResult } from "./resolver.ts";

// A real HTTP server on loopback. `/<name>/did.json` serves the document of `did:web:127.0.0.1%3APORT:<name>`;
// a few names misbehave on purpose. Requests are counted per path.
const hits = new Map<string, number>();
/** For each streamed response, a promise of how many chunks were written before the reader hung up. */
const chunksAtClose = new Map<string, Promise<number>>();
let server: Server;
let base: string;
let origin: string;
const local = { allowPrivateNetwork: true, allowHttp: true } as const;
const did = (name?: string) => (name ? `${base}:${name}` : base);
const hitsOf = (name?: string) => hits.get(name ? `/${name}/did.json` : "/.well-known/did.json") ?? 0;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const json = (res: ServerResponse, body: unknown, status = 200) => {
  res.writeHead(status, { "content-type": "application/did+json" }).end(JSON.stringify(body));
};
const publicKey = (await generateKeyPair("EdDSA")).publicKey;
const multibase = publicKeyToMultibase(publicKey);

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = req.url ?? "/";
  hits.set(path, (hits.get(path) ?? 0) + 1);
  const name = path === "/.well-known/did.json" ? undefined : /^\/([^/]+)\/did\.json$/.exec(path)?.[1];
  if (path !== "/.well-known/did.json" && !name) return void res.writeHead(404).end();
  switch (name) {
    case "missing":
      return void res.writeHead(404).end("not here");
    case "redirect":
      return void res.writeHead(302, { location: "/.well-known/did.json" }).end();
    case "mismatch":
      return json(res, { id: "did:web:example.edu" });
    case "bad-json":
      return void res.writeHead(200, { "content-type": "application/json" }).end('{"id": oops');
    case "html":
      return void res.writeHead(200, { "content-type": "text/html" }).end(`{"id":"${did(name)}"}`);
    case "array":
      return json(res, [did(name)]);
    case "slow":
      await sleep(3000);
      return json(res, { id: did(name) });
    case "slow-body":
      res.writeHead(200, { "content-type": "application/json" }).write(`{"id":"${did(name)}",`);
      await sleep(3000);
      return void res.end('"x":1}');
    case "huge": {
      // 10 MB in 16 KiB chunks over ~6 s: a reader that stops at the cap hangs up long before the last.
      let written = 0;
      chunksAtClose.set(name, new Promise((resolve) => res.on("close", () => resolve(written))));
      res.writeHead(200, { "content-type": "application/json" }).write(`{"id":"${did(name)}","pad":"`);
      for (; written < 640 && !res.destroyed; written++) {
        res.write("x".repeat(16 * 1024));
        await sleep(10);
      }
      return void res.end('"}');
    }
    case "just-under": {
      const doc = JSON.stringify({ id: did(name), pad: "" });
      return void res
        .writeHead(200, { "content-type": "application/json" })
        .end(doc.replace('"pad":""', `"pad":"${"x".repeat(4096 - doc.length)}"`));
    }
    case "profile": {
      // An issuer profile as Open Badges issuers publish it: a controller document at an http(s) URL.
      const id = `http://${origin}${path}`;
      const method = { id: `${id}#key-1`, type: "Multikey", controller: id, publicKeyMultibase: multibase };
      return json(res, { id, verificationMethod: [method], assertionMethod: ["#key-1"] });
    }
    case "lagging":
      await sleep(150);
      return json(res, buildDidDocument({ id: did(name), keys: [{ fragment: "key-1", publicKey }] }));
    default:
      return json(res, buildDidDocument({ id: did(name), keys: [{ fragment: "key-1", publicKey }] }));
  }
}

beforeAll(async () => {
  server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  base = `did:web:127.0.0.1%3A${port}`;
  origin = `127.0.0.1:${port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const errorOf = (result: DidResolutionResult) => result.didResolutionMetadata.error ?? "none";

describe("did:web resolution against a loopback server", () => {
  it("resolves with allowPrivateNetwork + allowHttp", async () => {
    const result = await createDidResolver(local).resolve(did());
    expect(result.didResolutionMetadata).toEqual({});
    expect(result.didDocument?.id).toBe(did());
    expect(result.didDocument?.verificationMethod?.[0]?.id).toBe(`${did()}#key-1`);
  });

  it("resolves a path DID, with allowHttp given as a per-host function", async () => {
    const resolver = createDidResolver({ allowPrivateNetwork: true, allowHttp: (host) => host === origin });
    const result = await resolver.resolve(did("issuers"));
    expect(result.didDocument?.id).toBe(did("issuers"));
  });

  it("refuses the loopback host without allowPrivateNetwork, sending nothing", async () => {
    const before = hitsOf();
    const result = await createDidResolver({ allowHttp: true }).resolve(did());
    expect(errorOf(result)).toBe("DID_NETWORK_BLOCKED");
    expect(result.didDocument).toBeNull();
    expect(hitsOf()).toBe(before);
  });

  it("uses https when allowHttp is not set, so a plain-HTTP node does not resolve", async () => {
    const result = await createDidResolver({ allowPrivateNetwork: true }).resolve(did("tls-only"));
    expect(errorOf(result)).toBe("DID_RESOLUTION_FAILED");
    expect(hitsOf("tls-only")).toBe(0);
  });

  it("maps 404 to DID_NOT_FOUND", async () => {
    expect(errorOf(await createDidResolver(local).resolve(did("missing")))).toBe("DID_NOT_FOUND");
  });

  it("stops reading past the size cap while the body is still streaming", async () => {
    const result = await createDidResolver(local).resolve(did("huge"));
    expect(errorOf(result)).toBe("DID_RESOLUTION_FAILED");
    expect(result.didResolutionMetadata.message).toMatch(/larger than 262144 bytes/);
    // The reader hung up near the cap (256 KiB = 16 chunks; the socket buffers a few more), not at the end.
    expect(await chunksAtClose.get("huge")).toBeLessThan(640);
  });

  it("applies maxBytes: a 4096-byte document passes a 4096 cap and fails a 4095 cap", async () => {
    expect(errorOf(await createDidResolver({ ...local, maxBytes: 4096 }).resolve(did("just-under")))).toBe(
      "none",
    );
    const over = await createDidResolver({ ...local, maxBytes: 4095 }).resolve(did("just-under"));
    expect(over.didResolutionMetadata.message).toMatch(/larger than 4095/);
  });

  it("times out on a slow server", async () => {
    const started = Date.now();
    const result = await createDidResolver({ ...local, timeoutMs: 200 }).resolve(did("slow"));
    expect(errorOf(result)).toBe("DID_RESOLUTION_FAILED");
    expect(result.didResolutionMetadata.message).toMatch(/timed out after 200 ms/);
    // Before the server would have answered (3 s): the timer ended the wait, not the answer.
    expect(Date.now() - started).toBeLessThan(2900);
  });

  it("times out on a server that stalls mid-body", async () => {
    const result = await createDidResolver({ ...local, timeoutMs: 300 }).resolve(did("slow-body"));
    expect(result.didResolutionMetadata.message).toMatch(/timed out after 300 ms/);
  });

  it("refuses redirects and does not follow them", async () => {
    const before = hitsOf();
    const result = await createDidResolver(local).resolve(did("redirect"));
    expect(errorOf(result)).toBe("DID_RESOLUTION_FAILED");
    expect(result.didResolutionMetadata.message).toMatch(/redirect/);
    expect(hitsOf()).toBe(before);
  });

  const refused: [string, RegExp][] = [
    ["mismatch", /id is not the DID/],
    ["bad-json", /not valid JSON/],
    ["html", /JSON media type/],
    ["array", /not a JSON object/],
  ];
  for (const [name, message] of refused) {
    it(`refuses ${name}`, async () => {
      const result = await createDidResolver(local).resolve(did(name));
      expect(errorOf(result)).toBe("DID_RESOLUTION_FAILED");
      expect(result.didResolutionMetadata.message).toMatch(message);
    });
  }
});

describe("resolver cache and de-duplication", () => {
  it("serves a second resolution from the cache", async () => {
    const resolver = createDidResolver(local);
    const first = await resolver.resolve(did("cached"));
    const second = await resolver.resolve(did("cached"));
    expect(second.didDocument).toEqual(first.didDocument);
    expect(hitsOf("cached")).toBe(1);
  });

  it("does not cache failures", async () => {
    const before = hitsOf("missing");
    const resolver = createDidResolver(local);
    await resolver.resolve(did("missing"));
    await resolver.resolve(did("missing"));
    expect(hitsOf("missing")).toBe(before + 2);
  });

  it("shares one request among concurrent resolutions, even with the cache off", async () => {
    const resolver = createDidResolver({ ...local, cacheTtlMs: 0 });
    const results = await Promise.all(Array.from({ length: 5 }, () => resolver.resolve(did("lagging"))));
    expect(results.every((r) => r.didDocument?.id === did("lagging"))).toBe(true);
    expect(hitsOf("lagging")).toBe(1);
    await resolver.resolve(did("lagging"));
    expect(hitsOf("lagging")).toBe(2);
  });

  it("expires entries after the TTL, by the injected clock", async () => {
    let now = Date.parse("2026-03-01T00:00:00Z");
    const resolver = createDidResolver({ ...local, clock: () => new Date(now), cacheTtlMs: 60_000 });
    await resolver.resolve(did("ttl"));
    now += 59_999;
    await resolver.resolve(did("ttl"));
    expect(hitsOf("ttl")).toBe(1);
    now += 1;
    await resolver.resolve(did("ttl"));
    expect(hitsOf("ttl")).toBe(2);
  });

  it("evicts the least recently used entry past maxCacheEntries", async () => {
    const resolver = createDidResolver({ ...local, maxCacheEntries: 2 });
    for (const name of ["lru-a", "lru-b", "lru-a", "lru-c", "lru-a", "lru-b"])
      await resolver.resolve(did(name));
    expect([hitsOf("lru-a"), hitsOf("lru-b"), hitsOf("lru-c")]).toEqual([1, 2, 1]);
  });
});

describe("key resolver over did:web", () => {
  it("resolves a node's key for assertionMethod", async () => {
    const resolveKey = createKeyResolver(local);
    const result = await resolveKey(`${did("node")}#key-1`, { purpose: "assertionMethod" });
    expect(result).toEqual({
      ok: true,
      value: { id: `${did("node")}#key-1`, controller: did("node"), type: "Multikey", publicKey },
    });
  });

  it("fetches a non-DID controller document only when enabled, under the same network rules", async () => {
    const vm = `http://${origin}/profile/did.json#key-1`;
    const purpose = { purpose: "assertionMethod" } as const;
    const off = await createKeyResolver(local)(vm, purpose);
    expect(off.ok ? "ok" : off.code).toBe("KEY_NOT_FOUND");
    expect(hits.get("/profile/did.json") ?? 0).toBe(0);
    const noHttp = await createKeyResolver({ allowPrivateNetwork: true, fetchControllerDocuments: true })(
      vm,
      purpose,
    );
    expect(noHttp.ok ? "ok" : noHttp.code).toBe("DID_NETWORK_BLOCKED");
    const noPrivate = await createKeyResolver({ allowHttp: true, fetchControllerDocuments: true })(
      vm,
      purpose,
    );
    expect(noPrivate.ok ? "ok" : noPrivate.code).toBe("DID_NETWORK_BLOCKED");
    expect(hits.get("/profile/did.json") ?? 0).toBe(0);
    const resolveKey = createKeyResolver({ ...local, fetchControllerDocuments: true });
    const on = await resolveKey(vm, purpose);
    expect(on).toEqual({
      ok: true,
      value: { id: vm, controller: `http://${origin}/profile/did.json`, type: "Multikey", publicKey },
    });
    await resolveKey(vm, purpose);
    expect(hits.get("/profile/did.json")).toBe(1); // cached
  });

  it("refuses a fetched controller document whose id is not its URL", async () => {
    const resolveKey = createKeyResolver({ ...local, fetchControllerDocuments: true });
    const result = await resolveKey(`http://${origin}/issuer/did.json#key-1`, { purpose: "assertionMethod" });
    expect(result.ok ? "ok" : result.message).toMatch(/id is not its URL/);
  });
});
