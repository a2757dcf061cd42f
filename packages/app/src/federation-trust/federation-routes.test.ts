import { createApiKey, MemoryApiKeyRepository } from "@learnbridge/issuer";
import { beforeAll, describe, expect, it } from "vitest";
import { expectProblem } from "../test-support/expect-problem.ts";
import { preparedKeys, startNode, type TestNode, TRUST_MARK_TYPES, TrustNetwork } from "./test-network.ts";
import { achievementFactsOf } from "./trust-evaluator.ts";

const network = new TrustNetwork();
let hq: TestNode;
let leaf: TestNode;
let orphan: TestNode;

beforeAll(async () => {
  const keys = await preparedKeys("https://hq.example");
  const anchors = [keys.anchor];
  hq = await startNode(network, "https://hq.example", {
    role: "anchor",
    name: "HQ",
    anchors,
    prepared: keys,
  });
  leaf = await startNode(network, "https://leaf.example", {
    role: "leaf",
    name: "Leaf",
    authorityHints: [hq.url],
    anchors,
  });
  orphan = await startNode(network, "https://orphan.example", {
    role: "leaf",
    name: "Orphan",
    authorityHints: ["https://elsewhere.example"],
    anchors,
  });
});

const post = (node: TestNode, path: string, body: unknown, token?: string) =>
  node.centre.app.request(`${node.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });

describe("federation admin routes", () => {
  it("need an admin key", async () => {
    await expectProblem(
      await post(hq, "/federation/subordinates", { entityId: leaf.url }),
      401,
      "UNAUTHORIZED",
    );
    const apiKeys = new MemoryApiKeyRepository();
    const { token } = await createApiKey(apiKeys, { name: "registrar", scopes: ["issue"] });
    await expectProblem(
      await post(hq, "/federation/subordinates", { entityId: leaf.url }, token),
      401,
      "UNAUTHORIZED",
    );
    expect((await hq.centre.app.request(`${hq.url}/federation/subordinates`)).status).toBe(401);
  });

  it("refuse a missing entity id, an unreachable entity, and one that does not name this superior", async () => {
    await expectProblem(await hq.admin("/federation/subordinates", {}), 400, "BAD_REQUEST");
    await expectProblem(
      await hq.admin("/federation/subordinates", { entityId: "not a url" }),
      422,
      "FIELD_INVALID",
    );
    await expectProblem(
      await hq.admin("/federation/subordinates", { entityId: "https://nowhere.example" }),
      502,
      "UPSTREAM_UNAVAILABLE",
    );
    await expectProblem(
      await hq.admin("/federation/subordinates", { entityId: orphan.url }),
      422,
      "ENTITY_STATEMENT_INVALID",
    );
    expect(
      (await hq.admin("/federation/subordinates", undefined, "GET").then((r) => r.json())) as unknown,
    ).toEqual({ subordinates: [] });
  });

  it("enrol, issue with a valid scope only, refuse marks for strangers and suspended members, revoke once", async () => {
    const enrolled = await hq.admin("/federation/subordinates", { entityId: leaf.url });
    expect(enrolled.status).toBe(201);
    expect(await enrolled.json()).toMatchObject({
      entityId: leaf.url,
      status: "active",
      intermediate: false,
      organizationName: "Leaf",
    });
    await expectProblem(
      await hq.admin("/federation/trust-marks", { type: "https://example.org/other", sub: leaf.url }),
      422,
      "FIELD_INVALID",
    );
    await expectProblem(
      await hq.admin("/federation/trust-marks", {
        type: TRUST_MARK_TYPES.microcredentialIssuer,
        sub: leaf.url,
        scope: { max_eqf_level: 5 },
      }),
      422,
      "FIELD_INVALID",
    );
    await expectProblem(
      await hq.admin("/federation/trust-marks", { type: TRUST_MARK_TYPES.accreditedCentre, sub: orphan.url }),
      404,
      "NOT_FOUND",
    );
    const issued = await hq.admin("/federation/trust-marks", {
      type: TRUST_MARK_TYPES.accreditedCentre,
      sub: leaf.url,
    });
    expect(issued.status).toBe(201);
    const mark = (await issued.json()) as { id: string; trustMark: string };
    expect(
      (await hq
        .admin(`/federation/trust-marks?sub=${encodeURIComponent(leaf.url)}`, undefined, "GET")
        .then((r) => r.json())) as { trustMarks: unknown[] },
    ).toMatchObject({
      trustMarks: [{ id: mark.id, sub: leaf.url }],
    });
    expect(
      (await hq.admin("/federation/subordinates/suspend", { entityId: leaf.url, reason: "audit" })).status,
    ).toBe(200);
    await expectProblem(
      await hq.admin("/federation/trust-marks", { type: TRUST_MARK_TYPES.creditRecogniser, sub: leaf.url }),
      409,
      "CONFLICT",
    );
    await expectProblem(
      await hq.admin("/federation/subordinates/suspend", { entityId: orphan.url }),
      404,
      "NOT_FOUND",
    );
    expect((await hq.admin("/federation/subordinates/reinstate", { entityId: leaf.url })).status).toBe(200);
    const revoked = await hq.admin(`/federation/trust-marks/${mark.id}/revoke`);
    expect(await revoked.json()).toMatchObject({ id: mark.id, revokedAt: expect.any(String) });
    await expectProblem(await hq.admin("/federation/trust-marks/nope/revoke"), 404, "NOT_FOUND");
    const actions = (await hq.audit.list({ limit: 100 }))
      .map((e) => e.action)
      .filter((a) => a.startsWith("federation."));
    expect(actions).toEqual([
      "federation.subordinate.enrol",
      "federation.trust-mark.issue",
      "federation.subordinate.suspend",
      "federation.subordinate.reinstate",
      "federation.trust-mark.revoke",
    ]);
  });

  it("a leaf has no subordinates and serves no fetch endpoint", async () => {
    await expectProblem(
      await leaf.admin("/federation/subordinates", { entityId: orphan.url }),
      404,
      "NOT_FOUND",
    );
    await expectProblem(
      await leaf.centre.app.request(`${leaf.url}/federation/fetch?sub=${encodeURIComponent(orphan.url)}`),
      404,
      "NOT_FOUND",
    );
  });
});

describe("federation protocol routes", () => {
  it("answer bad requests with the specification's errors", async () => {
    const missing = await hq.centre.app.request(`${hq.url}/federation/fetch`);
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ error: "invalid_request" });
    const unknown = await hq.centre.app.request(
      `${hq.url}/federation/fetch?sub=${encodeURIComponent(orphan.url)}`,
    );
    expect(await unknown.json()).toMatchObject({ error: "not_found" });
    const noMark = await hq.centre.app.request(`${hq.url}/federation/trust_mark_status`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "",
    });
    expect(noMark.status).toBe(400);
    const json = await hq.centre.app.request(`${hq.url}/federation/trust_mark_status`, {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: "x",
    });
    expect(json.status).toBe(415);
    const forged = await hq.centre.app.request(`${hq.url}/federation/trust_mark_status`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "trust_mark=a.b.c",
    });
    const [, payload] = (await forged.text()).split(".");
    expect(JSON.parse(Buffer.from(payload as string, "base64url").toString())).toMatchObject({
      iss: hq.url,
      status: "invalid",
    });
  });

  it("are described in the OpenAPI document, for a superior and for a leaf", async () => {
    for (const node of [hq, leaf]) {
      const document = (await (await node.centre.app.request(`${node.url}/openapi.json`)).json()) as {
        paths: Record<string, Record<string, unknown>>;
      };
      const routes = new Set(
        node.centre.app.routes
          .filter((r) => r.method !== "ALL" && r.path.includes("federation") && !r.path.includes("/feed"))
          .map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:(\w+)/g, "{$1}")}`),
      );
      const described = Object.entries(document.paths)
        .filter(([p]) => p.includes("federation") && !p.includes("/feed"))
        .flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m} ${p}`));
      expect(new Set(described)).toEqual(routes);
    }
  });
});

describe("achievementFactsOf", () => {
  it("reads the EQF alignment and the field of study of an Open Badges achievement", () => {
    const credential = {
      credentialSubject: {
        achievement: {
          fieldOfStudy: "0532",
          alignment: [
            { type: ["Alignment"], targetName: "Reading", targetUrl: "https://esco.example/skill" },
            {
              type: ["Alignment"],
              targetFramework: "European Qualifications Framework",
              targetName: "EQF level 4",
              targetCode: "4",
            },
          ],
        },
      },
    };
    expect(achievementFactsOf(credential)).toEqual({ eqfLevel: 4, field: "0532" });
    expect(achievementFactsOf({ credentialSubject: [{ id: "did:example:x" }] })).toEqual({});
  });
});
