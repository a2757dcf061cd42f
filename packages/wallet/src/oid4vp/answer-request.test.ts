import { SAMPLE_ACHIEVEMENT } from "@learnbridge/credentials/testing";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { acceptCredentialOffer } from "../oid4vci/accept-offer.ts";
import { fakeIssuer } from "../testing/fake-issuer.ts";
import { fakeVerifier } from "../testing/fake-verifier.ts";
import { type LoopbackServer, serveOnLoopback } from "../testing/serve.ts";
import { testWallet } from "../testing/test-wallet.ts";
import type { Wallet } from "../wallet.ts";
import { declinePresentationRequest, openPresentationRequest, sharePresentation } from "./answer-request.ts";

const OB_IRI = "https://purl.imsglobal.org/spec/vc/ob/vocab.html#OpenBadgeCredential";
const badgeQuery = (achievementId: string) => {
  const base = {
    meta: { type_values: [[OB_IRI]] },
    claims: [{ path: ["credentialSubject", "achievement", "id"], values: [achievementId] }],
  };
  return {
    credentials: [
      { id: "open_badge", format: "ldp_vc", ...base },
      { id: "open_badge_jwt", format: "jwt_vc_json", ...base },
    ],
    credential_sets: [{ options: [["open_badge"], ["open_badge_jwt"]] }],
  };
};

const servers: LoopbackServer[] = [];
async function onLoopback<T extends { handle: (r: Request) => Promise<Response> }>(
  make: (origin: string) => Promise<T>,
) {
  let handle: (request: Request) => Promise<Response> = async () => new Response("starting", { status: 503 });
  const server = await serveOnLoopback((request) => handle(request));
  servers.push(server);
  const made = await make(server.url);
  handle = made.handle;
  return made;
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

let wallet: Wallet;
beforeAll(async () => {
  wallet = await testWallet();
  const issuer = await onLoopback((origin) => fakeIssuer(origin));
  await acceptCredentialOffer(wallet, issuer.offer(["badge_ldp_vc", "badge_jwt_vc_json"]));
});

describe("answering an OpenID4VP request", () => {
  it("offers both formats in one choice, and the verifier verifies what is shared, bound to its nonce and client id", async () => {
    const verifier = await onLoopback(fakeVerifier);
    for (const format of ["ldp_vc", "jwt_vc_json"] as const) {
      const { link, id } = verifier.createRequest({
        query: badgeQuery(SAMPLE_ACHIEVEMENT.id),
        clientName: "Acme HR",
      });
      const opened = await openPresentationRequest(wallet, link);
      expect(opened.request).toMatchObject({
        clientId: verifier.clientId,
        verifierDid: verifier.did,
        verifierName: "Acme HR",
      });
      expect(opened.choices).toHaveLength(1);
      const candidates = opened.choices[0]?.candidates ?? [];
      expect(candidates.map((c) => c.queryId).sort()).toEqual(["open_badge", "open_badge_jwt"]);
      const pick = candidates.find((c) => c.credential.format === format);
      const result = await sharePresentation(wallet, opened, pick ? [pick] : []);
      expect(result.status).toBe(200);
      const answer = verifier.answers.get(id);
      const queryId = format === "ldp_vc" ? "open_badge" : "open_badge_jwt";
      const [report] = answer?.reports[queryId] ?? [];
      expect(report?.verified, JSON.stringify(report?.checks)).toBe(true);
      expect(report?.securedBy).toBe(format === "ldp_vc" ? "data-integrity" : "vc-jose");
      expect(report?.credentials?.[0]?.verified).toBe(true);
      expect(Object.keys(answer?.reports ?? {})).toEqual([queryId]);
    }
  });

  it("refuses requests it cannot trust: a foreign key, another client id inside, a wrong typ, an expired request", async () => {
    const verifier = await onLoopback(fakeVerifier);
    const query = badgeQuery(SAMPLE_ACHIEVEMENT.id);
    const cases = [
      [{ foreignKey: true }, "PROOF_INVALID"],
      [{ otherClientIdInside: true }, "BAD_REQUEST"],
      [{ typ: "JWT" }, "BAD_REQUEST"],
      [{ expired: true }, "PRESENTATION_REQUEST_EXPIRED"],
    ] as const;
    for (const [options, code] of cases) {
      const { link, id } = verifier.createRequest({ query, ...options });
      await expect(openPresentationRequest(wallet, link), code).rejects.toMatchObject({ code });
      expect(verifier.answers.has(id)).toBe(false);
    }
  });

  it("says so when no credential answers, and answers a POST request_uri with its wallet_nonce", async () => {
    const verifier = await onLoopback(fakeVerifier);
    const none = verifier.createRequest({ query: badgeQuery("https://elsewhere.example/achievements/x") });
    await expect(openPresentationRequest(wallet, none.link)).rejects.toMatchObject({
      code: "QUERY_UNSATISFIED",
    });
    const posted = verifier.createRequest({
      query: badgeQuery(SAMPLE_ACHIEVEMENT.id),
      requestUriMethod: "post",
    });
    const opened = await openPresentationRequest(wallet, posted.link);
    expect(opened.choices[0]?.candidates).toHaveLength(2);
  });

  it("tells the verifier when the learner declines, with its state", async () => {
    const verifier = await onLoopback(fakeVerifier);
    const { link, id } = verifier.createRequest({ query: badgeQuery(SAMPLE_ACHIEVEMENT.id) });
    await declinePresentationRequest(wallet, await openPresentationRequest(wallet, link));
    const form = verifier.answers.get(id)?.form;
    expect(form?.get("error")).toBe("access_denied");
    expect(form?.get("state")).toMatch(/.+/);
    expect(form?.has("vp_token")).toBe(false);
  });

  it("refuses a choice that is not one of the candidates, and a loopback verifier unless allowed", async () => {
    const verifier = await onLoopback(fakeVerifier);
    const { link } = verifier.createRequest({ query: badgeQuery(SAMPLE_ACHIEVEMENT.id) });
    const opened = await openPresentationRequest(wallet, link);
    const candidate = opened.choices[0]?.candidates[0];
    if (!candidate) throw new Error("no candidate");
    await expect(sharePresentation(wallet, opened, [{ ...candidate, queryId: "other" }])).rejects.toThrow(
      TypeError,
    );
    const strict = await testWallet({ allowLoopback: false });
    await expect(openPresentationRequest(strict, link)).rejects.toMatchObject({
      code: "DID_NETWORK_BLOCKED",
    });
  });
});
