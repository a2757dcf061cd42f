/** Refusals: every JWS here is otherwise valid, so each test fails only if its own check is missing. */
import { bufferSource, fixedClock, fromBase64Url, toBase64Url, utf8 } from "@learnbridge/core";
import { beforeAll, describe, expect, it } from "vitest";
import { signCredentialJwt, signPresentationJwt } from "./sign.ts";
import {
  encodeJson,
  fixedKeyResolver,
  joinSegments,
  makeParty,
  methodOf,
  sampleCredential,
  samplePresentation,
  signRaw,
  type TestParty,
} from "./test-fixtures.ts";
import { verifyCredentialJwt, verifyPresentationJwt } from "./verify.ts";

let issuer: TestParty;
let holder: TestParty;
let resolveKey: ReturnType<typeof fixedKeyResolver>;
let goodJwt: string;
let header: Record<string, unknown>;

beforeAll(async () => {
  issuer = await makeParty("EdDSA");
  holder = await makeParty("ES256");
  resolveKey = fixedKeyResolver([
    { method: methodOf(issuer), purposes: ["assertionMethod"] },
    { method: methodOf(holder), purposes: ["authentication"] },
  ]);
  goodJwt = await signCredentialJwt(sampleCredential(issuer.did), { signer: issuer.signer });
  header = { alg: "EdDSA", typ: "vc+jwt", cty: "vc", kid: issuer.kid };
});

const verify = (jwt: unknown, extra: Record<string, unknown> = {}) =>
  verifyCredentialJwt(jwt, { resolveKey, ...extra });
const codeOf = async (result: Promise<{ ok: boolean; code?: string }>) => {
  const outcome = await result;
  return outcome.ok ? "OK" : outcome.code;
};
const signed = (h: Record<string, unknown>, payload: unknown = sampleCredential(issuer.did)) =>
  signRaw(h, payload, issuer.signer);

describe("tampering", () => {
  it("the untouched JWT verifies (the baseline the tamper tests change)", async () => {
    expect(await codeOf(verify(goodJwt))).toBe("OK");
  });

  it("a changed payload fails with PROOF_INVALID", async () => {
    const [h, , s] = goodJwt.split(".");
    const forged = encodeJson({ ...sampleCredential(issuer.did), name: "Doctorate" });
    expect(await codeOf(verify(joinSegments(h ?? "", forged, s ?? "")))).toBe("PROOF_INVALID");
  });

  it("a changed header fails with PROOF_INVALID", async () => {
    const [, p, s] = goodJwt.split(".");
    const forged = encodeJson({ ...header, jku: "https://attacker.example/jwks" });
    expect(await codeOf(verify(joinSegments(forged, p ?? "", s ?? "")))).toBe("PROOF_INVALID");
  });

  it("a changed or truncated signature fails with PROOF_INVALID", async () => {
    const [h, p, s = ""] = goodJwt.split(".");
    const flipped = `${s[0] === "A" ? "B" : "A"}${s.slice(1)}`;
    expect(await codeOf(verify(joinSegments(h ?? "", p ?? "", flipped)))).toBe("PROOF_INVALID");
    const truncated = toBase64Url(fromBase64Url(s).slice(0, 63));
    expect(await codeOf(verify(joinSegments(h ?? "", p ?? "", truncated)))).toBe("PROOF_INVALID");
  });
});

describe("algorithms", () => {
  it("refuses alg none with an empty signature", async () => {
    const unsigned = joinSegments(
      encodeJson({ ...header, alg: "none" }),
      encodeJson(sampleCredential(issuer.did)),
      "",
    );
    expect(await codeOf(verify(unsigned))).toBe("JWT_ALG_UNSUPPORTED");
  });

  it("refuses HS256 keyed with the issuer's public key (the key-confusion attack)", async () => {
    const input = `${encodeJson({ ...header, alg: "HS256" })}.${encodeJson(sampleCredential(issuer.did))}`;
    const key = await crypto.subtle.importKey(
      "raw",
      bufferSource(issuer.publicKey.bytes),
      { name: "HMAC", hash: "SHA-256" },
      false,
      ["sign"],
    );
    const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, bufferSource(utf8(input))));
    expect(await codeOf(verify(`${input}.${toBase64Url(mac)}`))).toBe("JWT_ALG_UNSUPPORTED");
  });

  it.each(["RS256", "ES384", "ES256K", "PS256", "__proto__", "eddsa"])("refuses alg %s", async (alg) => {
    expect(await codeOf(verify(await signed({ ...header, alg })))).toBe("JWT_ALG_UNSUPPORTED");
  });

  it("accepts Ed25519 (RFC 9864) for an Ed25519 key but refuses ES256 naming it", async () => {
    expect(await codeOf(verify(await signed({ ...header, alg: "Ed25519" })))).toBe("OK");
    expect(await codeOf(verify(await signed({ ...header, alg: "ES256" })))).toBe("JWT_ALG_UNSUPPORTED");
  });
});

describe("header parameters", () => {
  it("requires kid, as an absolute URL", async () => {
    const { kid: _kid, ...noKid } = header;
    expect(await codeOf(verify(await signed(noKid)))).toBe("JWT_MALFORMED");
    const relative = `#${issuer.kid.split("#")[1]}`;
    expect(await codeOf(verify(await signed({ ...header, kid: relative })))).toBe("JWT_MALFORMED");
  });

  it("passes the resolver's code through for an unknown kid", async () => {
    expect(await codeOf(verify(await signed({ ...header, kid: "did:example:nobody#k" })))).toBe(
      "KEY_NOT_FOUND",
    );
  });

  it.each([
    ["missing", undefined],
    ["JWT (a VC 1.1 JWT)", "JWT"],
    ["vp+jwt (a presentation)", "vp+jwt"],
    ["vc+ld+jwt (a 2023 draft)", "vc+ld+jwt"],
    ["not a string", 7],
  ])("refuses typ %s", async (_name, typ) => {
    expect(await codeOf(verify(await signed({ ...header, typ })))).toBe("JWT_TYP_INVALID");
  });

  it("accepts typ in its long and upper-case forms (RFC 7515 §4.1.9)", async () => {
    expect(await codeOf(verify(await signed({ ...header, typ: "application/vc+jwt" })))).toBe("OK");
    expect(await codeOf(verify(await signed({ ...header, typ: "VC+JWT" })))).toBe("OK");
  });

  it("refuses cty naming a nested JWT or a presentation, accepts a more specific one", async () => {
    expect(await codeOf(verify(await signed({ ...header, cty: "JWT" })))).toBe("JWT_TYP_INVALID");
    expect(await codeOf(verify(await signed({ ...header, cty: "vp" })))).toBe("JWT_TYP_INVALID");
    expect(await codeOf(verify(await signed({ ...header, cty: "application/vc" })))).toBe("OK");
  });

  it("refuses critical extensions it does not understand", async () => {
    expect(await codeOf(verify(await signed({ ...header, crit: ["exp"], exp: 1 })))).toBe("JWT_MALFORMED");
  });
});

describe("structure", () => {
  const payload = () => encodeJson(sampleCredential(issuer.did));
  it.each([
    ["2 segments", () => joinSegments(encodeJson(header), payload())],
    ["4 segments", () => `${goodJwt}.AAAA`],
    ["padding", () => goodJwt.replace(".", "=.")],
    ["standard base64 alphabet", () => `${goodJwt.split(".").slice(0, 2).join(".")}.+/AA`],
    ["whitespace", () => ` ${goodJwt}`],
    ["a header that is not JSON", () => joinSegments(toBase64Url(utf8("{alg")), payload(), "AAAA")],
    ["a header that is an array", () => joinSegments(encodeJson(["EdDSA"]), payload(), "AAAA")],
    ["invalid UTF-8", () => joinSegments(toBase64Url(Uint8Array.of(0x7b, 0xff, 0x7d)), payload(), "AAAA")],
    ["an empty payload", () => joinSegments(encodeJson(header), "", "AAAA")],
    ["not a string", () => 42],
  ])("refuses %s with JWT_MALFORMED", async (_name, build) => {
    expect(await codeOf(verify(build()))).toBe("JWT_MALFORMED");
  });

  it.each([
    ["an array", ["VerifiableCredential"]],
    ["a string", "a credential"],
    ["null", null],
    ["a number", 3],
  ])("refuses a signed payload that is %s", async (_name, value) => {
    expect(await codeOf(verify(await signed(header, encodeJson(value))))).toBe("JWT_MALFORMED");
  });

  it("refuses a VC 1.1 JWT payload (`vc` claim) even with typ vc+jwt", async () => {
    const legacy = { iss: issuer.did, vc: sampleCredential(issuer.did) };
    expect(await codeOf(verify(await signed(header, legacy)))).toBe("JWT_MALFORMED");
  });

  it("refuses oversize input before decoding it", async () => {
    expect(await codeOf(verify(goodJwt, { maxLength: goodJwt.length - 1 }))).toBe("DOCUMENT_TOO_LARGE");
    expect(await codeOf(verify(`${"A".repeat(1_100_000)}.A.A`))).toBe("DOCUMENT_TOO_LARGE");
  });

  it("never throws, whatever it is given", async () => {
    for (const input of [
      undefined,
      null,
      {},
      [],
      "",
      ".",
      "..",
      "a.b.c",
      "e30.e30.",
      goodJwt.split("").reverse().join(""),
    ]) {
      await expect(verify(input)).resolves.toMatchObject({ ok: false });
    }
    const throwing = async () => {
      throw new Error("network down");
    };
    expect(await codeOf(verifyCredentialJwt(goodJwt, { resolveKey: throwing }))).toBe(
      "DID_RESOLUTION_FAILED",
    );
  });

  it("throws a TypeError for a missing resolver (programmer misuse)", async () => {
    await expect(verifyCredentialJwt(goodJwt, {} as never)).rejects.toThrow(TypeError);
  });
});

describe("issuer binding and JWT claims", () => {
  it("refuses a credential whose issuer does not control the key (KEY_CONTROLLER_MISMATCH)", async () => {
    const jwt = await signed(header, sampleCredential("did:example:famous-university"));
    expect(await codeOf(verify(jwt))).toBe("KEY_CONTROLLER_MISMATCH");
    const elsewhere = fixedKeyResolver([{ method: methodOf(issuer, "did:example:someone-else") }]);
    expect(await codeOf(verifyCredentialJwt(goodJwt, { resolveKey: elsewhere }))).toBe(
      "KEY_CONTROLLER_MISMATCH",
    );
  });

  it("accepts an issuer given as a plain string", async () => {
    expect(await codeOf(verify(await signed(header, { ...sampleCredential(""), issuer: issuer.did })))).toBe(
      "OK",
    );
  });

  it("requires an issuer", async () => {
    const { issuer: _issuer, ...anonymous } = sampleCredential(issuer.did);
    expect(await codeOf(verify(await signed(header, anonymous)))).toBe("FIELD_MISSING");
  });

  it("requires iss, when present, to equal the issuer id", async () => {
    const credential = sampleCredential(issuer.did);
    expect(await codeOf(verify(await signed(header, { ...credential, iss: issuer.did })))).toBe("OK");
    expect(await codeOf(verify(await signed(header, { ...credential, iss: "did:example:other" })))).toBe(
      "FIELD_INVALID",
    );
  });

  it("refuses a key that is not an assertionMethod (purpose is asked of the resolver)", async () => {
    const authOnly = fixedKeyResolver([{ method: methodOf(issuer), purposes: ["authentication"] }]);
    expect(await codeOf(verifyCredentialJwt(goodJwt, { resolveKey: authOnly }))).toBe("KEY_NOT_AUTHORIZED");
  });

  it("checks exp, nbf and iat against the injected clock", async () => {
    const clock = fixedClock("2026-06-01T00:00:00Z");
    const now = Date.parse("2026-06-01T00:00:00Z") / 1000;
    const at = (claims: Record<string, unknown>) =>
      signed(header, { ...sampleCredential(issuer.did), ...claims });
    expect(await codeOf(verify(await at({ iat: now - 10, exp: now + 3600 }), { clock }))).toBe("OK");
    expect(await codeOf(verify(await at({ exp: now - 3600 }), { clock }))).toBe("PROOF_EXPIRED");
    expect(await codeOf(verify(await at({ exp: now - 30 }), { clock }))).toBe("OK"); // within 60 s of skew
    expect(await codeOf(verify(await at({ nbf: now + 3600 }), { clock }))).toBe("PROOF_CREATED_IN_FUTURE");
    expect(await codeOf(verify(await at({ iat: now + 3600 }), { clock }))).toBe("PROOF_CREATED_IN_FUTURE");
    expect(await codeOf(verify(await at({ exp: "2027-01-01" }), { clock }))).toBe("JWT_MALFORMED");
  });

  it("refuses a credential carrying aud unless this verifier is named in it", async () => {
    const jwt = await signed(header, { ...sampleCredential(issuer.did), aud: "https://a.example" });
    expect(await codeOf(verify(jwt))).toBe("PROOF_DOMAIN_MISMATCH");
    expect(await codeOf(verify(jwt, { audience: "https://a.example" }))).toBe("OK");
  });
});

describe("presentations", () => {
  const vpOptions = { nonce: "n-123", audience: "https://verifier.example" };
  const sign = (presentation = samplePresentation(holder.did), options: Record<string, string> = vpOptions) =>
    signPresentationJwt(presentation, { signer: holder.signer, ...options });
  const verifyVp = (jwt: string, options: Record<string, unknown> = vpOptions) =>
    codeOf(verifyPresentationJwt(jwt, { resolveKey, ...options }));

  it("verifies with the expected nonce and audience (baseline)", async () => {
    expect(await verifyVp(await sign())).toBe("OK");
  });

  it("refuses another nonce, or none when one was issued (PROOF_CHALLENGE_MISMATCH)", async () => {
    expect(await verifyVp(await sign(), { ...vpOptions, nonce: "n-999" })).toBe("PROOF_CHALLENGE_MISMATCH");
    expect(await verifyVp(await sign(undefined, { audience: vpOptions.audience }))).toBe(
      "PROOF_CHALLENGE_MISMATCH",
    );
  });

  it("refuses another audience, or an aud the verifier did not expect (PROOF_DOMAIN_MISMATCH)", async () => {
    const jwt = await sign();
    expect(await verifyVp(jwt, { ...vpOptions, audience: "https://evil.example" })).toBe(
      "PROOF_DOMAIN_MISMATCH",
    );
    expect(await verifyVp(jwt, { nonce: vpOptions.nonce })).toBe("PROOF_DOMAIN_MISMATCH");
    expect(await verifyVp(await sign(undefined, { nonce: vpOptions.nonce }))).toBe("PROOF_DOMAIN_MISMATCH");
  });

  it("accepts an aud array that names the verifier", async () => {
    const h = { alg: "ES256", typ: "vp+jwt", kid: holder.kid };
    const payload = {
      ...samplePresentation(holder.did),
      nonce: "n-123",
      aud: ["https://other.example", vpOptions.audience],
    };
    expect(await verifyVp(await signRaw(h, payload, holder.signer))).toBe("OK");
  });

  it("does not accept a credential JWT as a presentation, nor the reverse", async () => {
    expect(await verifyVp(goodJwt, {})).toBe("JWT_TYP_INVALID");
    expect(await codeOf(verify(await sign()))).toBe("JWT_TYP_INVALID");
  });

  it("refuses a holder that does not control the key, and a key not listed for authentication", async () => {
    expect(await verifyVp(await sign(samplePresentation("did:example:someone-else")))).toBe(
      "KEY_CONTROLLER_MISMATCH",
    );
    const issuerVp = await signPresentationJwt(samplePresentation(issuer.did), {
      signer: issuer.signer,
      ...vpOptions,
    });
    expect(await verifyVp(issuerVp)).toBe("KEY_NOT_AUTHORIZED");
  });

  it("accepts a presentation without holder and reports who controls the key", async () => {
    const result = await verifyPresentationJwt(await sign(samplePresentation(undefined)), {
      resolveKey,
      ...vpOptions,
    });
    expect(result.ok && result.value.controller).toBe(holder.did);
  });
});
