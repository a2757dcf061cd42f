import { describe, expect, it } from "vitest";
import { DIGITAL_SKILLS, CENTRE_PROFILE as PROFILE } from "../test-support/achievement-fixtures.ts";
import { expectProblem } from "../test-support/expect-problem.ts";
import { CENTRE_DID, CENTRE_URL, LEARNER_DID, postJson, testCentre } from "../test-support/test-centre.ts";

// biome-ignore lint/suspicious/noExplicitAny: credentials in answers are checked field by field.
type Credential = Record<string, any>;

/** A centre with its profile and the digital-skills achievement; `issue` is a key with scope issue. */
async function centreWithAchievement() {
  const centre = await testCentre();
  const admin = await centre.token("admin");
  const profile = await centre.app.request("/profile", {
    method: "PUT",
    body: JSON.stringify(PROFILE),
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${admin}` },
  });
  expect(profile.status).toBe(200);
  expect((await postJson(centre.app, "/achievements", DIGITAL_SKILLS, { token: admin })).status).toBe(201);
  return { ...centre, admin, issue: await centre.token("issue") };
}

const award = (
  centre: Awaited<ReturnType<typeof centreWithAchievement>>,
  body: unknown,
  slug = "digital-skills",
) => postJson(centre.app, `/achievements/${slug}/issue`, body, { token: centre.issue });

describe("POST /achievements/:slug/issue", () => {
  it("builds the OB 3.0 credential from the achievement and the centre profile; it verifies", async () => {
    const centre = await centreWithAchievement();
    const response = await award(centre, {
      learner: { did: LEARNER_DID },
      result: { grade: "A", creditsEarned: 2 },
    });
    expect(response.status).toBe(201);
    const { verifiableCredential: vc } = (await response.json()) as { verifiableCredential: Credential };
    expect(response.headers.get("location")).toBe(`${CENTRE_URL}/credentials/${encodeURIComponent(vc.id)}`);
    expect(vc.type).toEqual(["VerifiableCredential", "OpenBadgeCredential"]);
    expect(vc.issuer).toMatchObject({
      id: CENTRE_DID,
      type: ["Profile"],
      name: "Nairobi Open Learning Centre",
      nameMap: PROFILE.name,
      address: { addressCountryCode: "KE" },
    });
    expect(vc.credentialSubject).toMatchObject({
      id: LEARNER_DID,
      creditsEarned: 2,
      result: [{ value: "A" }],
      achievement: {
        id: `${CENTRE_URL}/achievements/digital-skills`,
        name: "Digital Skills for Seniors",
        ectsCredits: 2,
        workloadHours: 50,
        participationForm: "online",
      },
    });
    const verified = await postJson(centre.app, "/credentials/verify", { verifiableCredential: vc });
    expect(verified.status).toBe(200);
    const [record] = await centre.credentials.list();
    expect(record?.achievementId).toBe(`${CENTRE_URL}/achievements/digital-skills`);
  });

  it("hashes an email learner, signs jwt_vc on request, and a retried requestKey issues once (200)", async () => {
    const centre = await centreWithAchievement();
    const body = { learner: { email: "Amina@Example.org" }, format: "jwt_vc", requestKey: "cohort-7:amina" };
    const first = await award(centre, body);
    expect(first.status).toBe(201);
    const { verifiableCredential } = (await first.json()) as { verifiableCredential: { type: string } };
    expect(verifiableCredential.type).toBe("EnvelopedVerifiableCredential");
    const again = await award(centre, body);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ verifiableCredential });
    const [record] = await centre.credentials.list();
    expect(record?.subject).toMatch(/^sha256\$[0-9a-f]{64}$/);
    expect(JSON.stringify(verifiableCredential)).not.toContain("Amina");
    expect((await centre.credentials.list()).length).toBe(1);
  });

  it("refuses an archived or unknown achievement, a missing profile and a requestKey used elsewhere", async () => {
    const centre = await centreWithAchievement();
    await expectProblem(await award(centre, { learner: { did: LEARNER_DID } }, "unknown"), 404, "NOT_FOUND");
    const { slug: _, ...definition } = DIGITAL_SKILLS;
    await postJson(
      centre.app,
      "/achievements",
      { ...DIGITAL_SKILLS, slug: "other" },
      { token: centre.admin },
    );
    expect((await award(centre, { learner: { did: LEARNER_DID }, requestKey: "r1" }, "other")).status).toBe(
      201,
    );
    const reused = await award(centre, { learner: { did: LEARNER_DID }, requestKey: "r1" });
    await expectProblem(reused, 409, "CONFLICT");
    await centre.app.request("/achievements/digital-skills", {
      method: "PUT",
      body: JSON.stringify({ ...definition, archived: true }),
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${centre.admin}` },
    });
    await expectProblem(await award(centre, { learner: { did: LEARNER_DID } }), 409, "CONFLICT");

    const bare = await testCentre();
    const token = await bare.token("admin");
    await postJson(bare.app, "/achievements", DIGITAL_SKILLS, { token });
    const noProfile = await postJson(
      bare.app,
      "/achievements/digital-skills/issue",
      { learner: { did: LEARNER_DID } },
      { token },
    );
    expect((await expectProblem(noProfile, 409, "CONFLICT")).detail).toContain("PUT /profile");
  });

  it("names what is wrong with the request, and needs the issue scope", async () => {
    const centre = await centreWithAchievement();
    for (const [body, field] of [
      [{}, "learner"],
      [{ learner: { did: "not-a-did" } }, "learner.did"],
      [{ learner: { did: LEARNER_DID, email: "a@b.c" } }, "learner"],
      [{ learner: { email: "nobody" } }, "learner.email"],
      [{ learner: { did: LEARNER_DID }, result: { creditsEarned: -1 } }, "result.creditsEarned"],
      [{ learner: { did: LEARNER_DID }, result: { score: 1 } }, "result.score"],
      [{ learner: { did: LEARNER_DID }, format: "pdf" }, "format"],
      [{ learner: { did: LEARNER_DID }, credential: {} }, "credential"],
    ] as const) {
      const problem = await expectProblem(await award(centre, body), 400, "BAD_REQUEST");
      expect(problem.field).toBe(field);
    }
    const tooMany = await award(centre, { learner: { did: LEARNER_DID }, result: { creditsEarned: 5 } });
    expect((await expectProblem(tooMany, 422, "FIELD_INVALID")).field).toBe("result.creditsEarned");
    const achievementsOnly = await centre.token("achievements");
    const forbidden = await postJson(
      centre.app,
      "/achievements/digital-skills/issue",
      { learner: { did: LEARNER_DID } },
      {
        token: achievementsOnly,
      },
    );
    await expectProblem(forbidden, 403, "FORBIDDEN");
    expect(await centre.credentials.list()).toEqual([]);
  });
});
