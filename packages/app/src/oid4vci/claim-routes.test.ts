/** The learner's claim page: language, content in every state, escaping, and a CSP that allows only its style. */
import { sha256, toBase64, utf8 } from "@learnbridge/core";
import { testHolder } from "@learnbridge/exchange/testing";
import { MemoryRateLimitStore } from "@learnbridge/issuer";
import { describe, expect, it } from "vitest";
import { offerCentre } from "./oid4vci-test-centre.ts";
import { qrCodeSvg } from "./qr-code.ts";

const page = async (response: Response) => ({
  status: response.status,
  html: await response.text(),
  headers: response.headers,
});

describe("GET /claim/:id", () => {
  it("greets the learner in the language staff gave, with the wallet button, a large QR code and the steps", async () => {
    const centre = await offerCentre();
    const offer = await centre.offer({ learner: { name: "李伟", language: "zh" } });
    const { status, html, headers } = await page(await centre.app.request(`/claim/${offer.id}`));
    expect(status).toBe(200);
    expect(headers.get("content-type")).toMatch(/^text\/html/);
    expect(headers.get("content-language")).toBe("zh");
    expect(headers.get("cache-control")).toBe("no-store");
    expect(html).toContain('<html lang="zh"');
    expect(html).toContain("<h1>内罗毕开放学习中心颁发给您的数字证书</h1>");
    expect(html).toContain("李伟，您好：");
    expect(html).toContain("老年人数字技能"); // the achievement's Chinese name
    expect(html).toContain(
      `<a class="button" href="${offer.offerUri.replaceAll("&", "&amp;")}">在我的钱包应用中打开</a>`,
    );
    expect(html).toContain(qrCodeSvg(offer.offerUri));
    expect(html).toContain("6位数的PIN码");
    expect(html).toContain("领取截止日期：2026年6月8日。");
    expect(html).toContain("help@centre.example");
    expect(html).not.toContain("lcw.app"); // this centre keeps no VC-API exchanges
    expect(html).not.toContain(offer.pin);
  });

  it("lets ?lang= choose, then the learner's language, then Accept-Language, then English", async () => {
    const centre = await offerCentre();
    const swahili = await centre.offer({ learner: { name: "Amina", language: "sw" } });
    const french = await centre.offer({ learner: { name: "Amina", language: "fr" } });
    const german = await centre.offer({ learner: { name: "Amina", language: "de" } });
    const lang = async (path: string, acceptLanguage?: string) =>
      (
        await centre.app.request(
          path,
          acceptLanguage ? { headers: { "Accept-Language": acceptLanguage } } : {},
        )
      ).headers.get("content-language");
    expect(await lang(`/claim/${french.id}?lang=es`, "zh")).toBe("es");
    expect(await lang(`/claim/${french.id}`, "zh")).toBe("fr");
    expect(await lang(`/claim/${swahili.id}`, "zh-CN,en;q=0.5")).toBe("sw");
    expect(await lang(`/claim/${german.id}`, "zh-CN,en;q=0.5")).toBe("zh"); // no German page
    expect(await lang(`/claim/${german.id}`)).toBe("en");
    const english = await (await centre.app.request(`/claim/${swahili.id}?lang=en`)).text();
    expect(english).toContain("Hello Amina,");
    expect(english).toContain("Digital Skills for Seniors");
    expect(english).toContain("Open in my wallet app");
    expect(english).toContain("You can receive it until June 8, 2026.");
  });

  it("speaks Swahili, and Arabic right to left, in every part of the page", async () => {
    const centre = await offerCentre();
    const offer = await centre.offer({ learner: { name: "Amina", language: "sw" } });
    const swahili = await (await centre.app.request(`/claim/${offer.id}`)).text();
    expect(swahili).toContain('<html lang="sw" dir="ltr">');
    expect(swahili).toContain("Habari Amina,");
    expect(swahili).toContain("Ujuzi wa Kidijitali kwa Wazee"); // the achievement's Swahili name
    expect(swahili).toContain(">Fungua kwenye pochi yangu</a>");
    expect(swahili).toContain("PIN yenye tarakimu 6");
    const arabic = await (await centre.app.request(`/claim/${offer.id}?lang=ar`)).text();
    expect(arabic).toContain('<html lang="ar" dir="rtl">');
    // Names written left to right are isolated; an achievement without an Arabic name shows its source text.
    expect(arabic).toContain("<p>مرحبًا <bdi>Amina</bdi>،</p>");
    expect(arabic).toContain("<bdi>Digital Skills for Seniors</bdi>.");
    expect(arabic).toContain(">فتح في تطبيق محفظتي</a>");
    // Every language is offered in its own script and direction.
    expect(arabic).toContain('<a href="?lang=sw" hreflang="sw" lang="sw" dir="ltr">Kiswahili</a>');
    expect(arabic).toContain(
      '<a href="?lang=ar" hreflang="ar" lang="ar" dir="rtl" aria-current="page">العربية</a>',
    );
  });

  it("is served with a CSP that allows its own style block, by hash, and nothing else", async () => {
    const centre = await offerCentre();
    const offer = await centre.offer();
    const { html, headers } = await page(await centre.app.request(`/claim/${offer.id}`));
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] as string;
    const hash = toBase64(await sha256(utf8(style)));
    expect(headers.get("content-security-policy")).toBe(
      `default-src 'none'; style-src 'sha256-${hash}'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'`,
    );
    expect(html).not.toMatch(/<script|\sstyle=|\son\w+=/i);
    // Other routes keep the app's own policy.
    expect((await centre.app.request("/health")).headers.get("content-security-policy")).toContain(
      "default-src 'none'",
    );
  });

  it("escapes what staff and the profile wrote", async () => {
    const centre = await offerCentre();
    const offer = await centre.offer({ learner: { name: '<script>alert("x")</script>', language: "en" } });
    const html = await (await centre.app.request(`/claim/${offer.id}`)).text();
    expect(html).not.toContain("<script>");
    expect(html).toContain("Hello &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;,");
  });

  it("says what happened to an expired, received, withdrawn or unknown offer, and what to do", async () => {
    const centre = await offerCentre();
    const expired = await centre.offer({ expiresInDays: 1, learner: { name: "A", language: "en" } });
    const received = await centre.offer({ txCode: false, learner: { name: "A", language: "en" } });
    const withdrawn = await centre.offer({ learner: { name: "A", language: "en" } });
    const access = await centre.accessToken(received.id);
    await centre.credential(
      access,
      await centre.credentialRequest(await testHolder("did:key"), "digital-skills_ldp_vc"),
    );
    await centre.app.request(`/oid4vci/offers/${withdrawn.id}`, {
      method: "DELETE",
      headers: { Authorization: `Bearer ${centre.staff}` },
    });
    centre.clock.advance(86_400_000);
    const cases: [string, number, string][] = [
      [
        expired.id,
        410,
        "The time to receive this certificate ended on June 2, 2026. Your certificate is not lost",
      ],
      [received.id, 200, "It was added to a wallet on June 1, 2026."],
      [withdrawn.id, 410, "The centre withdrew this link."],
      ["nope", 404, "We could not find this link"],
    ];
    for (const [id, status, text] of cases) {
      const { status: got, html } = await page(await centre.app.request(`/claim/${id}?lang=en`));
      expect({ id, got }).toEqual({ id, got: status });
      expect(html).toContain(text);
      expect(html).not.toContain("<svg");
      expect(html).not.toContain("openid-credential-offer://");
    }
    // The centre's address opens the phone's e-mail app.
    const expiredPage = await (await centre.app.request(`/claim/${expired.id}?lang=en`)).text();
    expect(expiredPage).toContain('<a href="mailto:help@centre.example" dir="ltr">help@centre.example</a>');
    // …and its phone number, from the centre's profile, dials.
    expect(expiredPage).toContain('<a href="tel:+254201234567" dir="ltr">+254 20 123 4567</a>');
    expect(expiredPage).toContain("and ask for a new link.");
  });

  it("gives the Learner Credential Wallet its link, at once without a PIN, behind the PIN form with one", async () => {
    const centre = await offerCentre({ exchanges: true });
    const open = await centre.offer({ txCode: false, learner: { name: "A", language: "en" } });
    const openPage = await (await centre.app.request(`/claim/${open.id}`)).text();
    const exchange = `https://centre.example/workflows/claim/exchanges/${open.id}`;
    const request = encodeURIComponent(
      JSON.stringify({ credentialRequestOrigin: "https://centre.example", protocols: { vcapi: exchange } }),
    );
    // One big button (the OpenID4VCI wallet link); the Learner Credential Wallet gets a line of smaller text.
    expect(openPage.match(/class="button"/g)).toHaveLength(1);
    expect(openPage).toContain(
      `<p class="aside" id="lcw">Using the Learner Credential Wallet? On the phone where it is installed, use this link instead: <a href="https://lcw.app/request?request=${request}">Open in Learner Credential Wallet</a></p>`,
    );

    const offer = await centre.offer({ learner: { name: "A", language: "en" } });
    const form = await (await centre.app.request(`/claim/${offer.id}`)).text();
    expect(form).toContain('<form method="post" action="/claim#lcw">');
    expect(form).toContain(`<input type="hidden" name="offer" value="${offer.id}">`);
    expect(form).toContain("PIN (6 digits)");
    expect(form).not.toContain("lcw.app");

    const post = (fields: Record<string, string>) =>
      centre.app.request("/claim", {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(fields).toString(),
      });
    const wrongPin = offer.pin === "000000" ? "111111" : "000000";
    const missing = await page(await post({ offer: offer.id, lang: "en" }));
    expect(missing.status).toBe(400);
    expect(missing.html).toContain("Please type the PIN.");
    const wrong = await page(await post({ offer: offer.id, tx_code: wrongPin, lang: "en" }));
    expect(wrong.status).toBe(400);
    expect(wrong.html).toContain("That PIN is not right. You can try 4 more times.");
    expect(wrong.html).not.toContain("lcw.app");
    const right = await page(await post({ offer: offer.id, tx_code: offer.pin, lang: "zh" }));
    expect(right.status).toBe(200);
    expect(right.headers.get("content-language")).toBe("zh");
    const link = /href="(https:\/\/lcw\.app\/request\?request=[^"]+)"/.exec(right.html)?.[1] as string;
    const unlocked = JSON.parse(decodeURIComponent(link.split("request=")[1] as string)).protocols
      .vcapi as string;
    expect(unlocked).toMatch(/^https:\/\/centre\.example\/workflows\/claim\/exchanges\/[A-Za-z0-9_-]{43}$/);
    expect(unlocked).not.toContain(offer.id);
    expect(right.html).toContain(qrCodeSvg(offer.offerUri)); // the OID4VCI way stays on the page
  });

  it("over the PIN form's budget shows the form again, saying how long to wait, and checks no PIN", async () => {
    const budgets = { verify: 0, "presentation-requests": 0, "federation-resolve": 0, claim: 1 };
    const centre = await offerCentre({
      exchanges: true,
      rateLimits: { store: new MemoryRateLimitStore(), budgets },
    });
    const offer = await centre.offer({ learner: { name: "A", language: "sw" } });
    const wrongPin = offer.pin === "000000" ? "111111" : "000000";
    const post = (pin: string) =>
      centre.app.request("/claim", {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ offer: offer.id, tx_code: pin, lang: "sw" }).toString(),
      });
    expect((await page(await post(wrongPin))).html).toContain("Unaweza kujaribu mara 4 zaidi");
    // 10:00:00 in the test centre's clock: the minute's window ends 60 seconds later.
    const busy = await page(await post(offer.pin));
    expect(busy.status).toBe(429);
    expect(busy.headers.get("retry-after")).toBe("60");
    expect(busy.headers.get("content-type")).toMatch(/^text\/html/);
    expect(busy.html).toContain(
      '<p class="notice" id="lcw" role="alert" tabindex="-1">Majaribio mengi mno kutoka kwenye mtandao wako sasa hivi. Hakuna kilichokaguliwa: subiri sekunde 60, kisha uandike PIN tena.</p>',
    );
    expect(busy.html).not.toContain("lcw.app");
    // The refused attempt was not a try: the next minute, a wrong PIN still leaves 3.
    centre.clock.advance(60_000);
    expect((await page(await post(wrongPin))).html).toContain("Unaweza kujaribu mara 3 zaidi");
  });

  it("shows a locked offer as locked, with no QR code, and what to do", async () => {
    const centre = await offerCentre();
    const offer = await centre.offer({ learner: { name: "A", language: "en" } });
    const wrong = offer.pin === "000000" ? "111111" : "000000";
    for (let i = 0; i < 5; i++) {
      await centre.tokenEndpoint({
        grant_type: "urn:ietf:params:oauth:grant-type:pre-authorized_code",
        "pre-authorized_code": await centre.code(offer.id),
        tx_code: wrong,
      });
    }
    const { status, html } = await page(await centre.app.request(`/claim/${offer.id}`));
    expect(status).toBe(410);
    expect(html).toContain("This link is locked");
    expect(html).toContain("help@centre.example");
    expect(html).not.toContain("<svg");
  });
});
