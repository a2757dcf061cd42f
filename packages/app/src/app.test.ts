import { describe, expect, it, vi } from "vitest";
import { MemoryChallengeStore } from "./challenges.ts";
import { createCentreApp } from "./index.ts";
import { expectProblem } from "./test-support/expect-problem.ts";
import { CENTRE_URL, getWith, postJson, testCentre } from "./test-support/test-centre.ts";

describe("createCentreApp", () => {
  it("answers health with security headers and a request id", async () => {
    const { app } = await testCentre();
    const response = await app.request("/health");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
    expect(response.headers.get("x-request-id")).toMatch(/^[\w-]+$/);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("content-security-policy")).toContain("default-src 'none'");
  });

  it("describes every registered route in its OpenAPI document", async () => {
    const { app } = await testCentre();
    const document = (await (await app.request("/openapi.json")).json()) as {
      openapi: string;
      servers: { url: string }[];
      paths: Record<string, Record<string, unknown>>;
    };
    expect(document.openapi).toBe("3.1.0");
    expect(document.servers).toEqual([{ url: CENTRE_URL }]);
    // Middleware registrations are method ALL; a route with middleware in its chain is listed once per handler.
    const routes = new Set(
      app.routes
        .filter((r) => r.method !== "ALL")
        .map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:(\w+)/g, "{$1}")}`),
    );
    const described = Object.entries(document.paths).flatMap(([p, ops]) =>
      Object.keys(ops).map((m) => `${m} ${p}`),
    );
    expect(routes.size).toBe(27);
    expect(new Set(described)).toEqual(routes);
  });

  it("answers an unknown path with a 404 problem", async () => {
    const { app } = await testCentre();
    await expectProblem(await app.request("/nope"), 404, "NOT_FOUND");
  });

  it("titles problems in the request's language (?lang= first, then Accept-Language)", async () => {
    const { app } = await testCentre();
    const fr = await app.request("/credentials?lang=fr", { headers: { "Accept-Language": "zh" } });
    expect(fr.headers.get("content-language")).toBe("fr");
    const zh = await app.request("/credentials", { headers: { "Accept-Language": "zh-CN,en;q=0.5" } });
    expect(zh.headers.get("content-language")).toBe("zh");
    const [frTitle, zhTitle, enTitle] = await Promise.all(
      [fr, zh, await app.request("/credentials")].map(async (r) => (await expectProblem(r, 401)).title),
    );
    expect(new Set([frTitle, zhTitle, enTitle]).size).toBe(3);
    expect(enTitle).toBe("Please sign in first.");
  });

  it("hides unexpected errors behind INTERNAL and logs them", async () => {
    const logError = vi.fn();
    const centre = await testCentre({ logError });
    const app = createCentreApp({
      publicUrl: CENTRE_URL,
      ...centre,
      apiKeys: {
        insert: async () => {},
        list: async () => [],
        revoke: async () => false,
        findByHash: () => Promise.reject(new Error("db password hunter2")),
      },
      logError,
    });
    const response = await getWith(app, "/credentials", await centre.token("issue"));
    const body = await expectProblem(response, 500, "INTERNAL");
    expect(JSON.stringify(body)).not.toContain("hunter2");
    expect(logError).toHaveBeenCalledWith(expect.any(Error), body.requestId);
  });

  it("refuses deps that do not fit together", async () => {
    const centre = await testCentre();
    const deps = { ...centre, challenges: new MemoryChallengeStore() };
    expect(() => createCentreApp({ ...deps, publicUrl: "https://elsewhere.example" })).toThrow(TypeError);
    expect(() => createCentreApp({ ...deps, publicUrl: "not a url" })).toThrow(TypeError);
    expect(() => createCentreApp({ ...deps, publicUrl: `${CENTRE_URL}/?q=1` })).toThrow(TypeError);
    expect(() => createCentreApp({ ...deps, publicUrl: CENTRE_URL, limits: { maxBodyBytes: 0 } })).toThrow(
      TypeError,
    );
  });

  it("serves everything under the path of publicUrl, the DID document at <path>/did.json", async () => {
    const { app, keys } = await testCentre({
      did: "did:web:host.example:centres:lahore",
      publicUrl: "https://host.example/centres/lahore/",
    });
    const response = await app.request("/centres/lahore/did.json");
    expect(response.status).toBe(200);
    expect(((await response.json()) as { id: string }).id).toBe(keys.did);
    await expectProblem(await app.request("/.well-known/did.json"), 404, "NOT_FOUND");
    await expectProblem(await app.request("/centres/lahore/.well-known/did.json"), 404, "NOT_FOUND");
    expect((await app.request("/centres/lahore/health")).status).toBe(200);
    const challenge = await postJson(app, "/centres/lahore/challenges", {});
    expect(challenge.status).toBe(200);
  });
});
