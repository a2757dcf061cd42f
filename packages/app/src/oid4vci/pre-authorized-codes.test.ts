/**
 * The pre-authorized code over `app.request()` (OpenID4VCI 1.0 §4.1.1: short lived, single use), while the
 * offer lives for days: each fetch of the offer JSON mints a code, and the codes handed out before keep
 * working, so a mail scanner, a link preview or a second device that follows the link never voids the code
 * the learner's wallet holds. The offer is still redeemed once.
 */
import { fixedClock, randomBytes, sha256, toBase64Url, utf8 } from "@learnbridge/core";
import {
  MAX_LIVE_PRE_AUTHORIZED_CODES,
  MAX_TX_CODE_FAILURES,
  MemoryNonceStore,
  MemoryOfferStore,
} from "@learnbridge/exchange";
import { sampleOffer, testHolder } from "@learnbridge/exchange/testing";
import { MemoryAuditLog } from "@learnbridge/issuer";
import { describe, expect, it } from "vitest";
import { assembleCentre } from "../assemble.ts";
import { memoryCentreStores } from "../test-support/memory-centre-stores.ts";
import { offerSettingsFrom } from "./offer-settings-from-env.ts";
import { offerCentre, PRE_AUTH } from "./oid4vci-test-centre.ts";

type Centre = Awaited<ReturnType<typeof offerCentre>>;

/** Asserts an OAuth error answer and returns its body. */
async function expectOAuthError(response: Response, status: number, error: string, code: string) {
  const body = (await response.json()) as Record<string, unknown>;
  expect({ status: response.status, error: body.error, code: body.code }).toEqual({ status, error, code });
  return body;
}

const hashOf = async (code: string) => toBase64Url(await sha256(utf8(code)));

const issuedCount = async (centre: Centre) => (await centre.credentials.list({ limit: 100 })).length;

/** What a wallet sends to the token endpoint for `code`. */
const tokenFor = (centre: Centre, code: string, pin?: string) =>
  centre.tokenEndpoint({
    grant_type: PRE_AUTH,
    "pre-authorized_code": code,
    ...(pin ? { tx_code: pin } : {}),
  });

/** The rest of a wallet's flow after the token: a credential for a fresh holder, answered as it comes. */
async function credentialWith(centre: Centre, token: Response): Promise<Response> {
  const { access_token } = (await token.json()) as { access_token: string };
  return centre.credential(
    access_token,
    await centre.credentialRequest(await testHolder("did:key"), "digital-skills_ldp_vc"),
  );
}

describe("pre-authorized codes: short lived, single use, and not voided by another fetch", () => {
  it("a code is short lived and is not the offer's id; the offer outlives it", async () => {
    const centre = await offerCentre();
    const offer = await centre.offer();
    // Not the offer id: that is in every URL of the offer, for the offer's whole life.
    await expectOAuthError(
      await tokenFor(centre, offer.id, offer.pin),
      400,
      "invalid_grant",
      "GRANT_INVALID",
    );
    // Ten minutes by default.
    const early = await centre.code(offer.id);
    expect(early).not.toBe(offer.id);
    expect(early).toMatch(/^[A-Za-z0-9_-]{43}$/);
    centre.clock.advance(10 * 60_000);
    await expectOAuthError(await tokenFor(centre, early, offer.pin), 400, "invalid_grant", "GRANT_INVALID");
    // Days later (the offer lives 7 days), the learner opens the link again: a fresh code works.
    centre.clock.advance(5 * 86_400_000);
    const late = await tokenFor(centre, await centre.code(offer.id), offer.pin);
    expect(late.status).toBe(200);
    // A wallet that got a token but no credential may open the offer again; the first token then stops.
    const firstAccess = ((await late.json()) as { access_token: string }).access_token;
    const again = await centre.accessToken(offer.id, offer.pin);
    const holder = await testHolder("did:key");
    await expectOAuthError(
      await centre.credential(firstAccess, await centre.credentialRequest(holder, "digital-skills_ldp_vc")),
      401,
      "invalid_token",
      "ACCESS_TOKEN_INVALID",
    );
    expect(
      (await centre.credential(again, await centre.credentialRequest(holder, "digital-skills_ldp_vc")))
        .status,
    ).toBe(200);
    // Only wrong PINs counted: the right ones gave their tries back.
    expect((await centre.offers.store.get(offer.id))?.txCodeFailures).toBe(0);
    expect(await issuedCount(centre)).toBe(1);
  });

  it("two fetches: the first code still redeems; the second is then refused as used", async () => {
    const centre = await offerCentre();
    const offer = await centre.offer();
    // The learner's wallet fetches first; then a mail scanner (or a second device) follows the same link.
    const wallet = await centre.code(offer.id);
    const scanner = await centre.code(offer.id);
    expect(scanner).not.toBe(wallet);
    expect((await credentialWith(centre, await tokenFor(centre, wallet, offer.pin))).status).toBe(200);
    await expectOAuthError(await tokenFor(centre, scanner, offer.pin), 400, "invalid_grant", "GRANT_USED");
    await expectOAuthError(await tokenFor(centre, wallet, offer.pin), 400, "invalid_grant", "GRANT_USED");
    expect(await issuedCount(centre)).toBe(1);
  });

  it(`${MAX_LIVE_PRE_AUTHORIZED_CODES + 1} fetches: the oldest code is refused, the others work; PIN tries stay per offer`, async () => {
    const centre = await offerCentre();
    const offer = await centre.offer();
    const codes: string[] = [];
    for (let n = 0; n <= MAX_LIVE_PRE_AUTHORIZED_CODES; n += 1) codes.push(await centre.code(offer.id));
    const [oldest, second, third, ...rest] = codes as [string, string, string, ...string[]];
    const refused = await expectOAuthError(
      await tokenFor(centre, oldest, offer.pin),
      400,
      "invalid_grant",
      "GRANT_INVALID",
    );
    expect(refused.error_description).toContain(`${MAX_LIVE_PRE_AUTHORIZED_CODES} newest`);
    // Wrong PINs through different codes count against the one offer.
    const wrong = offer.pin === "000000" ? "111111" : "000000";
    await expectOAuthError(await tokenFor(centre, second, wrong), 400, "invalid_grant", "TX_CODE_INVALID");
    const left = await expectOAuthError(
      await tokenFor(centre, third, wrong),
      400,
      "invalid_grant",
      "TX_CODE_INVALID",
    );
    expect(left.error_description).toContain(`${MAX_TX_CODE_FAILURES - 2} tries left`);
    expect((await centre.offers.store.get(offer.id))?.txCodeFailures).toBe(2);
    // A code that met a wrong PIN was not spent: with the right PIN it still grants.
    expect((await credentialWith(centre, await tokenFor(centre, third, offer.pin))).status).toBe(200);
    for (const code of [second, ...rest]) {
      await expectOAuthError(await tokenFor(centre, code, offer.pin), 400, "invalid_grant", "GRANT_USED");
    }
    expect(await issuedCount(centre)).toBe(1);
  });

  it("two wallets redeeming two codes of one offer at once: exactly one credential", async () => {
    for (let round = 0; round < 4; round += 1) {
      const centre = await offerCentre();
      const offer = await centre.offer();
      const codes = [await centre.code(offer.id), await centre.code(offer.id)];
      const answers = await Promise.all(
        codes.map(async (code) => credentialWith(centre, await tokenFor(centre, code, offer.pin))),
      );
      const outcomes = await Promise.all(
        answers.map(async (r) => (r.status === 200 ? "issued" : ((await r.json()) as { code: string }).code)),
      );
      expect(outcomes.filter((o) => o === "issued")).toHaveLength(1);
      // The loser's token was replaced by the winner's, or its redemption lost the race.
      expect(outcomes.find((o) => o !== "issued")).toMatch(/^(ACCESS_TOKEN_INVALID|GRANT_USED)$/);
      expect(await issuedCount(centre)).toBe(1);
      expect((await centre.offers.store.get(offer.id))?.state).toBe("redeemed");
    }
  });

  it("a code is stored only as a hash, for the configured lifetime, never past the offer's end", async () => {
    const centre = await offerCentre({ offers: { preAuthorizedCodeLifetimeMs: 60_000 } });
    const offer = await centre.offer({ expiresInDays: 1 });
    const code = await centre.code(offer.id);
    expect(JSON.stringify(await centre.offers.store.get(offer.id))).not.toContain(code);
    const stored = await centre.offers.store.findByPreAuthorizedCode(await hashOf(code));
    expect(stored?.offer.id).toBe(offer.id);
    expect(stored?.code.expiresAt).toBe("2026-06-01T00:01:00Z");
    centre.clock.advance(86_400_000 - 30_000);
    const last = await centre.code(offer.id);
    expect((await centre.offers.store.findByPreAuthorizedCode(await hashOf(last)))?.code.expiresAt).toBe(
      offer.expiresAt,
    );
  });

  it("the roots' PRE_AUTHORIZED_CODE_TTL reaches the codes of an assembled centre", async () => {
    const audit = new MemoryAuditLog();
    const offers = new MemoryOfferStore({ audit });
    const stores = memoryCentreStores({ audit, offers, offerNonces: new MemoryNonceStore() });
    const settings = offerSettingsFrom({ PRE_AUTHORIZED_CODE_TTL: "120" });
    const centre = await assembleCentre({
      publicUrl: "https://centre.example",
      masterKey: randomBytes(32),
      stores,
      clock: fixedClock("2026-06-02T00:00:00Z"),
      offers: { preAuthorizedCodeLifetimeMs: settings.preAuthorizedCodeLifetimeMs },
    });
    await offers.create(sampleOffer("o1"));
    const response = await centre.app.request("/oid4vci/offers/o1");
    expect(response.status).toBe(200);
    const document = (await response.json()) as { grants: Record<string, Record<string, string>> };
    const code = document.grants[PRE_AUTH]?.["pre-authorized_code"] as string;
    expect((await offers.findByPreAuthorizedCode(await hashOf(code)))?.code.expiresAt).toBe(
      "2026-06-02T00:02:00Z",
    );
  });
});
