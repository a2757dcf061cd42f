import { describe, expect, it } from "vitest";
import { expectProblem } from "../test-support/expect-problem.ts";
import { getWith, postJson, testCentre } from "../test-support/test-centre.ts";

const remove = (app: Awaited<ReturnType<typeof testCentre>>["app"], id: string, token: string) =>
  app.request(`/api-keys/${id}`, { method: "DELETE", headers: { Authorization: `Bearer ${token}` } });

describe("/api-keys", () => {
  it("creates a key whose token works at once and is shown once; lists without secrets; revokes", async () => {
    const centre = await testCentre({ trustProxy: true });
    const admin = await centre.token("admin");
    const created = await postJson(
      centre.app,
      "/api-keys",
      { name: "registrar", scopes: ["issue", "revoke"] },
      { token: admin, headers: { "X-Forwarded-For": "192.0.2.9" } },
    );
    expect(created.status).toBe(201);
    const key = (await created.json()) as { id: string; token: string; scopes: string[] };
    expect(key).toEqual({
      id: expect.any(String),
      name: "registrar",
      scopes: ["issue", "revoke"],
      createdAt: "2026-06-01T00:00:00Z",
      token: expect.stringMatching(/^lbk_/),
    });
    expect((await getWith(centre.app, "/credentials", key.token)).status).toBe(200);

    const listed = await getWith(centre.app, "/api-keys", admin);
    expect(listed.headers.get("cache-control")).toBe("private, no-store");
    const text = await listed.text();
    expect(text).not.toContain(key.token);
    expect(text).not.toMatch(/hash/i);
    const { apiKeys } = JSON.parse(text) as { apiKeys: { id: string; name: string }[] };
    expect(apiKeys.map((k) => k.name)).toEqual(["test admin", "registrar"]);

    const revoked = await remove(centre.app, key.id, admin);
    expect(revoked.status).toBe(200);
    expect(await revoked.json()).toMatchObject({ id: key.id, revokedAt: "2026-06-01T00:00:00Z" });
    await expectProblem(await getWith(centre.app, "/credentials", key.token), 401, "UNAUTHORIZED");
    expect((await remove(centre.app, key.id, admin)).status).toBe(200);

    const [adminKey] = await centre.apiKeys.list();
    expect((await centre.audit.list()).map((e) => [e.action, e.subject, e.actor, e.origin])).toEqual([
      ["apikey.create", key.id, adminKey?.id, "192.0.2.9"],
      ["apikey.revoke", key.id, adminKey?.id, "unknown"],
    ]);
  });

  it("refuses bad names and scopes, unknown ids, the last admin key, and non-admin keys", async () => {
    const centre = await testCentre();
    const admin = await centre.token("admin");
    for (const body of [
      { name: "", scopes: ["issue"] },
      { name: "x", scopes: [] },
      { name: "x", scopes: ["root"] },
    ]) {
      await expectProblem(
        await postJson(centre.app, "/api-keys", body, { token: admin }),
        422,
        "FIELD_INVALID",
      );
    }
    await expectProblem(await remove(centre.app, "no-such-key", admin), 404, "NOT_FOUND");
    const [adminKey] = await centre.apiKeys.list();
    const last = await remove(centre.app, adminKey?.id ?? "", admin);
    expect((await expectProblem(last, 409, "CONFLICT")).detail).toContain("last admin key");

    const issuer = await centre.token("issue");
    await expectProblem(await getWith(centre.app, "/api-keys", issuer), 403, "FORBIDDEN");
    await expectProblem(
      await postJson(centre.app, "/api-keys", { name: "x", scopes: ["admin"] }, { token: issuer }),
      403,
    );
    await expectProblem(await remove(centre.app, adminKey?.id ?? "", issuer), 403, "FORBIDDEN");
    await expectProblem(await getWith(centre.app, "/api-keys"), 401, "UNAUTHORIZED");
  });
});
