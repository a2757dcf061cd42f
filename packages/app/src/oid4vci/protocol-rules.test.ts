/**
 * What the OpenID4VCI 1.0 finals ask of the issuer beyond the happy path: credential requests read as §8.2
 * and §8.3 say (unknown parameters ignored, several key proofs each verified, one credential issued), and the
 * compatibility path for wallets of drafts 13 to 15: their singular `proof`, checked exactly as `proofs`.
 * The pre-authorized code's own rules (§4.1.1) are in pre-authorized-codes.test.ts.
 */
import { testHolder } from "@learnbridge/exchange/testing";
import { describe, expect, it } from "vitest";
import { offerCentre } from "./oid4vci-test-centre.ts";

type Centre = Awaited<ReturnType<typeof offerCentre>>;

/** Asserts an OAuth error answer and returns its body. */
async function expectOAuthError(response: Response, status: number, error: string, code: string) {
  const body = (await response.json()) as Record<string, unknown>;
  expect({ status: response.status, error: body.error, code: body.code }).toEqual({ status, error, code });
  return body;
}

const issuedCount = async (centre: Centre) => (await centre.credentials.list({ limit: 100 })).length;

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
