import { describe, expect, it } from "vitest";
import { expectProblem } from "../test-support/expect-problem.ts";
import { CENTRE_DID } from "../test-support/test-centre.ts";
import {
  type CreatedRequest,
  createRequest,
  fetchRequestObject,
  issueTo,
  jwtPresentation,
  type LearnerWallet,
  ldpPresentation,
  learnerWallet,
  movableClock,
  postAnswer,
  readResult,
  type VerifierCentre,
  verifierCentre,
} from "./test-verifier.ts";

/** A request, the learner's wallet holding a credential that fits it, and the request object's claims. */
async function scene(options: { clock?: ReturnType<typeof movableClock>["clock"] } = {}) {
  const centre = await verifierCentre(options);
  const wallet = await learnerWallet();
  const credential = await issueTo(centre, wallet.did);
  const created = await createRequest(centre);
  const { claims } = await fetchRequestObject(centre, created.walletLink);
  return { centre, wallet, credential, created, claims };
}

/** The request is still pending, nothing was accepted, and the employer can see why the answer was refused. */
async function expectStillPending(centre: VerifierCentre, created: CreatedRequest, code: string) {
  const body = (await (await readResult(centre, created)).json()) as Record<string, unknown>;
  expect(body.status).toBe("pending");
  expect(body.result).toBeUndefined();
  expect(body.lastRefusal).toMatchObject({ code });
}

const answerFor = (wallet: LearnerWallet, credential: unknown, challenge: string, domain: string) =>
  ldpPresentation(wallet, [credential], { challenge, domain });

describe("OpenID4VP verifier: answers that must be refused", () => {
  it("refuses a presentation bound to another nonce (NONCE_INVALID)", async () => {
    const { centre, wallet, credential, created, claims } = await scene();
    const presentation = await answerFor(wallet, credential, "an-old-nonce", claims.client_id);
    const response = await postAnswer(centre, claims.response_uri, {
      vp_token: { open_badge: [presentation] },
      state: claims.state,
    });
    const problem = await expectProblem(response, 400, "NONCE_INVALID");
    expect(problem).toMatchObject({
      error: "invalid_request",
      credentialQueryId: "open_badge",
      checkCode: "PROOF_CHALLENGE_MISMATCH",
    });
    await expectStillPending(centre, created, "NONCE_INVALID");
  });

  it("refuses a JWT presentation whose nonce is wrong, too", async () => {
    const centre = await verifierCentre();
    const wallet = await learnerWallet();
    const credential = await issueTo(centre, wallet.did, "jwt_vc");
    const created = await createRequest(centre);
    const { claims } = await fetchRequestObject(centre, created.walletLink);
    const jwt = await jwtPresentation(wallet, [credential], { nonce: "not-it", audience: claims.client_id });
    const response = await postAnswer(centre, claims.response_uri, {
      vp_token: { open_badge_jwt: [jwt] },
      state: claims.state,
    });
    await expectProblem(response, 400, "NONCE_INVALID");
    await expectStillPending(centre, created, "NONCE_INVALID");
  });

  it.each([
    ["another verifier's client id", "decentralized_identifier:did:web:other.example"],
    ["the DID without the client id prefix", CENTRE_DID],
  ])("refuses a Data Integrity presentation bound to %s (AUDIENCE_MISMATCH)", async (_name, domain) => {
    const { centre, wallet, credential, created, claims } = await scene();
    const presentation = await answerFor(wallet, credential, claims.nonce, domain);
    const response = await postAnswer(centre, claims.response_uri, {
      vp_token: { open_badge: [presentation] },
      state: claims.state,
    });
    await expectProblem(response, 400, "AUDIENCE_MISMATCH");
    await expectStillPending(centre, created, "AUDIENCE_MISMATCH");
  });

  it("refuses a JWT presentation addressed to another audience (AUDIENCE_MISMATCH)", async () => {
    const centre = await verifierCentre();
    const wallet = await learnerWallet();
    const credential = await issueTo(centre, wallet.did, "jwt_vc");
    const created = await createRequest(centre);
    const { claims } = await fetchRequestObject(centre, created.walletLink);
    const jwt = await jwtPresentation(wallet, [credential], {
      nonce: claims.nonce,
      audience: "https://elsewhere.example",
    });
    const response = await postAnswer(centre, claims.response_uri, {
      vp_token: { open_badge_jwt: [jwt] },
      state: claims.state,
    });
    await expectProblem(response, 400, "AUDIENCE_MISMATCH");
    await expectStillPending(centre, created, "AUDIENCE_MISMATCH");
  });

  it("refuses a presentation replayed to a second request (PRESENTATION_REPLAYED)", async () => {
    const { centre, wallet, credential, claims } = await scene();
    const presentation = await answerFor(wallet, credential, claims.nonce, claims.client_id);
    const first = await postAnswer(centre, claims.response_uri, {
      vp_token: { open_badge: [presentation] },
      state: claims.state,
    });
    expect(first.status).toBe(200);
    const second = await createRequest(centre);
    const other = (await fetchRequestObject(centre, second.walletLink)).claims;
    const replay = await postAnswer(centre, other.response_uri, {
      vp_token: { open_badge: [presentation] },
      state: other.state,
    });
    await expectProblem(replay, 400, "PRESENTATION_REPLAYED");
    await expectStillPending(centre, second, "PRESENTATION_REPLAYED");
  });

  it("refuses a credential about someone else than the holder (HOLDER_MISMATCH)", async () => {
    const centre = await verifierCentre();
    const wallet = await learnerWallet();
    const someoneElse = await learnerWallet();
    const credential = await issueTo(centre, someoneElse.did);
    const created = await createRequest(centre);
    const { claims } = await fetchRequestObject(centre, created.walletLink);
    const presentation = await answerFor(wallet, credential, claims.nonce, claims.client_id);
    const response = await postAnswer(centre, claims.response_uri, {
      vp_token: { open_badge: [presentation] },
      state: claims.state,
    });
    await expectProblem(response, 422, "HOLDER_MISMATCH");
    await expectStillPending(centre, created, "HOLDER_MISMATCH");
  });

  it("refuses a credential that does not match the query (QUERY_UNSATISFIED)", async () => {
    const centre = await verifierCentre();
    const wallet = await learnerWallet();
    const credential = await issueTo(centre, wallet.did);
    const created = await createRequest(centre, {
      achievement: "https://centre.example/achievements/nursing-201",
    });
    const { claims } = await fetchRequestObject(centre, created.walletLink);
    const presentation = await answerFor(wallet, credential, claims.nonce, claims.client_id);
    const response = await postAnswer(centre, claims.response_uri, {
      vp_token: { open_badge: [presentation] },
      state: claims.state,
    });
    const problem = await expectProblem(response, 422, "QUERY_UNSATISFIED");
    expect(String(problem.detail)).toContain("credentialSubject");
    await expectStillPending(centre, created, "QUERY_UNSATISFIED");
  });

  it("refuses an answer in the wrong format, or for a query that was not asked (QUERY_UNSATISFIED)", async () => {
    const { centre, wallet, credential, created, claims } = await scene();
    const presentation = await answerFor(wallet, credential, claims.nonce, claims.client_id);
    const asJwt = await postAnswer(centre, claims.response_uri, {
      vp_token: { open_badge_jwt: [presentation] },
      state: claims.state,
    });
    await expectProblem(asJwt, 422, "QUERY_UNSATISFIED");
    const unasked = await postAnswer(centre, claims.response_uri, {
      vp_token: { diploma: [presentation] },
      state: claims.state,
    });
    await expectProblem(unasked, 422, "QUERY_UNSATISFIED");
    await expectStillPending(centre, created, "QUERY_UNSATISFIED");
  });

  it("refuses an answer after the request expired (PRESENTATION_REQUEST_EXPIRED)", async () => {
    const time = movableClock();
    const { centre, wallet, credential, created, claims } = await scene({ clock: time.clock });
    const presentation = await answerFor(wallet, credential, claims.nonce, claims.client_id);
    time.advance(31 * 60_000);
    const response = await postAnswer(centre, claims.response_uri, {
      vp_token: { open_badge: [presentation] },
      state: claims.state,
    });
    await expectProblem(response, 400, "PRESENTATION_REQUEST_EXPIRED");
    await expectProblem(await centre.app.request(created.requestUri), 400, "PRESENTATION_REQUEST_EXPIRED");
    const body = (await (await readResult(centre, created)).json()) as Record<string, unknown>;
    expect(body).toMatchObject({ status: "expired" });
    expect(body.result).toBeUndefined();
  });

  it("refuses an unknown state (NOT_FOUND) and malformed answers (BAD_REQUEST)", async () => {
    const { centre, created, claims } = await scene();
    await expectProblem(
      await postAnswer(centre, claims.response_uri, {
        vp_token: { open_badge: [{}] },
        state: "no-such-state",
      }),
      404,
      "NOT_FOUND",
    );
    await expectProblem(
      await postAnswer(centre, claims.response_uri, { vp_token: { open_badge: [{}] } }),
      400,
      "BAD_REQUEST",
    );
    await expectProblem(
      await postAnswer(centre, claims.response_uri, { state: claims.state }),
      400,
      "BAD_REQUEST",
    );
    await expectProblem(
      await postAnswer(centre, claims.response_uri, { vp_token: "not json", state: claims.state }),
      400,
      "BAD_REQUEST",
    );
    await expectProblem(
      await postAnswer(centre, claims.response_uri, { vp_token: { open_badge: [] }, state: claims.state }),
      400,
      "BAD_REQUEST",
    );
    const text = await centre.app.request(claims.response_uri, {
      method: "POST",
      body: "x",
      headers: { "Content-Type": "text/plain" },
    });
    await expectProblem(text, 415, "UNSUPPORTED_MEDIA_TYPE");
    expect(((await (await readResult(centre, created)).json()) as Record<string, unknown>).status).toBe(
      "pending",
    );
  });

  it("shows a result only with its read token (UNAUTHORIZED, FORBIDDEN), and nothing for an unknown id", async () => {
    const { centre, created } = await scene();
    await expectProblem(await readResult(centre, created, null), 401, "UNAUTHORIZED");
    await expectProblem(await readResult(centre, created, "not-the-token"), 403, "FORBIDDEN");
    const other = await createRequest(centre);
    await expectProblem(await readResult(centre, created, other.readToken), 403, "FORBIDDEN");
    await expectProblem(await centre.app.request(`${created.resultUrl}/page`), 401, "UNAUTHORIZED");
    await expectProblem(await centre.app.request(`${created.resultUrl}/page?token=nope`), 403, "FORBIDDEN");
    const unknown = { ...created, resultUrl: "https://centre.example/oid4vp/requests/unknown" };
    await expectProblem(await readResult(centre, unknown), 404, "NOT_FOUND");
  });

  it("refuses queries it cannot honour (QUERY_INVALID, naming where)", async () => {
    const centre = await verifierCentre();
    const post = (body: unknown) =>
      centre.app.request("/oid4vp/requests", {
        method: "POST",
        body: JSON.stringify(body),
        headers: { "Content-Type": "application/json" },
      });
    const sdJwt = await expectProblem(
      await post({
        dcql_query: { credentials: [{ id: "pid", format: "dc+sd-jwt", meta: { vct_values: ["x"] } }] },
      }),
      400,
      "QUERY_INVALID",
    );
    expect(sdJwt.path).toBe("credentials[0].format");
    await expectProblem(await post({ achievement: "data-101" }), 400, "QUERY_INVALID");
    await expectProblem(
      await post({ achievement: "https://a.example/x", issuer: CENTRE_DID }),
      400,
      "QUERY_INVALID",
    );
    await expectProblem(await post({}), 400, "QUERY_INVALID");
    await expectProblem(await post({ issuer: CENTRE_DID, expiresIn: 5 }), 400, "BAD_REQUEST");
  });
});
