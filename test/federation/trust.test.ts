/**
 * Network trust end to end: four centres in one process (headquarters = trust anchor, a provincial branch =
 * intermediate, an overseas centre in Nairobi and a seniors' university = leaves) enrol, issue trust marks,
 * and a verifier anywhere reports "accredited by <anchor> via <intermediate> for …", or precisely why not,
 * in English and Chinese; a cached chain keeps verifying while the anchor is offline, until it expires.
 */
import { beforeAll, describe, expect, it } from "vitest";
import {
  issueAt,
  OPEN_UNIVERSITY,
  startOpenUniversity,
  type TestNode,
  TRUST_MARK_TYPES,
  TrustNetwork,
  trustCheckAt,
} from "../../packages/app/src/federation-trust/test-network.ts";
import { createI18n, describeCheck, explainReport } from "../../packages/i18n/src/index.ts";

const { HQ, BRANCH, NAIROBI, SENIORS } = OPEN_UNIVERSITY;
const { accreditedCentre, microcredentialIssuer } = TRUST_MARK_TYPES;

const network = new TrustNetwork();
const i18n = createI18n();
let hq: TestNode;
let branch: TestNode;
let nairobi: TestNode;
let seniors: TestNode;
let stranger: TestNode;
let nairobiMicroMark: string;

/** The trust line of a report in `lang`. */
const trustLine = (check: Parameters<typeof describeCheck>[0], lang: string) =>
  describeCheck(check, i18n.getFixedT(lang)).message;

beforeAll(async () => {
  ({ hq, branch, nairobi, seniors, stranger } = await startOpenUniversity(network));
  const issue = async (issuer: TestNode, sub: string, type: string, scope?: Record<string, unknown>) => {
    const response = await issuer.admin("/federation/trust-marks", {
      type,
      sub,
      ...(scope ? { scope } : {}),
    });
    expect(response.status, await response.clone().text()).toBe(201);
    return (await response.json()) as { id: string };
  };
  await issue(branch, NAIROBI, accreditedCentre);
  nairobiMicroMark = (
    await issue(branch, NAIROBI, microcredentialIssuer, {
      max_eqf_level: 5,
      fields: ["05", "07"],
      jurisdiction: "KE",
    })
  ).id;
  await issue(hq, SENIORS, accreditedCentre);
  await issue(hq, SENIORS, microcredentialIssuer, {
    max_eqf_level: 4,
    fields: ["09", "02"],
    jurisdiction: "CN",
  });
  for (const leaf of [nairobi, seniors]) {
    const refreshed = await leaf.admin("/federation/held-trust-marks/refresh");
    expect(((await refreshed.json()) as { held: unknown[] }).held).toHaveLength(2);
  }
});

describe("network trust across four centres", () => {
  it("serves signed entity configurations naming superiors, endpoints, the centre's DID and its marks", async () => {
    const response = await network.fetch(`${NAIROBI}/.well-known/openid-federation`);
    expect(response.headers.get("content-type")).toBe("application/entity-statement+jwt");
    const [, payload] = (await response.text()).split(".");
    const claims = JSON.parse(Buffer.from(payload as string, "base64url").toString());
    expect(claims).toMatchObject({
      iss: NAIROBI,
      sub: NAIROBI,
      authority_hints: [BRANCH],
      metadata: { learnbridge_centre: { did: nairobi.centre.did } },
    });
    expect(claims.trust_marks.map((m: { trust_mark_type: string }) => m.trust_mark_type).sort()).toEqual(
      [accreditedCentre, microcredentialIssuer].sort(),
    );
    expect(await (await network.fetch(`${BRANCH}/federation/list`)).json()).toEqual([NAIROBI]);
    expect(await (await network.fetch(`${HQ}/federation/list?intermediate=true`)).json()).toEqual([BRANCH]);
  });

  it("verifies a Nairobi credential with the anchor and the intermediate named, in English and Chinese", async () => {
    const credential = await issueAt(nairobi, 4, "0532", network);
    const { status, report, trust } = await trustCheckAt(seniors, credential);
    expect(status).toBe(200);
    expect(trust).toMatchObject({
      outcome: "pass",
      code: "OK",
      data: {
        anchorName: "Open University Headquarters",
        viaNames: ["Guangdong Provincial Branch"],
        maxLevel: 5,
        level: 4,
        fields: ["05", "07"],
        jurisdiction: "KE",
      },
    });
    expect(trustLine(trust, "en")).toBe(
      "Accredited by Open University Headquarters via Guangdong Provincial Branch for micro-credentials up to EQF level 5 in fields 05 and 07 (jurisdiction KE).",
    );
    expect(trustLine(trust, "zh")).toBe(
      "由 Open University Headquarters 经 Guangdong Provincial Branch 认证，可颁发 EQF 5 级及以下、领域为 05和07 的微证书（管辖范围：KE）。",
    );
    expect(explainReport(report, i18n.getFixedT("en")).verdict).toBe("verified");
    // A credential from a centre directly under the anchor names no intermediate.
    const direct = await trustCheckAt(nairobi, await issueAt(seniors, 3, "0923", network));
    expect(trustLine(direct.trust, "en")).toBe(
      "Accredited by Open University Headquarters for micro-credentials up to EQF level 4 in fields 09 and 02 (jurisdiction CN).",
    );
  });

  it("warns precisely for a level above the mark's maximum and a field outside it", async () => {
    const tooHigh = await trustCheckAt(seniors, await issueAt(nairobi, 6, "0532", network));
    expect(tooHigh.status).toBe(200);
    expect(tooHigh.trust).toMatchObject({
      outcome: "warn",
      code: "TRUST_OUT_OF_SCOPE",
      data: { scope: "level", level: 6, maxLevel: 5 },
    });
    expect(trustLine(tooHigh.trust, "en")).toBe(
      "The issuer is accredited by Open University Headquarters for micro-credentials up to EQF level 5 only; this credential is at level 6.",
    );
    expect(trustLine(tooHigh.trust, "zh")).toBe(
      "颁发方经 Open University Headquarters 认证，仅可颁发 EQF 5 级及以下的微证书；此凭证为 6 级。",
    );
    const otherField = await trustCheckAt(seniors, await issueAt(nairobi, 4, "0913", network));
    expect(otherField.trust).toMatchObject({
      outcome: "warn",
      code: "TRUST_OUT_OF_SCOPE",
      data: { scope: "field", field: "0913", fields: ["05", "07"] },
    });
    expect(trustLine(otherField.trust, "en")).toContain(
      "for fields 05 and 07 only; this credential's field is 0913.",
    );
    expect(trustLine(otherField.trust, "zh")).toContain("仅限领域 05和07；此凭证的领域为 0913");
  });

  it("says a stranger centre is not a member", async () => {
    const { trust, report } = await trustCheckAt(seniors, await issueAt(stranger, 4, "0532", network));
    expect(trust).toMatchObject({
      outcome: "warn",
      code: "TRUST_UNKNOWN",
      data: { problem: "not-found", superior: BRANCH },
    });
    expect(report.checks.find((c) => c.name === "proof")?.outcome).toBe("pass");
    expect(trustLine(trust, "zh")).toBe("颁发方不是本网络已知的认证成员，请自行核实颁发方。");
  });

  it("reports a suspension, to a verifier with the chain cached and to one without, until reinstated", async () => {
    const credential = await issueAt(nairobi, 4, "0532", network);
    expect((await trustCheckAt(seniors, credential)).trust.outcome).toBe("pass"); // seniors has the chain cached
    const suspended = await branch.admin("/federation/subordinates/suspend", {
      entityId: NAIROBI,
      reason: "quality audit",
    });
    expect(suspended.status).toBe(200);
    expect(
      (await network.fetch(`${BRANCH}/federation/fetch?sub=${encodeURIComponent(NAIROBI)}`)).status,
    ).toBe(404);
    const cached = await trustCheckAt(seniors, credential);
    expect(cached.trust).toMatchObject({
      outcome: "warn",
      code: "TRUST_SUSPENDED",
      data: { authorityName: "Guangdong Provincial Branch", fromCache: true },
    });
    expect(trustLine(cached.trust, "en")).toBe(
      "Guangdong Provincial Branch has suspended this issuer's membership of the network.",
    );
    expect(trustLine(cached.trust, "zh")).toBe(
      "Guangdong Provincial Branch 已暂停该颁发方在本网络的成员资格。",
    );
    const fresh = await trustCheckAt(hq, credential);
    expect(fresh.trust).toMatchObject({
      outcome: "warn",
      code: "TRUST_SUSPENDED",
      data: { superior: BRANCH },
    });
    expect(trustLine(fresh.trust, "en")).toBe(
      `${BRANCH} has suspended this issuer's membership of the network.`,
    );
    expect((await branch.admin("/federation/subordinates/reinstate", { entityId: NAIROBI })).status).toBe(
      200,
    );
    expect((await trustCheckAt(seniors, credential)).trust.outcome).toBe("pass");
    expect((await trustCheckAt(hq, credential)).trust.outcome).toBe("pass");
    const actions = (await branch.audit.list({ limit: 100 })).map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        "federation.subordinate.enrol",
        "federation.trust-mark.issue",
        "federation.subordinate.suspend",
        "federation.subordinate.reinstate",
      ]),
    );
  });

  it("works offline from a cached chain while the anchor is down, and not after the chain expires", async () => {
    const credential = await issueAt(nairobi, 4, "0532", network);
    expect((await trustCheckAt(seniors, credential)).trust.outcome).toBe("pass");
    network.offline.add(new URL(HQ).origin);
    try {
      network.now = new Date(network.now.getTime() + 3_600_000);
      const offline = await trustCheckAt(seniors, credential);
      expect(offline.trust).toMatchObject({
        outcome: "pass",
        data: { fromCache: true, anchorName: "Open University Headquarters" },
      });
      network.now = new Date(network.now.getTime() + 2 * 86_400_000);
      const expired = await trustCheckAt(seniors, credential);
      expect(expired.trust).toMatchObject({
        outcome: "warn",
        code: "TRUST_UNAVAILABLE",
        data: { cachedUntil: expect.any(String) },
      });
      expect(trustLine(expired.trust, "zh")).toBe("无法访问本网络的成员名册，因此无法检查认证资格。");
    } finally {
      network.offline.clear();
    }
    // Back online, the chain is resolved again (statements are signed anew with fresh expiry).
    expect((await trustCheckAt(seniors, credential)).trust.outcome).toBe("pass");
  });

  it("reports a revoked micro-credential mark, and the catalogue owner check follows the accreditation mark", async () => {
    const credential = await issueAt(nairobi, 4, "0532", network);
    expect(await seniors.centre.federation?.isTrustedOwner(nairobi.centre.did)).toEqual({
      status: "trusted",
    });
    expect(await seniors.centre.federation?.isTrustedOwner(stranger.centre.did)).toMatchObject({
      status: "untrusted",
      code: "TRUST_UNKNOWN",
    });
    const revoked = await branch.admin(`/federation/trust-marks/${nairobiMicroMark}/revoke`, {
      reason: "level audit",
    });
    expect(revoked.status).toBe(200);
    const { trust } = await trustCheckAt(seniors, credential);
    expect(trust).toMatchObject({
      outcome: "warn",
      code: "TRUST_MARK_REVOKED",
      data: { authorityName: "Guangdong Provincial Branch", markType: microcredentialIssuer },
    });
    expect(trustLine(trust, "en")).toBe(
      "Guangdong Provincial Branch has withdrawn the issuer's accreditation.",
    );
    expect(trustLine(trust, "zh")).toBe("Guangdong Provincial Branch 已撤回该颁发方的认证资格。");
    // Still an accredited centre: its catalogue records stay acceptable.
    expect(await seniors.centre.federation?.isTrustedOwner(nairobi.centre.did)).toEqual({
      status: "trusted",
    });
  });

  it("lets the anchor accredit itself: its courses' owner and its credentials are then judged by its own marks", async () => {
    // Nobody above the anchor issues it a mark: until it marks itself, it is no accredited centre.
    expect(await seniors.centre.federation?.isTrustedOwner(hq.centre.did)).toMatchObject({
      status: "untrusted",
      code: "TRUST_UNKNOWN",
    });
    for (const [type, scope] of [
      [accreditedCentre, undefined],
      [microcredentialIssuer, { max_eqf_level: 5, fields: ["02", "06"], jurisdiction: "CN" }],
    ] as const) {
      const issued = await hq.admin("/federation/trust-marks", {
        type,
        sub: HQ,
        ...(scope ? { scope } : {}),
      });
      expect(issued.status, await issued.clone().text()).toBe(201);
    }
    const refreshed = (await (await hq.admin("/federation/held-trust-marks/refresh")).json()) as {
      held: { type: string; issuer: string }[];
    };
    expect(refreshed.held.map((m) => [m.type, m.issuer]).sort()).toEqual(
      [
        [accreditedCentre, HQ],
        [microcredentialIssuer, HQ],
      ].sort(),
    );
    expect(await seniors.centre.federation?.isTrustedOwner(hq.centre.did)).toEqual({ status: "trusted" });
    const inScope = await trustCheckAt(nairobi, await issueAt(hq, 4, "0612", network));
    expect(inScope.trust).toMatchObject({
      outcome: "pass",
      data: { anchorName: "Open University Headquarters", authority: HQ, maxLevel: 5 },
    });
    const tooHigh = await trustCheckAt(nairobi, await issueAt(hq, 6, "0612", network));
    expect(tooHigh.trust).toMatchObject({
      outcome: "warn",
      code: "TRUST_OUT_OF_SCOPE",
      data: { scope: "level", maxLevel: 5 },
    });
    const otherField = await trustCheckAt(nairobi, await issueAt(hq, 4, "0532", network));
    expect(otherField.trust).toMatchObject({
      outcome: "warn",
      code: "TRUST_OUT_OF_SCOPE",
      data: { scope: "field" },
    });
  });
});
