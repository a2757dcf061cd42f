import { fromBase64Url, fromUtf8, type Signer, utf8, verifySignature } from "@learnbridge/core";
import { describe, expect, it } from "vitest";
import { toDidJwtSigner } from "./did-jwt-signer.ts";
import { signCredentialJwt, signPresentationJwt } from "./sign.ts";
import {
  fixedKeyResolver,
  makeParty,
  methodOf,
  sampleCredential,
  samplePresentation,
} from "./test-fixtures.ts";
import { verifyCredentialJwt, verifyPresentationJwt } from "./verify.ts";

const decode = (segment: string | undefined) => JSON.parse(fromUtf8(fromBase64Url(segment ?? "")));

describe("VC-JOSE round trip", () => {
  for (const algorithm of ["EdDSA", "ES256"] as const) {
    it(`${algorithm}: a credential is the JWS payload, verified with an assertionMethod of its issuer`, async () => {
      const issuer = await makeParty(algorithm);
      const credential = sampleCredential(issuer.did);
      const jwt = await signCredentialJwt(credential, { signer: issuer.signer });

      const [header, payload] = jwt.split(".");
      expect(decode(header)).toEqual({ alg: algorithm, typ: "vc+jwt", cty: "vc", kid: issuer.kid });
      expect(decode(payload)).toEqual(credential); // no `vc` claim, no `iss`: the payload IS the credential

      const resolveKey = fixedKeyResolver([{ method: methodOf(issuer), purposes: ["assertionMethod"] }]);
      const result = await verifyCredentialJwt(jwt, { resolveKey });
      expect(result).toEqual({
        ok: true,
        value: {
          header: decode(header),
          payload: credential,
          verificationMethod: issuer.kid,
          controller: issuer.did,
        },
      });
      expect(resolveKey.calls).toEqual([`assertionMethod ${issuer.kid}`]);
    });

    it(`${algorithm}: a presentation carries nonce and aud and is verified with an authentication key`, async () => {
      const holder = await makeParty(algorithm);
      const presentation = samplePresentation(holder.did);
      const jwt = await signPresentationJwt(presentation, {
        signer: holder.signer,
        nonce: "c-7f3a",
        audience: "https://verifier.example",
      });
      const [header, payload] = jwt.split(".");
      expect(decode(header)).toMatchObject({ typ: "vp+jwt", cty: "vp" });
      expect(decode(payload)).toEqual({ ...presentation, nonce: "c-7f3a", aud: "https://verifier.example" });

      const resolveKey = fixedKeyResolver([{ method: methodOf(holder), purposes: ["authentication"] }]);
      const result = await verifyPresentationJwt(jwt, {
        resolveKey,
        nonce: "c-7f3a",
        audience: "https://verifier.example",
      });
      expect(result.ok && result.value.controller).toBe(holder.did);
      expect(resolveKey.calls).toEqual([`authentication ${holder.kid}`]);
    });
  }

  it("accepts the long typ form application/vc+jwt when asked to emit it", async () => {
    const issuer = await makeParty("EdDSA");
    const jwt = await signCredentialJwt(sampleCredential(issuer.did), {
      signer: issuer.signer,
      typ: "application/vc+jwt",
    });
    expect(decode(jwt.split(".")[0]).typ).toBe("application/vc+jwt");
    const result = await verifyCredentialJwt(jwt, {
      resolveKey: fixedKeyResolver([{ method: methodOf(issuer) }]),
    });
    expect(result.ok).toBe(true);
  });
});

describe("the did-jwt signer adapter", () => {
  it("yields raw r||s ES256 signatures (64 bytes, not DER) that WebCrypto verifies over the signing input", async () => {
    const party = await makeParty("ES256");
    const input = "eyJhbGciOiJFUzI1NiJ9.eyJ4IjoxfQ";
    const signature = fromBase64Url(await (toDidJwtSigner(party.signer)(input) as Promise<string>));
    expect(signature.length).toBe(64);
    expect(await verifySignature(party.publicKey, utf8(input), signature)).toBe(true);
  });

  it("refuses a signer that returns anything but 64 bytes, such as a DER-encoded ECDSA signature", async () => {
    const der: Signer = {
      algorithm: "ES256",
      keyId: "did:example:1#k",
      sign: async () => new Uint8Array(71).fill(0x30),
    };
    await expect(toDidJwtSigner(der)("a.b")).rejects.toThrow(TypeError);
  });
});

describe("signing misuse is a TypeError", () => {
  it.each([
    [
      "a `vc` claim (VC 1.1 JWT shape)",
      (did: string) => ({ ...sampleCredential(did), vc: sampleCredential(did) }),
    ],
    ["no issuer", (did: string) => ({ ...sampleCredential(did), issuer: undefined })],
    ["an issuer object without id", (did: string) => ({ ...sampleCredential(did), issuer: { name: did } })],
  ])("refuses a credential with %s", async (_name, build) => {
    const issuer = await makeParty("EdDSA");
    await expect(signCredentialJwt(build(issuer.did), { signer: issuer.signer })).rejects.toThrow(TypeError);
  });

  it("refuses a relative keyId, an unknown typ and a conflicting nonce", async () => {
    const party = await makeParty("EdDSA");
    const relative = { ...party.signer, keyId: "#key-1" };
    await expect(signCredentialJwt(sampleCredential(party.did), { signer: relative })).rejects.toThrow(
      TypeError,
    );
    const typ = "vc+ld+jwt" as "vc+jwt";
    await expect(
      signCredentialJwt(sampleCredential(party.did), { signer: party.signer, typ }),
    ).rejects.toThrow(TypeError);
    const presentation = { ...samplePresentation(party.did), nonce: "old" };
    await expect(signPresentationJwt(presentation, { signer: party.signer, nonce: "new" })).rejects.toThrow(
      TypeError,
    );
  });
});
