import { describe, expect, it } from "vitest";
import { expectProblem } from "../test-support/expect-problem.ts";
import { getWith, postJson, testCentre, unsignedCredential } from "../test-support/test-centre.ts";

describe("request bodies", () => {
  it("refuses a body over the limit: 413, by Content-Length or while streaming", async () => {
    const { app } = await testCentre({ limits: { maxBodyBytes: 1024 } });
    const big = JSON.stringify({ verifiableCredential: { pad: "x".repeat(2000) } });
    const declared = await app.request("/credentials/verify", {
      method: "POST",
      body: big,
      headers: { "Content-Type": "application/json", "Content-Length": String(big.length) },
    });
    await expectProblem(declared, 413, "PAYLOAD_TOO_LARGE");
    const streamed = await app.request("/credentials/verify", {
      method: "POST",
      body: new Blob([big]).stream(),
      headers: { "Content-Type": "application/json" },
      duplex: "half",
    } as RequestInit);
    await expectProblem(streamed, 413, "PAYLOAD_TOO_LARGE");
  });

  it("refuses a body that is not JSON by media type: 415; accepts application/*+json", async () => {
    const { app } = await testCentre();
    for (const type of ["text/plain", "application/x-www-form-urlencoded", undefined]) {
      const response = await app.request("/credentials/verify", {
        method: "POST",
        body: "{}",
        headers: type ? { "Content-Type": type } : {},
      });
      await expectProblem(response, 415, "UNSUPPORTED_MEDIA_TYPE");
    }
    const ld = await postJson(
      app,
      "/credentials/verify",
      {},
      { headers: { "Content-Type": "application/ld+json" } },
    );
    await expectProblem(ld, 400, "BAD_REQUEST");
    expect((await app.request("/challenges", { method: "POST" })).status).toBe(200);
  });
});

describe("bearer keys", () => {
  it("401 for a malformed, unknown or revoked key; the key works until revoked", async () => {
    const centre = await testCentre();
    const token = await centre.token("issue");
    expect((await getWith(centre.app, "/credentials", token)).status).toBe(200);
    const altered = `${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`;
    for (const authorization of ["Basic dXNlcjpwYXNz", "Bearer", `Bearer ${altered}`]) {
      const response = await centre.app.request("/credentials", {
        headers: { Authorization: authorization },
      });
      await expectProblem(response, 401, "UNAUTHORIZED");
      expect(response.headers.get("www-authenticate")).toMatch(/^Bearer realm="learnbridge"/);
    }
    const [key] = await centre.apiKeys.list();
    await centre.apiKeys.revoke(key?.id ?? "", "2026-06-01T00:00:00Z");
    const revoked = await getWith(centre.app, "/credentials", token);
    await expectProblem(revoked, 401, "UNAUTHORIZED");
    expect(revoked.headers.get("www-authenticate")).toContain('error="invalid_token"');
    const issued = await postJson(
      centre.app,
      "/credentials/issue",
      { credential: await unsignedCredential() },
      { token },
    );
    await expectProblem(issued, 401, "UNAUTHORIZED");
  });

  it("gives staff routes no CORS and public routes any origin", async () => {
    const { app } = await testCentre();
    const origin = { Origin: "https://employer.example" };
    const preflight = await app.request("/credentials/verify", {
      method: "OPTIONS",
      headers: { ...origin, "Access-Control-Request-Method": "POST" },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("*");
    expect(preflight.headers.get("access-control-allow-credentials")).toBeNull();
    const staff = await app.request("/credentials", { headers: origin });
    expect(staff.headers.get("access-control-allow-origin")).toBeNull();
  });
});

describe("client address", () => {
  it("believes CF-Connecting-IP, else the last X-Forwarded-For hop, only behind a trusted proxy", async () => {
    const addresses: Record<string, string>[] = [
      { "CF-Connecting-IP": "2001:db8::7", "X-Forwarded-For": "203.0.113.1" },
      { "X-Forwarded-For": "203.0.113.1, 198.51.100.2" },
      { "X-Forwarded-For": "<script>" },
      {},
    ];
    const origins: (string | undefined)[] = [];
    for (const headers of addresses) {
      const centre = await testCentre({ trustProxy: true });
      const token = await centre.token("issue");
      await postJson(
        centre.app,
        "/credentials/issue",
        { credential: await unsignedCredential() },
        { token, headers },
      );
      origins.push((await centre.audit.list())[0]?.origin);
    }
    expect(origins).toEqual(["2001:db8::7", "198.51.100.2", "unknown", "unknown"]);
  });
});
