import { describe, expect, it } from "vitest";
import { expectProblem } from "../test-support/expect-problem.ts";
import { issueViaApi, postJson, testCentre } from "../test-support/test-centre.ts";

const failing = (body: Record<string, unknown>) =>
  (body.checks as { name: string; outcome: string; code: string }[])
    .filter((c) => c.outcome === "fail")
    .map((c) => `${c.name}:${c.code}`);

describe("POST /credentials/verify", () => {
  for (const format of ["ldp_vc", "jwt_vc"] as const) {
    it(`verifies a ${format} the centre issued: 200 with every check, resolving its own did:web`, async () => {
      const centre = await testCentre();
      const verifiableCredential = await issueViaApi(centre, { format });
      const response = await postJson(centre.app, "/credentials/verify", { verifiableCredential });
      expect(response.status).toBe(200);
      expect(response.headers.get("access-control-allow-origin")).toBe("*");
      const report = (await response.json()) as Record<string, unknown>;
      expect(report.verified).toBe(true);
      expect(report.checks).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ name: "proof", outcome: "pass" }),
          expect.objectContaining({ name: "status", outcome: "pass" }),
        ]),
      );
    });
  }

  it("answers 422 with the report when the status check finds the credential revoked", async () => {
    const centre = await testCentre();
    const verifiableCredential = await issueViaApi(centre);
    const revoke = await postJson(
      centre.app,
      "/credentials/status",
      {
        credentialId: verifiableCredential.id,
        credentialStatus: [{ type: "BitstringStatusListEntry", status: "revoked" }],
      },
      { token: await centre.token("revoke") },
    );
    expect(revoke.status).toBe(200);
    const response = await postJson(centre.app, "/credentials/verify", { verifiableCredential });
    const problem = await expectProblem(response, 422, "STATUS_REVOKED");
    expect(problem.verified).toBe(false);
    expect(failing(problem)).toEqual(["status:STATUS_REVOKED"]);
  });

  it("answers 422 naming the proof for a tampered credential", async () => {
    const centre = await testCentre();
    const vc = await issueViaApi(centre);
    const tampered = { ...vc, name: "Something else entirely" };
    const problem = await expectProblem(
      await postJson(centre.app, "/credentials/verify", { verifiableCredential: tampered }),
      422,
      "PROOF_INVALID",
    );
    expect(failing(problem)).toContain("proof:PROOF_INVALID");
  });

  it("answers 422 for an unsigned or malformed credential, 400 for a malformed request", async () => {
    const { app } = await testCentre();
    await expectProblem(await postJson(app, "/credentials/verify", { verifiableCredential: { a: 1 } }), 422);
    await expectProblem(await postJson(app, "/credentials/verify", "{oops"), 400, "MALFORMED_JSON");
    const missing = await expectProblem(await postJson(app, "/credentials/verify", {}), 400, "BAD_REQUEST");
    expect(missing.field).toBe("verifiableCredential");
    const options = await postJson(app, "/credentials/verify", { verifiableCredential: {}, options: 3 });
    await expectProblem(options, 400, "BAD_REQUEST");
  });
});
