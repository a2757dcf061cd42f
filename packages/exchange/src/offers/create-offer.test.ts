import { awardAchievement } from "@learnbridge/issuer";
import { describe, expect, it } from "vitest";
import { createOffer, DEFAULT_OFFER_LIFETIME_MS } from "./create-offer.ts";
import { offerUrls } from "./offer.ts";
import { offerTestContext, TEST_CENTRE_URL } from "./offer-test-context.ts";
import { revokeOffer } from "./revoke-offer.ts";
import { txCodeMatches } from "./tx-code.ts";

const who = { actor: "key-1", origin: "192.0.2.1" };

describe("createOffer", () => {
  it("stores an award offer with a 6-digit PIN kept only hashed, open for 7 days, audited", async () => {
    const { context, audit } = await offerTestContext();
    const { offer, txCode } = await createOffer(context, {
      achievement: "digital-skills",
      result: { creditsEarned: 2 },
      learner: { name: "  Amina Yusuf ", language: "sw" },
      ...who,
    });
    expect(txCode).toMatch(/^\d{6}$/);
    expect(offer).toMatchObject({
      source: { kind: "award", slug: "digital-skills", result: { creditsEarned: 2 } },
      achievementId: `${TEST_CENTRE_URL}/achievements/digital-skills`,
      learnerName: "Amina Yusuf",
      language: "sw",
      formats: ["ldp_vc", "jwt_vc"],
      createdAt: "2026-06-01T00:00:00Z",
      expiresAt: new Date(Date.parse("2026-06-01T00:00:00Z") + DEFAULT_OFFER_LIFETIME_MS)
        .toISOString()
        .replace(".000", ""),
      state: "offered",
      txCodeFailures: 0,
    });
    expect(offer.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(JSON.stringify(offer)).not.toContain(txCode);
    const stored = offer.txCode as NonNullable<typeof offer.txCode>;
    expect(await txCodeMatches(stored, txCode as string)).toBe(true);
    expect(await txCodeMatches(stored, txCode === "000000" ? "111111" : "000000")).toBe(false);
    expect(await context.offers.get(offer.id)).toEqual(offer);
    const entry = (await audit.list()).find((e) => e.action === "offer.create");
    expect(entry).toMatchObject({ actor: "key-1", origin: "192.0.2.1", subject: offer.id });
    expect(JSON.stringify(entry)).not.toContain("Amina");
  });

  it("takes a lifetime, PIN length or none, formats, and the achievement's language by default", async () => {
    const { context } = await offerTestContext();
    const { offer, txCode } = await createOffer(context, {
      achievement: "digital-skills",
      learner: { name: "Li Wei" },
      formats: ["jwt_vc"],
      lifetimeMs: 3_600_000,
      txCode: false,
      ...who,
    });
    expect(txCode).toBeUndefined();
    expect(offer).toMatchObject({ language: "en", formats: ["jwt_vc"], expiresAt: "2026-06-01T01:00:00Z" });
    expect(offer.txCode).toBeUndefined();
    const eight = await createOffer(context, {
      achievement: "digital-skills",
      learner: { name: "Li Wei" },
      txCode: { length: 8 },
      ...who,
    });
    expect(eight.txCode).toMatch(/^\d{8}$/);
  });

  it("offers an issued Open Badge again, and refuses one that is revoked", async () => {
    const { context, issuance } = await offerTestContext();
    const { record } = await awardAchievement(context, "digital-skills", {
      learner: { email: "amina@example.org" },
      actor: "key-1",
    });
    const { offer } = await createOffer(context, {
      credentialId: record.id,
      learner: { name: "Amina" },
      ...who,
    });
    expect(offer.source).toEqual({ kind: "record", credentialId: record.id });
    expect(offer.achievementId).toBe(`${TEST_CENTRE_URL}/achievements/digital-skills`);
    await issuance.revoke(record.id, "mistake", "key-1");
    await expect(
      createOffer(context, { credentialId: record.id, learner: { name: "Amina" }, ...who }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("names what is wrong: unknown or archived achievement, bad learner, formats, lifetime, PIN", async () => {
    const { context, achievements } = await offerTestContext();
    const learner = { name: "Amina" };
    const cases: [Parameters<typeof createOffer>[1], string][] = [
      [{ achievement: "nope", learner, ...who }, "NOT_FOUND"],
      [{ credentialId: "urn:uuid:nope", learner, ...who }, "NOT_FOUND"],
      [{ learner, ...who }, "FIELD_INVALID"],
      [{ achievement: "digital-skills", credentialId: "urn:uuid:x", learner, ...who }, "FIELD_INVALID"],
      [{ achievement: "digital-skills", learner: { name: " " }, ...who }, "FIELD_INVALID"],
      [
        { achievement: "digital-skills", learner: { name: "A", language: "not a tag" }, ...who },
        "FIELD_INVALID",
      ],
      [{ achievement: "digital-skills", learner, formats: [], ...who }, "FIELD_INVALID"],
      [
        { achievement: "digital-skills", learner, formats: ["mso_mdoc" as "ldp_vc"], ...who },
        "FIELD_INVALID",
      ],
      [{ achievement: "digital-skills", learner, lifetimeMs: 91 * 86_400_000, ...who }, "FIELD_INVALID"],
      [{ achievement: "digital-skills", learner, txCode: { length: 3 }, ...who }, "FIELD_INVALID"],
      [{ achievement: "digital-skills", learner, result: { creditsEarned: 3 }, ...who }, "FIELD_INVALID"],
    ];
    for (const [request, code] of cases) {
      await expect(createOffer(context, request), JSON.stringify(request)).rejects.toMatchObject({ code });
    }
    const current = await achievements.get("digital-skills");
    await achievements.revise("digital-skills", { ...current?.content, archived: true }, { actor: "t" });
    await expect(
      createOffer(context, { achievement: "digital-skills", learner, ...who }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
    });
    expect(await context.offers.list()).toEqual([]);
  });

  it("gives every URL of the contract", () => {
    expect(offerUrls("https://centre.example/lahore/", "a_b-c")).toEqual({
      offerJson: "https://centre.example/lahore/oid4vci/offers/a_b-c",
      offerUri:
        "openid-credential-offer://?credential_offer_uri=https%3A%2F%2Fcentre.example%2Flahore%2Foid4vci%2Foffers%2Fa_b-c",
      exchange: "https://centre.example/lahore/workflows/claim/exchanges/a_b-c",
      claimPage: "https://centre.example/lahore/claim/a_b-c",
      qrCode: "https://centre.example/lahore/oid4vci/offers/a_b-c/qr.svg",
    });
  });
});

describe("revokeOffer", () => {
  it("withdraws an open offer once, with its audit entry", async () => {
    const { context, audit } = await offerTestContext();
    const { offer } = await createOffer(context, {
      achievement: "digital-skills",
      learner: { name: "A" },
      ...who,
    });
    const revoked = await revokeOffer(
      context.offers,
      offer.id,
      { ...who, reason: "wrong learner" },
      context.clock,
    );
    expect(revoked).toMatchObject({ state: "revoked", revokedAt: "2026-06-01T00:00:00Z" });
    expect((await audit.list()).at(-1)).toMatchObject({
      action: "offer.revoke",
      details: { reason: "wrong learner" },
    });
    await expect(revokeOffer(context.offers, offer.id, who)).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(revokeOffer(context.offers, "nope", who)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
