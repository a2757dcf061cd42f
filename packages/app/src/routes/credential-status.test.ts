import { describe, expect, it } from "vitest";
import { expectProblem } from "../test-support/expect-problem.ts";
import { issueViaApi, postJson, testCentre, unsignedCredential } from "../test-support/test-centre.ts";

const REVOKED = [{ type: "BitstringStatusListEntry", status: "revoked" }];

describe("POST /credentials/status", () => {
  it("revokes: 200, state recorded, audited with the key; again is 409; unknown is 404", async () => {
    const centre = await testCentre();
    const vc = await issueViaApi(centre);
    const token = await centre.token("revoke");
    const body = { credentialId: vc.id, credentialStatus: REVOKED, reason: "issued in error" };
    const response = await postJson(centre.app, "/credentials/status", body, { token });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ credentialId: vc.id, state: "revoked" });
    expect((await centre.credentials.get(String(vc.id)))?.state).toBe("revoked");
    const keys = await centre.apiKeys.list();
    expect((await centre.audit.list()).at(-1)).toMatchObject({
      action: "credential.revoke",
      subject: vc.id,
      actor: keys.find((k) => k.scopes.includes("revoke"))?.id,
      details: { reason: "issued in error" },
    });
    await expectProblem(await postJson(centre.app, "/credentials/status", body, { token }), 409, "CONFLICT");
    const unknown = {
      credentialId: "urn:uuid:00000000-0000-4000-8000-000000000000",
      credentialStatus: REVOKED,
    };
    await expectProblem(
      await postJson(centre.app, "/credentials/status", unknown, { token }),
      404,
      "NOT_FOUND",
    );
  });

  it("names what is wrong with the request: 400", async () => {
    const centre = await testCentre();
    const token = await centre.token("revoke");
    const cases: [unknown, string][] = [
      [{ credentialStatus: REVOKED }, "credentialId"],
      [{ credentialId: "urn:x:1" }, "credentialStatus"],
      [{ credentialId: "urn:x:1", credentialStatus: [] }, "credentialStatus"],
      [
        { credentialId: "urn:x:1", credentialStatus: [{ type: "StatusList2021Entry" }] },
        "credentialStatus[0].type",
      ],
      [
        {
          credentialId: "urn:x:1",
          credentialStatus: [{ type: "BitstringStatusListEntry", status: "lost" }],
        },
        "credentialStatus[0].status",
      ],
      [{ credentialId: "urn:x:1", credentialStatus: [...REVOKED, ...REVOKED] }, "credentialStatus"],
      [{ credentialId: "urn:x:1", credentialStatus: REVOKED, reason: "x".repeat(501) }, "reason"],
    ];
    for (const [body, field] of cases) {
      const problem = await expectProblem(
        await postJson(centre.app, "/credentials/status", body, { token }),
        400,
        "BAD_REQUEST",
      );
      expect(problem.field).toBe(field);
    }
  });

  it("needs scope revoke (admin holds every scope)", async () => {
    const centre = await testCentre();
    const vc = await issueViaApi(centre);
    const body = { credentialId: vc.id, credentialStatus: REVOKED };
    await expectProblem(await postJson(centre.app, "/credentials/status", body), 401, "UNAUTHORIZED");
    const issueOnly = await postJson(centre.app, "/credentials/status", body, {
      token: await centre.token("issue"),
    });
    const problem = await expectProblem(issueOnly, 403, "FORBIDDEN");
    expect(problem.requiredScopes).toEqual(["revoke"]);
    expect(issueOnly.headers.get("www-authenticate")).toContain('error="insufficient_scope", scope="revoke"');
    const admin = await postJson(centre.app, "/credentials/status", body, {
      token: await centre.token("admin"),
    });
    expect(admin.status).toBe(200);
  });

  it("suspends and reinstates a credential that carries a suspension entry; an Open Badge cannot be", async () => {
    const centre = await testCentre();
    const token = await centre.token("issue", "revoke");
    // A plain VC 2.0 credential (not an Open Badge) gets both a revocation and a suspension entry.
    const { type: _type, ...rest } = await unsignedCredential();
    const plain = {
      ...rest,
      "@context": ["https://www.w3.org/ns/credentials/v2", "https://www.w3.org/ns/credentials/examples/v2"],
      type: ["VerifiableCredential", "CourseCompletion"],
      credentialSubject: { id: "did:example:learner-1", completed: "Data Analysis Foundations" },
      credentialSchema: undefined,
    };
    delete plain.credentialSchema;
    const issued = await postJson(centre.app, "/credentials/issue", { credential: plain }, { token });
    expect(issued.status).toBe(201);
    const vc = ((await issued.json()) as { verifiableCredential: Record<string, unknown> })
      .verifiableCredential;
    expect((vc.credentialStatus as { statusPurpose: string }[]).map((e) => e.statusPurpose)).toEqual([
      "revocation",
      "suspension",
    ]);
    const verify = async () =>
      (await postJson(centre.app, "/credentials/verify", { verifiableCredential: vc })).json() as Promise<{
        checks: { name: string; outcome: string; code: string }[];
      }>;
    const statusOf = async () =>
      (await verify()).checks.filter((c) => c.name === "status").map((c) => `${c.outcome}:${c.code}`);
    expect(await statusOf()).toEqual(["pass:OK", "pass:OK"]);

    const change = (status: string) =>
      postJson(
        centre.app,
        "/credentials/status",
        {
          credentialId: vc.id,
          credentialStatus: [{ type: "BitstringStatusListEntry", status }],
          reason: "exam review",
        },
        { token },
      );
    expect((await change("suspended")).status).toBe(200);
    expect(await statusOf()).toEqual(["pass:OK", "fail:STATUS_SUSPENDED"]);
    expect((await centre.credentials.get(String(vc.id)))?.state).toBe("suspended");
    await expectProblem(await change("suspended"), 409, "CONFLICT");
    expect((await change("active")).status).toBe(200);
    expect(await statusOf()).toEqual(["pass:OK", "pass:OK"]);
    await expectProblem(await change("active"), 409, "CONFLICT");
    expect((await centre.audit.list()).map((e) => e.action).slice(-2)).toEqual([
      "credential.suspend",
      "credential.unsuspend",
    ]);

    const badge = await issueViaApi(centre);
    expect(Array.isArray(badge.credentialStatus)).toBe(false);
    const refused = await postJson(
      centre.app,
      "/credentials/status",
      {
        credentialId: badge.id,
        credentialStatus: [{ type: "BitstringStatusListEntry", status: "suspended" }],
      },
      { token },
    );
    await expectProblem(refused, 409, "CONFLICT");
  });
});
