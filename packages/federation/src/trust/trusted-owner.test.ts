/**
 * The follower's owner check answers in three values: trusted; not trusted, with the trust code saying why;
 * or unavailable when the chain (or the issuer of the accreditation mark) cannot be resolved now.
 */
import { describe, expect, it } from "vitest";
import { MemoryTrustChainCache } from "./chain-cache.ts";
import { FederationClient } from "./federation-client.ts";
import { configurationOf, S0, statementAbout, T0, TestWeb, testEntity } from "./test-entities.ts";
import { signTrustMark, TRUST_MARK_TYPES } from "./trust-mark.ts";
import { TrustResolver } from "./trust-resolver.ts";
import { trustedOwnerCheck } from "./trusted-owner.ts";

const hq = await testEntity("https://hq.example");
const branch = await testEntity("https://guangdong.example");
const nairobi = await testEntity("https://nairobi.example");
const stranger = await testEntity("https://stranger.example");
const anchors = [{ entityId: hq.id, jwks: hq.jwks }];
const { accreditedCentre } = TRUST_MARK_TYPES;

/** hq (anchor) → guangdong (intermediate, issues the accreditation mark) → nairobi; a stranger nobody enrolled. */
async function network(options: { readonly marked?: boolean } = {}) {
  const web = new TestWeb();
  const mark = await signTrustMark(
    { iss: branch.id, sub: nairobi.id, trust_mark_type: accreditedCentre, iat: S0, exp: S0 + 30 * 86_400 },
    branch.signer,
  );
  web.serveConfiguration(
    hq.id,
    await configurationOf(
      hq,
      { trust_mark_issuers: { [accreditedCentre]: [branch.id] } },
      { superior: true },
    ),
  );
  web.serveConfiguration(
    branch.id,
    await configurationOf(branch, { authority_hints: [hq.id] }, { superior: true }),
  );
  const serveNairobi = async (marked: boolean) =>
    web.serveConfiguration(
      nairobi.id,
      await configurationOf(nairobi, {
        authority_hints: [branch.id],
        trust_marks: marked ? [{ trust_mark_type: accreditedCentre, trust_mark: mark }] : [],
      }),
    );
  await serveNairobi(options.marked ?? true);
  web.serveConfiguration(stranger.id, await configurationOf(stranger, { authority_hints: [branch.id] }));
  web.serveStatement(hq.id, branch.id, await statementAbout(hq, branch));
  web.serveStatement(branch.id, nairobi.id, await statementAbout(branch, nairobi));
  const statuses = new Map<string, string>();
  web.serveStatus(branch, (jwt) => statuses.get(jwt) ?? "active");
  let now = T0;
  const checkWith = (cache = new MemoryTrustChainCache(), markStatusTtlSeconds = 0) =>
    trustedOwnerCheck(
      new TrustResolver({
        anchors,
        client: new FederationClient({ fetch: web.fetch }),
        cache,
        clock: () => now,
        markStatusTtlSeconds,
      }),
    );
  const advance = (seconds: number) => {
    now = new Date(now.getTime() + seconds * 1000);
  };
  return { web, mark, statuses, checkWith, serveNairobi, advance };
}

describe("trustedOwnerCheck", () => {
  it("says trusted for an accredited member, and why not for a stranger, a revoked mark or no did:web", async () => {
    const { mark, statuses, checkWith } = await network();
    const check = checkWith();
    expect(await check("did:web:nairobi.example")).toEqual({ status: "trusted" });
    expect(await check("did:web:stranger.example")).toMatchObject({
      status: "untrusted",
      code: "TRUST_UNKNOWN",
    });
    expect(await check("did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK")).toMatchObject({
      status: "untrusted",
      code: "TRUST_UNKNOWN",
    });
    statuses.set(mark, "revoked");
    expect(await check("did:web:nairobi.example")).toMatchObject({
      status: "untrusted",
      code: "TRUST_MARK_REVOKED",
    });
  });

  it("says unavailable, not untrusted, when the anchor cannot be reached and nothing is cached", async () => {
    const { web, checkWith } = await network();
    const cache = new MemoryTrustChainCache();
    const check = checkWith(cache);
    web.offline = true;
    expect(await check("did:web:nairobi.example")).toMatchObject({
      status: "unavailable",
      reason: expect.stringContaining("could not be reached"),
    });
    web.offline = false;
    expect(await check("did:web:nairobi.example")).toEqual({ status: "trusted" });
    // Cached now: the same answer offline, until the chain expires.
    web.offline = true;
    expect(await check("did:web:nairobi.example")).toEqual({ status: "trusted" });
  });

  it("says unavailable when only the issuer of the accreditation mark cannot be resolved now", async () => {
    const { web, checkWith } = await network();
    const warm = new MemoryTrustChainCache();
    expect(await checkWith(warm)("did:web:nairobi.example")).toEqual({ status: "trusted" });
    // The member's own chain is cached, the issuer's is not, and the network is down.
    const leafOnly = new MemoryTrustChainCache();
    const entry = await warm.get(nairobi.id);
    if (!entry) throw new Error("nairobi's chain was not cached");
    await leafOnly.put(entry);
    web.offline = true;
    expect(await checkWith(leafOnly)("did:web:nairobi.example")).toMatchObject({ status: "unavailable" });
  });

  it("sees a mark issued after a chain without it was cached, once the mark status TTL has passed", async () => {
    const { web, checkWith, serveNairobi, advance } = await network({ marked: false });
    const check = checkWith(new MemoryTrustChainCache(), 300);
    expect(await check("did:web:nairobi.example")).toMatchObject({
      status: "untrusted",
      code: "TRUST_UNKNOWN",
    });
    await serveNairobi(true);
    // Within the TTL the cached chain answers: no request at all.
    const requests = web.requests.length;
    expect(await check("did:web:nairobi.example")).toMatchObject({ status: "untrusted" });
    expect(web.requests.length).toBe(requests);
    advance(301);
    // Offline, the cached "no" stands: a verdict, not "unavailable".
    web.offline = true;
    expect(await check("did:web:nairobi.example")).toMatchObject({
      status: "untrusted",
      code: "TRUST_UNKNOWN",
    });
    web.offline = false;
    expect(await check("did:web:nairobi.example")).toEqual({ status: "trusted" });
  });
});
