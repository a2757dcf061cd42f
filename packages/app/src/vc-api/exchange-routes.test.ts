import { redeemOffer } from "@learnbridge/exchange";
import { didAuthPresentation, newDidAuthHolder } from "@learnbridge/exchange/testing";
import { createI18n } from "@learnbridge/i18n";
import { describe, expect, it } from "vitest";
import { expectProblem } from "../test-support/expect-problem.ts";
import { CENTRE_URL, postJson } from "../test-support/test-centre.ts";
import { claimCentre } from "./claim-test-centre.ts";

// biome-ignore lint/suspicious/noExplicitAny: JSON answers are checked field by field below.
type Json = Record<string, any>;
type Centre = Awaited<ReturnType<typeof claimCentre>>;

const exchangePath = (id: string) => `/workflows/claim/exchanges/${id}`;
const french = createI18n().getFixedT("fr");

/**
 * A refused exchange step: a problem with `status` and `code`. VCALM answers a step it cannot take with 400,
 * so the status may differ from the code's own (409, 422) in the one table; the code stays.
 */
async function expectRefusal(response: Response, status: number, code: string) {
  expect(response.headers.get("content-type")).toBe("application/problem+json");
  const body = (await response.json()) as Json;
  expect({ status: response.status, code: body.code }).toEqual({ status, code });
  expect(body).toMatchObject({
    type: `https://w3id.org/learnbridge/errors#${code}`,
    status,
    title: expect.any(String),
  });
  return body;
}
const english = createI18n().getFixedT("en");

/** Starts an exchange the way LCW does (`{}`), returning the request. */
async function start(centre: Centre, id: string) {
  const response = await postJson(centre.app, exchangePath(id), {});
  expect(response.status).toBe(200);
  return ((await response.json()) as Json).verifiablePresentationRequest as {
    challenge: string;
    domain: string;
  };
}

const present = (centre: Centre, id: string, vp: unknown) =>
  postJson(centre.app, exchangePath(id), { verifiablePresentation: vp });

describe("VC-API claim exchanges", () => {
  it("starts with a bodiless POST, delivers a credential about the DID that authenticated, and says so", async () => {
    const centre = await claimCentre();
    const { offer } = await centre.offer();
    const holder = await newDidAuthHolder();
    expect(await (await centre.app.request(exchangePath(offer.id))).json()).toMatchObject({
      id: offer.id,
      sequence: 0,
      state: "pending",
      expires: offer.expiresAt,
    });

    const started = await centre.app.request(exchangePath(offer.id), { method: "POST" });
    expect(started.status).toBe(200);
    expect(started.headers.get("access-control-allow-origin")).toBe("*");
    const { verifiablePresentationRequest: request } = (await started.json()) as Json;
    expect(request).toEqual({
      query: [{ type: "DIDAuthentication", acceptedMethods: [{ method: "key" }, { method: "jwk" }] }],
      challenge: expect.any(String),
      domain: CENTRE_URL,
      interact: {
        service: [
          {
            type: "UnmediatedHttpPresentationService2021",
            serviceEndpoint: `${CENTRE_URL}${exchangePath(offer.id)}`,
          },
        ],
      },
    });
    expect((await (await centre.app.request(exchangePath(offer.id))).json()).state).toBe("active");

    const answer = await present(centre, offer.id, await didAuthPresentation(holder, request));
    expect(answer.status).toBe(200);
    expect(answer.headers.get("cache-control")).toBe("no-store");
    const { verifiablePresentation: vp } = (await answer.json()) as Json;
    expect(vp.type).toEqual(["VerifiablePresentation"]);
    expect(vp.verifiableCredential).toHaveLength(1);
    const [credential] = vp.verifiableCredential;
    expect(credential.credentialSubject.id).toBe(holder.did);
    expect(credential.issuer.id ?? credential.issuer).toBe(centre.keys.did);
    const verified = await postJson(centre.app, "/credentials/verify", { verifiableCredential: credential });
    expect(verified.status).toBe(200);

    expect(await (await centre.app.request(exchangePath(offer.id))).json()).toMatchObject({
      state: "complete",
      sequence: 3,
    });
    const records = await centre.credentials.list();
    expect(records.map((r) => [r.id, r.subject])).toEqual([[credential.id, holder.did]]);
    expect(await centre.offers.get(offer.id)).toMatchObject({ state: "redeemed", redeemedVia: "vcapi" });
  });

  it("verifies a presentation on a centre that has no key yet: the key is made first, nothing crashes", async () => {
    const centre = await claimCentre({ withoutKey: true });
    expect((await centre.keys.didDocument().catch((e: Error) => e)) instanceof Error).toBe(true);
    const { offer } = await centre.offer();
    const holder = await newDidAuthHolder();
    const request = await start(centre, offer.id);
    const answer = await present(centre, offer.id, await didAuthPresentation(holder, request));
    expect(answer.status).toBe(200);
    const { verifiablePresentation: vp } = (await answer.json()) as Json;
    expect(vp.verifiableCredential[0].credentialSubject.id).toBe(holder.did);
    expect((await centre.keys.didDocument()).verificationMethod).toHaveLength(1);
    // A wrong presentation on such a centre is a clear refusal too, never a 500.
    const fresh = await claimCentre({ withoutKey: true });
    const other = (await fresh.offer()).offer;
    const otherRequest = await start(fresh, other.id);
    const wrong = await didAuthPresentation(holder, { ...otherRequest, challenge: "guessed" });
    await expectRefusal(await present(fresh, other.id, wrong), 400, "PROOF_CHALLENGE_MISMATCH");
  });

  it("lists the exchange and the same offer's OID4VCI URI as its protocols", async () => {
    const centre = await claimCentre();
    const { offer } = await centre.offer();
    const response = await centre.app.request(`${exchangePath(offer.id)}/protocols`);
    expect(response.status).toBe(200);
    const offerJson = `${CENTRE_URL}/oid4vci/offers/${offer.id}`;
    expect(await response.json()).toEqual({
      protocols: {
        vcapi: `${CENTRE_URL}${exchangePath(offer.id)}`,
        OID4VCI: `openid-credential-offer://?credential_offer_uri=${encodeURIComponent(offerJson)}`,
      },
    });
  });

  it("refuses an unknown exchange, a completed one, and one not started", async () => {
    const centre = await claimCentre();
    await expectProblem(await postJson(centre.app, exchangePath("nope"), {}), 404, "NOT_FOUND");
    await expectProblem(await centre.app.request(exchangePath("nope")), 404, "NOT_FOUND");
    await expectProblem(await centre.app.request(`${exchangePath("nope")}/protocols`), 404, "NOT_FOUND");

    const { offer } = await centre.offer();
    const holder = await newDidAuthHolder();
    const early = await present(
      centre,
      offer.id,
      await didAuthPresentation(holder, { challenge: "x", domain: CENTRE_URL }),
    );
    // VCALM lists 400 for a step the exchange cannot take; the code says which.
    await expectRefusal(early, 400, "EXCHANGE_STATE_INVALID");
    const request = await start(centre, offer.id);
    const vp = await didAuthPresentation(holder, request);
    expect((await present(centre, offer.id, vp)).status).toBe(200);
    await expectRefusal(await present(centre, offer.id, vp), 400, "EXCHANGE_STATE_INVALID");
    await expectRefusal(
      await postJson(centre.app, exchangePath(offer.id), {}),
      400,
      "EXCHANGE_STATE_INVALID",
    );
    expect(await centre.issued()).toBe(1);
  });

  it("refuses a wrong challenge, a wrong domain, a holder who did not sign, and issues nothing", async () => {
    const centre = await claimCentre();
    const { offer } = await centre.offer();
    const [holder, stranger] = [await newDidAuthHolder(), await newDidAuthHolder()];
    const cases: [string, (r: { challenge: string; domain: string }) => Promise<unknown>][] = [
      ["PROOF_CHALLENGE_MISMATCH", (r) => didAuthPresentation(holder, { ...r, challenge: "guessed" })],
      [
        "PROOF_DOMAIN_MISMATCH",
        (r) => didAuthPresentation(holder, { ...r, domain: "https://other.example" }),
      ],
      ["KEY_CONTROLLER_MISMATCH", (r) => didAuthPresentation(holder, r, { signer: stranger })],
    ];
    for (const [code, make] of cases) {
      const request = await start(centre, offer.id);
      const body = await expectRefusal(await present(centre, offer.id, await make(request)), 400, code);
      expect((body.report as Json).verified).toBe(false);
      const state = await (
        await centre.app.request(exchangePath(offer.id), { headers: { "Accept-Language": "fr" } })
      ).json();
      // VCALM's lastError is a ProblemDetails: type, title (in the caller's language), detail; and our code.
      expect(state.lastError).toEqual({
        type: `https://w3id.org/learnbridge/errors#${code}`,
        title: expect.any(String),
        code,
        detail: expect.any(String),
      });
      expect(state.lastError.title).toBe(french(`error.${code}`));
      expect(state.lastError.title).not.toBe(english(`error.${code}`));
    }
    // A replay of a good presentation after its challenge was spent by a bad one.
    const request = await start(centre, offer.id);
    const good = await didAuthPresentation(holder, request);
    await present(centre, offer.id, await didAuthPresentation(holder, { ...request, challenge: "other" }));
    await expectRefusal(await present(centre, offer.id, good), 400, "EXCHANGE_STATE_INVALID");
    expect(await centre.issued()).toBe(0);
    expect((await centre.offers.get(offer.id))?.state).toBe("offered");
  });

  it("refuses an expired challenge and an expired offer", async () => {
    const centre = await claimCentre();
    const holder = await newDidAuthHolder();
    const { offer } = await centre.offer();
    const request = await start(centre, offer.id);
    centre.clock.set("2026-06-01T00:16:00Z");
    const late = await present(centre, offer.id, await didAuthPresentation(holder, request));
    await expectProblem(late, 400, "PRESENTATION_REQUEST_EXPIRED");

    const short = (await centre.offer({ lifetimeMs: 60_000 })).offer;
    centre.clock.set("2026-06-01T00:20:00Z");
    await expectProblem(await postJson(centre.app, exchangePath(short.id), {}), 400, "OFFER_EXPIRED");
    await expectProblem(
      await centre.app.request(`${exchangePath(short.id)}/protocols`),
      400,
      "OFFER_EXPIRED",
    );
    expect(await centre.issued()).toBe(0);
  });

  it("lets only one of two wallets racing on one challenge, or on one offer by two protocols, be issued", async () => {
    const centre = await claimCentre();
    const { offer } = await centre.offer();
    const [a, b] = [await newDidAuthHolder(), await newDidAuthHolder()];
    const request = await start(centre, offer.id);
    const answers = await Promise.all([
      present(centre, offer.id, await didAuthPresentation(a, request)),
      present(centre, offer.id, await didAuthPresentation(b, request)),
    ]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 400]);
    expect(await centre.issued()).toBe(1);

    const other = (await centre.offer()).offer;
    const otherRequest = await start(centre, other.id);
    const vp = await didAuthPresentation(a, otherRequest);
    const [viaVcApi, viaOid4vci] = await Promise.allSettled([
      present(centre, other.id, vp),
      redeemOffer(centre.context, other.id, { holder: b.did, format: "jwt_vc", via: "oid4vci" }),
    ]);
    const vcApiWon = viaVcApi.status === "fulfilled" && viaVcApi.value.status === 200;
    const oid4vciWon = viaOid4vci.status === "fulfilled";
    expect(vcApiWon !== oid4vciWon).toBe(true);
    if (!vcApiWon && viaVcApi.status === "fulfilled") await expectProblem(viaVcApi.value, 400, "GRANT_USED");
    expect(await centre.issued()).toBe(2);
  });

  it("keeps an offer with a PIN shut until the PIN is typed, then opens another exchange for LCW", async () => {
    const centre = await claimCentre();
    const { offer, txCode } = await centre.offer({ txCode: true });
    await expectProblem(await postJson(centre.app, exchangePath(offer.id), {}), 400, "TX_CODE_REQUIRED");
    const protocols = (await (
      await centre.app.request(`${exchangePath(offer.id)}/protocols`)
    ).json()) as Json;
    expect(Object.keys(protocols.protocols)).toEqual(["OID4VCI"]);

    const unlock = (tx_code?: string) =>
      postJson(centre.app, `${exchangePath(offer.id)}/unlock`, { tx_code });
    await expectProblem(await unlock(), 400, "TX_CODE_REQUIRED");
    await expectProblem(await unlock(txCode === "123456" ? "654321" : "123456"), 400, "TX_CODE_INVALID");
    const opened = await unlock(txCode);
    expect(opened.status).toBe(200);
    const { protocols: unlocked, lcwDeepLink } = (await opened.json()) as Json;
    expect(unlocked.vcapi).not.toBe(`${CENTRE_URL}${exchangePath(offer.id)}`);
    const link = new URL(lcwDeepLink);
    expect(`${link.origin}${link.pathname}`).toBe("https://lcw.app/request");
    expect(JSON.parse(link.searchParams.get("request") ?? "")).toEqual({
      credentialRequestOrigin: CENTRE_URL,
      protocols: { vcapi: unlocked.vcapi },
    });

    const id = new URL(unlocked.vcapi).pathname.split("/").at(-1) as string;
    const holder = await newDidAuthHolder();
    const answer = await present(centre, id, await didAuthPresentation(holder, await start(centre, id)));
    expect(answer.status).toBe(200);
    expect(await centre.issued()).toBe(1);
  });

  it("names what is wrong with a message", async () => {
    const centre = await claimCentre();
    const { offer } = await centre.offer();
    const raw = (body: string, type = "application/json") =>
      centre.app.request(exchangePath(offer.id), { method: "POST", body, headers: { "Content-Type": type } });
    await expectProblem(await raw("{"), 400, "MALFORMED_JSON");
    await expectProblem(await raw("[]"), 400, "BAD_REQUEST");
    await expectProblem(await raw('{"verifiablePresentationRequest":{}}'), 400, "BAD_REQUEST");
    await expectProblem(await raw("x=1", "application/x-www-form-urlencoded"), 415, "UNSUPPORTED_MEDIA_TYPE");
    await expectRefusal(await present(centre, offer.id, "not a presentation"), 400, "EXCHANGE_STATE_INVALID");
    await start(centre, offer.id);
    await expectProblem(await present(centre, offer.id, "not a presentation"), 400, "MALFORMED_JSON");
  });

  it("describes its routes in the OpenAPI document", async () => {
    const centre = await claimCentre();
    const document = (await (await centre.app.request("/openapi.json")).json()) as Json;
    const routes = centre.app.routes
      .filter((r) => r.method !== "ALL" && r.path.startsWith("/workflows/"))
      .map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:(\w+)/g, "{$1}")}`);
    expect(routes.sort()).toEqual([
      "get /workflows/claim/exchanges/{id}",
      "get /workflows/claim/exchanges/{id}/protocols",
      "post /workflows/claim/exchanges/{id}",
      "post /workflows/claim/exchanges/{id}/unlock",
    ]);
    for (const route of routes) {
      const [method, path] = route.split(" ") as [string, string];
      expect(document.paths[path]?.[method], route).toBeDefined();
    }
  });
});
