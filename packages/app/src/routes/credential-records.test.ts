import { describe, expect, it } from "vitest";
import { expectProblem } from "../test-support/expect-problem.ts";
import {
  getWith,
  issueViaApi,
  postJson,
  testCentre,
  unsignedCredential,
} from "../test-support/test-centre.ts";

describe("GET /credentials/:id", () => {
  it("returns the credential and its state for an issue or revoke key; 404 for an unknown id", async () => {
    const centre = await testCentre();
    const vc = await issueViaApi(centre);
    const path = `/credentials/${encodeURIComponent(String(vc.id))}`;
    for (const scope of ["issue", "revoke"] as const) {
      const response = await getWith(centre.app, path, await centre.token(scope));
      expect(response.status).toBe(200);
      expect(response.headers.get("cache-control")).toBe("private, no-store");
      expect(await response.json()).toEqual({ verifiableCredential: vc, state: "active" });
    }
    const unknown = `/credentials/${encodeURIComponent("urn:uuid:00000000-0000-4000-8000-000000000000")}`;
    await expectProblem(await getWith(centre.app, unknown, await centre.token("issue")), 404, "NOT_FOUND");
  });

  it("finds an id that is a URL (slashes encoded) and returns jwt_vc enveloped", async () => {
    const centre = await testCentre();
    const id = "https://centre.example/credentials/2026/data-101?n=1";
    const credential = { ...(await unsignedCredential()), id };
    const issued = await postJson(
      centre.app,
      "/credentials/issue",
      { credential, options: { format: "jwt_vc" } },
      { token: await centre.token("issue") },
    );
    const { verifiableCredential } = (await issued.json()) as { verifiableCredential: { type: string } };
    expect(verifiableCredential.type).toBe("EnvelopedVerifiableCredential");
    const response = await getWith(
      centre.app,
      `/credentials/${encodeURIComponent(id)}`,
      await centre.token("issue"),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ verifiableCredential, state: "active" });
  });

  it("needs a key: 401 without, 403 with another scope", async () => {
    const centre = await testCentre();
    await expectProblem(await getWith(centre.app, "/credentials/urn%3Ax%3A1"), 401, "UNAUTHORIZED");
    const achievements = await centre.token("achievements");
    await expectProblem(
      await getWith(centre.app, "/credentials/urn%3Ax%3A1", achievements),
      403,
      "FORBIDDEN",
    );
  });
});

describe("GET /credentials", () => {
  it("pages newest first, filters by state, and names a bad query", async () => {
    const centre = await testCentre();
    const token = await centre.token("issue");
    const ids: unknown[] = [];
    for (let i = 0; i < 3; i++) ids.push((await issueViaApi(centre)).id);
    await centre.issuance.revoke(String(ids[0]), "test", "test");

    const first = (await (await getWith(centre.app, "/credentials?limit=2", token)).json()) as {
      credentials: { id: string; state: string }[];
      next?: string;
    };
    expect(first.credentials.map((c) => c.id)).toEqual([ids[2], ids[1]]);
    const second = (await (
      await getWith(centre.app, `/credentials?limit=2&before=${encodeURIComponent(first.next ?? "")}`, token)
    ).json()) as typeof first;
    expect(second).toEqual({ credentials: [expect.objectContaining({ id: ids[0], state: "revoked" })] });

    const revoked = (await (
      await getWith(centre.app, "/credentials?state=revoked", token)
    ).json()) as typeof first;
    expect(revoked.credentials.map((c) => c.id)).toEqual([ids[0]]);

    const other = (await issueViaApi(centre, { learner: "did:example:another-learner" })).id;
    const byLearner = (await (
      await getWith(
        centre.app,
        `/credentials?subject=${encodeURIComponent("did:example:another-learner")}`,
        token,
      )
    ).json()) as typeof first;
    expect(byLearner.credentials.map((c) => c.id)).toEqual([other]);

    for (const query of ["state=lost", "limit=0", "limit=101", "limit=two"]) {
      await expectProblem(await getWith(centre.app, `/credentials?${query}`, token), 400, "BAD_REQUEST");
    }
    await expectProblem(
      await getWith(centre.app, "/credentials", await centre.token("revoke")),
      403,
      "FORBIDDEN",
    );
  });
});
