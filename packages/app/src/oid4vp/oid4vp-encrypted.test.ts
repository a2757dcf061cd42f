import { fromBase64Url, fromUtf8, toBase64Url, utf8 } from "@learnbridge/core";
import { encryptResponse } from "@learnbridge/exchange";
import { describe, expect, it } from "vitest";
import { expectProblem } from "../test-support/expect-problem.ts";
import {
  type CreatedRequest,
  createRequest,
  fetchRequestObject,
  issueTo,
  jwtPresentation,
  ldpPresentation,
  learnerWallet,
  postAnswer,
  postEncryptedAnswer,
  readResult,
  responseKeyOf,
  type VerifierCentre,
  verifierCentre,
} from "./test-verifier.ts";

const ACHIEVEMENT = "https://centre.example/achievements/data-101";
const ENCRYPTED = { achievement: ACHIEVEMENT, responseMode: "direct_post.jwt" };

/** An encrypted request, a learner's wallet with a credential that fits it, and the request object. */
async function scene(centre?: VerifierCentre) {
  const verifier = centre ?? (await verifierCentre());
  const wallet = await learnerWallet();
  const credential = await issueTo(verifier, wallet.did);
  const created = await createRequest(verifier, ENCRYPTED);
  const { claims } = await fetchRequestObject(verifier, created.walletLink);
  const presentation = await ldpPresentation(wallet, [credential], {
    challenge: claims.nonce,
    domain: claims.client_id,
  });
  return { centre: verifier, wallet, credential, created, claims, presentation };
}

async function resultOf(centre: VerifierCentre, created: CreatedRequest) {
  return (await (await readResult(centre, created)).json()) as Record<string, unknown>;
}

/** Refused, the request still pending with nothing accepted, the refusal noted for the employer. */
async function expectRefused(
  centre: VerifierCentre,
  created: CreatedRequest,
  response: Response,
  problem: string,
) {
  const body = await expectProblem(response, 400, "RESPONSE_ENCRYPTION_INVALID");
  expect(body).toMatchObject({ problem, error: "invalid_request" });
  const read = await resultOf(centre, created);
  expect(read).toMatchObject({ status: "pending", lastRefusal: { code: "RESPONSE_ENCRYPTION_INVALID" } });
  expect(read.result).toBeUndefined();
  return body;
}

/** The JWE with its protected header rewritten. */
function rewriteHeader(jwe: string, change: (header: Record<string, unknown>) => Record<string, unknown>) {
  const [header = "", ...rest] = jwe.split(".");
  return [
    toBase64Url(utf8(JSON.stringify(change(JSON.parse(fromUtf8(fromBase64Url(header))))))),
    ...rest,
  ].join(".");
}

describe("OpenID4VP verifier: answers encrypted to the request (direct_post.jwt)", () => {
  it("publishes a fresh P-256 key per request, sealed in the store, and verifies a Data Integrity answer encrypted to it", async () => {
    const { centre, wallet, created, claims, presentation } = await scene();
    expect(created).toMatchObject({ status: "pending", responseMode: "direct_post.jwt" });
    expect(claims).toMatchObject({ response_type: "vp_token", response_mode: "direct_post.jwt" });
    const key = responseKeyOf(claims);
    expect(key).toEqual({
      kty: "EC",
      crv: "P-256",
      x: expect.any(String),
      y: expect.any(String),
      kid: created.id,
      use: "enc",
      alg: "ECDH-ES",
    });
    expect(claims.client_metadata).toMatchObject({
      encrypted_response_enc_values_supported: ["A128GCM", "A256GCM"],
    });
    // Another request, another key.
    const other = await createRequest(centre, ENCRYPTED);
    const otherKey = responseKeyOf((await fetchRequestObject(centre, other.walletLink)).claims);
    expect(otherKey?.x).not.toBe(key?.x);

    // At rest the private key is sealed by the centre's vault, bound to its request: never in plain text.
    const stored = await centre.store.get(created.id);
    expect(Object.keys(stored?.responseKey ?? {}).sort()).toEqual(["publicJwk", "sealedPrivateKey"]);
    expect(stored?.responseKey?.sealedPrivateKey).toMatch(/^v1\.[\w-]+\.[\w-]+$/);
    const opened = await centre.vault.open(
      `oid4vp-response-key:${created.id}`,
      stored?.responseKey?.sealedPrivateKey ?? "",
    );
    expect(opened).toMatchObject({ kty: "EC", crv: "P-256", x: key?.x, y: key?.y, d: expect.any(String) });
    expect(JSON.stringify(stored)).not.toContain(opened.d);
    await expect(
      centre.vault.open(`oid4vp-response-key:${other.id}`, stored?.responseKey?.sealedPrivateKey ?? ""),
    ).rejects.toMatchObject({ code: "KEY_UNSUPPORTED" });

    const answer = await postEncryptedAnswer(centre, claims, {
      vp_token: { open_badge: [presentation] },
      state: claims.state,
    });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({});
    expect(await resultOf(centre, created)).toMatchObject({
      status: "completed",
      responseMode: "direct_post.jwt",
      result: { verified: true, holders: [wallet.did], presentations: [{ queryId: "open_badge" }] },
    });
    // Answered, the request no longer keeps its key; the first answer closed it.
    expect(await centre.store.get(created.id)).not.toHaveProperty("responseKey");
    const again = await postEncryptedAnswer(
      centre,
      claims,
      { vp_token: { open_badge: [presentation] }, state: claims.state },
      { jwk: key },
    );
    await expectProblem(again, 409, "EXCHANGE_STATE_INVALID");
  });

  it("verifies a vp+jwt answer encrypted with A128GCM, and a refusal sent in the clear", async () => {
    const centre = await verifierCentre();
    const wallet = await learnerWallet();
    const credential = await issueTo(centre, wallet.did, "jwt_vc");
    const created = await createRequest(centre, ENCRYPTED);
    const { claims } = await fetchRequestObject(centre, created.walletLink);
    const jwt = await jwtPresentation(wallet, [credential], {
      nonce: claims.nonce,
      audience: claims.client_id,
    });
    const answer = await postEncryptedAnswer(
      centre,
      claims,
      { vp_token: { open_badge_jwt: [jwt] }, state: claims.state },
      { enc: "A128GCM" },
    );
    expect(answer.status).toBe(200);
    expect(await resultOf(centre, created)).toMatchObject({
      status: "completed",
      result: { verified: true },
    });

    // §8.3.1: a wallet unable to encrypt may still decline in the clear.
    const declined = await createRequest(centre, ENCRYPTED);
    const declinedClaims = (await fetchRequestObject(centre, declined.walletLink)).claims;
    const no = await postAnswer(centre, declinedClaims.response_uri, {
      error: "access_denied",
      state: declinedClaims.state,
    });
    expect(no.status).toBe(200);
    expect(await resultOf(centre, declined)).toMatchObject({
      status: "failed",
      result: { walletError: { error: "access_denied" } },
    });
  });

  it("refuses, with nothing accepted, a wrong kid, a wrong enc, a tampered ciphertext, another request's state, and a plain vp_token", async () => {
    const { centre, created, claims, presentation } = await scene();
    const fields = { vp_token: { open_badge: [presentation] }, state: claims.state };
    const key = responseKeyOf(claims);
    if (!key) throw new Error("no key");
    const jwe = await encryptResponse(fields, { jwk: key, enc: "A256GCM" });
    const post = (response: string) => postAnswer(centre, claims.response_uri, { response });

    // A kid that names no request: nothing to note it on.
    const unknown = await post(rewriteHeader(jwe, (h) => ({ ...h, kid: "no-such-request" })));
    expect(await expectProblem(unknown, 400, "RESPONSE_ENCRYPTION_INVALID")).toMatchObject({
      problem: "kid",
    });
    // Encrypted to this request's key but labelled with another encrypted request's kid: it does not open.
    const other = await createRequest(centre, ENCRYPTED);
    await expectRefused(
      centre,
      other,
      await post(rewriteHeader(jwe, (h) => ({ ...h, kid: other.id }))),
      "decrypt",
    );
    await expectRefused(
      centre,
      created,
      await post(rewriteHeader(jwe, (h) => ({ ...h, enc: "A192GCM" }))),
      "enc",
    );
    await expectRefused(
      centre,
      created,
      await post(rewriteHeader(jwe, (h) => ({ ...h, alg: "ECDH-ES+A256KW" }))),
      "alg",
    );
    const parts = jwe.split(".");
    const flipped = fromBase64Url(parts[3] ?? "");
    flipped[flipped.length - 1] = (flipped[flipped.length - 1] ?? 0) ^ 0x80;
    parts[3] = toBase64Url(flipped);
    await expectRefused(centre, created, await post(parts.join(".")), "decrypt");
    // Not a JWE at all (a JWS here): nothing in it names a request.
    expect(await expectProblem(await post("e30.e30.c2ln"), 400, "RESPONSE_ENCRYPTION_INVALID")).toMatchObject(
      {
        problem: "malformed",
      },
    );
    // Well encrypted, but naming another state.
    const wrongState = await postEncryptedAnswer(centre, claims, { ...fields, state: "another-state" });
    await expectProblem(wrongState, 400, "BAD_REQUEST");
    // In the clear: refused, however good the presentation.
    const plain = await postAnswer(centre, claims.response_uri, fields);
    await expectRefused(centre, created, plain, "mode");
    // Both at once is not an answer either.
    const both = await postAnswer(centre, claims.response_uri, { response: jwe, vp_token: fields.vp_token });
    await expectProblem(both, 400, "BAD_REQUEST");

    // Nothing was accepted, nothing remembered: the genuine answer still completes the request.
    expect((await post(jwe)).status).toBe(200);
    expect(await resultOf(centre, created)).toMatchObject({
      status: "completed",
      result: { verified: true },
    });
  });

  it("refuses a JWE for a request that asked for a plain answer", async () => {
    const centre = await verifierCentre();
    const wallet = await learnerWallet();
    const credential = await issueTo(centre, wallet.did);
    const created = await createRequest(centre, { achievement: ACHIEVEMENT });
    expect(created).toMatchObject({ responseMode: "direct_post" });
    const { claims } = await fetchRequestObject(centre, created.walletLink);
    expect(claims.response_mode).toBe("direct_post");
    expect(claims.client_metadata).not.toHaveProperty("jwks");
    expect(claims.client_metadata).not.toHaveProperty("encrypted_response_enc_values_supported");
    const presentation = await ldpPresentation(wallet, [credential], {
      challenge: claims.nonce,
      domain: claims.client_id,
    });
    // The wallet makes up a key (the request published none) and names the request by its id.
    const stranger = await createRequest(centre, ENCRYPTED);
    const strangerKey = responseKeyOf((await fetchRequestObject(centre, stranger.walletLink)).claims);
    if (!strangerKey) throw new Error("no key");
    const response = await encryptResponse(
      { vp_token: { open_badge: [presentation] }, state: claims.state },
      { jwk: { ...strangerKey, kid: created.id } },
    );
    await expectRefused(centre, created, await postAnswer(centre, claims.response_uri, { response }), "mode");
  });

  it("lets the employer choose, per request or as the centre's default, and refuses an unknown mode", async () => {
    const centre = await verifierCentre({ responseMode: "direct_post.jwt" });
    const byDefault = await createRequest(centre, { achievement: ACHIEVEMENT });
    expect(byDefault.responseMode).toBe("direct_post.jwt");
    const plain = await createRequest(centre, { achievement: ACHIEVEMENT, responseMode: "direct_post" });
    expect(plain.responseMode).toBe("direct_post");
    const post = (body: unknown) =>
      centre.app.request("/oid4vp/requests", {
        method: "POST",
        body: JSON.stringify(body),
        headers: { "Content-Type": "application/json" },
      });
    const unknown = await expectProblem(
      await post({ ...ENCRYPTED, responseMode: "fragment" }),
      400,
      "BAD_REQUEST",
    );
    expect(unknown.field).toBe("responseMode");
    await expectProblem(await post({ ...ENCRYPTED, responseMode: true }), 400, "BAD_REQUEST");

    // The plain form offers the choice, the centre's default selected, and makes an encrypted request.
    const form = await (await centre.app.request("/oid4vp")).text();
    expect(form).toContain('<select id="responseMode" name="responseMode"');
    expect(form).toContain('<option value="direct_post.jwt" selected>');
    const posted = await centre.app.request("/oid4vp/requests", {
      method: "POST",
      body: new URLSearchParams({ achievement: ACHIEVEMENT, responseMode: "direct_post.jwt" }).toString(),
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    expect(posted.status).toBe(303);
    const id = /\/oid4vp\/requests\/([\w-]+)\/page/.exec(posted.headers.get("location") ?? "")?.[1] ?? "";
    expect((await centre.store.get(id))?.responseMode).toBe("direct_post.jwt");
  });
});
