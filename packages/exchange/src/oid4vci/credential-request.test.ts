import { LearnbridgeError } from "@learnbridge/core";
import { describe, expect, it } from "vitest";
import { readCredentialRequest } from "./credential-request.ts";

const id = "digital-skills_ldp_vc";

/** The code a refused body gets. */
function refusal(body: unknown): string {
  try {
    readCredentialRequest(body);
  } catch (error) {
    if (error instanceof LearnbridgeError) return error.code;
    throw error;
  }
  throw new Error("the request was read");
}

describe("readCredentialRequest", () => {
  it("reads OpenID4VCI 1.0 proofs", () => {
    expect(
      readCredentialRequest({ credential_configuration_id: id, proofs: { jwt: ["a.b.c", "d.e.f"] } }),
    ).toEqual({ configurationId: id, byIdentifier: false, proofs: ["a.b.c", "d.e.f"] });
  });

  it("reads the drafts' singular jwt proof as proofs.jwt[0], only when proofs is absent", () => {
    const draft = { credential_identifier: id, proof: { proof_type: "jwt", jwt: "a.b.c" }, format: "ldp_vc" };
    expect(readCredentialRequest(draft)).toEqual({
      configurationId: id,
      byIdentifier: true,
      proofs: ["a.b.c"],
    });
  });

  it("refuses a request with both, and draft proofs of another shape or type", () => {
    const jwt = { proof_type: "jwt", jwt: "a.b.c" };
    expect(refusal({ credential_configuration_id: id, proofs: { jwt: ["a.b.c"] }, proof: jwt })).toBe(
      "BAD_REQUEST",
    );
    expect(refusal({ credential_configuration_id: id, proofs: null, proof: jwt })).toBe("BAD_REQUEST");
    expect(refusal({ credential_configuration_id: id, proof: "a.b.c" })).toBe("BAD_REQUEST");
    expect(refusal({ credential_configuration_id: id, proof: [jwt] })).toBe("BAD_REQUEST");
    for (const proof of [
      { proof_type: "ldp_vp", ldp_vp: {} },
      { proof_type: "cwt", cwt: "x" },
      { jwt: "a.b.c" },
      { proof_type: "jwt" },
      { proof_type: "jwt", jwt: ["a.b.c"] },
    ]) {
      expect(refusal({ credential_configuration_id: id, proof }), JSON.stringify(proof)).toBe(
        "HOLDER_PROOF_INVALID",
      );
    }
    expect(refusal({ credential_configuration_id: id })).toBe("HOLDER_PROOF_INVALID");
  });
});
