/**
 * The Worker root as deployed: the bundle wrangler builds, run in workerd (Miniflare) against a real sqld on
 * loopback. Issue, publish, verify, revoke, verify again; and a Worker without MASTER_KEY refuses to serve.
 * Requests are dispatched in-process; the only sockets are loopback ones (workerd -> sqld).
 */
import { describe, expect, it } from "vitest";
import { b64url, newAdminToken, workerHarness } from "./worker-harness.ts";

const ORIGIN = "https://worker-centre.example";
const ADMIN_TOKEN = newAdminToken();

const CREDENTIAL = {
  "@context": [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
  ],
  type: ["VerifiableCredential", "OpenBadgeCredential"],
  name: "Solar Installation Basics",
  credentialSubject: {
    type: ["AchievementSubject"],
    id: "did:example:learner-lima",
    achievement: {
      id: `${ORIGIN}/achievements/solar-101`,
      type: ["Achievement"],
      name: "Solar Installation Basics",
      description: "Safe installation of small photovoltaic systems.",
      criteria: { narrative: "Passed the practical assessment." },
    },
  },
};

const harness = workerHarness();

async function worker(bindings: Record<string, string>) {
  return (await harness.centre(ORIGIN, bindings)).call;
}

describe("the centre on Workers (built bundle in workerd, sqld on loopback)", () => {
  it("publishes its DID, issues, serves the status list, verifies, revokes", async () => {
    const call = await worker({ MASTER_KEY: b64url(32), ADMIN_TOKEN });
    const did = "did:web:worker-centre.example";
    const document = await call("/.well-known/did.json");
    expect(document.status).toBe(200);
    expect(document.body.id).toBe(did);

    const issued = await call("/credentials/issue", {
      method: "POST",
      token: ADMIN_TOKEN,
      body: { credential: CREDENTIAL },
    });
    expect(issued.status).toBe(201);
    const vc = issued.body.verifiableCredential;
    expect(vc.issuer).toBe(did);
    expect(vc.proof.verificationMethod.startsWith(`${did}#`)).toBe(true);

    const verified = await call("/credentials/verify", {
      method: "POST",
      body: { verifiableCredential: vc },
    });
    expect(verified.status).toBe(200);
    expect(verified.body.verified).toBe(true);

    const listUrl = new URL(vc.credentialStatus.statusListCredential);
    expect(listUrl.origin).toBe(ORIGIN);
    const list = await call(listUrl.pathname);
    expect(list.status).toBe(200);
    expect(list.body.type).toContain("BitstringStatusListCredential");
    expect(list.body.issuer).toBe(did);
    expect(list.body.proof).toBeDefined();

    const revoked = await call("/credentials/status", {
      method: "POST",
      token: ADMIN_TOKEN,
      body: {
        credentialId: vc.id,
        credentialStatus: [{ type: "BitstringStatusListEntry", status: "revoked" }],
      },
    });
    expect(revoked.status).toBe(200);
    const after = await call("/credentials/verify", { method: "POST", body: { verifiableCredential: vc } });
    expect(after.status).toBe(422);
    expect(after.body.checks.find((c: { name: string }) => c.name === "status")).toMatchObject({
      outcome: "fail",
      code: "STATUS_REVOKED",
    });
  });

  it("without MASTER_KEY answers 500 with a problem naming it", async () => {
    // The configuration is refused before any database is reached.
    const call = await worker({ DATABASE_URL: "http://127.0.0.1:1" });
    const answer = await call("/.well-known/did.json");
    expect(answer.status).toBe(500);
    expect(answer.type).toBe("application/problem+json");
    expect(answer.body).toMatchObject({ status: 500, code: "INTERNAL" });
    expect(answer.body.detail).toContain("MASTER_KEY");
    expect(answer.body.problems).toEqual([{ variable: "MASTER_KEY", reason: expect.any(String) }]);
  });

  it("with its database unreachable answers 500 and retries on the next request", async () => {
    // Port 1 on loopback: nothing listens there, so the connection is refused at once.
    const call = await worker({ DATABASE_URL: "http://127.0.0.1:1", MASTER_KEY: b64url(32) });
    for (let attempt = 0; attempt < 2; attempt++) {
      const answer = await call("/.well-known/did.json");
      expect(answer.status).toBe(500);
      expect(answer.body).toMatchObject({
        code: "INTERNAL",
        detail: expect.stringContaining("could not start"),
      });
    }
  });
});
