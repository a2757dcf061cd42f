/**
 * The RFC 9421 signer and verifier: the RFC's own Ed25519 vector (B.2.6) and the RFC 9530 digest example,
 * then the hint profile: a round trip, and each way a signature must fail (tampered body or digest,
 * expired, from the future, wrong or unknown key, another target, a component missing).
 */
import {
  createSigner,
  generateKeyPair,
  importPrivateJwk,
  type PublicKey,
  toBase64,
  utf8,
} from "@learnbridge/core";
import { describe, expect, it } from "vitest";
import { checkContentDigest, contentDigest } from "./content-digest.ts";
import { signedJsonPost, signRequest } from "./sign-request.ts";
import { parseDictionary, serializeDictionary } from "./structured-fields.ts";
import { verifyRequest } from "./verify-request.ts";

// RFC 9421 appendix B.1.4, "test-key-ed25519" (a published test key).
const RFC_KEY = {
  kty: "OKP",
  crv: "Ed25519",
  d: "n4Ni-HpISpVObnQMW0wOhCKROaIKqKtW_2ZYb2p9KcU",
  x: "JrQLj5P_89iXES9-vFgrIy29clF9CC_oPPsw3c5D0bs",
};
const RFC_BODY = utf8('{"hello": "world"}');
const RFC_REQUEST = {
  method: "POST",
  url: "https://example.com/foo?param=Value&Pet=dog",
  headers: new Headers({
    date: "Tue, 20 Apr 2021 02:07:55 GMT",
    "content-type": "application/json",
    "content-digest":
      "sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:",
    "content-length": "18",
  }),
};
const RFC_SIGNATURE =
  "wqcAqbmYJ2ji2glfAMaRy4gruYYnx2nEFN2HN6jrnDnQCK1u02Gb04v9EDgwUPiu4A0w6vuQv5lIp5WPpBKRCw==";

const NOW = new Date("2026-11-30T08:00:00Z");
const clock = () => NOW;
const URL_B = "https://b.example/federation/feed/hints";

async function sender() {
  const pair = await generateKeyPair("EdDSA");
  const keyId = "did:web:a.example#key-1";
  return { pair, keyId, signer: createSigner(pair, keyId) };
}

const keysOf =
  (entries: Record<string, PublicKey>) =>
  async (keyId: string): Promise<PublicKey | undefined> =>
    entries[keyId];

async function receive(request: Request) {
  const body = new Uint8Array(await request.arrayBuffer());
  return { method: request.method, url: request.url, headers: request.headers, body };
}

describe("RFC 9530 Content-Digest", () => {
  it("matches the RFC's example and refuses another body", async () => {
    expect(await contentDigest(RFC_BODY)).toBe("sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:");
    expect(await checkContentDigest(RFC_REQUEST.headers.get("content-digest"), RFC_BODY)).toEqual({
      ok: true,
    });
    expect((await checkContentDigest(await contentDigest(RFC_BODY), utf8('{"hello": "World"}'))).ok).toBe(
      false,
    );
    expect((await checkContentDigest("md5=:AAAA:", RFC_BODY)).ok).toBe(false);
    expect((await checkContentDigest("sha-256=not-bytes", RFC_BODY)).ok).toBe(false);
  });
});

describe("structured fields", () => {
  it("parses and re-serialises Signature-Input canonically, and refuses malformed fields", () => {
    const field = 'sig1=("@method" "@target-uri");created=1618884473;keyid="k", sig2=:AAEC:;a;b=?0';
    const dict = parseDictionary(field);
    expect(dict && serializeDictionary(dict)).toBe(field);
    for (const bad of [
      'sig1=("a" "b"',
      "Sig1=1",
      'sig1="unterminated',
      "sig1=1.5",
      "sig1=1,",
      'sig1="\u00e9"',
    ]) {
      expect(parseDictionary(bad)).toBeUndefined();
    }
  });
});

describe("RFC 9421 appendix B.2.6 (ed25519)", () => {
  it("reproduces the RFC's signature byte for byte, and verifies it", async () => {
    const pair = await importPrivateJwk(RFC_KEY);
    const signer = createSigner(pair, "test-key-ed25519");
    const components = ["date", "@method", "@path", "@authority", "content-type", "content-length"];
    // The RFC's signature has no expires and no alg: sign the same base by hand through the public API's
    // pieces by verifying its published header, then check our own signer on the same base.
    const headers = new Headers(RFC_REQUEST.headers);
    headers.set(
      "signature-input",
      `sig-b26=("date" "@method" "@path" "@authority" "content-type" "content-length");created=1618884473;keyid="test-key-ed25519"`,
    );
    headers.set("signature", `sig-b26=:${RFC_SIGNATURE}:`);
    const result = await verifyRequest({ ...RFC_REQUEST, headers }, RFC_BODY, {
      resolveKey: keysOf({ "test-key-ed25519": pair.publicKey }),
      requiredComponents: components,
      requiredParams: ["created", "keyid"],
      clock: () => new Date(1618884473_000),
    });
    expect(result).toMatchObject({ verified: true, label: "sig-b26", keyId: "test-key-ed25519" });
    // Ed25519 is deterministic: the same base gives the same signature.
    const base = [
      '"date": Tue, 20 Apr 2021 02:07:55 GMT',
      '"@method": POST',
      '"@path": /foo',
      '"@authority": example.com',
      '"content-type": application/json',
      '"content-length": 18',
      '"@signature-params": ("date" "@method" "@path" "@authority" "content-type" "content-length");created=1618884473;keyid="test-key-ed25519"',
    ].join("\n");
    expect(toBase64(await signer.sign(utf8(base)))).toBe(RFC_SIGNATURE);
    // And the same request signed by our signer verifies too.
    const signed = await signRequest(RFC_REQUEST, RFC_BODY, {
      signer,
      components,
      clock: () => new Date(1618884473_000),
    });
    expect(signed.get("signature-input")).toBe(
      'sig1=("date" "@method" "@path" "@authority" "content-type" "content-length");created=1618884473;expires=1618884773;keyid="test-key-ed25519";alg="ed25519"',
    );
  });
});

describe("the hint profile", () => {
  it("round-trips a signed JSON POST", async () => {
    const { pair, keyId, signer } = await sender();
    const request = await signedJsonPost(URL_B, { feed: "https://a.example", headSeq: 7 }, { signer, clock });
    const received = await receive(request);
    const result = await verifyRequest(received, received.body, {
      resolveKey: keysOf({ [keyId]: pair.publicKey }),
      clock,
    });
    expect(result).toEqual({
      verified: true,
      label: "sig1",
      keyId,
      created: NOW.getTime() / 1000,
      expires: NOW.getTime() / 1000 + 300,
      components: ["@method", "@target-uri", "content-digest"],
    });
  });

  it("refuses a tampered body, and a digest recomputed for the tampered body", async () => {
    const { pair, keyId, signer } = await sender();
    const received = await receive(
      await signedJsonPost(URL_B, { feed: "https://a.example", headSeq: 7 }, { signer, clock }),
    );
    const options = { resolveKey: keysOf({ [keyId]: pair.publicKey }), clock };
    const forged = utf8(JSON.stringify({ feed: "https://a.example", headSeq: 9 }));
    expect(await verifyRequest(received, forged, options)).toMatchObject({
      verified: false,
      code: "HTTP_SIGNATURE_INVALID",
      reason: "Content-Digest sha-256 does not match the body",
    });
    const headers = new Headers(received.headers);
    headers.set("content-digest", await contentDigest(forged));
    expect(await verifyRequest({ ...received, headers }, forged, options)).toMatchObject({
      verified: false,
      reason: "the signature does not verify",
    });
  });

  it("refuses an expired signature, one from the future, and one too old", async () => {
    const { pair, keyId, signer } = await sender();
    const resolveKey = keysOf({ [keyId]: pair.publicKey });
    const received = await receive(
      await signedJsonPost(URL_B, { headSeq: 1 }, { signer, clock, expiresInSeconds: 30 }),
    );
    const at = (seconds: number) => () => new Date(NOW.getTime() + seconds * 1000);
    expect(await verifyRequest(received, received.body, { resolveKey, clock: at(89) })).toMatchObject({
      verified: true,
    });
    expect(await verifyRequest(received, received.body, { resolveKey, clock: at(91) })).toMatchObject({
      verified: false,
      reason: "the signature has expired",
    });
    expect(await verifyRequest(received, received.body, { resolveKey, clock: at(-61) })).toMatchObject({
      verified: false,
      reason: "the signature was created in the future",
    });
    const long = await receive(
      await signedJsonPost(URL_B, { headSeq: 1 }, { signer, clock, expiresInSeconds: 86_400 }),
    );
    expect(await verifyRequest(long, long.body, { resolveKey, clock: at(3600) })).toMatchObject({
      verified: false,
      reason: "the signature is too old",
    });
  });

  it("refuses a wrong key, an unknown key, and a key of another algorithm", async () => {
    const { keyId, signer } = await sender();
    const other = await generateKeyPair("EdDSA");
    const p256 = await generateKeyPair("ES256");
    const received = await receive(await signedJsonPost(URL_B, { headSeq: 1 }, { signer, clock }));
    expect(
      await verifyRequest(received, received.body, {
        resolveKey: keysOf({ [keyId]: other.publicKey }),
        clock,
      }),
    ).toMatchObject({
      verified: false,
      reason: "the signature does not verify",
      keyId,
    });
    expect(await verifyRequest(received, received.body, { resolveKey: keysOf({}), clock })).toMatchObject({
      verified: false,
      reason: `unknown key ${keyId}`,
    });
    const throwing = async () => {
      throw new Error("DID document unreachable");
    };
    expect(await verifyRequest(received, received.body, { resolveKey: throwing, clock })).toMatchObject({
      verified: false,
    });
    expect(
      await verifyRequest(received, received.body, {
        resolveKey: keysOf({ [keyId]: p256.publicKey }),
        clock,
      }),
    ).toMatchObject({
      verified: false,
      reason: "alg ed25519 does not fit the key",
    });
  });

  it("refuses a signature made for another receiver, or covering too little", async () => {
    const { pair, keyId, signer } = await sender();
    const resolveKey = keysOf({ [keyId]: pair.publicKey });
    const received = await receive(await signedJsonPost(URL_B, { headSeq: 1 }, { signer, clock }));
    expect(
      await verifyRequest(received, received.body, {
        resolveKey,
        clock,
        targetUri: "https://c.example/federation/feed/hints",
      }),
    ).toMatchObject({ verified: false, reason: "the signature does not verify" });
    const partial = await receive(
      await signedJsonPost(URL_B, { headSeq: 1 }, { signer, clock, components: ["@method", "@target-uri"] }),
    );
    expect(await verifyRequest(partial, partial.body, { resolveKey, clock })).toMatchObject({
      verified: false,
      reason: "signature sig1 does not cover content-digest",
    });
    const unsigned = new Request(URL_B, { method: "POST", body: "{}" });
    expect(await verifyRequest(await receive(unsigned), utf8("{}"), { resolveKey, clock })).toMatchObject({
      verified: false,
      reason: "no Signature-Input or Signature field",
    });
    const headers = new Headers(received.headers);
    headers.set(
      "signature-input",
      (headers.get("signature-input") ?? "").replace('"content-digest"', '"content-digest";sf'),
    );
    expect(await verifyRequest({ ...received, headers }, received.body, { resolveKey, clock })).toMatchObject(
      {
        verified: false,
        reason: "component parameters are not supported (content-digest)",
      },
    );
  });

  it("fails early on misuse", async () => {
    await expect(
      signRequest({ method: "POST", url: URL_B, headers: new Headers() }, utf8(""), {
        signer: undefined as never,
      }),
    ).rejects.toThrow(TypeError);
    await expect(
      verifyRequest({ method: "POST", url: URL_B, headers: new Headers() }, utf8(""), {} as never),
    ).rejects.toThrow(TypeError);
  });
});
