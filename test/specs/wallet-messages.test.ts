/**
 * The wallet protocols as specs/wallets.md documents them: the real app, driven over `app.request()` through
 * OpenID4VCI (offer, metadata, token, nonce, credential), the VC-API claim exchange (protocols, PIN unlock,
 * DIDAuth, delivery, the LCW link) and the OpenID4VP verifier (request, request object, direct_post and
 * direct_post.jwt, result, expiry), and every error each of them answers. Every message the node emits, and every request the test
 * sends as a wallet or an employer would, must validate against its schema in specs/schemas/exchange.
 */
import { afterAll, describe, expect, it } from "vitest";
import { offerCentre, PRE_AUTH } from "../../packages/app/src/oid4vci/oid4vci-test-centre.ts";
import {
  fetchRequestObject,
  issueTo,
  jwtPresentation,
  ldpPresentation,
  learnerWallet,
  movableClock,
  postAnswer,
  readResult,
  verifierCentre,
} from "../../packages/app/src/oid4vp/test-verifier.ts";
import { postJson } from "../../packages/app/src/test-support/test-centre.ts";
import { fromBase64Url, fromUtf8 } from "../../packages/core/src/index.ts";
import {
  didAuthPresentation,
  newDidAuthHolder,
  testHolder,
} from "../../packages/exchange/src/offers/testing.ts";
// The wallet's own encryption, so that the node's decryption is checked against another implementation.
import { encryptResponse, responseEncryptionOf } from "../../packages/wallet/src/oid4vp/encrypt-response.ts";
import {
  answer,
  claimingCentre,
  conforms,
  create,
  credentialRequest,
  exchangePath,
  expectOAuthError,
  expectProblem,
  fetchOffer,
  grantOf,
  makeOffer,
  nonceOf,
  participate,
  requestObject,
  result,
  tokenRequest,
} from "./checked-steps.ts";
import {
  decodeJwt,
  expectValid,
  formFields,
  isValid,
  jsonOf,
  schemaNames,
  writeCaptured,
} from "./schema-check.ts";

afterAll(writeCaptured);

describe("OpenID4VCI messages match specs/schemas/exchange", () => {
  it("metadata, offer, token, nonce, key proof and credential, in both formats and binding methods", async () => {
    const centre = await offerCentre({ exchanges: true });
    const metadata = await jsonOf(await centre.app.request("/.well-known/openid-credential-issuer"), 200);
    expectValid("credential-issuer-metadata", metadata);
    const as = await jsonOf(await centre.app.request("/.well-known/oauth-authorization-server"), 200);
    expectValid("authorization-server-metadata", as);

    const created = await makeOffer(centre, { result: { creditsEarned: 2 } });
    const offer = await fetchOffer(centre, created.offerUri);
    const token = await jsonOf(
      await tokenRequest(centre, {
        grant_type: PRE_AUTH,
        "pre-authorized_code": grantOf(offer),
        tx_code: created.pin,
      }),
      200,
    );
    expectValid("token-response", token);
    // The schemas hold the 1.0 line: no c_nonce in the token response, no draft `credentials` in the offer.
    expect(isValid("token-response", { ...token, c_nonce: "x" })).toBe(false);
    expect(isValid("credential-offer", { ...offer, credentials: offer.credential_configuration_ids })).toBe(
      false,
    );
    const holder = await testHolder("did:key");
    const proof = await holder.proof({
      audience: metadata.credential_issuer,
      nonce: await nonceOf(centre),
      iat: centre.clock().getTime() / 1000,
    });
    const issued = await jsonOf(
      await credentialRequest(centre, token.access_token, {
        credential_configuration_id: offer.credential_configuration_ids[0],
        proofs: { jwt: [proof] },
      }),
      200,
    );
    expectValid("credential-response", issued);
    expect(typeof issued.credentials[0].credential).toBe("object");
    const decoded = decodeJwt(proof);
    expect(isValid("key-proof-jwt", { ...decoded, header: { ...decoded.header, x5c: ["MIIB"] } })).toBe(
      false,
    );
    expect(isValid("credential-response", { ...issued, notification_id: "n" })).toBe(false);

    // No PIN, VC-JOSE only, a P-256 key given as a jwk header, asked for through authorization_details.
    const open = await makeOffer(centre, { txCode: false, formats: ["jwt_vc"] });
    const openOffer = await fetchOffer(centre, open.offerUri);
    const [configuration] = openOffer.credential_configuration_ids;
    const granted = await jsonOf(
      await tokenRequest(centre, {
        grant_type: PRE_AUTH,
        "pre-authorized_code": grantOf(openOffer),
        authorization_details: JSON.stringify([
          { type: "openid_credential", credential_configuration_id: configuration },
        ]),
      }),
      200,
    );
    expectValid("token-response", granted);
    const p256 = await testHolder("jwk", "ES256");
    const jwtIssued = await jsonOf(
      await credentialRequest(centre, granted.access_token, {
        credential_identifier: granted.authorization_details[0].credential_identifiers[0],
        proofs: {
          jwt: [
            await p256.proof({
              audience: centre.publicUrl,
              nonce: await nonceOf(centre),
              iat: centre.clock().getTime() / 1000,
            }),
          ],
        },
      }),
      200,
    );
    expectValid("credential-response", jwtIssued);
    expect(decodeJwt(jwtIssued.credentials[0].credential).payload).toMatchObject({
      credentialSubject: { id: p256.did },
    });

    // A did:jwk holder naming its key by kid.
    const third = await makeOffer(centre, { txCode: { length: 4 }, formats: ["ldp_vc"] });
    const thirdOffer = await fetchOffer(centre, third.offerUri);
    const access = await jsonOf(
      await tokenRequest(centre, {
        grant_type: PRE_AUTH,
        "pre-authorized_code": grantOf(thirdOffer),
        tx_code: third.pin,
      }),
      200,
    ).then((granted) => granted.access_token as string);
    // Two key proofs, one with the fully-specified alg Ed25519: both verified, one credential, to the first.
    const jwkHolder = await testHolder("did:jwk", "ES256");
    const edHolder = await testHolder("did:key", "EdDSA");
    const shared = {
      audience: centre.publicUrl,
      nonce: await nonceOf(centre),
      iat: centre.clock().getTime() / 1000,
    };
    const ed25519 = await edHolder.proof({ ...shared, header: { alg: "Ed25519" } });
    expectValid("key-proof-jwt", decodeJwt(ed25519));
    const third200 = await credentialRequest(centre, access, {
      credential_configuration_id: thirdOffer.credential_configuration_ids[0],
      proofs: { jwt: [await jwkHolder.proof(shared), ed25519] },
    });
    const thirdIssued = await jsonOf(third200, 200);
    expectValid("credential-response", thirdIssued);
    expect(thirdIssued.credentials).toHaveLength(1);
    expect(thirdIssued.credentials[0].credential.credentialSubject.id).toBe(jwkHolder.did);
    expect(as.authorization_details_types_supported).toEqual(["openid_credential"]);

    // The staff list shows each offer as the create answer did, without the PIN.
    const listed = await jsonOf(
      await centre.app.request("/oid4vci/offers", { headers: { Authorization: `Bearer ${centre.staff}` } }),
      200,
    );
    for (const view of listed.offers) expectValid("offer", view);
  });

  it("metadata of a centre under a path sits between the host and the path", async () => {
    const centre = await offerCentre({
      publicUrl: "https://centre.example/lahore",
      did: "did:web:centre.example:lahore",
    });
    const metadata = await jsonOf(
      await centre.app.request("/.well-known/openid-credential-issuer/lahore"),
      200,
    );
    expectValid("credential-issuer-metadata", metadata);
    expect(metadata.credential_issuer).toBe("https://centre.example/lahore");
    const as = await jsonOf(await centre.app.request("/.well-known/oauth-authorization-server/lahore"), 200);
    expectValid("authorization-server-metadata", as);
    const offer = await fetchOffer(centre, (await makeOffer(centre)).offerUri);
    expect(offer.credential_issuer).toBe("https://centre.example/lahore");
  });

  it("every refusal of the token and credential endpoints is an OAuth error with our code", async () => {
    const centre = await offerCentre();
    const created = await makeOffer(centre);
    const code = grantOf(await fetchOffer(centre, created.offerUri));
    const wrong = created.pin === "000000" ? "111111" : "000000";
    const token = (params: Record<string, string>) =>
      tokenRequest(centre, { grant_type: PRE_AUTH, ...params });
    await expectOAuthError(
      await token({ "pre-authorized_code": code }),
      400,
      "invalid_request",
      "TX_CODE_REQUIRED",
    );
    await expectOAuthError(
      await token({ "pre-authorized_code": "nope" }),
      400,
      "invalid_grant",
      "GRANT_INVALID",
    );
    // The offer's id is not its code; a code replaced by a newer fetch, or past its 10 minutes, is void.
    await expectOAuthError(
      await token({ "pre-authorized_code": created.id, tx_code: created.pin }),
      400,
      "invalid_grant",
      "GRANT_INVALID",
    );
    // The authorization code grant is not served: its request is not one the schema describes.
    const authorizationCode = { grant_type: "authorization_code", code: "x" };
    expect(isValid("token-request", authorizationCode)).toBe(false);
    await expectOAuthError(
      await centre.tokenEndpoint(authorizationCode),
      400,
      "unsupported_grant_type",
      "BAD_REQUEST",
    );
    for (let left = 4; left >= 0; left -= 1) {
      await expectOAuthError(
        await token({ "pre-authorized_code": code, tx_code: wrong }),
        400,
        "invalid_grant",
        "TX_CODE_INVALID",
      );
    }
    await expectOAuthError(
      await token({ "pre-authorized_code": code, tx_code: created.pin }),
      400,
      "invalid_grant",
      "TX_CODE_LOCKED",
    );

    // A later fetch of the offer no longer voids an earlier code (2.3); past their 10 minutes both are void.
    const other = await makeOffer(centre);
    const earlier = grantOf(await fetchOffer(centre, other.offerUri));
    const latest = grantOf(await fetchOffer(centre, other.offerUri));
    centre.clock.advance(10 * 60_000);
    for (const stale of [earlier, latest]) {
      await expectOAuthError(
        await token({ "pre-authorized_code": stale, tx_code: other.pin }),
        400,
        "invalid_grant",
        "GRANT_INVALID",
      );
    }
    const open = await makeOffer(centre, { txCode: false });
    const openCode = grantOf(await fetchOffer(centre, open.offerUri));
    await expectOAuthError(
      await token({ "pre-authorized_code": openCode, tx_code: "123456" }),
      400,
      "invalid_request",
      "BAD_REQUEST",
    );
    const access = (await jsonOf(await token({ "pre-authorized_code": openCode }), 200)).access_token;
    await expectOAuthError(
      await token({ "pre-authorized_code": openCode }),
      400,
      "invalid_grant",
      "GRANT_USED",
    );

    const holder = await testHolder("did:key");
    const iat = centre.clock().getTime() / 1000;
    const request = async (
      proof: Parameters<typeof holder.proof>[0],
      configuration = "digital-skills_ldp_vc",
    ) => ({
      credential_configuration_id: configuration,
      proofs: { jwt: [await holder.proof(proof)] },
    });
    const noToken = await credentialRequest(
      centre,
      undefined,
      await request({ audience: centre.publicUrl, nonce: await nonceOf(centre), iat }),
    );
    await expectOAuthError(noToken, 401, "invalid_token", "ACCESS_TOKEN_INVALID");
    expect(noToken.headers.get("www-authenticate")).toBe('Bearer error="invalid_token"');
    // Well-formed requests the node still refuses, then requests the schemas themselves refuse.
    const cases: [Record<string, unknown>, string, string, boolean][] = [
      [
        await request({ audience: centre.publicUrl, nonce: "made-up", iat }),
        "invalid_nonce",
        "NONCE_INVALID",
        true,
      ],
      [
        await request({ audience: "https://elsewhere.example", nonce: await nonceOf(centre), iat }),
        "invalid_proof",
        "AUDIENCE_MISMATCH",
        true,
      ],
      [
        await request({ audience: centre.publicUrl, nonce: await nonceOf(centre), iat: iat - 3600 }),
        "invalid_proof",
        "HOLDER_PROOF_INVALID",
        true,
      ],
      [
        await request({ audience: centre.publicUrl, nonce: await nonceOf(centre), iat }, "nope_ldp_vc"),
        "unknown_credential_configuration",
        "CREDENTIAL_CONFIGURATION_UNKNOWN",
        true,
      ],
      [await request({ audience: centre.publicUrl, iat }), "invalid_proof", "HOLDER_PROOF_INVALID", false],
      [
        { credential_configuration_id: "digital-skills_ldp_vc" },
        "invalid_proof",
        "HOLDER_PROOF_INVALID",
        false,
      ],
    ];
    for (const [body, error, errorCode, wellFormed] of cases) {
      expect(conforms(body), errorCode).toBe(wellFormed);
      await expectOAuthError(await centre.credential(access, body), 400, error, errorCode);
    }
    // The drafts' singular proof (the compatibility path) is in the schema, and checked as proofs.jwt[0]:
    // here its nonce is made up. With proofs beside it, it is ambiguous: neither schema nor node take it.
    const draftJwt = await holder.proof({ audience: centre.publicUrl, nonce: "made-up", iat });
    const draft = {
      credential_configuration_id: "digital-skills_ldp_vc",
      proof: { proof_type: "jwt", jwt: draftJwt },
    };
    expectValid("credential-request", draft);
    expectValid("key-proof-jwt", decodeJwt(draftJwt));
    await expectOAuthError(await centre.credential(access, draft), 400, "invalid_nonce", "NONCE_INVALID");
    const both = {
      ...(await request({ audience: centre.publicUrl, nonce: await nonceOf(centre), iat })),
      proof: draft.proof,
    };
    expect(isValid("credential-request", both)).toBe(false);
    const ambiguous = await expectOAuthError(
      await centre.credential(access, both),
      400,
      "invalid_credential_request",
      "BAD_REQUEST",
    );
    expect(ambiguous.error_description).toMatch(/not both/);
    // Not a 1.0 message, so sent without the request schema: a non-object.
    await expectOAuthError(
      await centre.credential(access, "[]"),
      400,
      "invalid_credential_request",
      "BAD_REQUEST",
    );

    const good = await request({ audience: centre.publicUrl, nonce: await nonceOf(centre), iat });
    expect((await credentialRequest(centre, access, good)).status).toBe(200);
    const again = await request({ audience: centre.publicUrl, nonce: await nonceOf(centre), iat });
    await expectOAuthError(
      await credentialRequest(centre, access, again),
      400,
      "credential_request_denied",
      "GRANT_USED",
    );
    centre.clock.advance(5 * 60_000);
    const late = await request({ audience: centre.publicUrl, nonce: await nonceOf(centre), iat: iat + 300 });
    await expectOAuthError(
      await credentialRequest(centre, access, late),
      401,
      "invalid_token",
      "ACCESS_TOKEN_INVALID",
    );
  });

  it("an offer that cannot be fetched is a problem document", async () => {
    const centre = await offerCentre();
    const created = await makeOffer(centre, { expiresInDays: 1 });
    await expectProblem(await centre.app.request("/oid4vci/offers/unknown"), 404, "NOT_FOUND");
    centre.clock.advance(86_400_000);
    await expectProblem(await centre.app.request(`/oid4vci/offers/${created.id}`), 400, "OFFER_EXPIRED");
    const withdrawn = await makeOffer(centre);
    await centre.app.request(`/oid4vci/offers/${withdrawn.id}`, {
      method: "DELETE",
      headers: { Authorization: `Bearer ${centre.staff}` },
    });
    await expectProblem(await centre.app.request(`/oid4vci/offers/${withdrawn.id}`), 400, "GRANT_INVALID");
  });
});

describe("VC-API claim exchange messages match specs/schemas/exchange", () => {
  it("protocols, the LCW link, state, the DIDAuth request and answer, and the delivery", async () => {
    const centre = await claimingCentre();
    const created = await makeOffer(centre, { txCode: false });
    expectValid("lcw-deep-link", created.lcwDeepLink);
    const request = JSON.parse(new URL(created.lcwDeepLink).searchParams.get("request") ?? "");
    expectValid("lcw-deep-link#/$defs/request", request);
    const path = new URL(request.protocols.vcapi).pathname;
    expect(path).toBe(exchangePath(created.id));

    expectValid("exchange-protocols", await jsonOf(await centre.app.request(`${path}/protocols`), 200));
    expectValid("exchange-state", await jsonOf(await centre.app.request(path), 200));
    const started = await jsonOf(await participate(centre, path, {}), 200);
    expectValid("exchange-server-message", started);
    expectValid("did-auth-request", started.verifiablePresentationRequest);
    expectValid("exchange-state", await jsonOf(await centre.app.request(path), 200));

    const holder = await newDidAuthHolder();
    const vp = await didAuthPresentation(holder, started.verifiablePresentationRequest);
    const delivered = await jsonOf(await participate(centre, path, { verifiablePresentation: vp }), 200);
    expectValid("exchange-server-message", delivered);
    expect(delivered.verifiablePresentation.verifiableCredential[0].credentialSubject.id).toBe(holder.did);
    const done = await jsonOf(await centre.app.request(path), 200);
    expectValid("exchange-state", done);
    expect(done.state).toBe("complete");
    // The state is public: it must never show who authenticated.
    expect(isValid("exchange-state", { ...done, holder: holder.did })).toBe(false);
  });

  it("an offer with a PIN: protocols without vcapi, the unlock, and its refusals", async () => {
    const centre = await claimingCentre();
    const created = await makeOffer(centre);
    const path = exchangePath(created.id);
    const locked = await jsonOf(await centre.app.request(`${path}/protocols`), 200);
    expectValid("exchange-protocols", locked);
    expect(Object.keys(locked.protocols)).toEqual(["OID4VCI"]);
    await expectProblem(await participate(centre, path, {}), 400, "TX_CODE_REQUIRED");

    const unlock = (body: Record<string, unknown>) => {
      expectValid("exchange-unlock-request", body);
      return postJson(centre.app, `${path}/unlock`, body);
    };
    await expectProblem(await postJson(centre.app, `${path}/unlock`, {}), 400, "TX_CODE_REQUIRED");
    const wrong = created.pin === "000000" ? "111111" : "000000";
    const refused = await expectProblem(await unlock({ tx_code: wrong }), 400, "TX_CODE_INVALID");
    expect(refused.triesLeft).toBe(4);
    const opened = await jsonOf(await unlock({ tx_code: created.pin }), 200);
    expectValid("exchange-unlock-response", opened);
    expectValid("lcw-deep-link", opened.lcwDeepLink);
    const unlocked = new URL(opened.protocols.vcapi).pathname;
    expect(unlocked).not.toBe(path);
    expectValid("exchange-server-message", await jsonOf(await participate(centre, unlocked, {}), 200));
  });

  it("every refusal of an exchange step is a problem document, a failed DIDAuth with its report", async () => {
    const centre = await claimingCentre();
    await expectProblem(await participate(centre, exchangePath("unknown"), {}), 404, "NOT_FOUND");
    const created = await makeOffer(centre, { txCode: false });
    const path = exchangePath(created.id);
    const holder = await newDidAuthHolder();
    const early = await didAuthPresentation(holder, { challenge: "x", domain: centre.publicUrl });
    // VCALM lists 400 for a step the exchange cannot take; `code` says which.
    await expectProblem(
      await participate(centre, path, { verifiablePresentation: early }),
      400,
      "EXCHANGE_STATE_INVALID",
    );
    const { verifiablePresentationRequest: vpr } = await jsonOf(await participate(centre, path, {}), 200);
    const guessed = await didAuthPresentation(holder, { ...vpr, challenge: "guessed" });
    const failed = await expectProblem(
      await participate(centre, path, { verifiablePresentation: guessed }),
      400,
      "PROOF_CHALLENGE_MISMATCH",
    );
    expect(failed.report.verified).toBe(false);
    const state = await jsonOf(await centre.app.request(path), 200);
    expectValid("exchange-state", state);
    expect(state.lastError.code).toBe("PROOF_CHALLENGE_MISMATCH");
    const { title: _title, ...untitled } = state.lastError;
    expect(isValid("exchange-state", { ...state, lastError: untitled })).toBe(false);
    await expectProblem(await postJson(centre.app, path, { other: 1 }), 400, "BAD_REQUEST");
    expect(isValid("exchange-client-message", { other: 1 })).toBe(false);

    const short = await makeOffer(centre, { txCode: false, expiresInDays: 1 });
    centre.clock.advance(86_400_000);
    await expectProblem(await participate(centre, exchangePath(short.id), {}), 400, "OFFER_EXPIRED");
    await expectProblem(
      await centre.app.request(`${exchangePath(short.id)}/protocols`),
      400,
      "OFFER_EXPIRED",
    );
  });
});

describe("OpenID4VP messages match specs/schemas/exchange", () => {
  it("a request, its request object, a Data Integrity and a VC-JOSE answer, and the results", async () => {
    const centre = await verifierCentre();
    const wallet = await learnerWallet();
    const created = await create(centre, { achievement: "https://centre.example/achievements/data-101" });
    expect((await result(centre, created)).status).toBe("pending");
    const claims = await requestObject(centre, created);
    const credential = await issueTo(centre, wallet.did, "ldp_vc");
    const presentation = await ldpPresentation(wallet, [credential], {
      challenge: claims.nonce,
      domain: claims.client_id,
    });
    const answered = await answer(centre, claims.response_uri, {
      vp_token: { open_badge: [presentation] },
      state: claims.state,
    });
    expectValid("direct-post-response", await jsonOf(answered, 200));
    const read = await result(centre, created);
    expect(read).toMatchObject({ status: "completed", result: { verified: true } });

    const jwtCredential = await issueTo(centre, wallet.did, "jwt_vc");
    const byIssuer = await create(centre, { issuer: "did:web:centre.example", expiresIn: 600 });
    const jwtClaims = await requestObject(centre, byIssuer);
    const vpJwt = await jwtPresentation(wallet, [jwtCredential], {
      nonce: jwtClaims.nonce,
      audience: jwtClaims.client_id,
    });
    const jwtAnswer = await answer(centre, jwtClaims.response_uri, {
      vp_token: { credential_jwt: [vpJwt] },
      state: jwtClaims.state,
    });
    expectValid("direct-post-response", await jsonOf(jwtAnswer, 200));
    expect((await result(centre, byIssuer)).status).toBe("completed");
    // The answer as it travels: a form whose vp_token is JSON text.
    const form = formFields(
      new URLSearchParams({ vp_token: JSON.stringify({ credential_jwt: [vpJwt] }), state: "s" }).toString(),
    );
    expect(isValid("authorization-response", form)).toBe(false);
    expect(isValid("authorization-response", { ...form, vp_token: JSON.parse(form.vp_token ?? "") })).toBe(
      true,
    );
  });

  it("an encrypted request (direct_post.jwt): its key in the request object, JWE answers in both enc, the refusals", async () => {
    const centre = await verifierCentre();
    const wallet = await learnerWallet();
    const credential = await issueTo(centre, wallet.did, "ldp_vc");
    const body = {
      achievement: "https://centre.example/achievements/data-101",
      responseMode: "direct_post.jwt",
    };
    for (const enc of ["A256GCM", "A128GCM"] as const) {
      const created = await create(centre, body);
      expect(created.responseMode).toBe("direct_post.jwt");
      const claims = await requestObject(centre, created);
      expect(claims).toMatchObject({ response_mode: "direct_post.jwt" });
      // The schema holds the pairing: a key and enc values with direct_post.jwt, neither without.
      const decoded = decodeJwt((await fetchRequestObject(centre, created.walletLink)).jwt);
      const { jwks: _jwks, ...withoutKey } = decoded.payload.client_metadata as Record<string, unknown>;
      expect(
        isValid("request-object-jwt", {
          ...decoded,
          payload: { ...decoded.payload, client_metadata: withoutKey },
        }),
      ).toBe(false);
      expect(
        isValid("request-object-jwt", {
          ...decoded,
          payload: { ...decoded.payload, response_mode: "direct_post" },
        }),
      ).toBe(false);

      const chosen = responseEncryptionOf(claims.client_metadata as Record<string, unknown>);
      if (!chosen) throw new Error("the wallet finds no key to encrypt to");
      expect(chosen.enc).toBe("A256GCM");
      const presentation = await ldpPresentation(wallet, [credential], {
        challenge: claims.nonce,
        domain: claims.client_id,
      });
      const fields = { vp_token: { open_badge: [presentation] }, state: claims.state };
      const jwe = await encryptResponse(fields, { ...chosen, enc });
      const [header = ""] = jwe.split(".");
      expectValid("authorization-response-jwe", {
        header: JSON.parse(fromUtf8(fromBase64Url(header))),
        payload: fields,
      });
      expect(
        isValid("authorization-response-jwe", {
          header: { alg: "ECDH-ES+A128KW", enc, kid: created.id, epk: {} },
          payload: fields,
        }),
      ).toBe(false);
      expect(isValid("authorization-response", { response: jwe, vp_token: fields.vp_token })).toBe(false);
      // In the clear, to a request that asked for encryption: refused, and the schema says so too.
      expect(isValid("authorization-response-jwe", { header: {}, payload: { response: jwe } })).toBe(false);
      const plain = await answer(centre, claims.response_uri, fields);
      expect((await expectProblem(plain, 400, "RESPONSE_ENCRYPTION_INVALID")).problem).toBe("mode");
      const answered = await answer(centre, claims.response_uri, { response: jwe });
      expectValid("direct-post-response", await jsonOf(answered, 200));
      expect(await result(centre, created)).toMatchObject({
        status: "completed",
        responseMode: "direct_post.jwt",
        result: { verified: true },
      });
    }

    // An encrypted answer to a request that asked for a plain one is refused.
    const plainRequest = await create(centre, {
      achievement: "https://centre.example/achievements/data-101",
    });
    expect(plainRequest.responseMode).toBe("direct_post");
    const plainClaims = await requestObject(centre, plainRequest);
    const other = await requestObject(centre, await create(centre, body));
    const misdirected = responseEncryptionOf(other.client_metadata as Record<string, unknown>);
    if (!misdirected) throw new Error("no key");
    const jwe = await encryptResponse(
      { vp_token: { open_badge: ["e30.e30.c2ln"] }, state: plainClaims.state },
      { ...misdirected, jwk: { ...misdirected.jwk, kid: plainRequest.id } },
    );
    const refused = await postAnswer(centre, plainClaims.response_uri, { response: jwe });
    expect((await expectProblem(refused, 400, "RESPONSE_ENCRYPTION_INVALID")).problem).toBe("mode");
    expect((await result(centre, plainRequest)).lastRefusal.code).toBe("RESPONSE_ENCRYPTION_INVALID");
  });

  it("a hand-written DCQL query, a wallet that declines, and a refused answer", async () => {
    const centre = await verifierCentre();
    const wallet = await learnerWallet();
    const dcql = {
      credentials: [
        {
          id: "from_centre",
          format: "ldp_vc",
          meta: { type_values: [["https://www.w3.org/2018/credentials#VerifiableCredential"]] },
          claims: [{ path: ["issuer", "id"], values: ["did:web:centre.example"] }],
        },
      ],
    };
    expectValid("dcql-query", dcql);
    const created = await create(centre, { dcql_query: dcql });
    const claims = await requestObject(centre, created);
    const credential = await issueTo(centre, wallet.did);
    const stale = await ldpPresentation(wallet, [credential], {
      challenge: "old-nonce",
      domain: claims.client_id,
    });
    const refused = await expectProblem(
      await answer(centre, claims.response_uri, { vp_token: { from_centre: [stale] }, state: claims.state }),
      400,
      "NONCE_INVALID",
    );
    expect(refused.error).toBe("invalid_request");
    expect((await result(centre, created)).lastRefusal.code).toBe("NONCE_INVALID");

    const declined = await answer(centre, claims.response_uri, {
      error: "access_denied",
      error_description: "the learner said no",
      state: claims.state,
    });
    expectValid("direct-post-response", await jsonOf(declined, 200));
    expect((await result(centre, created)).result.walletError.error).toBe("access_denied");
    await expectProblem(await centre.app.request(created.requestUri), 409, "EXCHANGE_STATE_INVALID");
  });

  it("refusals: the read token, a bad query, an unknown state, expiry and deletion", async () => {
    const time = movableClock();
    const centre = await verifierCentre({ clock: time.clock, resultTtlMs: 60 * 60_000 });
    const created = await create(centre, { achievement: "https://centre.example/achievements/data-101" });
    await expectProblem(await readResult(centre, created, null), 401, "UNAUTHORIZED");
    await expectProblem(await readResult(centre, created, "not-the-token"), 403, "FORBIDDEN");
    const invalid = {
      dcql_query: { credentials: [{ id: "pid", format: "dc+sd-jwt", meta: { vct_values: ["x"] } }] },
    };
    expect(isValid("presentation-request-create", invalid)).toBe(false);
    const query = await expectProblem(
      await postJson(centre.app, "/oid4vp/requests", invalid),
      400,
      "QUERY_INVALID",
    );
    expect(query.path).toBe("credentials[0].format");
    const claims = await requestObject(centre, created);
    await expectProblem(
      await answer(centre, claims.response_uri, {
        vp_token: { open_badge: ["e30.e30.c2ln"] },
        state: "no-such-state",
      }),
      404,
      "NOT_FOUND",
    );

    time.advance(31 * 60_000);
    await expectProblem(await centre.app.request(created.requestUri), 400, "PRESENTATION_REQUEST_EXPIRED");
    expect((await result(centre, created)).status).toBe("expired");
    time.advance(60 * 60_000);
    await expectProblem(await readResult(centre, created), 404, "NOT_FOUND");
  });
});

describe("the schemas refuse what the node must not send", () => {
  it("each schema is a 2020-12 schema with its own $id, and refuses an empty object where one is required", () => {
    expect(schemaNames().length).toBeGreaterThanOrEqual(30);
    for (const name of schemaNames()) {
      if (["common", "exchange-client-message", "direct-post-response"].includes(name)) continue;
      expect(isValid(name, {}), name).toBe(false);
    }
  });
});
