import { sha256, toBase64, utf8 } from "@learnbridge/core";
import { describe, expect, it } from "vitest";
import { expectProblem } from "../test-support/expect-problem.ts";
import {
  createRequest,
  fetchRequestObject,
  issueTo,
  ldpPresentation,
  learnerWallet,
  movableClock,
  postAnswer,
  readResult,
  verifierCentre,
} from "./test-verifier.ts";

const postForm = (
  app: { request: (url: string, init: RequestInit) => Response | Promise<Response> },
  fields: Record<string, string>,
  language = "en",
) =>
  Promise.resolve(
    app.request("/oid4vp/requests", {
      method: "POST",
      body: new URLSearchParams(fields).toString(),
      headers: { "Content-Type": "application/x-www-form-urlencoded", "Accept-Language": language },
    }),
  );

/** The page's CSP allows its one style block, by hash, and nothing else; no script, no style attribute. */
async function expectOwnStyleOnly(response: Response, html: string) {
  const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1] as string);
  expect(styles).toHaveLength(1);
  const hash = toBase64(await sha256(utf8(styles[0] as string)));
  expect(response.headers.get("content-security-policy")).toBe(
    `default-src 'none'; style-src 'sha256-${hash}'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'`,
  );
  expect(html).not.toMatch(/<script|\sstyle=|\son\w+=|unsafe-inline/i);
}

describe("OpenID4VP verifier: the HR officer's plain pages", () => {
  it("offers a form in the reader's language, under a CSP that allows only its own style block, by hash", async () => {
    const centre = await verifierCentre();
    const response = await centre.app.request("/oid4vp?lang=ar");
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<html lang="ar" dir="rtl">');
    expect(html).toContain('<label for="achievement">');
    expect(html).toContain('<input id="achievement" name="achievement" type="url" dir="ltr"');
    await expectOwnStyleOnly(response, html);
  });

  it("creates a request from the form and shows its QR code, link and status; the page refreshes while pending", async () => {
    const centre = await verifierCentre();
    const created = await postForm(
      centre.app,
      { achievement: "https://centre.example/achievements/data-101", issuer: "" },
      "sw",
    );
    expect(created.status).toBe(303);
    const location = created.headers.get("location") ?? "";
    expect(location).toMatch(/^https:\/\/centre\.example\/oid4vp\/requests\/[\w-]+\/page\?token=[\w-]+$/);
    const page = await centre.app.request(location, { headers: { "Accept-Language": "sw" } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<html lang="sw" dir="ltr">');
    expect(html).toMatch(
      /<svg width="280" height="280" role="img" aria-label="[^"]+" xmlns="http:\/\/www.w3.org\/2000\/svg"/,
    );
    expect(html).toContain(
      'href="openid4vp://?client_id=decentralized_identifier%3Adid%3Aweb%3Acentre.example&amp;request_uri=',
    );
    expect(html).toContain('<meta http-equiv="refresh" content="10">');
    expect(html).toContain("Inasubiri jibu");
    await expectOwnStyleOnly(page, html);
  });

  it("shows the form again with the reason when the form is wrong", async () => {
    const centre = await verifierCentre();
    const response = await postForm(centre.app, { achievement: "not a url" }, "fr");
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('<p role="alert">');
    expect(html).toContain("achievement");
    await expectOwnStyleOnly(response, html);
  });

  it("shows the verified result, explained, once the wallet answered, and stops refreshing", async () => {
    const centre = await verifierCentre();
    const wallet = await learnerWallet();
    const credential = await issueTo(centre, wallet.did);
    const created = await createRequest(centre, undefined, { "Accept-Language": "es" });
    const { claims } = await fetchRequestObject(centre, created.walletLink);
    const presentation = await ldpPresentation(wallet, [credential], {
      challenge: claims.nonce,
      domain: claims.client_id,
    });
    expect(
      (
        await postAnswer(centre, claims.response_uri, {
          vp_token: { open_badge: [presentation] },
          state: claims.state,
        })
      ).status,
    ).toBe(200);
    const html = await (await centre.app.request(created.pageUrl)).text();
    expect(html).toContain('<html lang="es"');
    expect(html).toContain("Data Analysis Foundations");
    expect(html).toContain(wallet.did);
    expect(html).toContain("✓");
    expect(html).not.toContain('http-equiv="refresh"');
  });

  it("names the achievement and the issuer in the reader's language when the credential has them", async () => {
    const centre = await verifierCentre();
    const wallet = await learnerWallet();
    const credential = await issueTo(centre, wallet.did);
    const created = await createRequest(centre, undefined, { "Accept-Language": "sw" });
    const { claims } = await fetchRequestObject(centre, created.walletLink);
    const presentation = await ldpPresentation(wallet, [credential], {
      challenge: claims.nonce,
      domain: claims.client_id,
    });
    await postAnswer(centre, claims.response_uri, {
      vp_token: { open_badge: [presentation] },
      state: claims.state,
    });
    const page = await centre.app.request(created.pageUrl);
    const html = await page.text();
    expect(html).toContain('<html lang="sw" dir="ltr">');
    // The achievement has a Swahili name in its nameMap; the issuer has none, so its signed source text.
    expect(html).toContain("<h2><bdi>Misingi ya Uchambuzi wa Data</bdi></h2>");
    expect(html).toContain("<dt>Mafanikio</dt><dd><bdi>Misingi ya Uchambuzi wa Data</bdi></dd>");
    expect(html).toContain("<dt>Kimetolewa na</dt><dd><bdi>Centre Example Open Learning</bdi></dd>");
    expect(html).not.toContain("Data Analysis Foundations");
    await expectOwnStyleOnly(page, html);
    const english = await (await centre.app.request(`${created.pageUrl}&lang=en`)).text();
    expect(english).toContain("<h2><bdi>Data Analysis Foundations</bdi></h2>");
  });

  it("serves the wallet link as an SVG QR code", async () => {
    const centre = await verifierCentre();
    const created = await createRequest(centre);
    const response = await centre.app.request(created.qrCodeUrl);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/svg+xml");
    expect(await response.text()).toMatch(
      /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="0 0 \d+ \d+"/,
    );
    await expectProblem(
      await centre.app.request("https://centre.example/oid4vp/requests/nope/qr.svg"),
      404,
      "NOT_FOUND",
    );
  });

  it("describes every route it registers in the OpenAPI document", async () => {
    const centre = await verifierCentre();
    const document = (await (await centre.app.request("/openapi.json")).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const routes = new Set(
      centre.app.routes
        .filter((r) => r.method !== "ALL")
        .map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:(\w+)/g, "{$1}")}`),
    );
    const described = new Set(
      Object.entries(document.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m} ${p}`)),
    );
    const mine = [...routes].filter((r) => r.includes("/oid4vp"));
    expect(mine).toHaveLength(7);
    expect(mine.filter((r) => !described.has(r))).toEqual([]);
    expect([...described].filter((d) => d.includes("/oid4vp") && !routes.has(d))).toEqual([]);
  });
});

describe("OpenID4VP verifier: results expire and are deleted", () => {
  it("deletes a result an hour after it arrived (configurable); a later write purges it from the store", async () => {
    const time = movableClock();
    const centre = await verifierCentre({ clock: time.clock, resultTtlMs: 60 * 60_000 });
    const wallet = await learnerWallet();
    const credential = await issueTo(centre, wallet.did);
    const created = await createRequest(centre);
    const { claims } = await fetchRequestObject(centre, created.walletLink);
    const presentation = await ldpPresentation(wallet, [credential], {
      challenge: claims.nonce,
      domain: claims.client_id,
    });
    await postAnswer(centre, claims.response_uri, {
      vp_token: { open_badge: [presentation] },
      state: claims.state,
    });
    time.advance(59 * 60_000);
    expect((await readResult(centre, created)).status).toBe(200);
    expect(await centre.store.get(created.id)).toMatchObject({ status: "completed" });

    time.advance(2 * 60_000);
    await expectProblem(await readResult(centre, created), 404, "NOT_FOUND");
    await createRequest(centre); // any write runs the opportunistic purge
    expect(await centre.store.get(created.id)).toBeUndefined();
    expect(await centre.store.findByState(claims.state)).toBeUndefined();
  });

  it("deletes an unanswered request an hour after it expired", async () => {
    const time = movableClock();
    const centre = await verifierCentre({ clock: time.clock });
    const created = await createRequest(centre);
    time.advance(30 * 60_000 + 60 * 60_000);
    expect(await centre.store.get(created.id)).toBeDefined();
    await createRequest(centre);
    expect(await centre.store.get(created.id)).toBeUndefined();
  });
});
