import { generateKeyPair, publicKeyFromJwk, publicKeyToJwk, toBase64Url, utf8 } from "@learnbridge/core";
import { describe, expect, it } from "vitest";
import { didJwkFromPublicKey, resolveDidJwk } from "./did-jwk.ts";

// The P-256 example of the did:jwk specification (github.com/quartzjer/did-jwk, spec.md).
const SPEC_P256 =
  "did:jwk:eyJjcnYiOiJQLTI1NiIsImt0eSI6IkVDIiwieCI6ImFjYklRaXVNczNpOF91c3pFakoydHBUdFJNNEVVM3l6OTFQSDZDZEgyVjAiLCJ5IjoiX0tjeUxqOXZXTXB0bm1LdG00NkdxRHo4d2Y3NEk1TEtncmwyR3pIM25TRSJ9";
const didJwkOf = (jwk: unknown) => `did:jwk:${toBase64Url(utf8(JSON.stringify(jwk)))}`;

describe("did:jwk", () => {
  it("resolves the specification's P-256 example, and derives the same DID from its key", () => {
    const resolved = resolveDidJwk(SPEC_P256);
    if (!resolved.ok) throw new Error(resolved.message);
    const vmId = `${SPEC_P256}#0`;
    const jwk = {
      crv: "P-256",
      kty: "EC",
      x: "acbIQiuMs3i8_uszEjJ2tpTtRM4EU3yz91PH6CdH2V0",
      y: "_KcyLj9vWMptnmKtm46GqDz8wf74I5LKgrl2GzH3nSE",
    };
    expect(resolved.value).toEqual({
      "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/jwk/v1"],
      id: SPEC_P256,
      verificationMethod: [{ id: vmId, type: "JsonWebKey", controller: SPEC_P256, publicKeyJwk: jwk }],
      assertionMethod: [vmId],
      authentication: [vmId],
      capabilityInvocation: [vmId],
      capabilityDelegation: [vmId],
      keyAgreement: [vmId],
    });
    expect(didJwkFromPublicKey(publicKeyFromJwk(jwk))).toBe(SPEC_P256);
  });

  for (const algorithm of ["EdDSA", "ES256"] as const) {
    it(`round-trips a generated ${algorithm} key`, async () => {
      const { publicKey } = await generateKeyPair(algorithm);
      const did = didJwkFromPublicKey(publicKey);
      const resolved = resolveDidJwk(did);
      if (!resolved.ok) throw new Error(resolved.message);
      const method = resolved.value.verificationMethod?.[0];
      expect(method?.id).toBe(`${did}#0`);
      expect(publicKeyFromJwk(method?.publicKeyJwk)).toEqual(publicKey);
    });
  }

  it("follows `use`: a sig key has no keyAgreement, an enc key only keyAgreement", async () => {
    const { publicKey } = await generateKeyPair("ES256");
    const jwk = publicKeyToJwk(publicKey);
    const sig = resolveDidJwk(didJwkOf({ ...jwk, use: "sig" }));
    const enc = resolveDidJwk(didJwkOf({ ...jwk, use: "enc" }));
    if (!sig.ok || !enc.ok) throw new Error("expected both to resolve");
    expect(sig.value.keyAgreement).toBeUndefined();
    expect(sig.value.assertionMethod).toHaveLength(1);
    expect(enc.value.keyAgreement).toHaveLength(1);
    expect(enc.value.assertionMethod).toBeUndefined();
  });

  const invalid: Record<string, string> = {
    "not base64url": "did:jwk:***",
    "not JSON": `did:jwk:${toBase64Url(utf8("{nope"))}`,
    "a JSON array": didJwkOf([1]),
    "a private key": didJwkOf({
      kty: "OKP",
      crv: "Ed25519",
      x: "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo",
      d: "AA",
    }),
    "an RSA key": didJwkOf({ kty: "RSA", n: "AQAB", e: "AQAB" }),
    "a P-256 y that does not match x": didJwkOf({
      crv: "P-256",
      kty: "EC",
      x: "acbIQiuMs3i8_uszEjJ2tpTtRM4EU3yz91PH6CdH2V0",
      y: "_KcyLj9vWMptnmKtm46GqDz8wf74I5LKgrl2GzH3nSA",
    }),
  };
  for (const [name, did] of Object.entries(invalid)) {
    it(`refuses ${name} with DID_INVALID`, () => {
      const result = resolveDidJwk(did);
      expect(result.ok ? "ok" : result.code).toBe("DID_INVALID");
    });
  }
});
