import { describe, expect, it } from "vitest";
import { CENTRE_PROFILE } from "../test-support/achievement-fixtures.ts";
import { expectProblem } from "../test-support/expect-problem.ts";
import { CENTRE_DID, getWith, testCentre } from "../test-support/test-centre.ts";

const putProfile = (app: Awaited<ReturnType<typeof testCentre>>["app"], body: unknown, token?: string) =>
  app.request("/profile", {
    method: "PUT",
    body: JSON.stringify(body),
    headers: { "Content-Type": "application/json", ...(token ? { Authorization: `Bearer ${token}` } : {}) },
  });

describe("/profile", () => {
  it("is 404 until an admin sets it; then public, with the centre's DID; the change is audited", async () => {
    const centre = await testCentre({ trustProxy: true });
    await expectProblem(await getWith(centre.app, "/profile"), 404, "NOT_FOUND");
    const admin = await centre.token("admin");
    const stored = await centre.app.request("/profile", {
      method: "PUT",
      body: JSON.stringify(CENTRE_PROFILE),
      headers: {
        "Content-Type": "application/json",
        Authorization: `Bearer ${admin}`,
        "CF-Connecting-IP": "198.51.100.4",
      },
    });
    expect(stored.status).toBe(200);
    const expected = { id: CENTRE_DID, ...CENTRE_PROFILE, updatedAt: "2026-06-01T00:00:00Z" };
    expect(await stored.json()).toEqual(expected);
    const read = await getWith(centre.app, "/profile");
    expect(read.headers.get("access-control-allow-origin")).toBe("*");
    expect(await read.json()).toEqual(expected);
    expect(await centre.audit.list()).toEqual([
      expect.objectContaining({ action: "profile.update", subject: "profile", origin: "198.51.100.4" }),
    ]);
  });

  it("refuses an invalid profile (422 naming each field) and keys without the admin scope", async () => {
    const centre = await testCentre();
    const admin = await centre.token("admin");
    const invalid = await putProfile(
      centre.app,
      { name: { sw: "Kituo" }, sourceLanguage: "en", country: "Kenya" },
      admin,
    );
    const body = await expectProblem(invalid, 422, "FIELD_MISSING");
    expect((body.problems as { field: string }[]).map((p) => p.field)).toEqual(["name.en", "country"]);
    await expectProblem(await putProfile(centre.app, CENTRE_PROFILE), 401, "UNAUTHORIZED");
    await expectProblem(
      await putProfile(centre.app, CENTRE_PROFILE, await centre.token("achievements")),
      403,
    );
    expect(await centre.profile.get()).toBeUndefined();
  });
});
