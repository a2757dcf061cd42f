import { createSigner } from "@learnbridge/core";
import {
  createKeyResolver,
  signPresentationJwt,
  type VerifierOptions,
  verifyCredential,
} from "@learnbridge/credentials";
import { describe, expect, it } from "vitest";
import { type CreateOfferRequest, createOffer } from "../offers/create-offer.ts";
import { offerTestContext, TEST_CENTRE_DID, TEST_CENTRE_URL } from "../offers/offer-test-context.ts";
import { redeemOffer } from "../offers/redeem-offer.ts";
import { ClaimExchanges } from "./claim-exchanges.ts";
import { didAuthPresentation, newDidAuthHolder } from "./did-auth-holder.ts";
import { MemoryExchangeStore } from "./exchange-store.ts";

const VC_V2 = ["https://www.w3.org/ns/credentials/v2"];

async function setUp(offer: Partial<CreateOfferRequest> = {}) {
  const test = await offerTestContext();
  const { offer: created, txCode } = await createOffer(test.context, {
    achievement: "digital-skills",
    learner: { name: "Amina" },
    actor: "key-1",
    txCode: false,
    ...offer,
  });
  const store = new MemoryExchangeStore();
  const verifier: VerifierOptions = { clock: test.clock };
  const claims = new ClaimExchanges({
    offers: test.context,
    exchanges: store,
    publicUrl: TEST_CENTRE_URL,
    verifier,
    challengeTtlMs: 10 * 60_000,
  });
  const issued = async () => (await test.credentials.list()).length;
  return { ...test, offer: created, txCode, store, claims, issued };
}

const codeOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
    return "resolved";
  } catch (error) {
    return (error as { code?: string }).code;
  }
};

describe("ClaimExchanges", () => {
  it("starts with a DIDAuth request, then delivers the offer's credential to the authenticated DID", async () => {
    const t = await setUp();
    const holder = await newDidAuthHolder();
    const { verifiablePresentationRequest: request } = await t.claims.start(t.offer.id);
    expect(request).toMatchObject({
      query: [{ type: "DIDAuthentication", acceptedMethods: [{ method: "key" }, { method: "jwk" }] }],
      domain: "https://centre.example",
      challenge: expect.stringMatching(/^[\w-]{32}$/),
    });
    expect((await t.claims.state(t.offer.id)).state).toBe("active");

    const answer = await t.claims.present(
      t.offer.id,
      await didAuthPresentation(holder, request),
      "192.0.2.9",
    );
    const credentials = answer.verifiablePresentation.verifiableCredential as Record<string, unknown>[];
    expect(answer.verifiablePresentation.type).toEqual(["VerifiablePresentation"]);
    expect(credentials).toHaveLength(1);
    expect(credentials[0]?.credentialSubject).toMatchObject({ id: holder.did });
    const resolveKey = createKeyResolver({
      documents: new Map([[TEST_CENTRE_DID, await t.keys.didDocument()]]),
    });
    const report = await verifyCredential(credentials[0], { resolveKey, clock: t.clock });
    expect(report.checks.find((c) => c.name === "proof")?.outcome).toBe("pass");

    expect(await t.offers.get(t.offer.id)).toMatchObject({
      state: "redeemed",
      holder: holder.did,
      redeemedVia: "vcapi",
    });
    expect(await t.claims.state(t.offer.id)).toMatchObject({
      state: "complete",
      holder: holder.did,
      sequence: 3,
    });
    expect(await t.issued()).toBe(1);
  });

  it("refuses every step of a completed exchange, and an unknown one", async () => {
    const t = await setUp();
    const holder = await newDidAuthHolder();
    const { verifiablePresentationRequest: request } = await t.claims.start(t.offer.id);
    const vp = await didAuthPresentation(holder, request);
    await t.claims.present(t.offer.id, vp);
    expect(await codeOf(t.claims.start(t.offer.id))).toBe("EXCHANGE_STATE_INVALID");
    expect(await codeOf(t.claims.present(t.offer.id, vp))).toBe("EXCHANGE_STATE_INVALID");
    expect(await codeOf(t.claims.start("no-such-offer"))).toBe("NOT_FOUND");
    expect(await codeOf(t.claims.protocols("no-such-offer"))).toBe("NOT_FOUND");
    expect(await t.issued()).toBe(1);
  });

  it("spends a challenge on the first presentation: of two racing ones, one credential", async () => {
    const t = await setUp();
    const holder = await newDidAuthHolder();
    const { verifiablePresentationRequest: request } = await t.claims.start(t.offer.id);
    const vp = await didAuthPresentation(holder, request);
    const outcomes = await Promise.all([1, 2, 3].map(() => codeOf(t.claims.present(t.offer.id, vp))));
    expect(outcomes.sort()).toEqual(["EXCHANGE_STATE_INVALID", "EXCHANGE_STATE_INVALID", "resolved"]);
    expect(await t.issued()).toBe(1);
  });

  it("lets a challenge lapse, and a new one be asked for", async () => {
    const t = await setUp();
    const holder = await newDidAuthHolder();
    const { verifiablePresentationRequest: old } = await t.claims.start(t.offer.id);
    t.clock.set("2026-06-01T00:10:00Z");
    expect(await codeOf(t.claims.present(t.offer.id, await didAuthPresentation(holder, old)))).toBe(
      "PRESENTATION_REQUEST_EXPIRED",
    );
    expect(await t.issued()).toBe(0);
    expect((await t.claims.state(t.offer.id)).lastError?.code).toBe("PRESENTATION_REQUEST_EXPIRED");
    const { verifiablePresentationRequest: fresh } = await t.claims.start(t.offer.id);
    expect(fresh.challenge).not.toBe(old.challenge);
    await t.claims.present(t.offer.id, await didAuthPresentation(holder, fresh));
    expect(await t.issued()).toBe(1);
  });

  it("refuses a presentation over another challenge or domain, or by someone not its holder", async () => {
    const t = await setUp();
    const [holder, stranger] = [await newDidAuthHolder(), await newDidAuthHolder()];
    const attempt = async (make: (r: { challenge: string; domain: string }) => Promise<unknown>) => {
      const { verifiablePresentationRequest: request } = await t.claims.start(t.offer.id);
      return codeOf(t.claims.present(t.offer.id, await make(request)));
    };
    expect(await attempt((r) => didAuthPresentation(holder, { ...r, challenge: "other" }))).toBe(
      "PROOF_CHALLENGE_MISMATCH",
    );
    expect(await attempt((r) => didAuthPresentation(holder, { ...r, domain: "https://evil.example" }))).toBe(
      "PROOF_DOMAIN_MISMATCH",
    );
    expect(await attempt((r) => didAuthPresentation(holder, r, { signer: stranger }))).toBe(
      "KEY_CONTROLLER_MISMATCH",
    );
    expect(await attempt(async () => ({ "@context": VC_V2, type: ["VerifiablePresentation"] }))).toBe(
      "PROOF_MISSING",
    );
    expect(await t.issued()).toBe(0);
    expect((await t.offers.get(t.offer.id))?.state).toBe("offered");
  });

  it("refuses an expired offer, and one another protocol redeemed first", async () => {
    const expired = await setUp({ lifetimeMs: 60_000 });
    const { verifiablePresentationRequest: request } = await expired.claims.start(expired.offer.id);
    expired.clock.set("2026-06-01T00:02:00Z");
    const holder = await newDidAuthHolder();
    expect(
      await codeOf(expired.claims.present(expired.offer.id, await didAuthPresentation(holder, request))),
    ).toBe("OFFER_EXPIRED");
    expect(await codeOf(expired.claims.start(expired.offer.id))).toBe("EXCHANGE_STATE_INVALID");
    expect(await expired.issued()).toBe(0);

    const t = await setUp();
    const { verifiablePresentationRequest: req } = await t.claims.start(t.offer.id);
    const other = await newDidAuthHolder();
    await redeemOffer(t.context, t.offer.id, { holder: other.did, format: "jwt_vc", via: "oid4vci" });
    expect(await codeOf(t.claims.present(t.offer.id, await didAuthPresentation(holder, req)))).toBe(
      "GRANT_USED",
    );
    expect((await t.claims.state(t.offer.id)).state).toBe("invalid");
    expect(await codeOf(t.claims.start(t.offer.id))).toBe("EXCHANGE_STATE_INVALID");
    expect(await t.issued()).toBe(1);
  });

  it("gives a vp+jwt wallet a vc+jwt credential, enveloped", async () => {
    const t = await setUp();
    const holder = await newDidAuthHolder();
    const { verifiablePresentationRequest: request } = await t.claims.start(t.offer.id);
    const jwt = await signPresentationJwt(
      {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        type: ["VerifiablePresentation"],
        holder: holder.did,
      },
      { signer: createSigner(holder.pair, holder.keyId), nonce: request.challenge, audience: request.domain },
    );
    const answer = await t.claims.participate(t.offer.id, { verifiablePresentation: jwt });
    const [credential] = (answer as { verifiablePresentation: { verifiableCredential: { id: string }[] } })
      .verifiablePresentation.verifiableCredential;
    expect(credential?.id).toMatch(/^data:application\/vc\+jwt,ey/);
  });

  it("keeps an offer with a PIN shut at its own URL, and opens it elsewhere once the PIN is typed", async () => {
    const t = await setUp({ txCode: true });
    expect(await t.claims.protocols(t.offer.id)).toEqual({
      OID4VCI: `openid-credential-offer://?credential_offer_uri=${encodeURIComponent(`${TEST_CENTRE_URL}/oid4vci/offers/${t.offer.id}`)}`,
    });
    expect(await codeOf(t.claims.start(t.offer.id))).toBe("TX_CODE_REQUIRED");
    expect(await codeOf(t.claims.unlock(t.offer.id, undefined))).toBe("TX_CODE_REQUIRED");
    const wrong = t.txCode === "000000" ? "111111" : "000000";
    expect(await codeOf(t.claims.unlock(t.offer.id, wrong))).toBe("TX_CODE_INVALID");
    const opened = await t.claims.unlock(t.offer.id, t.txCode);
    expect(opened.exchangeId).not.toBe(t.offer.id);
    expect(opened.exchangeUrl).toBe(`${TEST_CENTRE_URL}/workflows/claim/exchanges/${opened.exchangeId}`);
    expect(await t.claims.unlock(t.offer.id, t.txCode)).toEqual(opened);
    expect((await t.claims.protocols(opened.exchangeId)).vcapi).toBe(opened.exchangeUrl);

    const holder = await newDidAuthHolder();
    const { verifiablePresentationRequest: request } = await t.claims.start(opened.exchangeId);
    expect(request.interact?.service[0]?.serviceEndpoint).toBe(opened.exchangeUrl);
    await t.claims.present(opened.exchangeId, await didAuthPresentation(holder, request));
    expect(await t.offers.get(t.offer.id)).toMatchObject({ state: "redeemed", holder: holder.did });
  });

  it("gives a right PIN its try back: a learner reloading the claim page is never locked out", async () => {
    const t = await setUp({ txCode: true });
    const wrong = t.txCode === "000000" ? "111111" : "000000";
    expect(await codeOf(t.claims.unlock(t.offer.id, wrong))).toBe("TX_CODE_INVALID");
    for (let i = 0; i < 8; i += 1) await t.claims.unlock(t.offer.id, t.txCode);
    expect((await t.offers.get(t.offer.id))?.txCodeFailures).toBe(1);
  });

  it("locks a PIN offer after five wrong PINs, the right one too", async () => {
    const t = await setUp({ txCode: true });
    const wrong = t.txCode === "000000" ? "111111" : "000000";
    const codes = [];
    for (let i = 0; i < 5; i += 1) codes.push(await codeOf(t.claims.unlock(t.offer.id, wrong)));
    expect(codes).toEqual(Array(5).fill("TX_CODE_INVALID"));
    expect(await codeOf(t.claims.unlock(t.offer.id, t.txCode))).toBe("TX_CODE_LOCKED");
  });

  it("hands a crashed delivery to the same holder only, without issuing again", async () => {
    const t = await setUp();
    const [holder, stranger] = [await newDidAuthHolder(), await newDidAuthHolder()];
    await t.claims.start(t.offer.id);
    // As if a delivery crashed after redeeming, before recording the exchange complete.
    const { record } = await redeemOffer(t.context, t.offer.id, {
      holder: holder.did,
      format: "ldp_vc",
      via: "vcapi",
    });
    const again = await t.claims.start(t.offer.id);
    expect(
      await codeOf(
        t.claims.present(
          t.offer.id,
          await didAuthPresentation(stranger, again.verifiablePresentationRequest),
        ),
      ),
    ).toBe("GRANT_USED");

    const u = await setUp();
    await u.claims.start(u.offer.id);
    const redeemed = await redeemOffer(u.context, u.offer.id, {
      holder: holder.did,
      format: "ldp_vc",
      via: "vcapi",
    });
    const retry = await u.claims.start(u.offer.id);
    const answer = await u.claims.present(
      u.offer.id,
      await didAuthPresentation(holder, retry.verifiablePresentationRequest),
    );
    const [credential] = answer.verifiablePresentation.verifiableCredential as { id: string }[];
    expect(credential?.id).toBe(redeemed.record.id);
    expect(await u.issued()).toBe(1);
    expect(record.id).not.toBe(redeemed.record.id);
  });

  it("takes {} or { verifiablePresentation }, nothing else", async () => {
    const t = await setUp();
    expect(await t.claims.participate(t.offer.id, { referenceId: "urn:uuid:1" })).toHaveProperty(
      "verifiablePresentationRequest",
    );
    expect(await codeOf(t.claims.participate(t.offer.id, { verifiablePresentationRequest: {} }))).toBe(
      "BAD_REQUEST",
    );
    expect(() => new ClaimExchanges({ offers: t.context, exchanges: t.store, publicUrl: "nope" })).toThrow(
      TypeError,
    );
  });
});
