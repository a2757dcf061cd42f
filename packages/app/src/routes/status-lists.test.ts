import { createKeyResolver, verifyCredential } from "@learnbridge/credentials";
import { describe, expect, it } from "vitest";
import { expectProblem } from "../test-support/expect-problem.ts";
import { CENTRE_DID, issueViaApi, NOW, testCentre } from "../test-support/test-centre.ts";

describe("GET /status/:listId", () => {
  it("serves the list signed by the centre; its proof verifies; revocation shows at once", async () => {
    const centre = await testCentre();
    const vc = await issueViaApi(centre);
    const entry = vc.credentialStatus as { statusListCredential: string; statusListIndex: string };
    const fetchList = async () => {
      const response = await centre.app.request(entry.statusListCredential);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("application/vc+ld+json");
      expect(response.headers.get("cache-control")).toBe("public, max-age=60");
      expect(response.headers.get("access-control-allow-origin")).toBe("*");
      return (await response.json()) as { credentialSubject: { encodedList: string } };
    };
    const list = await fetchList();
    expect(list).toMatchObject({
      id: entry.statusListCredential,
      issuer: CENTRE_DID,
      type: ["VerifiableCredential", "BitstringStatusListCredential"],
      credentialSubject: { statusPurpose: "revocation" },
    });
    // The list is itself a credential (without a status of its own): verify it as one.
    const documents = new Map([[CENTRE_DID, await centre.keys.didDocument()]]);
    const report = await verifyCredential(list, {
      resolveKey: createKeyResolver({ documents }),
      clock: () => NOW,
    });
    expect(report.checks.filter((c) => c.outcome === "fail")).toEqual([]);
    expect(report.checks.find((c) => c.name === "proof")?.outcome).toBe("pass");
    expect(report.checks.find((c) => c.name === "status")?.code).toBe("NOT_APPLICABLE");

    await centre.app.request("/credentials/status", {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        Authorization: `Bearer ${await centre.token("revoke")}`,
      },
      body: JSON.stringify({
        credentialId: vc.id,
        credentialStatus: [{ type: "BitstringStatusListEntry", status: "revoked" }],
      }),
    });
    expect((await fetchList()).credentialSubject.encodedList).not.toBe(list.credentialSubject.encodedList);
  });

  it("answers 404 for a list it does not have", async () => {
    const { app } = await testCentre();
    await expectProblem(await app.request("/status/no-such-list"), 404, "NOT_FOUND");
  });
});
