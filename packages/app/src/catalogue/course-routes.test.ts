import { verifyCatalogueEntry } from "@learnbridge/catalogue";
import { SAMPLE_COURSE_CONTENT } from "@learnbridge/catalogue/testing";
import { describe, expect, it } from "vitest";
import { expectProblem } from "../test-support/expect-problem.ts";
import { CENTRE_DID, CENTRE_URL, getWith, postJson } from "../test-support/test-centre.ts";
import { catalogueCentre } from "./catalogue-centre.ts";

type Centre = Awaited<ReturnType<typeof catalogueCentre>>;
const COURSE = { slug: "water-101", ...SAMPLE_COURSE_CONTENT };
const URL_OF = (slug: string) => `${CENTRE_URL}/catalogue/courses/${slug}`;

const send = (centre: Centre, method: string, path: string, token: string, body?: unknown, headers = {}) =>
  centre.app.request(path, {
    method,
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}`, ...headers },
  });

describe("POST /catalogue/courses", () => {
  it("creates version 1, signed by the centre, published to its feed and audited", async () => {
    const centre = await catalogueCentre();
    const token = await centre.token("achievements");
    const response = await postJson(centre.app, "/catalogue/courses", COURSE, {
      token,
      headers: { "X-Forwarded-For": "203.0.113.7" },
    });
    expect(response.status).toBe(201);
    expect(response.headers.get("content-type")).toBe("application/ld+json");
    expect(response.headers.get("location")).toBe(URL_OF("water-101"));
    expect(response.headers.get("etag")).toBe('"v1"');
    const record = (await response.json()) as Record<string, unknown>;
    expect(record).toMatchObject({ type: "Course", id: URL_OF("water-101"), owner: CENTRE_DID, version: 1 });
    const verified = await verifyCatalogueEntry(record, {
      resolveKey: centre.resolveKey,
      clock: centre.clock,
    });
    expect(verified.ok).toBe(true);
    const [key] = await centre.apiKeys.list();
    expect(await centre.audit.list()).toEqual([
      expect.objectContaining({ action: "course.create", subject: URL_OF("water-101"), actor: key?.id }),
    ]);
    const head = await centre.feed.head();
    expect(head).toMatchObject({ seq: 1, recordCount: 1 });
  });

  it("answers 401 without a key, 403 without the scope, 400/415 for a bad body, 422 naming bad fields", async () => {
    const centre = await catalogueCentre();
    await expectProblem(await postJson(centre.app, "/catalogue/courses", COURSE), 401, "UNAUTHORIZED");
    const issuer = await centre.token("issue");
    await expectProblem(
      await postJson(centre.app, "/catalogue/courses", COURSE, { token: issuer }),
      403,
      "FORBIDDEN",
    );
    const token = await centre.token("achievements");
    await expectProblem(
      await postJson(centre.app, "/catalogue/courses", "[1]", { token }),
      400,
      "BAD_REQUEST",
    );
    await expectProblem(
      await postJson(centre.app, "/catalogue/courses", "{", { token }),
      400,
      "MALFORMED_JSON",
    );
    await expectProblem(
      await postJson(centre.app, "/catalogue/courses", "x", {
        token,
        headers: { "Content-Type": "text/plain" },
      }),
      415,
      "UNSUPPORTED_MEDIA_TYPE",
    );
    const invalid = await postJson(
      centre.app,
      "/catalogue/courses",
      { ...COURSE, level: { framework: "EQF", value: 9 }, country: "XX", title: { "no tag!": "x" } },
      { token },
    );
    const body = await expectProblem(invalid, 422, "FIELD_INVALID");
    expect((body.problems as { field: string }[]).map((p) => p.field)).toEqual([
      "title.no tag!",
      "level.value",
      "country",
    ]);
    expect(await centre.feed.head()).toMatchObject({ seq: 0 });
    expect(await centre.audit.list()).toEqual([]);
  });

  it("refuses a slug that is taken (409)", async () => {
    const centre = await catalogueCentre();
    const token = await centre.token("achievements");
    expect((await postJson(centre.app, "/catalogue/courses", COURSE, { token })).status).toBe(201);
    await expectProblem(await postJson(centre.app, "/catalogue/courses", COURSE, { token }), 409, "CONFLICT");
  });
});

describe("PUT and DELETE /catalogue/courses/{slug}", () => {
  it("revises to the next version, deletes with a signed tombstone, and lets the slug live again", async () => {
    const centre = await catalogueCentre();
    const token = await centre.token("achievements");
    await postJson(centre.app, "/catalogue/courses", COURSE, { token });
    const { slug: _, ...content } = COURSE;
    const put = await send(
      centre,
      "PUT",
      "/catalogue/courses/water-101",
      token,
      { ...content, mode: "online" },
      {
        "If-Match": '"v1"',
      },
    );
    expect(put.status).toBe(200);
    expect(put.headers.get("etag")).toBe('"v2"');
    expect(await put.json()).toMatchObject({ version: 2, mode: "online" });
    await expectProblem(
      await send(centre, "PUT", "/catalogue/courses/water-101", token, content, { "If-Match": '"v1"' }),
      409,
      "CONFLICT",
    );
    await expectProblem(
      await send(centre, "PUT", "/catalogue/courses/water-101", token, content, { "If-Match": "v2" }),
      400,
      "BAD_REQUEST",
    );
    await expectProblem(
      await send(centre, "PUT", "/catalogue/courses/nope", token, content),
      404,
      "NOT_FOUND",
    );
    const deleted = await send(centre, "DELETE", "/catalogue/courses/water-101", token);
    expect(deleted.status).toBe(200);
    const tombstone = (await deleted.json()) as Record<string, unknown>;
    expect(tombstone).toMatchObject({ type: "Tombstone", formerType: "Course", version: 3 });
    expect(
      (await verifyCatalogueEntry(tombstone, { resolveKey: centre.resolveKey, clock: centre.clock })).ok,
    ).toBe(true);
    const gone = await expectProblem(await centre.app.request("/catalogue/courses/water-101"), 410, "GONE");
    expect(gone.tombstone).toEqual(tombstone);
    await expectProblem(
      await send(centre, "PUT", "/catalogue/courses/water-101", token, content),
      410,
      "GONE",
    );
    await expectProblem(await send(centre, "DELETE", "/catalogue/courses/water-101", token), 410, "GONE");
    const again = await postJson(centre.app, "/catalogue/courses", COURSE, { token });
    expect(again.headers.get("etag")).toBe('"v4"');
    expect((await centre.audit.list()).map((e) => e.action)).toEqual([
      "course.create",
      "course.update",
      "course.delete",
      "course.create",
    ]);
    expect(await centre.feed.head()).toMatchObject({ seq: 4, recordCount: 1 });
  });

  it("needs the achievements scope", async () => {
    const centre = await catalogueCentre();
    await postJson(centre.app, "/catalogue/courses", COURSE, { token: await centre.token("achievements") });
    const revoke = await centre.token("revoke");
    await expectProblem(
      await send(centre, "DELETE", "/catalogue/courses/water-101", revoke),
      403,
      "FORBIDDEN",
    );
    await expectProblem(await centre.app.request("/catalogue/courses/water-101", { method: "DELETE" }), 401);
  });
});

describe("GET /catalogue/courses", () => {
  it("lists live courses in pages, and serves one with its ETag (304 when unchanged)", async () => {
    const centre = await catalogueCentre();
    const token = await centre.token("achievements");
    for (const slug of ["c", "a", "b"])
      await postJson(centre.app, "/catalogue/courses", { ...COURSE, slug }, { token });
    await send(centre, "DELETE", "/catalogue/courses/b", token);
    const first = await centre.app.request("/catalogue/courses?limit=1");
    expect(first.headers.get("access-control-allow-origin")).toBe("*");
    const page = (await first.json()) as { courses: { id: string }[]; next?: string };
    expect(page.courses.map((c) => c.id)).toEqual([URL_OF("a")]);
    expect(page.next).toBe("a");
    const rest = (await (await centre.app.request("/catalogue/courses?after=a")).json()) as typeof page;
    expect(rest.courses.map((c) => c.id)).toEqual([URL_OF("c")]);
    expect(rest.next).toBeUndefined();
    await expectProblem(await centre.app.request("/catalogue/courses?limit=0"), 400, "BAD_REQUEST");
    await expectProblem(await centre.app.request("/catalogue/courses?after=..%2F"), 400, "BAD_REQUEST");

    const one = await getWith(centre.app, "/catalogue/courses/a");
    expect(one.status).toBe(200);
    expect(one.headers.get("etag")).toBe('"v1"');
    expect(((await one.json()) as { id: string }).id).toBe(URL_OF("a"));
    const cached = await centre.app.request("/catalogue/courses/a", { headers: { "If-None-Match": '"v1"' } });
    expect(cached.status).toBe(304);
    await expectProblem(await centre.app.request("/catalogue/courses/zzz"), 404, "NOT_FOUND");
  });
});

describe("key rotation mid-stream", () => {
  it("keeps records signed by the retired key verifiable, and signs new ones with the new key", async () => {
    const centre = await catalogueCentre();
    const token = await centre.token("achievements");
    const before = (await (await postJson(centre.app, "/catalogue/courses", COURSE, { token })).json()) as {
      proof: { verificationMethod: string };
    };
    const rotated = await postJson(centre.app, "/keys/rotate", {}, { token: await centre.token("admin") });
    expect(rotated.status).toBe(200);
    const after = (await (
      await postJson(centre.app, "/catalogue/courses", { ...COURSE, slug: "after" }, { token })
    ).json()) as typeof before;
    expect(after.proof.verificationMethod).not.toBe(before.proof.verificationMethod);
    for (const record of [before, after]) {
      expect(
        (await verifyCatalogueEntry(record, { resolveKey: centre.resolveKey, clock: centre.clock })).ok,
      ).toBe(true);
    }
  });
});
