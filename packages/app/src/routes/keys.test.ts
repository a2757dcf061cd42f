import { describe, expect, it } from "vitest";
import { expectProblem } from "../test-support/expect-problem.ts";
import { CENTRE_DID, getWith, issueViaApi, postJson, testCentre } from "../test-support/test-centre.ts";

const rotate = (centre: Awaited<ReturnType<typeof testCentre>>, token?: string) =>
  centre.app.request("/keys/rotate", {
    method: "POST",
    ...(token ? { headers: { Authorization: `Bearer ${token}` } } : {}),
  });

const signerOf = (vc: Record<string, unknown>) =>
  (vc.proof as { verificationMethod: string }).verificationMethod;

describe("POST /keys/rotate", () => {
  it("signs with a new key from then on; credentials signed before and after both verify", async () => {
    const centre = await testCentre();
    const before = await issueViaApi(centre);
    const response = await rotate(centre, await centre.token("admin"));
    expect(response.status).toBe(200);
    const rotated = (await response.json()) as {
      verificationMethod: string;
      keyId: string;
      retired: string[];
    };
    expect(rotated.verificationMethod).toBe(`${CENTRE_DID}#${rotated.keyId}`);
    expect(rotated.retired.map((id) => `${CENTRE_DID}#${id}`)).toEqual([signerOf(before)]);

    const after = await issueViaApi(centre);
    expect(signerOf(after)).toBe(rotated.verificationMethod);
    for (const vc of [before, after]) {
      const verified = await postJson(centre.app, "/credentials/verify", { verifiableCredential: vc });
      expect(verified.status).toBe(200);
    }
    const document = (await (await getWith(centre.app, "/.well-known/did.json")).json()) as {
      assertionMethod: string[];
    };
    expect(document.assertionMethod).toEqual(expect.arrayContaining([signerOf(before), signerOf(after)]));
    expect((await centre.audit.list()).map((e) => [e.action, e.subject])).toContainEqual([
      "key.rotate",
      rotated.verificationMethod,
    ]);
  });

  it("needs an admin key", async () => {
    const centre = await testCentre();
    await expectProblem(await rotate(centre), 401, "UNAUTHORIZED");
    await expectProblem(await rotate(centre, await centre.token("issue", "revoke", "achievements")), 403);
  });
});
