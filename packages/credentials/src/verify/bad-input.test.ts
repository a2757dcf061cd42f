/**
 * Malformed input: the verifier answers every case with a report naming the precise code, and never throws;
 * the issuer refuses the same input with the same code before signing anything.
 */
import { createSigner, LearnbridgeError } from "@learnbridge/core";
import { beforeAll, describe, expect, it } from "vitest";
import { issueCredential } from "../issue/issue-credential.ts";
import { makeIssuer, NOW, sampleCredential, type TestIssuer } from "./test-fixtures.ts";
import { verifyCredential } from "./verify-credential.ts";
import { verifyPresentation } from "./verify-presentation.ts";

type Json = Record<string, unknown>;

function nested(depth: number): Json {
  let node: Json = { leaf: true };
  for (let i = 0; i < depth; i++) node = { child: node };
  return node;
}

let issuer: TestIssuer;
let valid: Json;
beforeAll(async () => {
  issuer = await makeIssuer();
  valid = await sampleCredential(issuer);
});

const edit = (change: (c: Json) => void) => () => {
  const copy = structuredClone(valid);
  change(copy);
  return copy;
};

// [name, build the input, the check that must fail, its code]
const CASES: [string, () => unknown, string, string][] = [
  ["text that is not JSON", () => "{not json", "structure", "MALFORMED_JSON"],
  ["a JSON array", () => [valid], "structure", "FIELD_INVALID"],
  ["a number", () => 42, "structure", "FIELD_INVALID"],
  ["no @context", edit((c) => delete c["@context"]), "structure", "CONTEXT_MISSING"],
  [
    "a first context that is not VC",
    edit((c) => ((c["@context"] as string[])[0] = "https://example.org/ctx")),
    "structure",
    "CONTEXT_MISSING",
  ],
  [
    "an unknown context",
    edit((c) => (c["@context"] as string[]).push("https://evil.example/context.json")),
    "context",
    "CONTEXT_UNKNOWN",
  ],
  ["an undefined term", edit((c) => (c.favouriteColour = "blue")), "context", "TERM_UNDEFINED"],
  [
    "an undefined term deep inside",
    edit((c) => ((c.credentialSubject as Json).shoeSize = 44)),
    "context",
    "TERM_UNDEFINED",
  ],
  [
    "no VerifiableCredential type",
    edit((c) => (c.type = ["OpenBadgeCredential"])),
    "structure",
    "TYPE_MISSING",
  ],
  [
    "a type that is not a string",
    edit((c) => (c.type = ["VerifiableCredential", 7])),
    "structure",
    "FIELD_INVALID",
  ],
  ["no issuer", edit((c) => delete c.issuer), "structure", "FIELD_MISSING"],
  [
    "an issuer that is not a URL",
    edit((c) => ((c.issuer as Json).id = "Nairobi centre")),
    "structure",
    "URL_INVALID",
  ],
  ["an issuer that is a number", edit((c) => (c.issuer = 42)), "structure", "URL_INVALID"],
  ["a relative credential id", edit((c) => (c.id = "credentials/1")), "structure", "URL_INVALID"],
  ["no credentialSubject", edit((c) => delete c.credentialSubject), "structure", "FIELD_MISSING"],
  [
    "a credentialSubject that is a string",
    edit((c) => (c.credentialSubject = "learner")),
    "structure",
    "FIELD_INVALID",
  ],
  [
    "a subject id that is not a URL",
    edit((c) => ((c.credentialSubject as Json).id = "learner 1")),
    "structure",
    "URL_INVALID",
  ],
  [
    "an impossible validFrom (30 February)",
    edit((c) => (c.validFrom = "2025-02-30T00:00:00Z")),
    "structure",
    "DATE_INVALID",
  ],
  [
    "a validFrom without a time zone",
    edit((c) => (c.validFrom = "2025-01-01T00:00:00")),
    "structure",
    "DATE_INVALID",
  ],
  [
    "a validUntil before validFrom",
    edit((c) => (c.validUntil = "2020-01-01T00:00:00Z")),
    "structure",
    "DATE_INVALID",
  ],
  [
    "a status entry without a type",
    edit((c) => (c.credentialStatus = { id: "https://x.example/s#1" })),
    "structure",
    "FIELD_MISSING",
  ],
  [
    "a schema entry without an id",
    edit((c) => (c.credentialSchema = [{ type: "JsonSchema" }])),
    "structure",
    "URL_INVALID",
  ],
  [
    "an oversize document (2 MiB)",
    edit((c) => (c.description = "x".repeat(2 * 1024 * 1024))),
    "structure",
    "DOCUMENT_TOO_LARGE",
  ],
  [
    "nesting 40 levels deep",
    edit((c) => ((c.credentialSubject as Json).evidenceTree = nested(40))),
    "structure",
    "DOCUMENT_TOO_DEEP",
  ],
  ["nesting 100,000 levels deep", () => nested(100_000), "structure", "DOCUMENT_TOO_DEEP"],
  ["a proof that is a string", edit((c) => (c.proof = "signed, honestly")), "proof", "PROOF_MALFORMED"],
  [
    "a proof of an unknown type",
    edit(
      (c) =>
        (c.proof = {
          type: "RsaSignature2018",
          proofPurpose: "assertionMethod",
          verificationMethod: `${issuer.keyId}`,
          proofValue: "zabc",
        }),
    ),
    "proof",
    "PROOF_UNSUPPORTED",
  ],
  [
    "a VC 1.1 credential without issuanceDate",
    () => ({
      "@context": ["https://www.w3.org/2018/credentials/v1"],
      type: ["VerifiableCredential"],
      issuer: "did:example:1",
      credentialSubject: { id: "did:example:2" },
    }),
    "structure",
    "FIELD_MISSING",
  ],
  ["a JWT with a broken payload", () => "eyJhbGciOiJFZERTQSJ9.bm90IGpzb24.AAAA", "proof", "JWT_MALFORMED"],
  [
    "an envelope of another media type",
    () => ({
      "@context": "https://www.w3.org/ns/credentials/v2",
      type: "EnvelopedVerifiableCredential",
      id: "data:application/vc+sd-jwt,abc",
    }),
    "structure",
    "FIELD_INVALID",
  ],
];

describe("verifyCredential on malformed input", () => {
  it.each(CASES)("%s", async (_name, build, checkName, code) => {
    const report = await verifyCredential(build(), { clock: () => NOW });
    expect(report.verified).toBe(false);
    const check = report.checks.find((c) => c.name === checkName);
    expect(check, JSON.stringify(report.checks.filter((c) => c.outcome === "fail"))).toMatchObject({
      outcome: "fail",
      code,
    });
    // The report is always complete: every credential check is listed, in order.
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
  });

  it("lists every structural problem, not only the first", async () => {
    const report = await verifyCredential(
      edit((c) => {
        delete c.issuer;
        c.validFrom = "soon";
        c.id = "relative";
      })(),
      { clock: () => NOW },
    );
    const problems =
      (report.checks[0]?.data as { problems: { code: string; path: string }[] } | undefined)?.problems ?? [];
    expect(problems.map((p) => `${p.path}:${p.code}`).sort()).toEqual([
      "id:URL_INVALID",
      "issuer:FIELD_MISSING",
      "validFrom:DATE_INVALID",
    ]);
  });

  it("answers a presentation that is not one with a report", async () => {
    const report = await verifyPresentation({
      "@context": ["https://www.w3.org/ns/credentials/v2"],
      type: ["VerifiableCredential"],
    });
    expect(report.verified).toBe(false);
    expect(report.checks.find((c) => c.name === "structure")).toMatchObject({
      outcome: "fail",
      code: "TYPE_MISSING",
    });
  });
});

describe("issueCredential refuses the same input before signing", () => {
  const issuable = CASES.filter(
    ([name, , checkName, code]) =>
      checkName === "structure" && code !== "MALFORMED_JSON" && !name.includes("envelope"),
  );
  it.each(issuable)("%s", async (_name, build, _check, code) => {
    const signer = createSigner(issuer.pair, issuer.keyId);
    const attempt = issueCredential(build(), { signer, clock: () => NOW });
    await expect(attempt).rejects.toBeInstanceOf(LearnbridgeError);
    await expect(attempt).rejects.toMatchObject({ code });
  });

  it.each([
    [
      "an unknown context",
      edit((c) => (c["@context"] as string[]).push("https://evil.example/context.json")),
      "CONTEXT_UNKNOWN",
    ],
    ["an undefined term", edit((c) => (c.favouriteColour = "blue")), "TERM_UNDEFINED"],
    [
      "a credential that already has a proof",
      edit((c) => (c.proof = { type: "DataIntegrityProof" })),
      "FIELD_INVALID",
    ],
    [
      "a key that is not the issuer's",
      edit((c) => ((c.issuer as Json).id = "did:example:someone-else")),
      "KEY_CONTROLLER_MISMATCH",
    ],
    [
      "an achievement without a name (OB 3.0 schema)",
      edit((c) => delete ((c.credentialSubject as Json).achievement as Json).name),
      "SCHEMA_INVALID",
    ],
  ])("%s is refused with %s", async (_name, build, code) => {
    for (const format of ["ldp_vc", "jwt_vc"] as const) {
      const attempt = issueCredential(build(), {
        signer: createSigner(issuer.pair, issuer.keyId),
        format,
        clock: () => NOW,
      });
      await expect(attempt).rejects.toMatchObject({ code });
    }
  });
});
