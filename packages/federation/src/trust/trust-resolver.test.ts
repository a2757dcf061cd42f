import { describe, expect, it } from "vitest";
import { assessIssuance } from "./accreditation.ts";
import { MemoryTrustChainCache } from "./chain-cache.ts";
import { collectTrustChain } from "./chain-collector.ts";
import { FederationClient } from "./federation-client.ts";
import {
  configurationOf,
  S0,
  statementAbout,
  T0,
  type TestEntity,
  TestWeb,
  testEntity,
} from "./test-entities.ts";
import { signTrustMark, TRUST_MARK_TYPES } from "./trust-mark.ts";
import { TrustResolver } from "./trust-resolver.ts";

const hq = await testEntity("https://hq.example");
const branch = await testEntity("https://guangdong.example");
const nairobi = await testEntity("https://nairobi.example");
const anchors = [{ entityId: hq.id, jwks: hq.jwks }];
const { accreditedCentre, microcredentialIssuer } = TRUST_MARK_TYPES;

async function mark(issuer: TestEntity, type: string, extra: Record<string, unknown> = {}) {
  return signTrustMark(
    { iss: issuer.id, sub: nairobi.id, trust_mark_type: type, iat: S0, exp: S0 + 30 * 86_400, ...extra },
    issuer.signer,
  );
}

/** hq (anchor) → guangdong (intermediate) → nairobi (leaf, with two marks by guangdong), 1-hour statements. */
async function network(options: { leafHints?: string[]; marks?: boolean } = {}) {
  const web = new TestWeb();
  const marks =
    options.marks === false
      ? []
      : [
          { trust_mark_type: accreditedCentre, trust_mark: await mark(branch, accreditedCentre) },
          {
            trust_mark_type: microcredentialIssuer,
            trust_mark: await mark(branch, microcredentialIssuer, {
              max_eqf_level: 5,
              fields: ["05"],
              jurisdiction: "KE",
            }),
          },
        ];
  web.serveConfiguration(
    hq.id,
    await configurationOf(
      hq,
      {
        trust_mark_issuers: { [accreditedCentre]: [hq.id, branch.id], [microcredentialIssuer]: [branch.id] },
      },
      { superior: true },
    ),
  );
  web.serveConfiguration(
    branch.id,
    await configurationOf(branch, { authority_hints: [hq.id] }, { superior: true }),
  );
  web.serveConfiguration(
    nairobi.id,
    await configurationOf(nairobi, {
      authority_hints: options.leafHints ?? [branch.id],
      exp: S0 + 3600,
      trust_marks: marks,
    }),
  );
  web.serveStatement(
    hq.id,
    branch.id,
    await statementAbout(hq, branch, {
      metadata: { federation_entity: { organization_name: "Guangdong Branch" } },
    }),
  );
  web.serveStatement(branch.id, nairobi.id, await statementAbout(branch, nairobi));
  const statuses = new Map<string, string>();
  web.serveStatus(branch, (jwt) => statuses.get(jwt) ?? "active");
  return { web, marks, statuses, client: new FederationClient({ fetch: web.fetch }) };
}

describe("collectTrustChain", () => {
  it("follows authority_hints to the anchor", async () => {
    const { client } = await network();
    const chain = await collectTrustChain(nairobi.id, { client, anchors, now: T0 });
    expect(chain.ok && chain.value.intermediates).toEqual([branch.id]);
  });

  it("says unknown for a stranger, suspended when the superior says so, unavailable when offline", async () => {
    const { client, web } = await network();
    const stranger = await testEntity("https://stranger.example");
    web.serveConfiguration(stranger.id, await configurationOf(stranger, { authority_hints: [branch.id] }));
    expect(await collectTrustChain(stranger.id, { client, anchors, now: T0 })).toMatchObject({
      ok: false,
      code: "TRUST_UNKNOWN",
    });
    web.documents.set(`${branch.id}/federation/fetch?sub=${encodeURIComponent(nairobi.id)}`, {
      status: 404,
      body: JSON.stringify({
        error: "not_found",
        error_description: "suspended",
        subordinate_status: "suspended",
      }),
    });
    expect(await collectTrustChain(nairobi.id, { client, anchors, now: T0 })).toMatchObject({
      ok: false,
      code: "TRUST_SUSPENDED",
      details: { superior: branch.id },
    });
    web.offline = true;
    expect(await collectTrustChain(nairobi.id, { client, anchors, now: T0 })).toMatchObject({
      ok: false,
      code: "TRUST_UNAVAILABLE",
    });
  });

  it("cuts a loop in authority_hints and a path longer than allowed", async () => {
    const { client, web } = await network();
    // guangdong names nairobi as its superior, and nairobi serves a statement about guangdong: a loop.
    web.serveConfiguration(
      branch.id,
      await configurationOf(branch, { authority_hints: [nairobi.id] }, { superior: true }),
    );
    web.serveConfiguration(
      nairobi.id,
      await configurationOf(nairobi, { authority_hints: [branch.id] }, { superior: true }),
    );
    web.serveStatement(nairobi.id, branch.id, await statementAbout(nairobi, branch));
    expect(await collectTrustChain(nairobi.id, { client, anchors, now: T0 })).toMatchObject({
      ok: false,
      code: "TRUST_CHAIN_INVALID",
      details: { problem: "loop" },
    });
    const fresh = await network();
    expect(
      await collectTrustChain(nairobi.id, { client: fresh.client, anchors, now: T0, maxPathLength: 0 }),
    ).toMatchObject({
      ok: false,
      code: "TRUST_CHAIN_INVALID",
      details: { problem: "too-long" },
    });
  });
});

describe("TrustResolver", () => {
  it("checks marks (accepted issuer, status) and works offline from the cache until the chain expires", async () => {
    const { client, web, marks, statuses } = await network();
    const cache = new MemoryTrustChainCache();
    let now = T0;
    const resolver = new TrustResolver({ anchors, client, cache, clock: () => now, markStatusTtlSeconds: 0 });
    const first = await resolver.resolve(nairobi.id);
    expect(first.ok && first.value.fromCache).toBe(false);
    expect(first.ok && first.value.marks.map((m) => [m.state, m.source])).toEqual([
      ["active", "issuer"],
      ["active", "issuer"],
    ]);
    expect(first.ok && first.value.intermediates).toEqual([
      { entityId: branch.id, name: "Guangdong Branch" },
    ]);
    expect((await cache.get(nairobi.id))?.expiresAt).toBe(S0 + 3600);

    statuses.set(marks[1]?.trust_mark as string, "revoked");
    const revoked = await resolver.resolve(nairobi.id);
    expect(revoked.ok && revoked.value.fromCache).toBe(true);
    expect(revoked.ok && assessIssuance(revoked.value, { eqfLevel: 4, field: "0532" })).toMatchObject({
      ok: false,
      code: "TRUST_MARK_REVOKED",
    });

    web.offline = true;
    now = new Date(T0.getTime() + 1800_000);
    const offline = await resolver.resolve(nairobi.id);
    expect(offline.ok && offline.value.marks.map((m) => [m.state, m.source])).toEqual([
      ["active", "cache"],
      ["revoked", "cache"],
    ]);
    now = new Date(T0.getTime() + 3601_000);
    expect(await resolver.resolve(nairobi.id)).toMatchObject({
      ok: false,
      code: "TRUST_UNAVAILABLE",
      details: { cachedUntil: expect.any(String) },
    });
  });

  it("does not count a mark from an issuer the anchor does not accept", async () => {
    const { client, web } = await network();
    const forged = await mark(nairobi, microcredentialIssuer, {
      max_eqf_level: 8,
      fields: ["00"],
      jurisdiction: "KE",
    });
    web.serveConfiguration(
      nairobi.id,
      await configurationOf(nairobi, {
        authority_hints: [branch.id],
        trust_marks: [{ trust_mark_type: microcredentialIssuer, trust_mark: forged }],
      }),
    );
    const resolver = new TrustResolver({
      anchors,
      client,
      cache: new MemoryTrustChainCache(),
      clock: () => T0,
    });
    const resolved = await resolver.resolve(nairobi.id);
    expect(resolved.ok && resolved.value.marks[0]).toMatchObject({
      state: "invalid",
      reason: expect.stringContaining("does not accept"),
    });
  });
});
