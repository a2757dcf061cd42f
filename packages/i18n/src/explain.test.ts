import { createSigner, generateKeyPair, publicKeyToMultibase } from "@learnbridge/core";
import {
  buildAchievementCredential,
  didKeyFromPublicKey,
  issueCredential,
  type VerificationReport,
  verifyCredential,
} from "@learnbridge/credentials";
import { beforeAll, describe, expect, it } from "vitest";
import { CHECK_NAMES, ERROR_CODES, INFO_CODES } from "./catalog.ts";
import { createI18n } from "./create-i18n.ts";
import { describeCheck, explainReport } from "./explain.ts";
import { SUPPORTED_LANGUAGES } from "./locales/index.ts";

const NOW = new Date("2026-06-01T00:00:00Z");
const i18n = createI18n();

/** A real report: a freshly issued, signed sample credential, verified at NOW. */
async function verifiedSample(): Promise<VerificationReport> {
  const pair = await generateKeyPair("EdDSA");
  const did = didKeyFromPublicKey(pair.publicKey);
  const unsigned = await buildAchievementCredential(
    {
      issuer: { id: did, name: "Nairobi Open Learning Centre", country: "KE" },
      achievement: {
        id: "https://nairobi.example/achievements/da-101",
        name: { en: "Data Analysis Foundations", sw: "Misingi ya Uchambuzi wa Data" },
        description: "Cleans, summarises and visualises tabular data.",
        criteria: { narrative: "Passed the final assessment." },
        sourceLanguage: "en",
      },
      learner: { did: "did:example:learner-1" },
      validFrom: new Date("2026-01-15T09:00:00Z"),
      validUntil: new Date("2031-01-15T09:00:00Z"),
    },
    { clock: () => NOW },
  );
  const signer = createSigner(pair, `${did}#${publicKeyToMultibase(pair.publicKey)}`);
  const { credential } = await issueCredential(unsigned, { signer, clock: () => NOW });
  return verifyCredential(credential, { clock: () => NOW });
}

describe("explainReport", () => {
  let report: VerificationReport;
  beforeAll(async () => {
    report = await verifiedSample();
  });

  it("explains a verified credential in Chinese", () => {
    const explained = explainReport(report, i18n.getFixedT("zh"));
    expect(explained.verdict).toBe("verified");
    expect(explained.lines).toHaveLength(report.checks.length + 1);
    expect(explained.lines).toContain("✓ 签名: 数字签名有效：签名后内容未被改动。");
    expect(explained.lines).toContain("✓ 有效期: 有效期至 2031年1月15日。");
    expect(explained.lines).toContain("– 网络成员资格: 此处未设置可信颁发方名单，因此未检查认证资格。");
    expect(explained.lines.at(-1)).toBe("已验证：所有检查均通过。");
    expect(explained.checks.find((c) => c.name === "issuer")?.message).toMatch(
      /^由其声明的颁发方签名：did:key:z6Mk/,
    );
  });

  it("explains a failed credential in Swahili", () => {
    const tampered: VerificationReport = {
      ...report,
      verified: false,
      checks: report.checks.map((c) =>
        c.name === "status"
          ? {
              ...c,
              outcome: "fail",
              code: "STATUS_REVOKED",
              messageKey: "check.status.STATUS_REVOKED",
              data: { purpose: "revocation", index: 7, listUrl: "https://nairobi.example/status/1" },
            }
          : c,
      ),
    };
    const explained = explainReport(tampered, i18n.getFixedT("sw"));
    expect(explained.verdict).toBe("failed");
    expect(explained.lines).toContain(
      "✗ Hali ya ubatilishaji: Cheti kimefutwa na mtoaji wake kwenye orodha https://nairobi.example/status/1.",
    );
    expect(explained.lines).toContain("✓ Muda wa uhalali: Ni halali hadi tarehe 15 Januari 2031.");
    expect(explained.headline).toBe("Hakijathibitishwa: usikitegemee cheti hiki.");
  });

  it("indents the credentials of a presentation and reports their warnings", () => {
    const presentation = {
      verified: true,
      checks: [{ name: "presentation", outcome: "pass", code: "OK" }],
      credentials: [{ verified: true, checks: [{ name: "trust", outcome: "warn", code: "TRUST_UNKNOWN" }] }],
    } as const;
    const explained = explainReport(presentation, i18n.getFixedT("en"));
    expect(explained.verdict).toBe("warnings");
    expect(explained.lines).toEqual([
      "✓ Holder: The person presenting it is the holder and signed the presentation.",
      "Credential 1",
      "  ! Network membership: The issuer is not a known accredited member of the network. Check the issuer yourself.",
      "  Verified, with warnings: please read the notes marked !.",
      "Verified, with warnings: please read the notes marked !.",
    ]);
  });
});

describe("describeCheck", () => {
  it("reads every check × code in every language without a raw key or placeholder", () => {
    for (const lang of SUPPORTED_LANGUAGES) {
      const t = i18n.getFixedT(lang);
      for (const name of CHECK_NAMES) {
        for (const code of [...INFO_CODES, ...ERROR_CODES]) {
          const { message, title } = describeCheck({ name, outcome: "fail", code, message: "EN" }, t);
          expect(message, `${lang} ${name} ${code}`).not.toMatch(/\{\{|^check\.|^error\.|^EN$/);
          expect(title).not.toMatch(/^check\./);
        }
      }
    }
  });

  it("shows a missing value as 'unknown' in the reader's language", () => {
    const check = { name: "status", outcome: "fail", code: "STATUS_REVOKED" } as const;
    expect(describeCheck(check, i18n.getFixedT("es")).message).toBe(
      "El emisor revocó la credencial en la lista desconocido.",
    );
  });

  it("names the field of the first structure problem", () => {
    const check = {
      name: "structure",
      outcome: "fail",
      code: "FIELD_MISSING",
      data: { problems: [{ code: "FIELD_MISSING", path: "issuer", message: "issuer is required" }] },
    } as const;
    expect(describeCheck(check, i18n.getFixedT("fr")).message).toBe(
      "Une information requise manque : issuer.",
    );
  });

  it("falls back to the English message for a code it does not know", () => {
    const check = {
      name: "trust",
      outcome: "warn",
      code: "SOMETHING_NEW",
      message: "a new warning",
    } as const;
    expect(describeCheck(check, i18n.getFixedT("ar")).message).toBe("a new warning");
  });

  it("neutralises control and bidi characters from a credential", () => {
    const check = {
      name: "status",
      outcome: "fail",
      code: "STATUS_REVOKED",
      data: { listUrl: "https://x.example/\u001b[2J\u202eevil" },
    } as const;
    const { message } = describeCheck(check, i18n.getFixedT("en"));
    expect(message.includes("\u001b") || message.includes("\u202e")).toBe(false);
    expect(message).toContain("\uFFFD[2J\uFFFDevil");
  });

  it("formats dates in the reader's language", () => {
    const check = {
      name: "validity",
      outcome: "fail",
      code: "NOT_YET_VALID",
      data: { validFrom: "2027-03-01T00:00:00Z" },
    } as const;
    expect(describeCheck(check, i18n.getFixedT("fr")).message).toBe(
      "Pas encore valable : valable à partir du 1 mars 2027.",
    );
    expect(describeCheck(check, i18n.getFixedT("en")).message).toBe(
      "Not valid yet: it becomes valid on March 1, 2027.",
    );
  });
});
