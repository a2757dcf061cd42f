/** The claim page's markup for what the routes cannot yet show: the centre's phone, and hostile contacts. */
import { describe, expect, it } from "vitest";
import { renderClaimPage } from "./claim-page.ts";

const expired = {
  state: "expired",
  centreName: "Nairobi Open Learning Centre",
  expiresAt: "2026-06-02T00:00:00Z",
} as const;

describe("renderClaimPage", () => {
  it("links the centre's e-mail address (mailto:) and phone number (tel:), joined in the page's language", () => {
    const both = { ...expired, centreEmail: "help@nairobi.example", centrePhone: "+254 20 123 4567" };
    expect(renderClaimPage({ ...both, language: "en" })).toContain(
      'contact Nairobi Open Learning Centre (<a href="mailto:help@nairobi.example" dir="ltr">help@nairobi.example</a> or <a href="tel:+254201234567" dir="ltr">+254 20 123 4567</a>) and ask',
    );
    expect(renderClaimPage({ ...both, language: "sw" })).toContain(
      '</a> au <a href="tel:+254201234567" dir="ltr">',
    );
    const phoneOnly = renderClaimPage({ ...expired, centrePhone: "020 123", language: "en" });
    expect(phoneOnly).toContain('(<a href="tel:020123" dir="ltr">020 123</a>)');
    expect(phoneOnly).not.toContain("mailto:");
    expect(renderClaimPage({ ...expired, language: "en" })).not.toMatch(/mailto:|tel:|\(\)/);
  });

  it("encodes and escapes the contact and the names it fills in", () => {
    const html = renderClaimPage({
      ...expired,
      language: "en",
      centreName: "<b>Centre</b>",
      centreEmail: 'a"b?c@x.example',
      centrePhone: '"><script>',
    });
    expect(html).toContain('<a href="mailto:a%22b%3Fc@x.example" dir="ltr">a&quot;b?c@x.example</a>');
    expect(html).toContain("contact &lt;b&gt;Centre&lt;/b&gt; (");
    expect(html).not.toContain("<script>");
    expect(html).not.toContain('href="tel:');
  });

  it("says why the PIN was refused in Arabic, right to left, with the tries left", () => {
    const html = renderClaimPage({
      language: "ar",
      state: "offered",
      centreName: "Nairobi Open Learning Centre",
      txCodeLength: 6,
      lcw: { form: { action: "/claim", offerId: "o1", problem: { key: "pinWrong", tries: 4 } } },
    });
    expect(html).toContain('<html lang="ar" dir="rtl">');
    expect(html).toContain(
      '<p class="notice" id="lcw" role="alert" tabindex="-1">هذا الرقم السري غير صحيح. المحاولات المتبقية: 4.</p>',
    );
    expect(html).toContain('<label for="pin">الرقم السري (عدد أرقامه: 6)</label>');
  });
});
