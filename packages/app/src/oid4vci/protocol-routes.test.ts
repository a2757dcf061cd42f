/**
 * The OpenID4VCI flow over `app.request()`: offer → token (with PIN) → nonce → credential, in both formats
 * to did:key and did:jwk holders, each credential verified; then every abuse, each refused with its own
 * error and code, and nothing issued.
 */
import { type HolderBinding, testHolder } from "@learnbridge/exchange/testing";
import { describe, expect, it } from "vitest";
import { expectProblem } from "../test-support/expect-problem.ts";
import { offerCentre, PRE_AUTH } from "./oid4vci-test-centre.ts";

type Centre = Awaited<ReturnType<typeof offerCentre>>;

/** Asserts an OAuth error answer and returns its body. */
async function expectOAuthError(response: Response, status: number, error: string, code: string) {
  const body = (await response.json()) as Record<string, unknown>;
  expect({ status: response.status, error: body.error, code: body.code }).toEqual({ status, error, code });
  expect(body.error_description).toMatch(/^[\x20-\x21\x23-\x5b\x5d-\x7e]+$/);
  expect(response.headers.get("cache-control")).toContain("no-store");
  return body;
}

async function issuedCount(centre: Centre) {
  return (await centre.credentials.list({ limit: 100 })).length;
}

describe("OpenID4VCI pre-authorized code flow", () => {
  for (const [binding, algorithm] of [
    ["did:key", "EdDSA"],
    ["did:jwk", "ES256"],
    ["jwk", "EdDSA"],
  ] as const) {
    for (const [format, suffix] of [
      ["ldp_vc", "ldp_vc"],
      ["jwt_vc", "jwt_vc_json"],
    ] as const) {
      it(`issues ${suffix} to a ${binding} (${algorithm}) holder, bound to its DID, verifiable`, async () => {
        const centre = await offerCentre();
        const offer = await centre.offer();
        const holder = await testHolder(binding as HolderBinding, algorithm);
        const token = await centre.tokenEndpoint({
          grant_type: PRE_AUTH,
          "pre-authorized_code": await centre.code(offer.id),
          tx_code: offer.pin,
        });
        expect(token.status).toBe(200);
        expect(token.headers.get("cache-control")).toContain("no-store");
        const grant = (await token.json()) as Record<string, unknown>;
        expect(grant).toEqual({ access_token: expect.any(String), token_type: "Bearer", expires_in: 300 });

        const request = await centre.credentialRequest(holder, `digital-skills_${suffix}`);
        const response = await centre.credential(grant.access_token as string, request);
        expect(response.status).toBe(200);
        const { credentials } = (await response.json()) as { credentials: { credential: unknown }[] };
        expect(credentials).toHaveLength(1);
        const issued = credentials[0]?.credential;
        expect(typeof issued).toBe(format === "jwt_vc" ? "string" : "object");

        const report = await centre.verify(issued);
        expect(report.checks.filter((c) => c.outcome === "fail")).toEqual([]);
        expect(report.verified).toBe(true);
        const document = report.document as { credentialSubject: { id: string }; issuer: { id: string } };
        expect(document.credentialSubject.id).toBe(holder.did);
        expect(document.issuer.id).toBe("did:web:centre.example");

        const [record] = await centre.credentials.list();
        expect(record).toMatchObject({ subject: holder.did, format, requestKey: `offer:${offer.id}` });
        expect(await centre.offers.store.get(offer.id)).toMatchObject({
          state: "redeemed",
          credentialId: record?.id,
          holder: holder.did,
          redeemedVia: "oid4vci",
        });
      });
    }
  }

  it("issues without a PIN when the offer has none, and answers authorization_details with identifiers", async () => {
    const centre = await offerCentre();
    const offer = await centre.offer({ txCode: false, formats: ["jwt_vc"] });
    const details = [
      { type: "openid_credential", credential_configuration_id: "digital-skills_jwt_vc_json" },
    ];
    const token = await centre.tokenEndpoint({
      grant_type: PRE_AUTH,
      "pre-authorized_code": await centre.code(offer.id),
      authorization_details: JSON.stringify(details),
    });
    const grant = (await token.json()) as { access_token: string; authorization_details: unknown };
    expect(grant.authorization_details).toEqual([
      { ...details[0], credential_identifiers: ["digital-skills_jwt_vc_json"] },
    ]);
    const holder = await testHolder("did:key");
    const { proofs } = await centre.credentialRequest(holder, "digital-skills_jwt_vc_json");
    const response = await centre.credential(grant.access_token, {
      credential_identifier: "digital-skills_jwt_vc_json",
      proofs,
    });
    expect(response.status).toBe(200);
  });
});

describe("OpenID4VCI abuse: refused with a specific error, nothing issued", () => {
  it("a used pre-authorized code: GRANT_USED (after the token and after the credential)", async () => {
    const centre = await offerCentre();
    const offer = await centre.offer();
    const code = await centre.code(offer.id);
    const exchange = { grant_type: PRE_AUTH, "pre-authorized_code": code, tx_code: offer.pin };
    const first = await centre.tokenEndpoint(exchange);
    expect(first.status).toBe(200);
    const access = ((await first.json()) as { access_token: string }).access_token;
    await expectOAuthError(await centre.tokenEndpoint(exchange), 400, "invalid_grant", "GRANT_USED");
    const holder = await testHolder("did:key");
    expect(
      (await centre.credential(access, await centre.credentialRequest(holder, "digital-skills_ldp_vc")))
        .status,
    ).toBe(200);
    await expectOAuthError(await centre.tokenEndpoint(exchange), 400, "invalid_grant", "GRANT_USED");
    // The same access token cannot fetch a second credential (another format, another key).
    const second = await centre.credentialRequest(
      await testHolder("did:jwk", "ES256"),
      "digital-skills_jwt_vc_json",
    );
    await expectOAuthError(
      await centre.credential(access, second),
      400,
      "credential_request_denied",
      "GRANT_USED",
    );
    // A redeemed offer mints no more codes.
    await expectProblem(await centre.app.request(`/oid4vci/offers/${offer.id}`), 400, "GRANT_USED");
    expect(await issuedCount(centre)).toBe(1);
  });

  it("an expired offer: OFFER_EXPIRED at the token endpoint", async () => {
    const centre = await offerCentre();
    const offer = await centre.offer({ expiresInDays: 1 });
    centre.clock.advance(86_400_000 - 60_000);
    const code = await centre.code(offer.id);
    centre.clock.advance(60_000);
    await expectOAuthError(
      await centre.tokenEndpoint({
        grant_type: PRE_AUTH,
        "pre-authorized_code": code,
        tx_code: offer.pin,
      }),
      400,
      "invalid_grant",
      "OFFER_EXPIRED",
    );
    expect(await issuedCount(centre)).toBe(0);
  });

  it("a wrong PIN: TX_CODE_INVALID with the tries left; a 6th try after 5 wrong ones: TX_CODE_LOCKED, even right", async () => {
    const centre = await offerCentre();
    const offer = await centre.offer();
    const wrong = offer.pin === "000000" ? "111111" : "000000";
    for (let i = 1; i <= 5; i++) {
      const body = await expectOAuthError(
        await centre.tokenEndpoint({
          grant_type: PRE_AUTH,
          "pre-authorized_code": await centre.code(offer.id),
          tx_code: wrong,
        }),
        400,
        "invalid_grant",
        "TX_CODE_INVALID",
      );
      expect(body.error_description).toContain(i < 5 ? `${5 - i} tries left` : "locked");
    }
    for (const pin of [wrong, offer.pin]) {
      await expectOAuthError(
        await centre.tokenEndpoint({
          grant_type: PRE_AUTH,
          "pre-authorized_code": await centre.code(offer.id),
          tx_code: pin,
        }),
        400,
        "invalid_grant",
        "TX_CODE_LOCKED",
      );
    }
    const listed = await centre.app.request("/oid4vci/offers", {
      headers: { Authorization: `Bearer ${centre.staff}` },
    });
    const view = ((await listed.json()) as { offers: Record<string, unknown>[] }).offers[0];
    expect(view?.txCode).toEqual({ length: 6, failures: 5, locked: true });
    expect(await issuedCount(centre)).toBe(0);
  });

  it("five wrong PINs sent at once cannot slip a sixth guess through the lock", async () => {
    const centre = await offerCentre();
    const offer = await centre.offer();
    const guesses = Array.from({ length: 12 }, (_, i) => String(100000 + i)).filter((g) => g !== offer.pin);
    const code = await centre.code(offer.id);
    const answers = await Promise.all(
      guesses.map((tx_code) =>
        centre.tokenEndpoint({ grant_type: PRE_AUTH, "pre-authorized_code": code, tx_code }),
      ),
    );
    const codes = await Promise.all(answers.map(async (r) => ((await r.json()) as { code: string }).code));
    expect(codes.filter((c) => c === "TX_CODE_INVALID")).toHaveLength(5);
    expect(codes.filter((c) => c === "TX_CODE_LOCKED")).toHaveLength(guesses.length - 5);
  });

  it("a missing PIN: TX_CODE_REQUIRED; a PIN for an offer without one: invalid_request", async () => {
    const centre = await offerCentre();
    const offer = await centre.offer();
    await expectOAuthError(
      await centre.tokenEndpoint({
        grant_type: PRE_AUTH,
        "pre-authorized_code": await centre.code(offer.id),
      }),
      400,
      "invalid_request",
      "TX_CODE_REQUIRED",
    );
    const open = await centre.offer({ txCode: false });
    await expectOAuthError(
      await centre.tokenEndpoint({
        grant_type: PRE_AUTH,
        "pre-authorized_code": await centre.code(open.id),
        tx_code: "123456",
      }),
      400,
      "invalid_request",
      "BAD_REQUEST",
    );
    expect(await issuedCount(centre)).toBe(0);
  });

  it("malformed token requests: unsupported grant, unknown code, repeated parameter, JSON body", async () => {
    const centre = await offerCentre();
    await expectOAuthError(
      await centre.tokenEndpoint({ grant_type: "authorization_code", code: "x" }),
      400,
      "unsupported_grant_type",
      "BAD_REQUEST",
    );
    await expectOAuthError(
      await centre.tokenEndpoint({ grant_type: PRE_AUTH, "pre-authorized_code": "nope" }),
      400,
      "invalid_grant",
      "GRANT_INVALID",
    );
    const repeated = await centre.app.request("/oid4vci/token", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: `grant_type=${encodeURIComponent(PRE_AUTH)}&pre-authorized_code=a&pre-authorized_code=b`,
    });
    await expectOAuthError(repeated, 400, "invalid_request", "BAD_REQUEST");
    const json = await centre.app.request("/oid4vci/token", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ grant_type: PRE_AUTH }),
    });
    await expectOAuthError(json, 400, "invalid_request", "BAD_REQUEST");
  });

  it("a withdrawn offer: GRANT_INVALID, at the token endpoint and for a token granted before", async () => {
    const centre = await offerCentre();
    const offer = await centre.offer();
    const access = await centre.accessToken(offer.id, offer.pin);
    const revoked = await centre.app.request(`/oid4vci/offers/${offer.id}`, {
      method: "DELETE",
      headers: { Authorization: `Bearer ${centre.staff}` },
    });
    expect(revoked.status).toBe(200);
    const request = await centre.credentialRequest(await testHolder("did:key"), "digital-skills_ldp_vc");
    await expectOAuthError(
      await centre.credential(access, request),
      400,
      "credential_request_denied",
      "GRANT_INVALID",
    );
    const other = await centre.offer();
    const otherCode = await centre.code(other.id);
    await centre.app.request(`/oid4vci/offers/${other.id}`, {
      method: "DELETE",
      headers: { Authorization: `Bearer ${centre.staff}` },
    });
    await expectOAuthError(
      await centre.tokenEndpoint({
        grant_type: PRE_AUTH,
        "pre-authorized_code": otherCode,
        tx_code: other.pin,
      }),
      400,
      "invalid_grant",
      "GRANT_INVALID",
    );
    expect(await issuedCount(centre)).toBe(0);
  });

  it("an expired, foreign or missing access token: ACCESS_TOKEN_INVALID (401, WWW-Authenticate)", async () => {
    const centre = await offerCentre();
    const elsewhere = await offerCentre();
    const offer = await centre.offer();
    const theirs = await elsewhere.offer();
    const foreign = await elsewhere.accessToken(theirs.id, theirs.pin);
    const holder = await testHolder("did:key");
    const access = await centre.accessToken(offer.id, offer.pin);
    for (const token of [undefined, "not-a-token", foreign]) {
      const response = await centre.credential(
        token,
        await centre.credentialRequest(holder, "digital-skills_ldp_vc"),
      );
      await expectOAuthError(response, 401, "invalid_token", "ACCESS_TOKEN_INVALID");
      expect(response.headers.get("www-authenticate")).toBe('Bearer error="invalid_token"');
    }
    centre.clock.advance(5 * 60_000);
    const late = await centre.credential(
      access,
      await centre.credentialRequest(holder, "digital-skills_ldp_vc"),
    );
    await expectOAuthError(late, 401, "invalid_token", "ACCESS_TOKEN_INVALID");
    expect(await issuedCount(centre)).toBe(0);
  });

  it("a proof with a wrong nonce: NONCE_INVALID; a reused c_nonce: NONCE_INVALID", async () => {
    const centre = await offerCentre();
    const holder = await testHolder("did:key");
    const first = await centre.offer();
    const access = await centre.accessToken(first.id, first.pin);
    const wrong = await centre.credentialRequest(holder, "digital-skills_ldp_vc", { nonce: "made-up-nonce" });
    await expectOAuthError(await centre.credential(access, wrong), 400, "invalid_nonce", "NONCE_INVALID");
    const nonce = await centre.nonce();
    const used = await centre.credentialRequest(holder, "digital-skills_ldp_vc", { nonce });
    expect((await centre.credential(access, used)).status).toBe(200);
    const second = await centre.offer();
    const access2 = await centre.accessToken(second.id, second.pin);
    const replay = await centre.credentialRequest(holder, "digital-skills_ldp_vc", { nonce });
    await expectOAuthError(await centre.credential(access2, replay), 400, "invalid_nonce", "NONCE_INVALID");
    // A nonce older than its 5 minutes is refused too.
    const stale = await centre.nonce();
    centre.clock.advance(5 * 60_000 + 1000);
    const third = await centre.offer();
    const access3 = await centre.accessToken(third.id, third.pin);
    const expired = await centre.credentialRequest(holder, "digital-skills_ldp_vc", { nonce: stale });
    await expectOAuthError(await centre.credential(access3, expired), 400, "invalid_nonce", "NONCE_INVALID");
    expect(await issuedCount(centre)).toBe(1);
    expect((await centre.offers.store.get(second.id))?.state).toBe("offered");
    expect((await centre.offers.store.get(third.id))?.state).toBe("offered");
  });

  it("a proof for another audience: AUDIENCE_MISMATCH; a bad signature: HOLDER_PROOF_INVALID", async () => {
    const centre = await offerCentre();
    const offer = await centre.offer();
    const access = await centre.accessToken(offer.id, offer.pin);
    const holder = await testHolder("did:key");
    const otherAudience = await centre.credentialRequest(holder, "digital-skills_ldp_vc", {
      audience: "https://evil.example",
    });
    await expectOAuthError(
      await centre.credential(access, otherAudience),
      400,
      "invalid_proof",
      "AUDIENCE_MISMATCH",
    );
    const forged = await centre.credentialRequest(holder, "digital-skills_ldp_vc", { forgeSignature: true });
    await expectOAuthError(
      await centre.credential(access, forged),
      400,
      "invalid_proof",
      "HOLDER_PROOF_INVALID",
    );
    const stale = await centre.credentialRequest(holder, "digital-skills_ldp_vc", {
      iat: centre.clock().getTime() / 1000 - 3600,
    });
    await expectOAuthError(
      await centre.credential(access, stale),
      400,
      "invalid_proof",
      "HOLDER_PROOF_INVALID",
    );
    const noNonce = {
      credential_configuration_id: "digital-skills_ldp_vc",
      proofs: {
        jwt: [await holder.proof({ audience: centre.publicUrl, iat: centre.clock().getTime() / 1000 })],
      },
    };
    await expectOAuthError(
      await centre.credential(access, noNonce),
      400,
      "invalid_proof",
      "HOLDER_PROOF_INVALID",
    );
    expect(await issuedCount(centre)).toBe(0);
    // The nonce of a refused proof was not spent: the same request, well signed, still works.
    expect(
      (await centre.credential(access, await centre.credentialRequest(holder, "digital-skills_ldp_vc")))
        .status,
    ).toBe(200);
  });

  it("malformed credential requests: both proof and proofs, no proofs, too many, unknown or unoffered configuration", async () => {
    const centre = await offerCentre();
    const offer = await centre.offer({ formats: ["ldp_vc"] });
    const access = await centre.accessToken(offer.id, offer.pin);
    const holder = await testHolder("did:key");
    const good = await centre.credentialRequest(holder, "digital-skills_ldp_vc");
    const jwt = good.proofs.jwt[0] as string;
    const ambiguous = await expectOAuthError(
      await centre.credential(access, { ...good, proof: { proof_type: "jwt", jwt } }),
      400,
      "invalid_credential_request",
      "BAD_REQUEST",
    );
    expect(ambiguous.error_description).toMatch(/either proofs .* or the drafts' singular proof, not both/);
    const cases: [unknown, string, string][] = [
      [{ credential_configuration_id: "digital-skills_ldp_vc" }, "invalid_proof", "HOLDER_PROOF_INVALID"],
      [
        { credential_configuration_id: "digital-skills_ldp_vc", proofs: { jwt: Array(11).fill(jwt) } },
        "invalid_credential_request",
        "BAD_REQUEST",
      ],
      [
        { credential_configuration_id: "digital-skills_ldp_vc", proofs: { jwt: [jwt], di_vp: [{}] } },
        "invalid_credential_request",
        "BAD_REQUEST",
      ],
      [
        { credential_configuration_id: "digital-skills_ldp_vc", proofs: { di_vp: [{}] } },
        "invalid_proof",
        "HOLDER_PROOF_INVALID",
      ],
      [
        { credential_configuration_id: "nope_ldp_vc", proofs: { jwt: [jwt] } },
        "unknown_credential_configuration",
        "CREDENTIAL_CONFIGURATION_UNKNOWN",
      ],
      [
        { credential_configuration_id: "digital-skills_jwt_vc_json", proofs: { jwt: [jwt] } },
        "unknown_credential_configuration",
        "CREDENTIAL_CONFIGURATION_UNKNOWN",
      ],
      [
        {
          credential_identifier: "x",
          credential_configuration_id: "digital-skills_ldp_vc",
          proofs: { jwt: [jwt] },
        },
        "invalid_credential_request",
        "BAD_REQUEST",
      ],
      ["{not json", "invalid_credential_request", "BAD_REQUEST"],
      [[], "invalid_credential_request", "BAD_REQUEST"],
    ];
    for (const [body, error, code] of cases) {
      await expectOAuthError(await centre.credential(access, body), 400, error, code);
    }
    expect(await issuedCount(centre)).toBe(0);
    expect((await centre.credential(access, good)).status).toBe(200);
  });
});

describe("the nonce endpoint", () => {
  it("hands out fresh, unpredictable nonces that are not cached", async () => {
    const centre = await offerCentre();
    const answers = await Promise.all(
      [1, 2, 3].map(() => centre.app.request("/oid4vci/nonce", { method: "POST" })),
    );
    const nonces = await Promise.all(
      answers.map(async (r) => ((await r.json()) as { c_nonce: string }).c_nonce),
    );
    expect(new Set(nonces).size).toBe(3);
    for (const nonce of nonces) expect(nonce).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(answers[0]?.headers.get("cache-control")).toContain("no-store");
  });
});
