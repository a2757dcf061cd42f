/**
 * What the OpenID4VCI 1.0 finals ask of the issuer beyond the happy path: a pre-authorized code that is short
 * lived and single use while its offer lives for days (§4.1.1), and credential requests read as §8.2 and §8.3
 * say (unknown parameters ignored, several key proofs each verified, one credential issued), and the
 * compatibility path for wallets of drafts 13 to 15: their singular `proof`, checked exactly as `proofs`.
 */
import { testHolder } from "@learnbridge/exchange/testing";
import { describe, expect, it } from "vitest";
import { offerCentre, PRE_AUTH } from "./oid4vci-test-centre.ts";

type Centre = Awaited<ReturnType<typeof offerCentre>>;

/** Asserts an OAuth error answer and returns its body. */
async function expectOAuthError(response: Response, status: number, error: string, code: string) {
  const body = (await response.json()) as Record<string, unknown>;
  expect({ status: response.status, error: body.error, code: body.code }).toEqual({ status, error, code });
  return body;
}

const issuedCount = async (centre: Centre) => (await centre.credentials.list({ limit: 100 })).length;

describe("the pre-authorized code (OpenID4VCI 1.0 §4.1.1: short lived, single use)", () => {
  it("a pre-authorized code is short lived and the latest one only; the offer outlives it", async () => {
    const centre = await offerCentre();
    const offer = await centre.offer();
    const token = (code: string) =>
      centre.tokenEndpoint({ grant_type: PRE_AUTH, "pre-authorized_code": code, tx_code: offer.pin });
    // Not the offer id: that is in every URL of the offer, for the offer's whole life.
    await expectOAuthError(await token(offer.id), 400, "invalid_grant", "GRANT_INVALID");
    // Ten minutes by default.
    const early = await centre.code(offer.id);
    expect(early).not.toBe(offer.id);
    expect(early).toMatch(/^[A-Za-z0-9_-]{43}$/);
    centre.clock.advance(10 * 60_000);
    await expectOAuthError(await token(early), 400, "invalid_grant", "GRANT_INVALID");
    // Each fetch of the offer JSON mints a new code, which voids the one before.
    const first = await centre.code(offer.id);
    const second = await centre.code(offer.id);
    expect(second).not.toBe(first);
    await expectOAuthError(await token(first), 400, "invalid_grant", "GRANT_INVALID");
    // Days later (the offer lives 7 days), the learner opens the link again: a fresh code works.
    centre.clock.advance(5 * 86_400_000);
    const late = await token(await centre.code(offer.id));
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

  it("a code that is never exchanged is stored only as a hash, bound to its offer", async () => {
    const centre = await offerCentre({ offers: { preAuthorizedCodeLifetimeMs: 60_000 } });
    const offer = await centre.offer({ expiresInDays: 1 });
    const code = await centre.code(offer.id);
    const stored = await centre.offers.store.get(offer.id);
    expect(JSON.stringify(stored)).not.toContain(code);
    expect(stored?.preAuthorizedCodeHash).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(stored?.preAuthorizedCodeExpiresAt).toBe("2026-06-01T00:01:00Z");
    // Never past the offer's own end.
    centre.clock.advance(86_400_000 - 30_000);
    await centre.code(offer.id);
    expect((await centre.offers.store.get(offer.id))?.preAuthorizedCodeExpiresAt).toBe(offer.expiresAt);
  });
});

describe("credential requests as OpenID4VCI 1.0 §8.2 and §8.3 allow them", () => {
  it("ignores parameters it does not know, the drafts' format among them", async () => {
    const centre = await offerCentre();
    const offer = await centre.offer();
    const access = await centre.accessToken(offer.id, offer.pin);
    const holder = await testHolder("did:key");
    const request = await centre.credentialRequest(holder, "digital-skills_ldp_vc");
    const response = await centre.credential(access, {
      ...request,
      format: "ldp_vc",
      issuer_state: "x",
      wallet_extension: { any: "thing" },
    });
    expect(response.status).toBe(200);
    expect(await issuedCount(centre)).toBe(1);
  });

  it("verifies every proof of several and issues the offer's one credential, bound to the first key", async () => {
    const centre = await offerCentre();
    const offer = await centre.offer();
    const access = await centre.accessToken(offer.id, offer.pin);
    const [first, second] = [await testHolder("did:key"), await testHolder("did:jwk", "ES256")];
    const nonce = await centre.nonce();
    const iat = centre.clock().getTime() / 1000;
    const proofOf = (holder: typeof first, extra: Record<string, unknown> = {}) =>
      holder.proof({ audience: centre.publicUrl, nonce, iat, ...extra });
    // One bad proof among good ones refuses the request, and spends no nonce.
    const forged = {
      credential_configuration_id: "digital-skills_ldp_vc",
      proofs: { jwt: [await proofOf(first), await proofOf(second, { forgeSignature: true })] },
    };
    await expectOAuthError(
      await centre.credential(access, forged),
      400,
      "invalid_proof",
      "HOLDER_PROOF_INVALID",
    );
    const elsewhere = {
      credential_configuration_id: "digital-skills_ldp_vc",
      proofs: { jwt: [await proofOf(first), await proofOf(second, { audience: "https://evil.example" })] },
    };
    await expectOAuthError(
      await centre.credential(access, elsewhere),
      400,
      "invalid_proof",
      "AUDIENCE_MISMATCH",
    );
    expect(await issuedCount(centre)).toBe(0);

    const both = {
      credential_configuration_id: "digital-skills_ldp_vc",
      proofs: { jwt: [await proofOf(first), await proofOf(second)] },
    };
    const response = await centre.credential(access, both);
    expect(response.status).toBe(200);
    const { credentials } = (await response.json()) as { credentials: { credential: unknown }[] };
    expect(credentials).toHaveLength(1);
    const report = await centre.verify(credentials[0]?.credential);
    expect((report.document as { credentialSubject: { id: string } }).credentialSubject.id).toBe(first.did);
    expect(await issuedCount(centre)).toBe(1);
    // The shared c_nonce was spent once, by the request that issued.
    const third = await centre.offer();
    const access3 = await centre.accessToken(third.id, third.pin);
    const replay = {
      credential_configuration_id: "digital-skills_ldp_vc",
      proofs: { jwt: [await proofOf(first)] },
    };
    await expectOAuthError(await centre.credential(access3, replay), 400, "invalid_nonce", "NONCE_INVALID");
  });
});

describe("the drafts' singular proof (compatibility with wallets of drafts 13 to 15)", () => {
  /** The draft form of a request: `proof: {proof_type: "jwt", jwt}` and no `proofs`. */
  const draftOf = (request: { credential_configuration_id: string; proofs: { jwt: string[] } }) => ({
    credential_configuration_id: request.credential_configuration_id,
    proof: { proof_type: "jwt", jwt: request.proofs.jwt[0] },
  });

  it("issues the credential bound to the proof's key, as for proofs.jwt[0]", async () => {
    const centre = await offerCentre();
    const offer = await centre.offer();
    const access = await centre.accessToken(offer.id, offer.pin);
    const holder = await testHolder("did:jwk", "ES256");
    const request = draftOf(await centre.credentialRequest(holder, "digital-skills_jwt_vc_json"));
    const response = await centre.credential(access, request);
    expect(response.status).toBe(200);
    const { credentials } = (await response.json()) as { credentials: { credential: unknown }[] };
    const report = await centre.verify(credentials[0]?.credential);
    expect((report.document as { credentialSubject: { id: string } }).credentialSubject.id).toBe(holder.did);
    expect(await issuedCount(centre)).toBe(1);
  });

  it("applies every check of a 1.0 proof: typ, alg, key, audience, iat, nonce once", async () => {
    const centre = await offerCentre();
    const offer = await centre.offer();
    const access = await centre.accessToken(offer.id, offer.pin);
    const holder = await testHolder("did:key");
    const draft = async (proof: Parameters<typeof centre.credentialRequest>[2]) =>
      draftOf(await centre.credentialRequest(holder, "digital-skills_ldp_vc", proof));
    const refusals: [Record<string, unknown>, string, string][] = [
      [await draft({ header: { typ: "JWT" } }), "invalid_proof", "HOLDER_PROOF_INVALID"],
      [await draft({ header: { alg: "HS256" } }), "invalid_proof", "HOLDER_PROOF_INVALID"],
      [
        await draft({ header: { kid: "did:key:z6MkUnknown#z6MkUnknown" } }),
        "invalid_proof",
        "HOLDER_PROOF_INVALID",
      ],
      [await draft({ forgeSignature: true }), "invalid_proof", "HOLDER_PROOF_INVALID"],
      [await draft({ audience: "https://evil.example" }), "invalid_proof", "AUDIENCE_MISMATCH"],
      [await draft({ iat: centre.clock().getTime() / 1000 - 3600 }), "invalid_proof", "HOLDER_PROOF_INVALID"],
      [await draft({ nonce: "made-up" }), "invalid_nonce", "NONCE_INVALID"],
    ];
    for (const [body, error, code] of refusals) {
      await expectOAuthError(await centre.credential(access, body), 400, error, code);
    }
    expect(await issuedCount(centre)).toBe(0);
    // A c_nonce spent by a draft request is spent for 1.0 requests too.
    const nonce = await centre.nonce();
    expect((await centre.credential(access, await draft({ nonce }))).status).toBe(200);
    const second = await centre.offer();
    const access2 = await centre.accessToken(second.id, second.pin);
    const replay = await centre.credentialRequest(holder, "digital-skills_ldp_vc", { nonce });
    await expectOAuthError(await centre.credential(access2, replay), 400, "invalid_nonce", "NONCE_INVALID");
    expect(await issuedCount(centre)).toBe(1);
  });

  it("refuses a request with both proof and proofs as ambiguous, and issues nothing", async () => {
    const centre = await offerCentre();
    const offer = await centre.offer();
    const access = await centre.accessToken(offer.id, offer.pin);
    const holder = await testHolder("did:key");
    const request = await centre.credentialRequest(holder, "digital-skills_ldp_vc");
    const both = { ...request, proof: draftOf(request).proof };
    const body = await expectOAuthError(
      await centre.credential(access, both),
      400,
      "invalid_credential_request",
      "BAD_REQUEST",
    );
    expect(body.error_description).toMatch(/not both/);
    expect(await issuedCount(centre)).toBe(0);
    // The nonce was not spent: the 1.0 request alone still issues.
    expect((await centre.credential(access, request)).status).toBe(200);
  });
});
