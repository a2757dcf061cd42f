import { fromBase64Url, utf8, verifySignature } from "@learnbridge/core";
import { createKeyResolver } from "@learnbridge/credentials";
import { describe, expect, it } from "vitest";
import { expectProblem } from "../test-support/expect-problem.ts";
import { CENTRE_DID } from "../test-support/test-centre.ts";
import {
  createRequest,
  fetchRequestObject,
  issueTo,
  jwtPresentation,
  ldpPresentation,
  learnerWallet,
  postAnswer,
  readResult,
  verifierCentre,
} from "./test-verifier.ts";

const CLIENT_ID = `decentralized_identifier:${CENTRE_DID}`;

interface Result {
  status: string;
  explainedIn: string;
  result: {
    verified: boolean;
    holders: string[];
    presentations: {
      queryId: string;
      format: string;
      holder: string;
      report: {
        verified: boolean;
        checks: { name: string; outcome: string }[];
        credentials: { verified: boolean; checks: { name: string; outcome: string; code: string }[] }[];
      };
      explanation: { headline: string; lines: string[] };
    }[];
  };
}

/** Every check of the full report ran: none failed, and only trust (no federation configured) was skipped. */
function expectEveryCheck(presentation: Result["result"]["presentations"][number]) {
  expect(presentation.report.verified).toBe(true);
  expect(presentation.report.checks.map((c) => [c.name, c.outcome])).toEqual([
    ["structure", "pass"],
    ["context", "pass"],
    ["proof", "pass"],
    ["presentation", "pass"],
  ]);
  const [credential] = presentation.report.credentials;
  expect(credential?.checks.map((c) => [c.name, c.outcome])).toEqual([
    ["structure", "pass"],
    ["context", "pass"],
    ["proof", "pass"],
    ["issuer", "pass"],
    ["validity", "pass"],
    ["status", "pass"],
    ["schema", "pass"],
    ["trust", "skipped"],
  ]);
}

describe("OpenID4VP verifier: an employer's request answered by a learner's wallet", () => {
  it("serves a request object signed by the node's DID key, as OpenID4VP 1.0 asks", async () => {
    const centre = await verifierCentre();
    const created = await createRequest(centre);
    expect(created).toMatchObject({ status: "pending", clientId: CLIENT_ID });
    expect(created.walletLink).toBe(
      `openid4vp://?client_id=${encodeURIComponent(CLIENT_ID)}&request_uri=${encodeURIComponent(created.requestUri)}`,
    );
    const request = await fetchRequestObject(centre, created.walletLink);
    expect(request.contentType).toBe("application/oauth-authz-req+jwt");
    expect(request.header).toMatchObject({ alg: "EdDSA", typ: "oauth-authz-req+jwt" });
    expect(String(request.header.kid).startsWith(`${CENTRE_DID}#`)).toBe(true);
    expect(request.claims).toMatchObject({
      client_id: request.linkClientId,
      response_type: "vp_token",
      response_mode: "direct_post",
      response_uri: "https://centre.example/oid4vp/response",
      aud: "https://self-issued.me/v2",
      client_metadata: { vp_formats_supported: { ldp_vc: {}, jwt_vc_json: {} } },
    });
    expect(request.claims.nonce).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(request.claims.state).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(request.claims.dcql_query.credentials.map((c) => c.format)).toEqual(["ldp_vc", "jwt_vc_json"]);
    // A wallet takes the key from the DID document's verification method named by kid (§5.9.3).
    const resolved = await createKeyResolver({
      documents: new Map([[CENTRE_DID, await centre.keys.didDocument()]]),
    })(String(request.header.kid), { purpose: "assertionMethod" });
    if (!resolved.ok) throw new Error(resolved.message);
    const [header, payload, signature] = request.jwt.split(".");
    expect(
      await verifySignature(
        resolved.value.publicKey,
        utf8(`${header}.${payload}`),
        fromBase64Url(signature ?? ""),
      ),
    ).toBe(true);
  });

  it("verifies a Data Integrity presentation with every check, and keeps the result for the employer", async () => {
    const centre = await verifierCentre();
    const wallet = await learnerWallet();
    const credential = await issueTo(centre, wallet.did, "ldp_vc");
    const created = await createRequest(centre, undefined, { "Accept-Language": "fr" });
    const { claims } = await fetchRequestObject(centre, created.walletLink);
    const presentation = await ldpPresentation(wallet, [credential], {
      challenge: claims.nonce,
      domain: claims.client_id,
    });
    const answer = await postAnswer(centre, claims.response_uri, {
      vp_token: { open_badge: [presentation] },
      state: claims.state,
    });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({});

    const read = await readResult(centre, created);
    expect(read.status).toBe(200);
    const body = (await read.json()) as Result;
    expect(body).toMatchObject({
      status: "completed",
      explainedIn: "fr",
      result: { verified: true, holders: [wallet.did] },
    });
    const [shared] = body.result.presentations;
    expect(shared).toMatchObject({ queryId: "open_badge", format: "ldp_vc", holder: wallet.did });
    if (!shared) throw new Error("no presentation");
    expectEveryCheck(shared);
    expect(shared.explanation.headline).toMatch(/vérifi/i);
    // Asked again in another language, the same result reads in that language.
    const inChinese = (await (
      await centre.app.request(`${created.resultUrl}?lang=zh`, {
        headers: { Authorization: `Bearer ${created.readToken}` },
      })
    ).json()) as Result;
    expect(inChinese.explainedIn).toBe("zh");
    // A client that sends `Accept-Language: *` (Node's fetch does) asks for no language: the request's stays.
    const anyLanguage = (await (
      await centre.app.request(created.resultUrl, {
        headers: { Authorization: `Bearer ${created.readToken}`, "Accept-Language": "*" },
      })
    ).json()) as Result;
    expect(anyLanguage.explainedIn).toBe("fr");
    expect(inChinese.result.presentations[0]?.explanation.headline).not.toBe(shared.explanation.headline);

    // The first valid answer closed the request: another answer, or fetching the request again, is refused.
    const again = await postAnswer(centre, claims.response_uri, {
      vp_token: { open_badge: [presentation] },
      state: claims.state,
    });
    const problem = await expectProblem(again, 409, "EXCHANGE_STATE_INVALID");
    expect(problem.error).toBe("invalid_request");
    await expectProblem(await centre.app.request(created.requestUri), 409, "EXCHANGE_STATE_INVALID");
  });

  it("verifies a VC-JOSE presentation (vp+jwt with nonce and aud) of a vc+jwt credential", async () => {
    const centre = await verifierCentre();
    const wallet = await learnerWallet();
    const credential = await issueTo(centre, wallet.did, "jwt_vc");
    const created = await createRequest(centre);
    const { claims } = await fetchRequestObject(centre, created.walletLink);
    const jwt = await jwtPresentation(wallet, [credential], {
      nonce: claims.nonce,
      audience: claims.client_id,
    });
    const answer = await postAnswer(centre, claims.response_uri, {
      vp_token: { open_badge_jwt: [jwt] },
      state: claims.state,
    });
    expect(answer.status).toBe(200);
    const body = (await (await readResult(centre, created)).json()) as Result;
    expect(body).toMatchObject({ status: "completed", result: { verified: true, holders: [wallet.did] } });
    const [shared] = body.result.presentations;
    expect(shared).toMatchObject({ queryId: "open_badge_jwt", format: "jwt_vc_json" });
    if (!shared) throw new Error("no presentation");
    expectEveryCheck(shared);
  });

  it("asks for any credential from a centre, with a DCQL query written by hand", async () => {
    const centre = await verifierCentre();
    const wallet = await learnerWallet();
    const credential = await issueTo(centre, wallet.did);
    const dcql = {
      credentials: [
        {
          id: "from_centre",
          format: "ldp_vc",
          meta: { type_values: [["https://www.w3.org/2018/credentials#VerifiableCredential"]] },
          claims: [{ path: ["issuer", "id"], values: [CENTRE_DID] }],
        },
      ],
    };
    const created = await createRequest(centre, { dcql_query: dcql });
    const { claims } = await fetchRequestObject(centre, created.walletLink);
    expect(claims.dcql_query).toEqual(dcql);
    const presentation = await ldpPresentation(wallet, [credential], {
      challenge: claims.nonce,
      domain: claims.client_id,
    });
    const answer = await postAnswer(centre, claims.response_uri, {
      vp_token: { from_centre: [presentation] },
      state: claims.state,
    });
    expect(answer.status).toBe(200);
    expect(((await (await readResult(centre, created)).json()) as Result).status).toBe("completed");
  });

  it("keeps a well-bound answer whose credential was revoked as a failed result, explained", async () => {
    const centre = await verifierCentre();
    const wallet = await learnerWallet();
    const credential = await issueTo(centre, wallet.did);
    const revoke = await centre.app.request("/credentials/status", {
      method: "POST",
      body: JSON.stringify({
        credentialId: credential.id,
        credentialStatus: [{ type: "BitstringStatusListEntry", status: "revoked" }],
      }),
      headers: {
        "Content-Type": "application/json",
        Authorization: `Bearer ${await centre.token("revoke")}`,
      },
    });
    expect(revoke.status).toBe(200);
    const created = await createRequest(centre);
    const { claims } = await fetchRequestObject(centre, created.walletLink);
    const presentation = await ldpPresentation(wallet, [credential], {
      challenge: claims.nonce,
      domain: claims.client_id,
    });
    const answer = await postAnswer(centre, claims.response_uri, {
      vp_token: { open_badge: [presentation] },
      state: claims.state,
    });
    expect(answer.status).toBe(200);
    const body = (await (await readResult(centre, created)).json()) as Result;
    expect(body).toMatchObject({ status: "failed", result: { verified: false } });
    const status = body.result.presentations[0]?.report.credentials[0]?.checks.find(
      (c) => c.name === "status",
    );
    expect(status).toMatchObject({ outcome: "fail", code: "STATUS_REVOKED" });
  });

  it("records a wallet that declines as a failed request", async () => {
    const centre = await verifierCentre();
    const created = await createRequest(centre);
    const { claims } = await fetchRequestObject(centre, created.walletLink);
    const answer = await postAnswer(centre, claims.response_uri, {
      error: "access_denied",
      error_description: "the learner said no",
      state: claims.state,
    });
    expect(answer.status).toBe(200);
    const body = (await (await readResult(centre, created)).json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      status: "failed",
      result: {
        verified: false,
        walletError: { error: "access_denied", description: "the learner said no" },
      },
    });
  });
});
