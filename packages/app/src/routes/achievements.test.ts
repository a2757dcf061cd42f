import { checkJsonLd, createDocumentLoader } from "@learnbridge/credentials";
import { describe, expect, it } from "vitest";
import { DIGITAL_SKILLS } from "../test-support/achievement-fixtures.ts";
import { expectProblem } from "../test-support/expect-problem.ts";
import { CENTRE_URL, getWith, postJson, testCentre } from "../test-support/test-centre.ts";

function put(
  app: Awaited<ReturnType<typeof testCentre>>["app"],
  path: string,
  body: unknown,
  token: string,
  ifMatch?: string,
) {
  return app.request(path, {
    method: "PUT",
    body: JSON.stringify(body),
    headers: {
      "Content-Type": "application/json",
      Authorization: `Bearer ${token}`,
      ...(ifMatch ? { "If-Match": ifMatch } : {}),
    },
  });
}

describe("POST /achievements", () => {
  it("defines version 1 (201, Location, ETag) and audits it with the key and the client address", async () => {
    const centre = await testCentre({ trustProxy: true });
    const token = await centre.token("achievements");
    const response = await postJson(centre.app, "/achievements", DIGITAL_SKILLS, {
      token,
      headers: { "X-Forwarded-For": "203.0.113.7" },
    });
    expect(response.status).toBe(201);
    expect(response.headers.get("location")).toBe(`${CENTRE_URL}/achievements/digital-skills`);
    expect(response.headers.get("etag")).toBe('"v1"');
    const { slug: _, ...definition } = DIGITAL_SKILLS;
    expect(await response.json()).toEqual({
      id: `${CENTRE_URL}/achievements/digital-skills`,
      slug: "digital-skills",
      version: 1,
      archived: false,
      createdAt: "2026-06-01T00:00:00Z",
      updatedAt: "2026-06-01T00:00:00Z",
      definition,
    });
    const [key] = await centre.apiKeys.list();
    expect(await centre.audit.list()).toEqual([
      expect.objectContaining({
        actor: key?.id,
        origin: "203.0.113.7",
        action: "achievement.create",
        subject: `${CENTRE_URL}/achievements/digital-skills`,
      }),
    ]);
  });

  it("refuses a taken slug (409), an invalid definition (422 naming every problem), and bad keys", async () => {
    const centre = await testCentre();
    const token = await centre.token("achievements");
    expect((await postJson(centre.app, "/achievements", DIGITAL_SKILLS, { token })).status).toBe(201);
    await expectProblem(
      await postJson(centre.app, "/achievements", DIGITAL_SKILLS, { token }),
      409,
      "CONFLICT",
    );

    const invalid = await postJson(
      centre.app,
      "/achievements",
      { ...DIGITAL_SKILLS, slug: "other", eqfLevel: 9, name: { zh: "只有中文" }, image: "logo.png" },
      { token },
    );
    const body = await expectProblem(invalid, 422, "FIELD_MISSING");
    expect(body.field).toBe("name.en");
    expect((body.problems as { code: string; field: string }[]).map((p) => [p.code, p.field])).toEqual([
      ["FIELD_MISSING", "name.en"],
      ["FIELD_INVALID", "eqfLevel"],
      ["FIELD_INVALID", "image"],
    ]);
    await expectProblem(await postJson(centre.app, "/achievements", "[1]", { token }), 400, "BAD_REQUEST");
    await expectProblem(await postJson(centre.app, "/achievements", DIGITAL_SKILLS), 401, "UNAUTHORIZED");
    const issuer = await centre.token("issue");
    await expectProblem(
      await postJson(centre.app, "/achievements", DIGITAL_SKILLS, { token: issuer }),
      403,
      "FORBIDDEN",
    );
    const admin = await centre.token("admin");
    const asAdmin = await postJson(
      centre.app,
      "/achievements",
      { ...DIGITAL_SKILLS, slug: "by-admin" },
      { token: admin },
    );
    expect(asAdmin.status).toBe(201);
  });
});

describe("PUT /achievements/:slug", () => {
  it("stores a new version; If-Match guards against lost updates; earlier versions stay readable", async () => {
    const centre = await testCentre();
    const token = await centre.token("achievements");
    await postJson(centre.app, "/achievements", DIGITAL_SKILLS, { token });
    const { slug: _, ...definition } = DIGITAL_SKILLS;
    const revised = await put(
      centre.app,
      "/achievements/digital-skills",
      { ...definition, ectsCredits: 3 },
      token,
      '"v1"',
    );
    expect(revised.status).toBe(200);
    expect(revised.headers.get("etag")).toBe('"v2"');
    expect(await revised.json()).toMatchObject({ version: 2, definition: { ectsCredits: 3 } });

    const stale = await put(centre.app, "/achievements/digital-skills", definition, token, '"v1"');
    expect((await expectProblem(stale, 409, "CONFLICT")).version).toBe(2);
    await expectProblem(await put(centre.app, "/achievements/digital-skills", definition, token, "v2"), 400);
    await expectProblem(await put(centre.app, "/achievements/nope", definition, token), 404, "NOT_FOUND");
    await expectProblem(
      await put(centre.app, "/achievements/digital-skills", { ...definition, slug: "renamed" }, token),
      422,
      "FIELD_INVALID",
    );
    await expectProblem(
      await put(centre.app, "/achievements/digital-skills", definition, await centre.token("revoke")),
      403,
    );

    const archived = await put(
      centre.app,
      "/achievements/digital-skills",
      { ...definition, archived: true },
      token,
    );
    expect(await archived.json()).toMatchObject({ version: 3, archived: true });
    const v1 = await centre.app.request("/achievements/digital-skills?version=1&view=definition");
    expect(await v1.json()).toMatchObject({ version: 1, archived: false, definition: { ectsCredits: 2 } });
    expect((await centre.audit.list()).map((e) => e.action)).toEqual([
      "achievement.create",
      "achievement.update",
      "achievement.update",
    ]);
  });
});

describe("GET /achievements", () => {
  it("lists the latest versions publicly, by slug, paged; archived only when asked", async () => {
    const centre = await testCentre();
    const token = await centre.token("achievements");
    for (const slug of ["c-three", "a-one", "b-two"]) {
      await postJson(centre.app, "/achievements", { ...DIGITAL_SKILLS, slug }, { token });
    }
    const { slug: _, ...definition } = DIGITAL_SKILLS;
    await put(centre.app, "/achievements/b-two", { ...definition, archived: true }, token);

    const first = await getWith(centre.app, "/achievements?limit=1");
    expect(first.status).toBe(200);
    expect(first.headers.get("access-control-allow-origin")).toBe("*");
    const page = (await first.json()) as { achievements: Record<string, unknown>[]; next?: string };
    expect(page).toEqual({
      achievements: [
        {
          id: `${CENTRE_URL}/achievements/a-one`,
          slug: "a-one",
          version: 1,
          name: DIGITAL_SKILLS.name,
          sourceLanguage: "en",
          achievementType: "MicroCredential",
          eqfLevel: 3,
          ectsCredits: 2,
          workloadHours: 50,
          participationForm: "online",
          updatedAt: "2026-06-01T00:00:00Z",
        },
      ],
      next: "a-one",
    });
    const rest = (await (
      await getWith(centre.app, `/achievements?after=${page.next}`)
    ).json()) as typeof page;
    expect(rest.achievements.map((a) => a.slug)).toEqual(["c-three"]);
    const all = (await (await getWith(centre.app, "/achievements?archived=true")).json()) as typeof page;
    expect(all.achievements.map((a) => [a.slug, a.archived ?? false])).toEqual([
      ["a-one", false],
      ["b-two", true],
      ["c-three", false],
    ]);
    await expectProblem(await getWith(centre.app, "/achievements?limit=0"), 400, "BAD_REQUEST");
    await expectProblem(await getWith(centre.app, "/achievements?archived=yes"), 400, "BAD_REQUEST");
  });
});

describe("GET /achievements/:slug", () => {
  it("serves the Open Badges Achievement at its id, valid JSON-LD in safe mode, the source texts as defined", async () => {
    const centre = await testCentre();
    await postJson(centre.app, "/achievements", DIGITAL_SKILLS, {
      token: await centre.token("achievements"),
    });
    const response = await getWith(centre.app, "/achievements/digital-skills");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/ld+json");
    expect(response.headers.get("content-language")).toBe("en");
    expect(response.headers.get("etag")).toBe('"v1"');
    const achievement = (await response.json()) as Record<string, unknown>;
    expect(achievement).toMatchObject({
      id: `${CENTRE_URL}/achievements/digital-skills`,
      type: ["Achievement"],
      achievementType: "MicroCredential",
      name: "Digital Skills for Seniors",
      nameMap: DIGITAL_SKILLS.name,
      inLanguage: "en",
      ectsCredits: 2,
      workloadHours: 50,
      participationForm: "online",
      alignment: [
        expect.objectContaining({ targetCode: "3", targetFramework: "European Qualifications Framework" }),
      ],
    });
    await checkJsonLd(achievement, createDocumentLoader());
  });

  it("says in Content-Language which of its languages ?lang= asks for, and changes no text", async () => {
    const centre = await testCentre();
    await postJson(centre.app, "/achievements", DIGITAL_SKILLS, {
      token: await centre.token("achievements"),
    });
    const plain = await (await getWith(centre.app, "/achievements/digital-skills")).text();
    for (const [lang, expected] of [
      ["zh-CN", "zh"],
      ["SW", "sw"],
      ["fr", "en"],
    ]) {
      const response = await getWith(centre.app, `/achievements/digital-skills?lang=${lang}`);
      expect(response.headers.get("content-language")).toBe(expected);
      expect(await response.text()).toBe(plain);
    }
  });

  it("404 for an unknown slug or version, 400 for a bad query", async () => {
    const centre = await testCentre();
    await postJson(centre.app, "/achievements", DIGITAL_SKILLS, {
      token: await centre.token("achievements"),
    });
    await expectProblem(await getWith(centre.app, "/achievements/unknown"), 404, "NOT_FOUND");
    await expectProblem(
      await getWith(centre.app, "/achievements/digital-skills?version=2"),
      404,
      "NOT_FOUND",
    );
    await expectProblem(
      await getWith(centre.app, "/achievements/digital-skills?version=0"),
      400,
      "BAD_REQUEST",
    );
    await expectProblem(
      await getWith(centre.app, "/achievements/digital-skills?view=raw"),
      400,
      "BAD_REQUEST",
    );
  });
});
