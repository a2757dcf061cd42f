import { describe, expect, it } from "vitest";
import type { VerificationReport } from "./report.ts";
import { makeIssuer, NOW, sampleCredential, signedSample } from "./test-fixtures.ts";
import { verifyCredential } from "./verify-credential.ts";

const outcomes = (report: VerificationReport) =>
  Object.fromEntries(report.checks.map((c) => [c.name, `${c.outcome}:${c.code}`]));

describe("verifyCredential: Open Badges 3.0 credentials we issue", () => {
  for (const [format, cryptosuite, algorithm] of [
    ["ldp_vc", "eddsa-rdfc-2022", "EdDSA"],
    ["ldp_vc", "eddsa-jcs-2022", "EdDSA"],
    ["jwt_vc", undefined, "EdDSA"],
    ["jwt_vc", undefined, "ES256"],
  ] as const) {
    it(`${format} ${cryptosuite ?? algorithm}: every check passes, in order, with its reason`, async () => {
      const issuer = await makeIssuer(algorithm);
      const issued = await signedSample(issuer, format, cryptosuite);
      const report = await verifyCredential(issued.credential, { clock: () => NOW });
      expect(outcomes(report)).toEqual({
        structure: "pass:OK",
        context: "pass:OK",
        proof: "pass:OK",
        issuer: "pass:OK",
        validity: "pass:OK",
        status: "skipped:NOT_APPLICABLE",
        schema: "pass:OK",
        trust: "skipped:NOT_CONFIGURED",
      });
      expect(report.verified).toBe(true);
      expect(report.securedBy).toBe(format === "jwt_vc" ? "vc-jose" : "data-integrity");
      expect(report.checks.map((c) => c.name)).toEqual([
        "structure",
        "context",
        "proof",
        "issuer",
        "validity",
        "status",
        "schema",
        "trust",
      ]);
      expect(report.checks.find((c) => c.name === "issuer")?.data).toMatchObject({ issuer: issuer.did });
      expect(report.checks.every((c) => c.messageKey === `check.${c.name}.${c.code}`)).toBe(true);
    });
  }

  it("fails validity before validFrom and after validUntil, naming the check", async () => {
    const issuer = await makeIssuer();
    const { credential } = await signedSample(issuer);
    const early = await verifyCredential(credential, { clock: () => new Date("2025-12-31T00:00:00Z") });
    expect(early.verified).toBe(false);
    expect(early.checks.find((c) => c.name === "validity")).toMatchObject({
      outcome: "fail",
      code: "NOT_YET_VALID",
    });
    const late = await verifyCredential(credential, { clock: () => new Date("2031-02-01T00:00:00Z") });
    expect(late.checks.filter((c) => c.outcome === "fail")).toEqual([
      expect.objectContaining({ name: "validity", code: "EXPIRED" }),
    ]);
  });

  it("names the issuer check when the key is not the issuer's", async () => {
    const issuer = await makeIssuer();
    const impostor = await makeIssuer();
    const unsigned = await sampleCredential(issuer);
    const { addDataIntegrityProof } = await import("../data-integrity/sign.ts");
    const { createSigner } = await import("@learnbridge/core");
    const forged = await addDataIntegrityProof(unsigned, {
      signer: createSigner(impostor.pair, impostor.keyId),
      clock: () => NOW,
    });
    const report = await verifyCredential(forged, { clock: () => NOW });
    expect(report.verified).toBe(false);
    expect(outcomes(report)).toMatchObject({ proof: "pass:OK", issuer: "fail:KEY_CONTROLLER_MISMATCH" });
  });

  it("reports a credential without a proof as PROOF_MISSING", async () => {
    const issuer = await makeIssuer();
    const report = await verifyCredential(await sampleCredential(issuer), { clock: () => NOW });
    expect(outcomes(report)).toMatchObject({ structure: "pass:OK", proof: "fail:PROOF_MISSING" });
    expect(report.verified).toBe(false);
  });

  it("calls the trust evaluator with the issuer and reports what it says", async () => {
    const issuer = await makeIssuer();
    const { credential } = await signedSample(issuer);
    const seen: string[] = [];
    const report = await verifyCredential(credential, {
      clock: () => NOW,
      trust: async (id) => {
        seen.push(id);
        return {
          name: "trust",
          outcome: "warn",
          code: "TRUST_UNKNOWN",
          messageKey: "check.trust.TRUST_UNKNOWN",
          message: "not a member",
        };
      },
    });
    expect(seen).toEqual([issuer.did]);
    expect(report.verified).toBe(true);
    expect(outcomes(report).trust).toBe("warn:TRUST_UNKNOWN");
  });
});
