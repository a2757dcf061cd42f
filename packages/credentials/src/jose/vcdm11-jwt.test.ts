/**
 * VC 1.1 JWTs at the JOSE level: typing, how the key is found (kid, `#fragment` of iss, implied by a did:key or
 * did:jwk iss), and refusals. Every JWS is signed, so each refusal comes from the check it names.
 */
import { fixedClock } from "@learnbridge/core";
import { beforeAll, describe, expect, it } from "vitest";
import { didJwkFromPublicKey } from "../did/did-jwk.ts";
import { createKeyResolver } from "../did/key-resolver.ts";
import { fixedKeyResolver, makeParty, methodOf, signRaw, type TestParty } from "./test-fixtures.ts";
import { vcdm11JwtKind, verifyVcdm11CredentialJwt, verifyVcdm11PresentationJwt } from "./vcdm11-jwt.ts";

const NOW = new Date("2026-06-01T00:00:00Z");
const SECONDS = NOW.getTime() / 1000;
const VC_V1 = "https://www.w3.org/2018/credentials/v1";
const vp = { "@context": [VC_V1], type: ["VerifiablePresentation"], verifiableCredential: [] };

let holder: TestParty;
let resolveKey: ReturnType<typeof fixedKeyResolver>;

beforeAll(async () => {
  holder = await makeParty("EdDSA");
  resolveKey = fixedKeyResolver([{ method: methodOf(holder), purposes: ["authentication"] }]);
});

const header = (extra: Record<string, unknown> = {}) => ({
  alg: "EdDSA",
  typ: "JWT",
  kid: holder.kid,
  ...extra,
});
const claims = (extra: Record<string, unknown> = {}) => ({
  iss: holder.did,
  nonce: "n",
  iat: SECONDS,
  vp,
  ...extra,
});
const signed = (h = header(), p: unknown = claims(), party = holder) => signRaw(h, p, party.signer);
const verify = async (jwt: string, options: Record<string, unknown> = {}) => {
  const outcome = await verifyVcdm11PresentationJwt(jwt, {
    resolveKey,
    clock: fixedClock(NOW),
    nonce: "n",
    ...options,
  });
  return outcome.ok ? "OK" : outcome.code;
};

describe("vcdm11JwtKind", () => {
  it("recognises a vp or vc claim under typ JWT or no typ, and nothing else", async () => {
    expect(vcdm11JwtKind(await signed())).toBe("presentation");
    expect(vcdm11JwtKind(await signed(header({ typ: undefined })))).toBe("presentation");
    expect(vcdm11JwtKind(await signed(header(), { iss: holder.did, vc: {} }))).toBe("credential");
    expect(vcdm11JwtKind(await signed(header({ typ: "vp+jwt" })))).toBeUndefined();
    expect(vcdm11JwtKind(await signed(header(), vp))).toBeUndefined();
    expect(vcdm11JwtKind("not a jwt")).toBeUndefined();
  });
});

describe("verifyVcdm11PresentationJwt", () => {
  it("verifies, and returns the decoded presentation with the key's controller", async () => {
    const outcome = await verifyVcdm11PresentationJwt(await signed(), {
      resolveKey,
      nonce: "n",
      clock: fixedClock(NOW),
    });
    expect(outcome).toMatchObject({
      ok: true,
      value: {
        payload: { ...vp, holder: holder.did },
        controller: holder.did,
        verificationMethod: holder.kid,
      },
    });
  });

  it("resolves a `#fragment` kid against iss", async () => {
    const fragment = holder.kid.slice(holder.kid.indexOf("#"));
    expect(await verify(await signed(header({ kid: fragment })))).toBe("OK");
    expect(await verify(await signed(header({ kid: fragment }), claims({ iss: undefined })))).toBe(
      "JWT_MALFORMED",
    );
  });

  it("finds the key a did:jwk or did:key iss implies when there is no kid (default resolver)", async () => {
    const jwkHolder = await makeParty("ES256");
    const did = didJwkFromPublicKey(jwkHolder.publicKey);
    const jwt = await signRaw({ alg: "ES256", typ: "JWT" }, claims({ iss: did }), jwkHolder.signer);
    expect(await verify(jwt, { resolveKey: createKeyResolver() })).toBe("OK");
    const noKid = await signed(header({ kid: undefined }));
    expect(await verify(noKid, { resolveKey: createKeyResolver() })).toBe("OK");
    expect(await verify(await signed(header({ kid: undefined }), claims({ iss: undefined })))).toBe(
      "JWT_MALFORMED",
    );
  });

  it("refuses other typ values, any cty, and algorithms outside the allowlist", async () => {
    expect(await verify(await signed(header({ typ: "vc+jwt" })))).toBe("JWT_TYP_INVALID");
    expect(await verify(await signed(header({ cty: "JWT" })))).toBe("JWT_TYP_INVALID");
    expect(await verify(await signed(header({ alg: "HS256" })))).toBe("JWT_ALG_UNSUPPORTED");
    expect(await verify(await signed(header({ alg: "ES256" })))).toBe("JWT_ALG_UNSUPPORTED");
  });

  it("refuses a payload carrying both vp and vc, a key not listed for authentication, a bad signature", async () => {
    expect(await verify(await signed(header(), claims({ vc: {} })))).toBe("JWT_MALFORMED");
    const assertionOnly = fixedKeyResolver([{ method: methodOf(holder), purposes: ["assertionMethod"] }]);
    expect(await verify(await signed(), { resolveKey: assertionOnly })).toBe("KEY_NOT_AUTHORIZED");
    const other = await makeParty("EdDSA");
    const [h, p] = (await signed()).split(".");
    const [, , s] = (await signed(header(), claims(), other)).split(".");
    expect(await verify(`${h}.${p}.${s}`)).toBe("PROOF_INVALID");
  });

  it("binds iss and vp.holder to the key's controller", async () => {
    expect(await verify(await signed(header(), claims({ iss: "did:example:other" })))).toBe(
      "KEY_CONTROLLER_MISMATCH",
    );
    const foreignHolder = claims({ vp: { ...vp, holder: "did:example:other" } });
    expect(await verify(await signed(header(), foreignHolder))).toBe("KEY_CONTROLLER_MISMATCH");
  });

  it("checks nonce, aud and the time claims", async () => {
    expect(await verify(await signed(), { nonce: "m" })).toBe("PROOF_CHALLENGE_MISMATCH");
    const addressed = await signed(header(), claims({ aud: "https://verifier.example" }));
    expect(await verify(addressed, { audience: "https://verifier.example" })).toBe("OK");
    expect(await verify(addressed, { audience: "https://other.example" })).toBe("PROOF_DOMAIN_MISMATCH");
    expect(await verify(await signed(header(), claims({ exp: SECONDS - 120 })))).toBe("PROOF_EXPIRED");
    expect(await verify(await signed(header(), claims({ nbf: SECONDS + 120 })))).toBe(
      "PROOF_CREATED_IN_FUTURE",
    );
  });

  it("throws a TypeError when no key resolver is given", async () => {
    await expect(verifyVcdm11PresentationJwt(await signed(), {} as never)).rejects.toThrow(TypeError);
  });
});

describe("verifyVcdm11CredentialJwt", () => {
  it("needs an assertionMethod key of the issuer, and returns the decoded credential", async () => {
    const issuer = await makeParty("EdDSA");
    const credential = { "@context": [VC_V1], type: ["VerifiableCredential"], credentialSubject: {} };
    const payload = { iss: issuer.did, sub: "did:example:learner", vc: credential };
    const jwt = await signRaw({ alg: "EdDSA", typ: "JWT", kid: issuer.kid }, payload, issuer.signer);
    const resolver = fixedKeyResolver([{ method: methodOf(issuer), purposes: ["assertionMethod"] }]);
    expect(await verifyVcdm11CredentialJwt(jwt, { resolveKey: resolver })).toMatchObject({
      ok: true,
      value: { payload: { issuer: issuer.did, credentialSubject: { id: "did:example:learner" } } },
    });
    const authOnly = fixedKeyResolver([{ method: methodOf(issuer), purposes: ["authentication"] }]);
    expect(await verifyVcdm11CredentialJwt(jwt, { resolveKey: authOnly })).toMatchObject({
      ok: false,
      code: "KEY_NOT_AUTHORIZED",
    });
    const anonymous = await signRaw(
      { alg: "EdDSA", typ: "JWT", kid: issuer.kid },
      { vc: credential },
      issuer.signer,
    );
    expect(await verifyVcdm11CredentialJwt(anonymous, { resolveKey: resolver })).toMatchObject({
      ok: false,
      code: "FIELD_MISSING",
    });
  });
});
