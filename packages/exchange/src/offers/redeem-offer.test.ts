import { generateKeyPair } from "@learnbridge/core";
import {
  createKeyResolver,
  didJwkFromPublicKey,
  didKeyFromPublicKey,
  verifyCredential,
} from "@learnbridge/credentials";
import { awardAchievement, type IssuedCredentialRecord } from "@learnbridge/issuer";
import { describe, expect, it } from "vitest";
import { createOffer } from "./create-offer.ts";
import { offerRequestKey } from "./offer.ts";
import { credentialOfRecord } from "./offer-source.ts";
import { offerTestContext, TEST_CENTRE_DID } from "./offer-test-context.ts";
import { redeemOffer } from "./redeem-offer.ts";
import { revokeOffer } from "./revoke-offer.ts";

const who = { actor: "key-1" };
const holderDid = async () => didKeyFromPublicKey((await generateKeyPair("EdDSA")).publicKey);

async function setUp(options: Partial<Parameters<typeof createOffer>[1]> = {}) {
  const test = await offerTestContext();
  const { offer } = await createOffer(test.context, {
    achievement: "digital-skills",
    result: { creditsEarned: 2 },
    learner: { name: "Amina" },
    ...who,
    ...options,
  });
  return { ...test, offer };
}

/** The proof check of the full report, with the centre's DID document as the only known one. */
async function proofOf(test: Awaited<ReturnType<typeof offerTestContext>>, record: IssuedCredentialRecord) {
  const document = await test.keys.didDocument();
  const resolveKey = createKeyResolver({ documents: new Map([[TEST_CENTRE_DID, document]]) });
  const input = record.format === "jwt_vc" ? record.credential : JSON.parse(record.credential);
  const report = await verifyCredential(input, { resolveKey, clock: test.clock });
  return report.checks.find((c) => c.name === "proof")?.outcome;
}

describe("redeemOffer", () => {
  it("issues the award to the holder's DID, in the format asked, and records the redemption", async () => {
    const test = await setUp();
    const holder = await holderDid();
    const { offer, record } = await redeemOffer(test.context, test.offer.id, {
      holder,
      format: "jwt_vc",
      via: "oid4vci",
      origin: "192.0.2.7",
    });
    expect(record).toMatchObject({
      subject: holder,
      format: "jwt_vc",
      requestKey: offerRequestKey(offer.id),
    });
    expect(offer).toMatchObject({
      state: "redeemed",
      credentialId: record.id,
      holder,
      redeemedVia: "oid4vci",
    });
    const credential = credentialOfRecord(record);
    expect(credential.credentialSubject).toMatchObject({ id: holder, creditsEarned: 2 });
    expect(await proofOf(test, record)).toBe("pass");
    const actions = (await test.audit.list()).map((e) => [e.action, e.actor]);
    expect(actions.slice(-2)).toEqual([
      ["credential.issue", `offer:${offer.id}`],
      ["offer.redeem", `offer:${offer.id}`],
    ]);
  });

  it("refuses a second redeem, by anyone, with GRANT_USED, and issues nothing more", async () => {
    const test = await setUp();
    const holder = await holderDid();
    await redeemOffer(test.context, test.offer, { holder, format: "ldp_vc", via: "oid4vci" });
    for (const [again, format] of [
      [holder, "ldp_vc"],
      [await holderDid(), "ldp_vc"],
      [holder, "jwt_vc"],
    ] as const) {
      await expect(
        redeemOffer(test.context, test.offer, { holder: again, format, via: "vcapi" }),
      ).rejects.toMatchObject({
        code: "GRANT_USED",
      });
    }
    expect(await test.credentials.list()).toHaveLength(1);
  });

  it("gives one credential to one of two protocols racing on an offer", async () => {
    const test = await setUp();
    const [a, b] = [await holderDid(), didJwkFromPublicKey((await generateKeyPair("ES256")).publicKey)];
    const results = await Promise.allSettled([
      redeemOffer(test.context, test.offer.id, { holder: a, format: "ldp_vc", via: "oid4vci" }),
      redeemOffer(test.context, test.offer.id, { holder: b, format: "jwt_vc", via: "vcapi" }),
    ]);
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r) => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost.map((r) => (r as PromiseRejectedResult).reason.code)).toEqual(["GRANT_USED"]);
    const records = await test.credentials.list();
    expect(records).toHaveLength(1);
    expect((await test.offers.get(test.offer.id))?.credentialId).toBe(records[0]?.id);
  });

  it("completes a redeem that crashed after issuing, for its own holder only", async () => {
    const test = await setUp();
    const holder = await holderDid();
    // The credential was issued under the offer's request key, then the process died before recording it.
    const { record } = await awardAchievement(test.context, "digital-skills", {
      learner: { did: holder },
      format: "ldp_vc",
      requestKey: offerRequestKey(test.offer.id),
      actor: `offer:${test.offer.id}`,
    });
    await expect(
      redeemOffer(test.context, test.offer.id, { holder: await holderDid(), format: "ldp_vc", via: "vcapi" }),
    ).rejects.toMatchObject({ code: "GRANT_USED" });
    const done = await redeemOffer(test.context, test.offer.id, { holder, format: "ldp_vc", via: "vcapi" });
    expect(done.record.id).toBe(record.id);
    expect(await test.credentials.list()).toHaveLength(1);
  });

  it("refuses an expired, withdrawn or unknown offer, a non-DID holder and an unoffered format", async () => {
    const test = await setUp({ formats: ["ldp_vc"] });
    const holder = await holderDid();
    const cases: [string, Parameters<typeof redeemOffer>[2], string][] = [
      ["nope", { holder, format: "ldp_vc", via: "vcapi" }, "NOT_FOUND"],
      [
        test.offer.id,
        { holder: "mailto:amina@example.org", format: "ldp_vc", via: "vcapi" },
        "FIELD_INVALID",
      ],
      [test.offer.id, { holder: `${holder}#key-1`, format: "ldp_vc", via: "vcapi" }, "FIELD_INVALID"],
      [test.offer.id, { holder, format: "jwt_vc", via: "vcapi" }, "FIELD_INVALID"],
    ];
    for (const [id, request, code] of cases) {
      await expect(redeemOffer(test.context, id, request)).rejects.toMatchObject({ code });
    }
    test.clock.set("2026-06-08T00:00:00Z");
    await expect(
      redeemOffer(test.context, test.offer.id, { holder, format: "ldp_vc", via: "vcapi" }),
    ).rejects.toMatchObject({ code: "OFFER_EXPIRED" });
    test.clock.set("2026-06-02T00:00:00Z");
    await revokeOffer(test.offers, test.offer.id, who);
    await expect(
      redeemOffer(test.context, test.offer.id, { holder, format: "ldp_vc", via: "vcapi" }),
    ).rejects.toMatchObject({ code: "GRANT_INVALID" });
    expect(await test.credentials.list()).toEqual([]);
  });

  it("issues nothing when the achievement was archived after the offer was made", async () => {
    const test = await setUp();
    const current = await test.achievements.get("digital-skills");
    await test.achievements.revise("digital-skills", { ...current?.content, archived: true }, { actor: "t" });
    await expect(
      redeemOffer(test.context, test.offer.id, { holder: await holderDid(), format: "ldp_vc", via: "vcapi" }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await test.credentials.list()).toEqual([]);
    expect((await test.offers.get(test.offer.id))?.state).toBe("offered");
  });

  it("binds a credential issued to an email to the holder's wallet, keeping its content and date", async () => {
    const test = await offerTestContext();
    const { record: original } = await awardAchievement(test.context, "digital-skills", {
      learner: { email: "amina@example.org" },
      result: { grade: "Distinction" },
      actor: "key-1",
    });
    test.clock.set("2026-07-01T00:00:00Z");
    const { offer } = await createOffer(test.context, {
      credentialId: original.id,
      learner: { name: "Amina" },
      ...who,
    });
    const holder = await holderDid();
    const { record } = await redeemOffer(test.context, offer, { holder, format: "jwt_vc", via: "oid4vci" });
    const before = credentialOfRecord(original);
    const after = credentialOfRecord(record);
    expect(record.id).not.toBe(original.id);
    expect(record.statusIndex).not.toBe(original.statusIndex);
    expect(after.credentialSubject).toEqual({
      ...(before.credentialSubject as object),
      identifier: undefined,
      id: holder,
    });
    expect(after.credentialSubject).not.toHaveProperty("identifier");
    expect(after.validFrom).toBe(before.validFrom);
    expect(record.achievementId).toBe(original.achievementId);
    expect(await proofOf(test, record)).toBe("pass");
  });
});
