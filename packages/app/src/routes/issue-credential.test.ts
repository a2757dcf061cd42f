import { describe, expect, it } from "vitest";
import { expectProblem } from "../test-support/expect-problem.ts";
import { CENTRE_DID, postJson, testCentre, unsignedCredential } from "../test-support/test-centre.ts";

const issue = async (body: unknown, init: { token?: string; headers?: Record<string, string> } = {}) => {
  const centre = await testCentre();
  const token = init.token ?? (await centre.token("issue"));
  return { centre, response: await postJson(centre.app, "/credentials/issue", body, { ...init, token }) };
};

describe("POST /credentials/issue", () => {
  it("issues a Data Integrity credential: 201, Location, stored, audited with key and address", async () => {
    const centre = await testCentre({ trustProxy: true });
    const token = await centre.token("issue");
    const response = await postJson(
      centre.app,
      "/credentials/issue",
      { credential: await unsignedCredential() },
      { token, headers: { "X-Forwarded-For": "203.0.113.9, 198.51.100.7" } },
    );
    expect(response.status).toBe(201);
    const { verifiableCredential: vc } = (await response.json()) as {
      verifiableCredential: {
        id: string;
        issuer: { id: string };
        proof: { type: string };
        credentialStatus: { statusListCredential: string };
      };
    };
    expect(vc.issuer.id).toBe(CENTRE_DID);
    expect(vc.proof.type).toBe("DataIntegrityProof");
    expect(vc.credentialStatus.statusListCredential).toMatch(/^https:\/\/centre\.example\/status\//);
    expect(response.headers.get("location")).toBe(
      `https://centre.example/credentials/${encodeURIComponent(vc.id)}`,
    );
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    const [entry] = await centre.audit.list();
    const [key] = await centre.apiKeys.list();
    expect(entry).toMatchObject({
      action: "credential.issue",
      subject: vc.id,
      actor: key?.id,
      origin: "198.51.100.7",
    });
  });

  it("issues vc+jwt as an EnvelopedVerifiableCredential", async () => {
    const { response } = await issue({
      credential: await unsignedCredential(),
      options: { format: "jwt_vc" },
    });
    expect(response.status).toBe(201);
    const { verifiableCredential } = (await response.json()) as {
      verifiableCredential: Record<string, string>;
    };
    expect(verifiableCredential.type).toBe("EnvelopedVerifiableCredential");
    expect(verifiableCredential.id).toMatch(/^data:application\/vc\+jwt,ey[\w-]+\.[\w-]+\.[\w-]+$/);
  });

  it("returns the first credential (200) for a retried requestKey and issues nothing more", async () => {
    const centre = await testCentre();
    const token = await centre.token("issue");
    const body = { credential: await unsignedCredential(), options: { requestKey: "job-1:row-1" } };
    const first = await postJson(centre.app, "/credentials/issue", body, { token });
    const again = await postJson(centre.app, "/credentials/issue", body, { token });
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(await again.json()).toEqual(await first.json());
    expect(await centre.credentials.list()).toHaveLength(1);
  });

  it("records the address as unknown unless a proxy is trusted", async () => {
    const { centre } = await issue(
      { credential: await unsignedCredential() },
      { headers: { "X-Forwarded-For": "203.0.113.9", "CF-Connecting-IP": "203.0.113.9" } },
    );
    expect((await centre.audit.list())[0]?.origin).toBe("unknown");
  });

  it("names what is wrong with the request: 400", async () => {
    const cases: [unknown, string, string?][] = [
      ["{not json", "MALFORMED_JSON"],
      ["", "MALFORMED_JSON"],
      [[1, 2], "BAD_REQUEST"],
      [{}, "BAD_REQUEST", "credential"],
      [{ credential: "text" }, "BAD_REQUEST", "credential"],
      [{ credential: {}, options: [] }, "BAD_REQUEST", "options"],
      [{ credential: {}, options: { format: "mso_mdoc" } }, "BAD_REQUEST", "options.format"],
      [{ credential: {}, options: { requestKey: 7 } }, "BAD_REQUEST", "options.requestKey"],
    ];
    for (const [body, code, field] of cases) {
      const problem = await expectProblem((await issue(body)).response, 400, code);
      if (field) expect(problem.field).toBe(field);
    }
  });

  it("passes the engine's validation errors on as 422 problems with every problem listed", async () => {
    const missing = await unsignedCredential();
    delete (missing as Record<string, unknown>).credentialSubject;
    const problem = await expectProblem(
      (await issue({ credential: missing })).response,
      422,
      "FIELD_MISSING",
    );
    expect(problem.problems).toEqual(
      expect.arrayContaining([expect.objectContaining({ code: "FIELD_MISSING" })]),
    );

    const foreign = await unsignedCredential(undefined, "did:web:elsewhere.example");
    await expectProblem((await issue({ credential: foreign })).response, 422, "FIELD_INVALID");
  });

  it("refuses a credential id issued before: 409", async () => {
    const centre = await testCentre();
    const token = await centre.token("issue");
    const credential = {
      ...(await unsignedCredential()),
      id: "urn:uuid:0d2b7c8e-1f53-4d6a-9d1e-8f3c2a1b0c9d",
    };
    expect((await postJson(centre.app, "/credentials/issue", { credential }, { token })).status).toBe(201);
    await expectProblem(
      await postJson(centre.app, "/credentials/issue", { credential }, { token }),
      409,
      "CONFLICT",
    );
  });

  it("needs a bearer key with scope issue: 401 / 403", async () => {
    const centre = await testCentre();
    const body = { credential: await unsignedCredential() };
    const none = await postJson(centre.app, "/credentials/issue", body);
    await expectProblem(none, 401, "UNAUTHORIZED");
    expect(none.headers.get("www-authenticate")).toBe('Bearer realm="learnbridge"');
    const revokeOnly = await postJson(centre.app, "/credentials/issue", body, {
      token: await centre.token("revoke"),
    });
    await expectProblem(revokeOnly, 403, "FORBIDDEN");
    expect(await centre.credentials.list()).toHaveLength(0);
  });
});
