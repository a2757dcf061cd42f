/** Which entries of `verifiableCredential` a presentation can carry, and the code for each it cannot. */
import { describe, expect, it } from "vitest";
import {
  presentedCredentialProblem,
  presentedCredentialProblems,
  withoutRefusedCredentials,
} from "./presented-credentials.ts";

const V2 = "https://www.w3.org/ns/credentials/v2";
// Shaped as a compact JWS; nothing here decodes it.
const JWT = "eyJhbGciOiJFZERTQSIsInR5cCI6InZjK2p3dCJ9.eyJpc3MiOiJkaWQ6ZXhhbXBsZToxIn0.c2lnbmF0dXJl";
const credential = { "@context": [V2], type: ["VerifiableCredential"] };
const envelope = {
  "@context": V2,
  type: "EnvelopedVerifiableCredential",
  id: `data:application/vc+jwt,${JWT}`,
};

describe("presentedCredentialProblem", () => {
  it("carries a credential object and an envelope, each with its own @context", () => {
    expect(presentedCredentialProblem(credential, "verifiableCredential[0]")).toBeUndefined();
    expect(presentedCredentialProblem(envelope, "verifiableCredential[0]")).toBeUndefined();
  });

  it.each([
    ["a bare JWT", JWT],
    ["a bare JWT with white space around it", `\n ${JWT} `],
    ["an unsigned JWT (empty signature)", JWT.replace(/[^.]*$/, "")],
  ])("names %s CREDENTIAL_NOT_ENVELOPED, at its index", (_name, entry) => {
    expect(presentedCredentialProblem(entry, "verifiableCredential[2]")).toMatchObject({
      code: "CREDENTIAL_NOT_ENVELOPED",
      path: "verifiableCredential[2]",
      message: expect.stringContaining("EnvelopedVerifiableCredential"),
    });
  });

  it("lets a VC 1.1 JWT presentation carry JWS strings, and nothing else that is not an object", () => {
    expect(presentedCredentialProblem(JWT, "verifiableCredential[0]", { jwtVp: true })).toBeUndefined();
    expect(presentedCredentialProblem(42, "verifiableCredential[0]", { jwtVp: true })?.code).toBe(
      "FIELD_INVALID",
    );
  });

  it.each([
    ["a URL (a reference is not a credential)", "https://centre.example/credentials/1"],
    ["JSON text of a credential", JSON.stringify(credential)],
    ["a number", 42],
    ["true", true],
    ["null", null],
    ["a nested array", [credential]],
  ])("refuses %s with FIELD_INVALID", (_name, entry) => {
    expect(presentedCredentialProblem(entry, "verifiableCredential[0]")).toMatchObject({
      code: "FIELD_INVALID",
      path: "verifiableCredential[0]",
    });
  });

  it("refuses an object without @context with CONTEXT_MISSING at its @context", () => {
    const { "@context": _context, ...bare } = credential;
    expect(presentedCredentialProblem(bare, "verifiableCredential[1]")).toMatchObject({
      code: "CONTEXT_MISSING",
      path: "verifiableCredential[1].@context",
    });
  });
});

describe("presentedCredentialProblems", () => {
  it("lists every refused entry by index, and names a single entry without one", () => {
    const problems = presentedCredentialProblems({ verifiableCredential: [credential, JWT, 7, envelope] });
    expect(problems.map((p) => `${p.path}:${p.code}`)).toEqual([
      "verifiableCredential[1]:CREDENTIAL_NOT_ENVELOPED",
      "verifiableCredential[2]:FIELD_INVALID",
    ]);
    expect(presentedCredentialProblems({ verifiableCredential: JWT })).toMatchObject([
      { path: "verifiableCredential", code: "CREDENTIAL_NOT_ENVELOPED" },
    ]);
    expect(presentedCredentialProblems({})).toEqual([]);
  });
});

describe("withoutRefusedCredentials", () => {
  it("keeps the entries it can carry, in order, and counts the rest", () => {
    const presentation = { "@context": [V2], verifiableCredential: [JWT, credential, 7, envelope] };
    expect(withoutRefusedCredentials(presentation)).toEqual({
      document: { "@context": [V2], verifiableCredential: [credential, envelope] },
      refused: 2,
    });
    expect(presentation.verifiableCredential).toHaveLength(4); // the input is not changed
  });

  it("drops the property when nothing is left, and returns the same document when nothing is refused", () => {
    expect(withoutRefusedCredentials({ type: "VerifiablePresentation", verifiableCredential: JWT })).toEqual({
      document: { type: "VerifiablePresentation" },
      refused: 1,
    });
    const fine = { verifiableCredential: [credential] };
    expect(withoutRefusedCredentials(fine).document).toBe(fine);
    expect(withoutRefusedCredentials({}).refused).toBe(0);
  });
});
