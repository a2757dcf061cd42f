import { describe, expect, it } from "vitest";
import { assessIssuance, assessMembership, iscedCodeOf } from "./accreditation.ts";
import { TRUST_MARK_TYPES, type TrustMarkStatus } from "./trust-mark.ts";
import type { CheckedTrustMark, ResolvedTrust } from "./trust-resolver.ts";

const { accreditedCentre, microcredentialIssuer } = TRUST_MARK_TYPES;
const branch = { entityId: "https://guangdong.example", name: "Guangdong Branch" };

const mark = (
  type: string,
  state: TrustMarkStatus = "active",
  scope: Record<string, unknown> = {},
): CheckedTrustMark => ({
  type,
  jwt: "x.y.z",
  issuer: branch,
  state,
  source: "issuer",
  claims: { iss: branch.entityId, sub: "https://nairobi.example", trust_mark_type: type, iat: 1, ...scope },
});
const scope = { max_eqf_level: 5, fields: ["05", "0731"], jurisdiction: "KE" };

const resolved = (marks: CheckedTrustMark[]): ResolvedTrust =>
  ({
    subject: { entityId: "https://nairobi.example", name: "Nairobi Centre" },
    anchor: { entityId: "https://hq.example", name: "Headquarters" },
    intermediates: [branch],
    marks,
    expiresAt: 1_800_000_000,
    fromCache: false,
  }) as unknown as ResolvedTrust;

describe("assessIssuance", () => {
  const member = (micro: CheckedTrustMark[]) => resolved([mark(accreditedCentre), ...micro]);

  it("passes a credential within level and field, naming anchor, intermediate and scope", () => {
    const result = assessIssuance(member([mark(microcredentialIssuer, "active", scope)]), {
      eqfLevel: 5,
      field: "0532 Earth sciences",
    });
    expect(result.ok && result.value.details).toMatchObject({
      anchor: "https://hq.example",
      anchorName: "Headquarters",
      viaNames: ["Guangdong Branch"],
      level: 5,
      maxLevel: 5,
      fields: ["05", "0731"],
      jurisdiction: "KE",
    });
  });

  it("says precisely what is out of scope: level, field, or no issuer mark at all", () => {
    const micro = [mark(microcredentialIssuer, "active", scope)];
    expect(assessIssuance(member(micro), { eqfLevel: 6, field: "0532" })).toMatchObject({
      code: "TRUST_OUT_OF_SCOPE",
      details: { scope: "level", level: 6, maxLevel: 5 },
    });
    expect(assessIssuance(member(micro), { eqfLevel: 4, field: "0611" })).toMatchObject({
      code: "TRUST_OUT_OF_SCOPE",
      details: { scope: "field", field: "0611" },
    });
    expect(assessIssuance(member(micro), { eqfLevel: 4 })).toMatchObject({
      code: "TRUST_OUT_OF_SCOPE",
      details: { scope: "field" },
    });
    expect(assessIssuance(member([]), { eqfLevel: 4, field: "05" })).toMatchObject({
      code: "TRUST_OUT_OF_SCOPE",
      details: { scope: "issuer" },
    });
  });

  it("reports suspension, revocation and invalid marks before scope", () => {
    expect(assessIssuance(member([mark(microcredentialIssuer, "suspended", scope)]), {})).toMatchObject({
      code: "TRUST_SUSPENDED",
      details: { authorityName: "Guangdong Branch" },
    });
    expect(assessIssuance(member([mark(microcredentialIssuer, "revoked", scope)]), {})).toMatchObject({
      code: "TRUST_MARK_REVOKED",
    });
    expect(assessIssuance(member([mark(microcredentialIssuer, "expired", scope)]), {})).toMatchObject({
      code: "TRUST_MARK_INVALID",
      details: { markState: "expired" },
    });
    expect(assessIssuance(resolved([mark(accreditedCentre, "revoked")]), {})).toMatchObject({
      code: "TRUST_MARK_REVOKED",
    });
    expect(assessIssuance(resolved([]), {})).toMatchObject({
      code: "TRUST_UNKNOWN",
      details: { problem: "not-accredited" },
    });
  });

  it("membership needs an active accredited-centre mark", () => {
    expect(assessMembership(resolved([mark(accreditedCentre)])).ok).toBe(true);
    expect(assessMembership(resolved([mark(microcredentialIssuer, "active", scope)])).ok).toBe(false);
    expect(iscedCodeOf("0731 Architecture")).toBe("0731");
    expect(iscedCodeOf("Architecture")).toBeUndefined();
  });
});
