/**
 * VC 1.1 JWT presentations (OpenID4VP `jwt_vc_json`), made with the `jose` library as wallets make them, and
 * verified end to end with the default did:key resolver. Each refusal changes one thing of a JWT-VP that
 * otherwise verifies (the first test).
 */
import { createSigner, fromBase64Url, fromUtf8, toBase64Url, utf8 } from "@learnbridge/core";
import { type JWTPayload, SignJWT } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { issueCredential } from "../issue/issue-credential.ts";
import { envelopePresentation } from "../jose/envelope.ts";
import type { VerificationReport } from "./report.ts";
import { makeIssuer, NOW, sampleCredential, type TestIssuer } from "./test-fixtures.ts";
import { verifyPresentation } from "./verify-presentation.ts";

const SECONDS = NOW.getTime() / 1000;
const CLIENT_ID = "x509_san_dns:employer.example";
const VERIFIER = { challenge: "n-0S6_WzA2Mj", domain: CLIENT_ID, clock: () => NOW };
const VC_V1 = "https://www.w3.org/2018/credentials/v1";

const outcomes = (report: VerificationReport) =>
  Object.fromEntries(report.checks.map((c) => [c.name, `${c.outcome}:${c.code}`]));
const codeOf = (report: VerificationReport, name: string) => report.checks.find((c) => c.name === name)?.code;

interface JwtVpOptions {
  readonly header?: Record<string, unknown>;
  readonly claims?: JWTPayload;
  readonly vp?: Record<string, unknown>;
  readonly signer?: TestIssuer;
}

/** A VC 1.1 JWT-VP as a wallet answers a `jwt_vc_json` query: typ JWT, iss = holder DID, aud, nonce. */
function jwtVp(holder: TestIssuer, credentials: string[], options: JwtVpOptions = {}) {
  const signer = options.signer ?? holder;
  const claims: JWTPayload = {
    iss: holder.did,
    aud: CLIENT_ID,
    jti: "urn:uuid:3978344f-8596-4c3a-a978-8fcaba3903c5",
    iat: SECONDS - 5,
    nbf: SECONDS - 5,
    exp: SECONDS + 300,
    nonce: VERIFIER.challenge,
    vp: {
      "@context": [VC_V1],
      type: ["VerifiablePresentation"],
      verifiableCredential: credentials,
      ...options.vp,
    },
    ...options.claims,
  };
  return new SignJWT(claims)
    .setProtectedHeader({
      alg: signer.pair.publicKey.algorithm,
      typ: "JWT",
      kid: signer.keyId,
      ...options.header,
    })
    .sign(signer.pair.privateKey);
}

/** A VC-JOSE `vc+jwt` credential from our node, issued to `learner`. */
async function nodeCredential(learner: TestIssuer, issuer?: TestIssuer) {
  const by = issuer ?? (await makeIssuer());
  const issued = await issueCredential(await sampleCredential(by, learner.did), {
    signer: createSigner(by.pair, by.keyId),
    format: "jwt_vc",
    clock: () => NOW,
  });
  return issued.credential as string;
}

/** A VC 1.1 JWT credential (`vc` claim) as walt.id or Credo issue it, about `learner`. */
function vcdm11Credential(issuer: TestIssuer, learner: TestIssuer, vc: Record<string, unknown> = {}) {
  return new SignJWT({
    vc: {
      "@context": [VC_V1, "https://www.w3.org/2018/credentials/examples/v1"],
      type: ["VerifiableCredential", "UniversityDegreeCredential"],
      credentialSubject: { degree: { type: "BachelorDegree", name: "Bachelor of Science" } },
      ...vc,
    },
  })
    .setProtectedHeader({ alg: issuer.pair.publicKey.algorithm, typ: "JWT", kid: issuer.keyId })
    .setIssuer(issuer.did)
    .setSubject(learner.did)
    .setJti("urn:uuid:0b5b7f5e-6a1c-4f3e-9d55-8f4c1a2b3c4d")
    .setNotBefore(SECONDS - 86_400)
    .setIssuedAt(SECONDS - 86_400)
    .setExpirationTime(SECONDS + 86_400 * 365)
    .sign(issuer.pair.privateKey);
}

let learner: TestIssuer;
let credential: string;

beforeAll(async () => {
  learner = await makeIssuer();
  credential = await nodeCredential(learner);
});

describe("verifyPresentation: VC 1.1 JWT presentations (OpenID4VP jwt_vc_json)", () => {
  for (const algorithm of ["EdDSA", "ES256"] as const) {
    it(`${algorithm}: a JWT-VP made with jose, wrapping one of our vc+jwt credentials, verifies`, async () => {
      const holder = algorithm === "EdDSA" ? learner : await makeIssuer("ES256");
      const vc = holder === learner ? credential : await nodeCredential(holder);
      const report = await verifyPresentation(await jwtVp(holder, [vc]), VERIFIER);
      expect(outcomes(report)).toEqual({
        structure: "pass:OK",
        context: "pass:OK",
        proof: "pass:OK",
        presentation: "pass:OK",
      });
      expect(report.securedBy).toBe("vc-jose");
      expect(report.credentials?.map((c) => [c.securedBy, c.verified])).toEqual([["vc-jose", true]]);
      expect(report.verified).toBe(true);
      // VCDM 1.1 §6.3.1: iss → holder, jti → id; the JWT claims themselves are not part of the presentation.
      expect(report.document).toEqual({
        "@context": [VC_V1],
        type: ["VerifiablePresentation"],
        verifiableCredential: [vc],
        holder: holder.did,
        id: "urn:uuid:3978344f-8596-4c3a-a978-8fcaba3903c5",
      });
    });
  }

  it("finds the holder's key from a did:key `iss` when the header has no kid and no typ", async () => {
    const vp = await jwtVp(learner, [credential], { header: { typ: undefined, kid: undefined } });
    const report = await verifyPresentation(vp, VERIFIER);
    expect(report.verified).toBe(true);
    expect(report.checks.find((c) => c.name === "proof")?.data).toEqual({
      verificationMethod: learner.keyId,
    });
  });

  it("refuses a nonce other than the challenge, or none (PROOF_CHALLENGE_MISMATCH)", async () => {
    const vp = await jwtVp(learner, [credential]);
    const replayed = await verifyPresentation(vp, { ...VERIFIER, challenge: "another-request" });
    expect(outcomes(replayed).proof).toBe("fail:PROOF_CHALLENGE_MISMATCH");
    expect(replayed.verified).toBe(false);
    const noNonce = await jwtVp(learner, [credential], { claims: { nonce: undefined } });
    expect(codeOf(await verifyPresentation(noNonce, VERIFIER), "proof")).toBe("PROOF_CHALLENGE_MISMATCH");
  });

  it("refuses an aud other than this verifier's client_id (PROOF_DOMAIN_MISMATCH)", async () => {
    const vp = await jwtVp(learner, [credential]);
    const elsewhere = await verifyPresentation(vp, { ...VERIFIER, domain: "x509_san_dns:other.example" });
    expect(outcomes(elsewhere).proof).toBe("fail:PROOF_DOMAIN_MISMATCH");
    // RFC 7519 §4.1.3: an addressed JWT is refused by a verifier that expected no audience at all.
    const unexpected = await verifyPresentation(vp, { challenge: VERIFIER.challenge, clock: () => NOW });
    expect(codeOf(unexpected, "proof")).toBe("PROOF_DOMAIN_MISMATCH");
  });

  it("refuses an expired JWT-VP (PROOF_EXPIRED) and one not yet valid", async () => {
    const expired = await jwtVp(learner, [credential], { claims: { exp: SECONDS - 3600 } });
    expect(outcomes(await verifyPresentation(expired, VERIFIER)).proof).toBe("fail:PROOF_EXPIRED");
    const early = await jwtVp(learner, [credential], { claims: { nbf: SECONDS + 3600 } });
    expect(codeOf(await verifyPresentation(early, VERIFIER), "proof")).toBe("PROOF_CREATED_IN_FUTURE");
  });

  it("refuses a JWT-VP whose iss does not control the kid (KEY_CONTROLLER_MISMATCH)", async () => {
    const thief = await makeIssuer();
    const vp = await jwtVp(learner, [credential], { signer: thief });
    const report = await verifyPresentation(vp, VERIFIER);
    expect(outcomes(report).proof).toBe("fail:KEY_CONTROLLER_MISMATCH");
    expect(report.verified).toBe(false);
  });

  it("refuses a vp.holder that is not the iss (KEY_CONTROLLER_MISMATCH)", async () => {
    const other = await makeIssuer();
    const vp = await jwtVp(learner, [credential], { vp: { holder: other.did } });
    expect(outcomes(await verifyPresentation(vp, VERIFIER)).proof).toBe("fail:KEY_CONTROLLER_MISMATCH");
    const same = await jwtVp(learner, [credential], { vp: { holder: learner.did } });
    expect((await verifyPresentation(same, VERIFIER)).verified).toBe(true);
  });

  it("refuses a holder who is not the subject of the credential (HOLDER_MISMATCH)", async () => {
    const stranger = await makeIssuer();
    const report = await verifyPresentation(await jwtVp(stranger, [credential]), VERIFIER);
    expect(outcomes(report)).toMatchObject({ proof: "pass:OK", presentation: "fail:HOLDER_MISMATCH" });
    expect(report.credentials?.[0]?.verified).toBe(true);
    expect(report.verified).toBe(false);
  });

  it("refuses a tampered embedded credential, and says which check failed", async () => {
    const [header, payload, signature] = credential.split(".") as [string, string, string];
    const claims = JSON.parse(fromUtf8(fromBase64Url(payload)));
    const forged = toBase64Url(utf8(JSON.stringify({ ...claims, name: "Doctor of Everything" })));
    const report = await verifyPresentation(
      await jwtVp(learner, [`${header}.${forged}.${signature}`]),
      VERIFIER,
    );
    expect(outcomes(report).proof).toBe("pass:OK");
    expect(report.credentials?.[0]?.checks.find((c) => c.name === "proof")).toMatchObject({
      outcome: "fail",
      code: "PROOF_INVALID",
    });
    expect(report.verified).toBe(false);
  });

  it("refuses a tampered JWT-VP signature, and algorithms outside the allowlist", async () => {
    const vp = await jwtVp(learner, [credential]);
    const broken = `${vp.slice(0, vp.lastIndexOf(".") + 1)}${"A".repeat(86)}`;
    expect(outcomes(await verifyPresentation(broken, VERIFIER)).proof).toBe("fail:PROOF_INVALID");
    const [, payload] = vp.split(".");
    const none = `${toBase64Url(utf8(JSON.stringify({ alg: "none", typ: "JWT" })))}.${payload}.`;
    expect(codeOf(await verifyPresentation(none, VERIFIER), "proof")).toBe("JWT_ALG_UNSUPPORTED");
  });

  it("keeps the vp+jwt path strict: an envelope or a vp+jwt typ may not carry the VC 1.1 form", async () => {
    const vp = await jwtVp(learner, [credential]);
    const enveloped = await verifyPresentation(envelopePresentation(vp), VERIFIER);
    expect(codeOf(enveloped, "proof")).toBe("JWT_TYP_INVALID");
    const typed = await jwtVp(learner, [credential], { header: { typ: "vp+jwt" } });
    expect(codeOf(await verifyPresentation(typed, VERIFIER), "proof")).toBe("JWT_MALFORMED");
  });

  describe("VC 1.1 JWT credentials (`vc` claim) inside", () => {
    it("decodes iss, sub, jti, nbf and exp (VCDM 1.1 §6.3.1) and verifies the credential", async () => {
      const issuer = await makeIssuer("ES256");
      const vc = await vcdm11Credential(issuer, learner);
      const report = await verifyPresentation(await jwtVp(learner, [vc, credential]), VERIFIER);
      const [legacy, ours] = report.credentials ?? [];
      expect(outcomes(legacy as VerificationReport)).toEqual({
        structure: "pass:OK",
        context: "pass:OK",
        proof: "pass:OK",
        issuer: "pass:OK",
        validity: "pass:OK",
        status: expect.any(String),
        schema: expect.any(String),
        trust: "skipped:NOT_CONFIGURED",
      });
      expect(legacy?.securedBy).toBe("vc-jose");
      expect(legacy?.document).toMatchObject({
        issuer: issuer.did,
        id: "urn:uuid:0b5b7f5e-6a1c-4f3e-9d55-8f4c1a2b3c4d",
        credentialSubject: { id: learner.did, degree: { type: "BachelorDegree" } },
        issuanceDate: "2026-05-31T00:00:00Z",
        expirationDate: "2027-06-01T00:00:00Z",
      });
      expect(ours?.verified).toBe(true);
      expect(report.verified).toBe(true);
    });

    it("refuses a VC 1.1 credential that was tampered with, expired, or is about someone else", async () => {
      const issuer = await makeIssuer();
      const vc = await vcdm11Credential(issuer, learner);
      const [h, , s] = vc.split(".");
      const [, otherPayload] = (await vcdm11Credential(issuer, await makeIssuer())).split(".");
      const swapped = `${h}.${otherPayload}.${s}`;
      const tampered = await verifyPresentation(await jwtVp(learner, [swapped]), VERIFIER);
      expect(codeOf(tampered.credentials?.[0] as VerificationReport, "proof")).toBe("PROOF_INVALID");
      expect(tampered.verified).toBe(false);

      const later = NOW.getTime() / 1000 + 400 * 86_400;
      const vp = await jwtVp(learner, [vc], { claims: { iat: later, nbf: later, exp: later + 300 } });
      const expired = await verifyPresentation(vp, { ...VERIFIER, clock: () => new Date(later * 1000) });
      expect(codeOf(expired, "proof")).toBe("OK");
      expect(codeOf(expired.credentials?.[0] as VerificationReport, "proof")).toBe("PROOF_EXPIRED");

      const forSomeoneElse = await vcdm11Credential(issuer, await makeIssuer());
      const report = await verifyPresentation(await jwtVp(learner, [forSomeoneElse]), VERIFIER);
      expect(outcomes(report).presentation).toBe("fail:HOLDER_MISMATCH");
    });

    it("refuses a VC 1.1 credential signed by a key its iss does not control", async () => {
      const issuer = await makeIssuer();
      const impostor = await makeIssuer();
      const vc = await new SignJWT({ vc: { "@context": [VC_V1], type: ["VerifiableCredential"] } })
        .setProtectedHeader({ alg: "EdDSA", typ: "JWT", kid: impostor.keyId })
        .setIssuer(issuer.did)
        .setSubject(learner.did)
        .sign(impostor.pair.privateKey);
      const report = await verifyPresentation(await jwtVp(learner, [vc]), VERIFIER);
      expect(outcomes(report.credentials?.[0] as VerificationReport)).toMatchObject({
        proof: "skipped:SKIPPED_AFTER_FAILURE",
        issuer: "fail:KEY_CONTROLLER_MISMATCH",
      });
      expect(report.verified).toBe(false);
    });
  });
});
