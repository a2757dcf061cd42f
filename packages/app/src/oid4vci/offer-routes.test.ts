/** Staff offers and the public offer object, over `app.request()`. */
import { describe, expect, it } from "vitest";
import { DIGITAL_SKILLS } from "../test-support/achievement-fixtures.ts";
import { expectProblem } from "../test-support/expect-problem.ts";
import { getWith, postJson } from "../test-support/test-centre.ts";
import { offerCentre } from "./oid4vci-test-centre.ts";
import { qrCodeSvg } from "./qr-code.ts";

const CENTRE = "https://centre.example";

describe("POST /oid4vci/offers", () => {
  it("answers 201 with the offer URI, claim page, QR code, the PIN once, and both protocols", async () => {
    const centre = await offerCentre({ exchanges: true });
    const response = await postJson(
      centre.app,
      "/oid4vci/offers",
      {
        achievement: "digital-skills",
        learner: { name: "Amina Yusuf", language: "sw" },
        result: { creditsEarned: 2 },
      },
      { token: centre.staff },
    );
    expect(response.status).toBe(201);
    expect(response.headers.get("cache-control")).toContain("no-store");
    const body = (await response.json()) as Record<string, string>;
    const id = body.id as string;
    const offerJson = `${CENTRE}/oid4vci/offers/${id}`;
    const offerUri = `openid-credential-offer://?credential_offer_uri=${encodeURIComponent(offerJson)}`;
    expect(response.headers.get("location")).toBe(offerJson);
    expect(body).toMatchObject({
      state: "offered",
      expired: false,
      achievementId: `${CENTRE}/achievements/digital-skills`,
      learner: { name: "Amina Yusuf", language: "sw" },
      expiresAt: "2026-06-08T00:00:00Z",
      txCode: { length: 6, failures: 0, locked: false },
      offerUri,
      claimUrl: `${CENTRE}/claim/${id}`,
      qrCodeUrl: `${offerJson}/qr.svg`,
      protocols: { OID4VCI: offerUri, vcapi: `${CENTRE}/workflows/claim/exchanges/${id}` },
    });
    expect(body.pin).toMatch(/^\d{6}$/);
    // With a PIN, the wallet link comes from the claim page once the PIN is typed.
    expect(body).not.toHaveProperty("lcwDeepLink");
    const open = await centre.offer({ txCode: false });
    expect(open.lcwDeepLink).toMatch(/^https:\/\/lcw\.app\/request\?request=/);
    expect(JSON.stringify(body)).not.toMatch(/salt|hash/);
    // The PIN is shown once: the list never has it.
    const listed = await getWith(centre.app, "/oid4vci/offers", centre.staff);
    expect(JSON.stringify(await listed.json())).not.toContain(body.pin);
    const audit = await centre.audit.list();
    expect(audit.find((e) => e.subject === id)).toMatchObject({
      action: "offer.create",
      actor: expect.any(String),
    });
  });

  it("offers an issued credential again, with a PIN of another length, for days given, without a PIN", async () => {
    const centre = await offerCentre();
    const issued = await postJson(
      centre.app,
      "/achievements/digital-skills/issue",
      { learner: { email: "amina@example.org" } },
      { token: centre.staff },
    );
    const credentialId = ((await issued.json()) as { verifiableCredential: { id: string } })
      .verifiableCredential.id;
    const again = await centre.offer({
      achievement: undefined,
      credentialId,
      txCode: { length: 4 },
      expiresInDays: 30,
    });
    expect(again).toMatchObject({
      source: { kind: "record", credentialId },
      expiresAt: "2026-07-01T00:00:00Z",
    });
    expect(again.pin).toMatch(/^\d{4}$/);
    const open = await centre.offer({ txCode: false, formats: ["jwt_vc"] });
    expect(open).toMatchObject({ txCode: null, formats: ["jwt_vc"] });
    expect(open.pin).toBeUndefined();
  });

  it("refuses bad bodies with a field, unknown things with 404, closed ones with 409, and needs scope issue", async () => {
    const centre = await offerCentre();
    const learner = { name: "Amina" };
    const cases: [unknown, number, string, string?][] = [
      [{ learner }, 400, "BAD_REQUEST", "achievement"],
      [
        { achievement: "digital-skills", credentialId: "urn:uuid:1", learner },
        400,
        "BAD_REQUEST",
        "achievement",
      ],
      [{ achievement: "digital-skills" }, 400, "BAD_REQUEST", "learner"],
      [{ achievement: "digital-skills", learner: {} }, 400, "BAD_REQUEST", "learner.name"],
      [{ achievement: "digital-skills", learner: { name: "A", age: 70 } }, 400, "BAD_REQUEST", "learner.age"],
      [{ achievement: "digital-skills", learner, formats: ["mso_mdoc"] }, 400, "BAD_REQUEST", "formats"],
      [{ achievement: "digital-skills", learner, expiresInDays: 0 }, 400, "BAD_REQUEST", "expiresInDays"],
      [{ achievement: "digital-skills", learner, expiresInDays: 91 }, 400, "BAD_REQUEST", "expiresInDays"],
      [{ achievement: "digital-skills", learner, txCode: "123456" }, 400, "BAD_REQUEST", "txCode"],
      [
        { achievement: "digital-skills", learner, result: { creditsEarned: -1 } },
        400,
        "BAD_REQUEST",
        "result.creditsEarned",
      ],
      [{ achievement: "digital-skills", learner, colour: "blue" }, 400, "BAD_REQUEST", "colour"],
      [{ achievement: "digital-skills", learner, txCode: { length: 12 } }, 422, "FIELD_INVALID"],
      [
        { achievement: "digital-skills", learner: { name: "A", language: "not a tag" } },
        422,
        "FIELD_INVALID",
      ],
      [{ achievement: "nope", learner }, 404, "NOT_FOUND"],
      [{ credentialId: "urn:uuid:00000000-0000-4000-8000-000000000000", learner }, 404, "NOT_FOUND"],
    ];
    for (const [body, status, code, field] of cases) {
      const problem = await expectProblem(
        await postJson(centre.app, "/oid4vci/offers", body, { token: centre.staff }),
        status,
        code,
      );
      if (field) expect(problem.field, JSON.stringify(body)).toBe(field);
    }
    await expectProblem(
      await postJson(centre.app, "/oid4vci/offers", { achievement: "digital-skills", learner }),
      401,
      "UNAUTHORIZED",
    );
    const reader = await centre.token("revoke");
    await expectProblem(
      await postJson(
        centre.app,
        "/oid4vci/offers",
        { achievement: "digital-skills", learner },
        { token: reader },
      ),
      403,
      "FORBIDDEN",
    );
    const archive = await centre.app.request("/achievements/digital-skills", {
      method: "PUT",
      headers: { Authorization: `Bearer ${centre.staff}`, "Content-Type": "application/json" },
      body: JSON.stringify({ ...DIGITAL_SKILLS, archived: true }),
    });
    expect(archive.status).toBeLessThan(300);
    await expectProblem(
      await postJson(
        centre.app,
        "/oid4vci/offers",
        { achievement: "digital-skills", learner },
        { token: centre.staff },
      ),
      409,
      "CONFLICT",
    );
    expect(await centre.offers.store.list()).toEqual([]);
  });
});

describe("GET /oid4vci/offers and DELETE /oid4vci/offers/:id", () => {
  it("lists newest first, by state, in pages; withdraws an open offer once", async () => {
    const centre = await offerCentre();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await centre.offer()).id);
    const page = await getWith(centre.app, "/oid4vci/offers?limit=2", centre.staff);
    const body = (await page.json()) as { offers: { id: string }[]; next: string };
    expect(body.offers.map((o) => o.id)).toEqual([ids[2], ids[1]]);
    const rest = await getWith(centre.app, `/oid4vci/offers?limit=2&before=${body.next}`, centre.staff);
    expect(((await rest.json()) as { offers: { id: string }[] }).offers.map((o) => o.id)).toEqual([ids[0]]);

    const withdraw = () =>
      centre.app.request(`/oid4vci/offers/${ids[1]}`, {
        method: "DELETE",
        headers: { Authorization: `Bearer ${centre.staff}` },
      });
    const first = await withdraw();
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({
      id: ids[1],
      state: "revoked",
      revokedAt: "2026-06-01T00:00:00Z",
    });
    await expectProblem(await withdraw(), 409, "CONFLICT");
    const open = await getWith(centre.app, "/oid4vci/offers?state=offered", centre.staff);
    expect(((await open.json()) as { offers: { id: string }[] }).offers.map((o) => o.id)).toEqual([
      ids[2],
      ids[0],
    ]);
    await expectProblem(
      await getWith(centre.app, "/oid4vci/offers?state=lost", centre.staff),
      400,
      "BAD_REQUEST",
    );
    await expectProblem(
      await getWith(centre.app, "/oid4vci/offers?limit=0", centre.staff),
      400,
      "BAD_REQUEST",
    );
    await expectProblem(await getWith(centre.app, "/oid4vci/offers"), 401, "UNAUTHORIZED");
    const unknown = await centre.app.request("/oid4vci/offers/nope", {
      method: "DELETE",
      headers: { Authorization: `Bearer ${centre.staff}` },
    });
    await expectProblem(unknown, 404, "NOT_FOUND");
    expect((await centre.audit.list()).filter((e) => e.action === "offer.revoke")).toHaveLength(1);
  });

  it("refuses to withdraw a redeemed offer: its credential is revoked instead", async () => {
    const centre = await offerCentre();
    const offer = await centre.offer({ txCode: false });
    const { testHolder } = await import("@learnbridge/exchange/testing");
    const access = await centre.accessToken(offer.id);
    await centre.credential(
      access,
      await centre.credentialRequest(await testHolder("did:key"), "digital-skills_ldp_vc"),
    );
    const response = await centre.app.request(`/oid4vci/offers/${offer.id}`, {
      method: "DELETE",
      headers: { Authorization: `Bearer ${centre.staff}` },
    });
    const problem = await expectProblem(response, 409, "CONFLICT");
    expect(problem.detail).toMatch(/revoke its credential/);
  });
});

describe("GET /oid4vci/offers/:id (the Credential Offer object) and its QR code", () => {
  it("serves the offer object with the PIN prompt in the learner's language, uncached, to any origin", async () => {
    const centre = await offerCentre();
    const offer = await centre.offer({ learner: { name: "Li Wei", language: "zh-CN" } });
    const response = await centre.app.request(`/oid4vci/offers/${offer.id}`, {
      headers: { Origin: "https://wallet.example" },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    const body = (await response.json()) as { grants: Record<string, { "pre-authorized_code": string }> };
    const code = body.grants["urn:ietf:params:oauth:grant-type:pre-authorized_code"]?.["pre-authorized_code"];
    // A code minted for this fetch: 256 random bits, not the offer id.
    expect(code).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(code).not.toBe(offer.id);
    expect(body).toEqual({
      credential_issuer: CENTRE,
      credential_configuration_ids: ["digital-skills_ldp_vc", "digital-skills_jwt_vc_json"],
      grants: {
        "urn:ietf:params:oauth:grant-type:pre-authorized_code": {
          "pre-authorized_code": code,
          tx_code: {
            input_mode: "numeric",
            length: 6,
            description: "请输入内罗毕开放学习中心通过短信、电子邮件或信件另行发给您的6位数PIN码。",
          },
        },
      },
    });
    const open = await centre.offer({ txCode: false });
    const document = (await (await centre.app.request(`/oid4vci/offers/${open.id}`)).json()) as {
      grants: Record<string, unknown>;
    };
    const grant = document.grants;
    expect(grant["urn:ietf:params:oauth:grant-type:pre-authorized_code"]).toEqual({
      "pre-authorized_code": expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
    });
  });

  it("answers a closed or unknown offer with a problem", async () => {
    const centre = await offerCentre();
    await expectProblem(await centre.app.request("/oid4vci/offers/nope"), 404, "NOT_FOUND");
    const revoked = await centre.offer();
    await centre.app.request(`/oid4vci/offers/${revoked.id}`, {
      method: "DELETE",
      headers: { Authorization: `Bearer ${centre.staff}` },
    });
    await expectProblem(await centre.app.request(`/oid4vci/offers/${revoked.id}`), 400, "GRANT_INVALID");
    const late = await centre.offer({ expiresInDays: 1 });
    centre.clock.advance(86_400_000);
    await expectProblem(await centre.app.request(`/oid4vci/offers/${late.id}`), 400, "OFFER_EXPIRED");
  });

  it("draws the offer URI as an SVG QR code", async () => {
    const centre = await offerCentre();
    const offer = await centre.offer();
    const response = await centre.app.request(`/oid4vci/offers/${offer.id}/qr.svg`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/svg+xml");
    const svg = await response.text();
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 (\d+) \1"/);
    expect(svg).toBe(qrCodeSvg(offer.offerUri));
    expect(svg).not.toBe(qrCodeSvg(`${offer.offerUri}x`));
    await expectProblem(await centre.app.request("/oid4vci/offers/nope/qr.svg"), 404, "NOT_FOUND");
  });
});
