/**
 * The node's pages for people, in Chromium (the browser runtime's one smoke suite): a centre assembled as
 * the Node root assembles it, on a libSQL file, served over loopback HTTP, and Debian's Chromium driven
 * headless. The learner's claim page on a phone in Swahili, Chinese and Arabic (language and direction, QR
 * code read back off the screen, one big wallet button, text size, no console error or CSP violation), its
 * PIN form, an expired offer with the centre's address to tap, and the employer's request pages on a phone
 * in Arabic, styled and right to left, up to the verdict on a real wallet's answer, named in Arabic.
 * Screenshots go to test/pages/__screenshots__ (git-ignored) for a person to look at.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { CLAIM_LANGUAGES, claimMessages } from "../../packages/app/src/oid4vci/claim-messages.ts";
import { qrCodeSvg } from "../../packages/app/src/oid4vci/qr-code.ts";
import { qrSvg } from "../../packages/app/src/oid4vp/page.ts";
import { pageText } from "../../packages/app/src/oid4vp/page-text.ts";
import { libsqlBackends } from "../../packages/store/src/testing/index.ts";
import { acceptCredentialOffer } from "../../packages/wallet/src/oid4vci/accept-offer.ts";
import {
  openPresentationRequest,
  sharePresentation,
} from "../../packages/wallet/src/oid4vp/answer-request.ts";
import { testWallet } from "../../packages/wallet/src/testing/test-wallet.ts";
import {
  controls,
  launchChromium,
  leftLeaning,
  phone,
  smallText,
  type WatchedPage,
  watchedPage,
} from "./chromium.ts";
import { type CreatedOffer, type PageCentre, SLUG, startPageCentre } from "./page-centre.ts";
import { modulesOfScreenshot, modulesOfSvg } from "./qr-pixels.ts";

const SHOTS = join(import.meta.dirname, "__screenshots__");
const DAY = 86_400_000;
const fileBackend = libsqlBackends()[1];

let centre: PageCentre;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  [centre, browser] = await Promise.all([startPageCentre(fileBackend), launchChromium()]);
});
afterEach(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.close()));
});
afterAll(async () => {
  await browser?.close();
  await centre?.close();
});

/** A new page in its own browser context (closed after the test). */
async function open(options: { locale: string; desktop?: boolean }): Promise<WatchedPage> {
  const context = options.desktop
    ? await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: options.locale })
    : await phone(browser, options.locale);
  contexts.push(context);
  return watchedPage(context);
}

/**
 * Nothing went wrong that the reader would not see. Chromium logs any 4xx document as a console error; a
 * page answered with the `documentStatus` it should have is not one.
 */
async function expectClean(watched: WatchedPage, documentStatus?: number) {
  const expected = `Failed to load resource: the server responded with a status of ${documentStatus} `;
  expect(watched.errors.filter((error) => !error.startsWith(expected))).toEqual([]);
  expect(await watched.violations()).toEqual([]);
}

/** The QR code as Chromium painted it carries exactly the modules of `text`'s code. */
async function expectQrOf(watched: WatchedPage, selector: string, expectedSvg: string) {
  const code = watched.page.locator(selector);
  const box = await code.boundingBox();
  expect(box?.width).toBeGreaterThanOrEqual(200);
  expect(box?.height).toBeCloseTo(box?.width ?? 0, 0);
  const expected = modulesOfSvg(expectedSvg);
  expect(modulesOfScreenshot(await code.screenshot(), expected.length)).toEqual(expected);
}

describe("the learner's claim page, on a phone", () => {
  const cases = [
    { requested: "sw", name: "Amina Wanjiru", shot: "claim-sw", dir: "ltr", centre: "Kituo cha Elimu Huria" },
    { requested: "zh", name: "李伟", shot: "claim-zh", dir: "ltr", centre: "内罗毕开放学习中心" },
    {
      requested: "ar",
      name: "ليلى حداد",
      shot: "claim-ar",
      dir: "rtl",
      centre: "Nairobi Open Learning Centre",
    },
  ];
  for (const { requested, name, shot, dir, centre: centreName } of cases) {
    it(`in ${requested}: the language and its direction, a big scannable QR code, one wallet button, large text, no error`, async () => {
      const offer = await centre.offer({ name, language: requested }, { txCode: false });
      // Every language of the node has the page's words: none falls back to English.
      expect(CLAIM_LANGUAGES).toContain(requested);
      const language = requested;
      const m = claimMessages(language);
      const watched = await open({ locale: requested });
      const { page } = watched;
      const response = await page.goto(offer.claimUrl);
      expect(response?.status()).toBe(200);
      expect(await page.getAttribute("html", "lang")).toBe(language);
      expect(await page.getAttribute("html", "dir")).toBe(dir);
      expect(await page.evaluate(() => getComputedStyle(document.body).direction)).toBe(dir);
      expect(response?.headers()["content-language"]).toBe(language);
      await expect(page.locator("h1").textContent()).resolves.toContain(centreName);
      await expect(page.locator("p").first().textContent()).resolves.toContain(name);
      if (dir === "rtl") expect(await leftLeaning(page)).toEqual([]);

      // One big button: the wallet link, on the first screen, easy to press.
      const button = page.getByRole("link", { name: m.openButton });
      expect(await button.getAttribute("href")).toBe(offer.offerUri);
      expect(offer.offerUri).toMatch(/^openid-credential-offer:\/\/\?credential_offer_uri=/);
      const buttonBox = await button.boundingBox();
      expect(buttonBox?.height).toBeGreaterThanOrEqual(48);
      expect((buttonBox?.y ?? 0) + (buttonBox?.height ?? 0)).toBeLessThanOrEqual(844);

      // ONE big button: the Learner Credential Wallet's link is a line of smaller text that says what it is for.
      const lcw = page.getByRole("link", { name: m.lcwOpen });
      expect(new URL((await lcw.getAttribute("href")) as string).origin).toBe("https://lcw.app");
      const look = (selector: string) =>
        page.locator(selector).evaluate((element) => {
          const style = getComputedStyle(element);
          return {
            fontSize: Number.parseFloat(style.fontSize),
            background: style.backgroundColor,
            display: style.display,
          };
        });
      const primary = await look("a.button");
      const secondary = await look('a[href^="https://lcw.app/"]');
      expect(secondary.fontSize).toBeLessThan(primary.fontSize);
      expect(secondary).toMatchObject({ background: "rgba(0, 0, 0, 0)", display: "inline" });
      expect(await page.locator('a[href^="https://lcw.app/"]').locator("..").textContent()).toContain(
        m.lcwAside,
      );
      const big = await page.locator("main a, main button").evaluateAll(
        (elements) =>
          elements.filter((element) => {
            const box = element.getBoundingClientRect();
            return box.height >= 48 && getComputedStyle(element).backgroundColor !== "rgba(0, 0, 0, 0)";
          }).length,
      );
      expect(big).toBe(1);

      // The QR code: named for screen readers, at least 200 CSS px, and what it shows is the offer URI's code.
      await expect(page.getByRole("img", { name: m.qrLabel }).isVisible()).resolves.toBe(true);
      await expectQrOf(watched, ".qr svg", qrCodeSvg(offer.offerUri));

      expect(await smallText(page, 16)).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await expectClean(watched);
      await page.screenshot({ path: join(SHOTS, `${shot}.png`) });
      await page.screenshot({ path: join(SHOTS, `${shot}-full.png`), fullPage: true });
    });
  }

  it("with a PIN: a wrong PIN is refused in the page's language, announced, with focus back on the field; the right one shows the LCW link", async () => {
    const offer = await centre.offer({ name: "Amélie Diallo", language: "fr" });
    const pin = offer.pin as string;
    expect(pin).toMatch(/^\d{6}$/);
    const watched = await open({ locale: "fr" });
    const { page } = watched;
    expect((await page.goto(offer.claimUrl))?.status()).toBe(200);
    const lcwLink = page.getByRole("link", { name: "Ouvrir dans Learner Credential Wallet" });
    expect(await lcwLink.count()).toBe(0);

    const submit = async (typed: string) => {
      await page.getByLabel("Code PIN (6 chiffres)").fill(typed);
      const [response] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === "POST"),
        page.getByRole("button", { name: "Afficher le lien du portefeuille" }).click(),
      ]);
      await page.waitForLoadState();
      return response;
    };
    const wrong = await submit(pin === "000000" ? "111111" : "000000");
    expect(wrong.status()).toBe(400);
    const alert = page.getByRole("alert");
    expect(await alert.textContent()).toBe(
      "Ce code PIN n’est pas le bon. Vous pouvez encore essayer 4 fois.",
    );
    // The message has the focus (a screen reader reads it); Tab goes on to the field, marked invalid and
    // described by the message.
    const focused = () =>
      page.evaluate(() => {
        const element = document.activeElement as HTMLElement | null;
        const describedBy = element?.getAttribute("aria-describedby") ?? "";
        return {
          id: element?.id,
          role: element?.getAttribute("role"),
          invalid: element?.getAttribute("aria-invalid"),
          description: describedBy && document.getElementById(describedBy)?.textContent,
        };
      });
    expect(await focused()).toMatchObject({ role: "alert", id: await alert.getAttribute("id") });
    await page.keyboard.press("Tab");
    expect(await focused()).toEqual({
      id: "pin",
      role: null,
      invalid: "true",
      description: await alert.textContent(),
    });
    expect(await lcwLink.count()).toBe(0);
    expect(await smallText(page, 16)).toEqual([]);
    await expectClean(watched, 400);
    watched.errors.length = 0;
    await page.screenshot({ path: join(SHOTS, "claim-pin-wrong.png") });

    const right = await submit(pin);
    expect(right.status()).toBe(200);
    await expect(lcwLink.isVisible()).resolves.toBe(true);
    const href = new URL((await lcwLink.getAttribute("href")) as string);
    expect(href.origin + href.pathname).toBe("https://lcw.app/request");
    const request = JSON.parse(href.searchParams.get("request") as string);
    expect(request.protocols.vcapi).toMatch(
      new RegExp(`^${centre.url}/workflows/claim/exchanges/[\\w-]{43}$`),
    );
    await expectClean(watched);
    await page.screenshot({ path: join(SHOTS, "claim-pin-right.png") });
  });

  it("of an expired offer: 410, and what to do (ask the centre for a new link), with no code to scan", async () => {
    const offer: CreatedOffer = await centre.inThePast(2 * DAY, () =>
      centre.offer({ name: "John Okello", language: "en" }, { txCode: false, expiresInDays: 1 }),
    );
    const watched = await open({ locale: "en" });
    const { page } = watched;
    expect((await page.goto(offer.claimUrl))?.status()).toBe(410);
    expect(await page.locator("h1").textContent()).toBe("This link has expired");
    const notice = (await page.locator(".notice").textContent()) ?? "";
    expect(notice).toContain("Your certificate is not lost");
    expect(notice).toContain(
      "contact Nairobi Open Learning Centre (help@nairobi.example) and ask for a new link",
    );
    // The address is a link a phone opens in its e-mail app.
    const mail = page.locator(".notice").getByRole("link", { name: "help@nairobi.example" });
    expect(await mail.getAttribute("href")).toBe("mailto:help@nairobi.example");
    expect(await page.locator("svg").count()).toBe(0);
    expect(await page.locator('a[href^="openid-credential-offer:"]').count()).toBe(0);
    expect(await smallText(page, 16)).toEqual([]);
    await expectClean(watched, 410);
    await page.screenshot({ path: join(SHOTS, "claim-expired.png") });
  });
});

/**
 * Readable on a phone, right to left: a sans-serif face, no text under 16 px, form controls of 16 px text
 * and at least 44 px high, nothing wider than the screen, nothing laid out left to right.
 */
async function expectReadableRtl(watched: WatchedPage) {
  const { page } = watched;
  expect(await page.getAttribute("html", "dir")).toBe("rtl");
  expect(await page.evaluate(() => getComputedStyle(document.body).direction)).toBe("rtl");
  expect(await page.evaluate(() => getComputedStyle(document.body).fontFamily)).toMatch(/^system-ui/);
  expect(await smallText(page, 16)).toEqual([]);
  for (const control of await controls(page)) {
    expect(control.fontSize, control.name).toBeGreaterThanOrEqual(16);
    expect(control.height, control.name).toBeGreaterThanOrEqual(44);
  }
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  expect(await leftLeaning(page)).toEqual([]);
}

describe("the employer's request pages", () => {
  it("in Arabic on a phone, styled, right to left: the form makes a request with its QR code and link; after a wallet answers, the verdict names the achievement in Arabic", async () => {
    const text = pageText("ar");
    const watched = await open({ locale: "ar" });
    const { page } = watched;
    expect((await page.goto(`${centre.url}/oid4vp`))?.status()).toBe(200);
    expect(await page.getAttribute("html", "lang")).toBe("ar");
    await expectReadableRtl(watched);
    await expectClean(watched);
    await page.screenshot({ path: join(SHOTS, "employer-form-ar.png"), fullPage: true });

    await page.getByLabel(text.achievementLabel).fill(`${centre.url}/achievements/${SLUG}`);
    await page.getByRole("button", { name: text.create }).click();
    await page.waitForURL(/\/oid4vp\/requests\/[\w-]+\/page\?token=/);
    await expectReadableRtl(watched);
    expect(await page.getByRole("status").textContent()).toBe(text.pending);
    const link = (await page.locator('a[href^="openid4vp://"]').getAttribute("href")) as string;
    await expect(page.getByRole("img", { name: text.qrAlt }).isVisible()).resolves.toBe(true);
    await expectQrOf(watched, `svg[aria-label="${text.qrAlt}"]`, await qrSvg(link));
    await expectClean(watched);
    await page.screenshot({ path: join(SHOTS, "employer-pending-ar.png"), fullPage: true });

    // A learner's wallet receives the credential from an offer, then answers the request from its link.
    const wallet = await testWallet();
    const offer = await centre.offer({ name: "Amina Wanjiru", language: "sw" }, { txCode: false });
    const accepted = await acceptCredentialOffer(wallet, offer.offerUri);
    expect(accepted.credentials.length).toBeGreaterThan(0);
    const opened = await openPresentationRequest(wallet, link);
    const chosen = opened.choices.map((choice) => choice.candidates[0]);
    expect(chosen.every(Boolean)).toBe(true);
    expect(
      (await sharePresentation(wallet, opened, chosen as NonNullable<(typeof chosen)[0]>[])).status,
    ).toBe(200);

    await page.reload();
    await expectReadableRtl(watched);
    expect(await page.getByRole("status").textContent()).toBe(text.completed);
    const verdict = (await page.locator("main section").textContent()) ?? "";
    expect(verdict).toContain(accepted.holder);
    // The credential's nameMap has the achievement in Arabic; the centre's name has no Arabic text, so the
    // signed source stands.
    expect(await page.locator("main section h2").textContent()).toBe("المهارات الرقمية لكبار السن");
    const facts = await page.locator("main section dd").allTextContents();
    expect(facts).toEqual(["المهارات الرقمية لكبار السن", "Nairobi Open Learning Centre", accepted.holder]);
    expect(verdict).toContain("✓");
    expect(verdict).not.toContain("✗");
    expect(await page.locator('meta[http-equiv="refresh"]').count()).toBe(0);
    expect(await page.locator('a[href^="openid4vp://"]').count()).toBe(0);
    await expectClean(watched);
    await page.screenshot({ path: join(SHOTS, "employer-verdict-ar.png"), fullPage: true });
  });
});
