/**
 * Every message the federation trust endpoints emit validates against its JSON Schema in
 * specs/schemas/federation/: entity configurations, subordinate statements, trust marks, status and
 * resolve responses, historical keys, listings and errors (headers of every JWS too).
 */
import { readFileSync } from "node:fs";
// The validator the credential engine uses (an interpreter, fit for Workers); not a dependency of the tests' root.
import { Validator } from "@cfworker/json-schema";
import { describe, expect, it } from "vitest";
import {
  preparedKeys,
  startNode,
  TRUST_MARK_TYPES,
  TrustNetwork,
} from "../../packages/app/src/federation-trust/test-network.ts";

const schema = (name: string) =>
  new Validator(
    JSON.parse(readFileSync(new URL(`../../specs/schemas/federation/${name}`, import.meta.url), "utf8")),
    "2020-12",
    false,
  );
const decode = (jwt: string) =>
  jwt
    .split(".")
    .slice(0, 2)
    .map((part) => JSON.parse(Buffer.from(part, "base64url").toString()));

function expectValid(validator: Validator, value: unknown, what: string) {
  const result = validator.validate(value);
  expect(result.errors.slice(0, 3), `${what}: ${JSON.stringify(value).slice(0, 300)}`).toEqual([]);
}

describe("federation trust messages match specs/schemas/federation", () => {
  it("for every endpoint of an anchor, an intermediate and a leaf", async () => {
    const network = new TrustNetwork();
    const hqKeys = await preparedKeys("https://hq.example");
    const anchors = [hqKeys.anchor];
    const hq = await startNode(network, "https://hq.example", {
      role: "anchor",
      name: "HQ",
      anchors,
      prepared: hqKeys,
    });
    const branch = await startNode(network, "https://branch.example", {
      role: "intermediate",
      name: "Branch",
      authorityHints: [hq.url],
      anchors,
    });
    const leaf = await startNode(network, "https://leaf.example", {
      role: "leaf",
      name: "Leaf",
      authorityHints: [branch.url],
      anchors,
    });
    await hq.admin("/federation/subordinates", { entityId: branch.url });
    await branch.admin("/federation/subordinates", { entityId: leaf.url });
    await hq.admin("/federation/trust-marks", { type: TRUST_MARK_TYPES.accreditedCentre, sub: branch.url });
    const issued = (await (
      await branch.admin("/federation/trust-marks", {
        type: TRUST_MARK_TYPES.microcredentialIssuer,
        sub: leaf.url,
        scope: { max_eqf_level: 6, fields: ["05"], jurisdiction: "KE" },
      })
    ).json()) as { id: string; trustMark: string };
    await leaf.admin("/federation/held-trust-marks/refresh");
    // A rotated key keeps the chain valid: the leaf tells its superior, which re-pins its keys.
    const rotated = await leaf.centre.app.request(`${leaf.url}/keys/rotate`, {
      method: "POST",
      headers: { authorization: `Bearer ${leaf.token}` },
    });
    expect(await rotated.json()).toMatchObject({
      federation: { superiors: [{ entityId: branch.url, outcome: "re-pinned" }] },
    });
    const after = await network.fetch(
      `${hq.url}/federation/resolve?sub=${encodeURIComponent(leaf.url)}&trust_anchor=${encodeURIComponent(hq.url)}`,
    );
    expect(after.status).toBe(200);
    expect((await branch.admin("/federation/subordinates", { entityId: leaf.url })).status).toBe(201);
    expect((await branch.audit.list({ limit: 100 })).map((e) => e.action)).toContain(
      "federation.subordinate.rekey",
    );

    const header = schema("federation-jws-header.schema.json");
    const jwts: [string, string, string][] = [];
    const get = async (url: string, init?: RequestInit) => network.fetch(url, init);
    for (const node of [hq, branch, leaf])
      jwts.push([
        "entity-statement.schema.json",
        "configuration",
        await (await get(`${node.url}/.well-known/openid-federation`)).text(),
      ]);
    jwts.push([
      "entity-statement.schema.json",
      "subordinate",
      await (await get(`${branch.url}/federation/fetch?sub=${encodeURIComponent(leaf.url)}`)).text(),
    ]);
    jwts.push(["trust-mark.schema.json", "trust mark", issued.trustMark]);
    jwts.push([
      "trust-mark.schema.json",
      "trust mark endpoint",
      await (
        await get(
          `${branch.url}/federation/trust_mark?trust_mark_type=${encodeURIComponent(TRUST_MARK_TYPES.microcredentialIssuer)}&sub=${encodeURIComponent(leaf.url)}`,
        )
      ).text(),
    ]);
    const status = await get(`${branch.url}/federation/trust_mark_status`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ trust_mark: issued.trustMark }).toString(),
    });
    expect(status.headers.get("content-type")).toBe("application/trust-mark-status-response+jwt");
    jwts.push(["trust-mark-status-response.schema.json", "status", await status.text()]);
    const resolved = await get(
      `${hq.url}/federation/resolve?sub=${encodeURIComponent(leaf.url)}&trust_anchor=${encodeURIComponent(hq.url)}`,
    );
    expect(resolved.status).toBe(200);
    jwts.push(["resolve-response.schema.json", "resolve", await resolved.text()]);
    jwts.push([
      "historical-keys.schema.json",
      "historical keys",
      await (await get(`${leaf.url}/federation/historical_keys`)).text(),
    ]);

    for (const [name, what, jwt] of jwts) {
      const [protectedHeader, payload] = decode(jwt);
      expectValid(header, protectedHeader, `${what} header`);
      expectValid(schema(name), payload, what);
    }
    // The schemas do refuse: a micro-credential issuer mark must state its scope.
    const { max_eqf_level: _level, ...unscoped } = decode(issued.trustMark)[1];
    expect(schema("trust-mark.schema.json").validate(unscoped).valid).toBe(false);
    const [, historical] = decode(jwts.at(-1)?.[2] as string);
    expect(historical.keys).toHaveLength(1);

    const list = schema("subordinate-list.schema.json");
    expectValid(list, await (await get(`${hq.url}/federation/list`)).json(), "list");
    expectValid(
      list,
      await (
        await get(
          `${branch.url}/federation/trust_mark_list?trust_mark_type=${encodeURIComponent(TRUST_MARK_TYPES.microcredentialIssuer)}`,
        )
      ).json(),
      "marked",
    );

    const error = schema("federation-error.schema.json");
    await branch.admin("/federation/subordinates/suspend", { entityId: leaf.url });
    for (const url of [
      `${branch.url}/federation/fetch?sub=${encodeURIComponent(leaf.url)}`,
      `${branch.url}/federation/fetch?sub=nope`,
      `${hq.url}/federation/resolve?sub=${encodeURIComponent(leaf.url)}&trust_anchor=https%3A%2F%2Fother.example`,
    ]) {
      const response = await get(url);
      expect(response.status).toBeGreaterThanOrEqual(400);
      expectValid(error, await response.json(), url);
    }
  });
});
