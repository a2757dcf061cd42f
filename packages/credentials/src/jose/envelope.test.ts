import { describe, expect, it } from "vitest";
import { envelopeCredential, envelopePresentation, unwrapEnvelope } from "./envelope.ts";
import { signCredentialJwt, signPresentationJwt } from "./sign.ts";
import {
  fixedKeyResolver,
  makeParty,
  methodOf,
  sampleCredential,
  samplePresentation,
} from "./test-fixtures.ts";
import { verifyCredentialJwt, verifyPresentationJwt } from "./verify.ts";

const JWS = "eyJhbGciOiJFZERTQSJ9.eyJ4IjoxfQ.c2ln";

describe("enveloped credentials and presentations", () => {
  it("round-trips a credential through a presentation and back to a verified credential", async () => {
    const issuer = await makeParty("EdDSA");
    const holder = await makeParty("ES256");
    const resolveKey = fixedKeyResolver([{ method: methodOf(issuer) }, { method: methodOf(holder) }]);
    const vcJwt = await signCredentialJwt(sampleCredential(issuer.did), { signer: issuer.signer });

    const enveloped = envelopeCredential(vcJwt);
    expect(enveloped).toEqual({
      "@context": "https://www.w3.org/ns/credentials/v2",
      id: `data:application/vc+jwt,${vcJwt}`,
      type: "EnvelopedVerifiableCredential",
    });
    const vpJwt = await signPresentationJwt(samplePresentation(holder.did, [enveloped]), {
      signer: holder.signer,
    });
    const vp = await verifyPresentationJwt(vpJwt, { resolveKey });
    expect(vp.ok).toBe(true);

    const inner = vp.ok ? (vp.value.payload.verifiableCredential as unknown[])[0] : undefined;
    const unwrapped = unwrapEnvelope(inner);
    expect(unwrapped).toEqual({
      ok: true,
      value: { mediaType: "application/vc+jwt", kind: "credential", jwt: vcJwt },
    });
    const vc = await verifyCredentialJwt(unwrapped.ok ? unwrapped.value.jwt : "", { resolveKey });
    expect(vc.ok && vc.value.controller).toBe(issuer.did);

    const outer = unwrapEnvelope(envelopePresentation(vpJwt));
    expect(outer).toEqual({
      ok: true,
      value: { mediaType: "application/vp+jwt", kind: "presentation", jwt: vpJwt },
    });
  });

  it("accepts the array forms of @context and type, and an upper-case media type", () => {
    const value = {
      "@context": ["https://www.w3.org/ns/credentials/v2"],
      type: ["EnvelopedVerifiableCredential"],
      id: `data:Application/VC+JWT,${JWS}`,
    };
    expect(unwrapEnvelope(value)).toMatchObject({
      ok: true,
      value: { mediaType: "application/vc+jwt", jwt: JWS },
    });
  });

  const credentialWith = (id: unknown) => ({ ...envelopeCredential(JWS), id });
  it.each([
    ["another media type (vc+sd-jwt)", credentialWith(`data:application/vc+sd-jwt,${JWS}`), "FIELD_INVALID"],
    ["another media type (json)", credentialWith(`data:application/json,${JWS}`), "FIELD_INVALID"],
    [
      "a presentation media type in a credential envelope",
      credentialWith(`data:application/vp+jwt,${JWS}`),
      "FIELD_INVALID",
    ],
    ["a base64 data URL", credentialWith(`data:application/vc+jwt;base64,${btoa(JWS)}`), "FIELD_INVALID"],
    [
      "a media type parameter",
      credentialWith(`data:application/vc+jwt;charset=utf-8,${JWS}`),
      "FIELD_INVALID",
    ],
    ["an https id", credentialWith("https://example.edu/credentials/1"), "FIELD_INVALID"],
    ["a numeric id", credentialWith(42), "FIELD_INVALID"],
    ["a data URL that is not a JWS", credentialWith("data:application/vc+jwt,hello world"), "JWT_MALFORMED"],
    [
      "two JWS joined",
      credentialWith(`data:application/vc+jwt,${JWS};data:application/vc+jwt,${JWS}`),
      "JWT_MALFORMED",
    ],
    ["no envelope type", { ...envelopeCredential(JWS), type: "VerifiableCredential" }, "TYPE_MISSING"],
    [
      "no @context",
      { id: `data:application/vc+jwt,${JWS}`, type: "EnvelopedVerifiableCredential" },
      "CONTEXT_MISSING",
    ],
    ["not an object", `data:application/vc+jwt,${JWS}`, "FIELD_INVALID"],
  ])("refuses %s", (_name, value, code) => {
    expect(unwrapEnvelope(value)).toMatchObject({ ok: false, code });
  });

  it("refuses to envelope something that is not a compact JWS", () => {
    expect(() => envelopeCredential("not.a jwt")).toThrow(TypeError);
    expect(() => envelopePresentation(`${JWS}.x`)).toThrow(TypeError);
  });
});
