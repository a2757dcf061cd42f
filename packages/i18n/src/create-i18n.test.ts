import { describe, expect, it } from "vitest";
import { createI18n } from "./create-i18n.ts";

describe("createI18n", () => {
  it("is ready synchronously, with every language loaded", () => {
    const i18n = createI18n();
    expect(i18n.isInitialized).toBe(true);
    expect(i18n.language).toBe("en");
    expect(i18n.getFixedT("sw")("check.proof.title")).toBe("Sahihi");
    expect(i18n.getFixedT("ar")("check.validity.title")).toBe("مدة الصلاحية");
  });

  it("interpolates values from a check's data", () => {
    const t = createI18n().getFixedT("en");
    expect(t("check.status.STATUS_REVOKED", { listUrl: "https://centre.example/status/3" })).toBe(
      "The credential was revoked by its issuer on the list https://centre.example/status/3.",
    );
    expect(createI18n().getFixedT("zh")("label.credential", { number: 2 })).toBe("凭证 2");
  });

  it("never fails, nor shows {{…}}, when a value is missing", () => {
    const t = createI18n().getFixedT("fr");
    const text = t("check.validity.EXPIRED");
    expect(text).toBe("L'attestation a expiré le —.");
    expect(createI18n({ missingValue: "?" }).getFixedT("en")("check.issuer.OK")).toContain("?");
  });

  it("does not interpolate inside values (a credential cannot inject keys)", () => {
    const t = createI18n().getFixedT("en");
    expect(t("check.status.STATUS_REVOKED", { listUrl: "{{field}} $t(verdict.verified)" })).toContain(
      "{{field}} $t(verdict.verified)",
    );
  });

  it("resolves regional tags to the base language and unknown ones to the fallback", () => {
    const i18n = createI18n();
    expect(i18n.getFixedT("zh-CN")("verdict.failed")).toBe("未通过验证：请勿采信此凭证。");
    expect(i18n.getFixedT("fr-CA")("check.proof.title")).toBe("Signature");
    expect(i18n.getFixedT("de")("check.issuer.title")).toBe("Issuer identity");
  });

  it("creates independent instances", () => {
    const a = createI18n();
    const b = createI18n({ lng: "es" });
    expect(a.language).toBe("en");
    expect(b.t("check.proof.title")).toBe("Firma");
  });
});
