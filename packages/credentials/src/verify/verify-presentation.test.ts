import { createSigner } from "@learnbridge/core";
import { describe, expect, it } from "vitest";
import { addDataIntegrityProof } from "../data-integrity/sign.ts";
import { issueCredential } from "../issue/issue-credential.ts";
import { envelopeCredential } from "../jose/envelope.ts";
import { signPresentationJwt } from "../jose/sign.ts";
import type { VerificationReport } from "./report.ts";
import { makeIssuer, NOW, sampleCredential, signedSample, type TestIssuer } from "./test-fixtures.ts";
import { verifyPresentation } from "./verify-presentation.ts";

const VP_CONTEXT = ["https://www.w3.org/ns/credentials/v2"];
const outcomes = (report: VerificationReport) =>
  Object.fromEntries(report.checks.map((c) => [c.name, `${c.outcome}:${c.code}`]));

/** A learner (holder) with a did:key and a credential issued to that DID, in the format asked. */
async function learnerWithCredential(format: "ldp_vc" | "jwt_vc") {
  const issuer = await makeIssuer();
  const learner = await makeIssuer();
  const unsigned = await sampleCredential(issuer, learner.did);
  const issued = await issueCredential(unsigned, {
    signer: createSigner(issuer.pair, issuer.keyId),
    format,
    clock: () => NOW,
  });
  const credential = issued.format === "jwt_vc" ? envelopeCredential(issued.credential) : issued.credential;
  return { issuer, learner, credential };
}

function presentationOf(holder: TestIssuer, credential: unknown) {
  return {
    "@context": VP_CONTEXT,
    type: ["VerifiablePresentation"],
    holder: holder.did,
    verifiableCredential: [credential],
  };
}

describe("verifyPresentation", () => {
  for (const format of ["ldp_vc", "jwt_vc"] as const) {
    it(`Data Integrity presentation carrying a ${format} credential, bound to challenge and domain`, async () => {
      const { learner, credential } = await learnerWithCredential(format);
      const vp = await addDataIntegrityProof(presentationOf(learner, credential), {
        signer: createSigner(learner.pair, learner.keyId),
        proofPurpose: "authentication",
        challenge: "c-123",
        domain: "https://employer.example",
        clock: () => NOW,
      });
      const report = await verifyPresentation(vp, {
        challenge: "c-123",
        domain: "https://employer.example",
        clock: () => NOW,
      });
      expect(outcomes(report)).toEqual({
        structure: "pass:OK",
        context: "pass:OK",
        proof: "pass:OK",
        presentation: "pass:OK",
      });
      expect(report.credentials?.map((c) => c.verified)).toEqual([true]);
      expect(report.verified).toBe(true);

      const replayed = await verifyPresentation(vp, {
        challenge: "c-456",
        domain: "https://employer.example",
        clock: () => NOW,
      });
      expect(outcomes(replayed).proof).toBe("fail:PROOF_CHALLENGE_MISMATCH");
      const elsewhere = await verifyPresentation(vp, {
        challenge: "c-123",
        domain: "https://other.example",
        clock: () => NOW,
      });
      expect(outcomes(elsewhere).proof).toBe("fail:PROOF_DOMAIN_MISMATCH");
    });
  }

  it("vp+jwt presentation with an enveloped vc+jwt credential, nonce and audience", async () => {
    const { learner, credential } = await learnerWithCredential("jwt_vc");
    const jwt = await signPresentationJwt(presentationOf(learner, credential), {
      signer: createSigner(learner.pair, learner.keyId),
      nonce: "n-1",
      audience: "https://employer.example",
    });
    const report = await verifyPresentation(jwt, {
      challenge: "n-1",
      domain: "https://employer.example",
      clock: () => NOW,
    });
    expect(report.securedBy).toBe("vc-jose");
    expect(outcomes(report)).toEqual({
      structure: "pass:OK",
      context: "pass:OK",
      proof: "pass:OK",
      presentation: "pass:OK",
    });
    expect(report.verified).toBe(true);
    const replayed = await verifyPresentation(jwt, {
      challenge: "n-2",
      domain: "https://employer.example",
      clock: () => NOW,
    });
    expect(replayed.verified).toBe(false);
    expect(outcomes(replayed).proof).toBe("fail:PROOF_CHALLENGE_MISMATCH");
  });

  it("refuses a presentation whose holder is not the credential's subject", async () => {
    const { credential } = await learnerWithCredential("ldp_vc");
    const stranger = await makeIssuer();
    const vp = await addDataIntegrityProof(presentationOf(stranger, credential), {
      signer: createSigner(stranger.pair, stranger.keyId),
      proofPurpose: "authentication",
      challenge: "c",
      clock: () => NOW,
    });
    const report = await verifyPresentation(vp, { challenge: "c", clock: () => NOW });
    expect(report.verified).toBe(false);
    expect(outcomes(report)).toMatchObject({ proof: "pass:OK", presentation: "fail:HOLDER_MISMATCH" });
    expect(report.credentials?.[0]?.verified).toBe(true);
  });

  it("refuses a presentation signed by someone other than its holder", async () => {
    const { learner, credential } = await learnerWithCredential("ldp_vc");
    const thief = await makeIssuer();
    const vp = await addDataIntegrityProof(presentationOf(learner, credential), {
      signer: createSigner(thief.pair, thief.keyId),
      proofPurpose: "authentication",
      clock: () => NOW,
    });
    const report = await verifyPresentation(vp, { clock: () => NOW });
    expect(outcomes(report)).toMatchObject({
      proof: "pass:OK",
      presentation: "fail:KEY_CONTROLLER_MISMATCH",
    });
  });

  it("fails the presentation when a credential inside fails, and says which", async () => {
    const { learner, credential } = await learnerWithCredential("ldp_vc");
    const tampered = structuredClone(credential) as Record<string, unknown>;
    tampered.name = "Doctor of Everything";
    const vp = await addDataIntegrityProof(presentationOf(learner, tampered), {
      signer: createSigner(learner.pair, learner.keyId),
      proofPurpose: "authentication",
      clock: () => NOW,
    });
    const report = await verifyPresentation(vp, { clock: () => NOW });
    expect(report.verified).toBe(false);
    expect(outcomes(report).proof).toBe("pass:OK");
    expect(report.credentials?.[0]?.checks.find((c) => c.name === "proof")).toMatchObject({
      outcome: "fail",
      code: "PROOF_INVALID",
    });
  });

  it("accepts an unsigned credential list only as a failure", async () => {
    const issuer = await makeIssuer();
    const { credential } = await signedSample(issuer);
    const report = await verifyPresentation(
      { "@context": VP_CONTEXT, type: ["VerifiablePresentation"], verifiableCredential: [credential] },
      { clock: () => NOW },
    );
    expect(outcomes(report).proof).toBe("fail:PROOF_MISSING");
    expect(report.verified).toBe(false);
  });
});

describe("verifyPresentation: entries a presentation cannot carry", () => {
  const failed = (report: VerificationReport) =>
    report.checks.filter((c) => c.outcome === "fail").map((c) => `${c.name}:${c.code}`);
  const problemsOf = (report: VerificationReport) =>
    (report.checks[0]?.data?.problems as { path: string; code: string }[] | undefined)?.map(
      (p) => `${p.path}:${p.code}`,
    );

  it("a bare vc+jwt in a VC 2.0 vp+jwt: CREDENTIAL_NOT_ENVELOPED, and no vocabulary failure", async () => {
    const { learner, credential } = await learnerWithCredential("jwt_vc");
    const bare = decodeEnvelope(credential);
    const sign = (entry: unknown) =>
      signPresentationJwt(presentationOf(learner, entry), {
        signer: createSigner(learner.pair, learner.keyId),
      });
    // Baseline: the same credential, enveloped, verifies; so only the wrapping can fail below.
    expect((await verifyPresentation(await sign(credential), { clock: () => NOW })).verified).toBe(true);

    const report = await verifyPresentation(await sign(bare), { clock: () => NOW });
    expect(report.verified).toBe(false);
    expect(failed(report)).toEqual(["structure:CREDENTIAL_NOT_ENVELOPED"]);
    expect(problemsOf(report)).toEqual(["verifiableCredential[0]:CREDENTIAL_NOT_ENVELOPED"]);
    expect(outcomes(report)).toMatchObject({ context: "pass:OK", proof: "pass:OK" });
    // The credential itself is sound: the report says so, so that the fix is only the wrapping.
    expect(report.credentials?.map((c) => c.verified)).toEqual([true]);
  });

  it("a Data Integrity presentation whose envelope was unwrapped: the proof is not run over it", async () => {
    const { learner, credential } = await learnerWithCredential("jwt_vc");
    const vp = await addDataIntegrityProof(presentationOf(learner, credential), {
      signer: createSigner(learner.pair, learner.keyId),
      proofPurpose: "authentication",
      clock: () => NOW,
    });
    const unwrapped = { ...vp, verifiableCredential: [decodeEnvelope(credential)] };
    const report = await verifyPresentation(unwrapped, { clock: () => NOW });
    expect(failed(report)).toEqual(["structure:CREDENTIAL_NOT_ENVELOPED"]);
    expect(outcomes(report)).toMatchObject({
      context: "pass:OK",
      proof: "skipped:SKIPPED_AFTER_FAILURE",
    });
  });

  it("a bare JWT in a VC 1.1 presentation gets the same code", async () => {
    const { learner, credential } = await learnerWithCredential("jwt_vc");
    const vp = {
      ...presentationOf(learner, decodeEnvelope(credential)),
      "@context": ["https://www.w3.org/2018/credentials/v1"],
      proof: { type: "DataIntegrityProof" },
    };
    const report = await verifyPresentation(vp, { clock: () => NOW });
    expect(failed(report)).toEqual(["structure:CREDENTIAL_NOT_ENVELOPED"]);
    expect(outcomes(report).context).toBe("pass:OK");
  });

  it.each([
    ["a number", () => 42, "verifiableCredential[0]:FIELD_INVALID"],
    ["a URL", () => "https://centre.example/credentials/1", "verifiableCredential[0]:FIELD_INVALID"],
    ["a nested array", (c: Record<string, unknown>) => [c], "verifiableCredential[0]:FIELD_INVALID"],
    [
      "a credential without @context",
      ({ "@context": _context, ...rest }: Record<string, unknown>) => rest,
      "verifiableCredential[0].@context:CONTEXT_MISSING",
    ],
  ])("%s: one structure problem at its index, not a vocabulary failure", async (_name, entryOf, problem) => {
    const { learner, credential } = await learnerWithCredential("ldp_vc");
    const entry = entryOf(credential as Record<string, unknown>);
    const jwt = await signPresentationJwt(presentationOf(learner, entry), {
      signer: createSigner(learner.pair, learner.keyId),
    });
    const report = await verifyPresentation(jwt, { clock: () => NOW });
    expect(report.verified).toBe(false);
    expect(problemsOf(report)).toEqual([problem]);
    expect(outcomes(report)).toMatchObject({ context: "pass:OK", proof: "pass:OK" });
  });
});

/** The `vc+jwt` inside an EnvelopedVerifiableCredential: what a wallet sends when it forgets the envelope. */
function decodeEnvelope(envelope: unknown): string {
  return String((envelope as { id: string }).id).replace(/^data:application\/vc\+jwt,/, "");
}
