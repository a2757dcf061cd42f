/** VC Data Model 1.1 §6.3.1 JWT decoding: which registered claims become which properties, and conflicts. */
import { describe, expect, it } from "vitest";
import { credentialFromJwtClaims, presentationFromJwtClaims } from "./vcdm11-claims.ts";

const VC_V1 = "https://www.w3.org/2018/credentials/v1";
const VC_V2 = "https://www.w3.org/ns/credentials/v2";
const vc = (extra: Record<string, unknown> = {}) => ({
  "@context": [VC_V1],
  type: ["VerifiableCredential"],
  credentialSubject: { name: "Amina" },
  ...extra,
});
const codeOf = (outcome: { ok: boolean; code?: string }) => (outcome.ok ? "OK" : outcome.code);

describe("credentialFromJwtClaims", () => {
  it("maps iss, sub, jti, nbf and exp onto a VC 1.1 credential", () => {
    const outcome = credentialFromJwtClaims({
      iss: "did:example:issuer",
      sub: "did:example:learner",
      jti: "urn:uuid:1",
      nbf: 1_767_225_600,
      iat: 1_767_225_000,
      exp: 1_798_761_600,
      aud: "ignored",
      vc: vc(),
    });
    expect(outcome).toEqual({
      ok: true,
      value: {
        ...vc(),
        issuer: "did:example:issuer",
        credentialSubject: { name: "Amina", id: "did:example:learner" },
        id: "urn:uuid:1",
        issuanceDate: "2026-01-01T00:00:00Z",
        expirationDate: "2027-01-01T00:00:00Z",
      },
    });
  });

  it("uses validFrom/validUntil when the `vc` claim is a VC 2.0 document", () => {
    const outcome = credentialFromJwtClaims({
      nbf: 1_767_225_600,
      exp: 1_798_761_600,
      vc: vc({ "@context": [VC_V2] }),
    });
    expect(outcome).toMatchObject({
      ok: true,
      value: { validFrom: "2026-01-01T00:00:00Z", validUntil: "2027-01-01T00:00:00Z" },
    });
    expect(outcome.ok && "issuanceDate" in outcome.value).toBe(false);
  });

  it("gives an issuer profile without id the iss, and leaves a differing issuer for the key check", () => {
    const profile = credentialFromJwtClaims({ iss: "did:example:a", vc: vc({ issuer: { name: "Centre" } }) });
    expect(profile).toMatchObject({ ok: true, value: { issuer: { id: "did:example:a", name: "Centre" } } });
    const other = credentialFromJwtClaims({ iss: "did:example:a", vc: vc({ issuer: "did:example:b" }) });
    expect(other).toMatchObject({ ok: true, value: { issuer: "did:example:b" } });
  });

  it("refuses a sub or jti that contradicts the credential, and malformed claims", () => {
    const subject = { credentialSubject: { id: "did:example:someone-else" } };
    expect(codeOf(credentialFromJwtClaims({ sub: "did:example:learner", vc: vc(subject) }))).toBe(
      "FIELD_INVALID",
    );
    const two = { credentialSubject: [{ name: "a" }, { name: "b" }] };
    expect(codeOf(credentialFromJwtClaims({ sub: "did:example:learner", vc: vc(two) }))).toBe(
      "FIELD_INVALID",
    );
    expect(codeOf(credentialFromJwtClaims({ jti: "urn:uuid:1", vc: vc({ id: "urn:uuid:2" }) }))).toBe(
      "FIELD_INVALID",
    );
    expect(codeOf(credentialFromJwtClaims({ iss: "not a url", vc: vc() }))).toBe("FIELD_INVALID");
    expect(codeOf(credentialFromJwtClaims({ nbf: "2026-01-01", vc: vc() }))).toBe("JWT_MALFORMED");
    expect(codeOf(credentialFromJwtClaims({ exp: 1e300, vc: vc() }))).toBe("JWT_MALFORMED");
    expect(codeOf(credentialFromJwtClaims({ vc: "eyJ..." }))).toBe("JWT_MALFORMED");
  });
});

describe("presentationFromJwtClaims", () => {
  const vp = { "@context": [VC_V1], type: ["VerifiablePresentation"], verifiableCredential: ["a.b.c"] };

  it("makes iss the holder and a URL jti the id; nonce and aud stay JWT claims", () => {
    const outcome = presentationFromJwtClaims({
      iss: "did:example:h",
      jti: "urn:uuid:9",
      nonce: "n",
      aud: "x",
      vp,
    });
    expect(outcome).toEqual({ ok: true, value: { ...vp, holder: "did:example:h", id: "urn:uuid:9" } });
  });

  it("leaves out a jti that is not a URL (wallets use it as a replay id)", () => {
    expect(presentationFromJwtClaims({ jti: "8f2c1d", vp })).toEqual({ ok: true, value: vp });
  });

  it("keeps a holder that differs from iss, for the key check to refuse", () => {
    const outcome = presentationFromJwtClaims({
      iss: "did:example:h",
      vp: { ...vp, holder: "did:example:x" },
    });
    expect(outcome).toMatchObject({ ok: true, value: { holder: "did:example:x" } });
  });
});
