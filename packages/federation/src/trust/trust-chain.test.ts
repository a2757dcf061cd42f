import { describe, expect, it } from "vitest";
import { configurationOf, S0, statementAbout, T0, testEntity } from "./test-entities.ts";
import { validateTrustChain } from "./trust-chain.ts";

const anchor = await testEntity("https://hq.example");
const branch = await testEntity("https://guangdong.example");
const leaf = await testEntity("https://nairobi.example");
const anchors = [{ entityId: anchor.id, jwks: anchor.jwks }];

/** leaf configuration, branch's statement about it, anchor's statement about branch, anchor configuration. */
async function chain(
  overrides: { leafExp?: number; branchSigner?: typeof branch.signer; anchorMax?: number } = {},
) {
  return [
    await configurationOf(leaf, {
      authority_hints: [branch.id],
      ...(overrides.leafExp ? { exp: overrides.leafExp } : {}),
    }),
    await statementAbout(branch, leaf, {}, overrides.branchSigner ? { signer: overrides.branchSigner } : {}),
    await statementAbout(anchor, branch, {
      metadata: { federation_entity: { organization_name: "Guangdong Branch" } },
      ...(overrides.anchorMax !== undefined ? { constraints: { max_path_length: overrides.anchorMax } } : {}),
    }),
    await configurationOf(anchor, { trust_mark_issuers: {} }, { superior: true }),
  ];
}

describe("validateTrustChain", () => {
  it("accepts leaf → intermediate → anchor, naming the intermediate and the earliest expiry", async () => {
    const result = await validateTrustChain(await chain({ leafExp: S0 + 3600 }), anchors, { now: T0 });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.subject).toBe(leaf.id);
    expect(result.value.anchor).toBe(anchor.id);
    expect(result.value.intermediates).toEqual([branch.id]);
    expect(result.value.names[branch.id]).toBe("Guangdong Branch");
    expect(result.value.names[anchor.id]).toBe("Org hq");
    expect(result.value.expiresAt).toBe(S0 + 3600);
    expect(result.value.keys[leaf.id]).toEqual(leaf.jwks);
  });

  it("accepts the anchor alone (its own configuration, pinned keys)", async () => {
    const result = await validateTrustChain(
      [await configurationOf(anchor, {}, { superior: true })],
      anchors,
      { now: T0 },
    );
    expect(result.ok && result.value.intermediates).toEqual([]);
  });

  it("refuses a statement signed by the wrong key", async () => {
    const impostor = await testEntity("https://guangdong.example");
    const result = await validateTrustChain(await chain({ branchSigner: impostor.signer }), anchors, {
      now: T0,
    });
    expect(result).toMatchObject({
      ok: false,
      code: "TRUST_CHAIN_INVALID",
      details: { problem: "signature", index: 1 },
    });
  });

  it("refuses an expired statement", async () => {
    const result = await validateTrustChain(await chain({ leafExp: S0 + 3600 }), anchors, {
      now: new Date(T0.getTime() + 7200_000),
    });
    expect(result).toMatchObject({ ok: false, code: "TRUST_CHAIN_INVALID", details: { problem: "expired" } });
  });

  it("names an anchor it does not accept as unknown, and pinned keys that differ as invalid", async () => {
    const other = await testEntity("https://other-operator.example");
    const strangers = await validateTrustChain(await chain(), [{ entityId: other.id, jwks: other.jwks }], {
      now: T0,
    });
    expect(strangers).toMatchObject({
      ok: false,
      code: "TRUST_UNKNOWN",
      details: { problem: "unknown-anchor" },
    });
    const wrongKeys = await validateTrustChain(await chain(), [{ entityId: anchor.id, jwks: other.jwks }], {
      now: T0,
    });
    expect(wrongKeys).toMatchObject({ ok: false, code: "TRUST_CHAIN_INVALID" });
  });

  it("refuses a chain longer than allowed, by option or by the anchor's max_path_length", async () => {
    const tooLong = await validateTrustChain(await chain(), anchors, { now: T0, maxPathLength: 0 });
    expect(tooLong).toMatchObject({
      ok: false,
      code: "TRUST_CHAIN_INVALID",
      details: { problem: "too-long" },
    });
    const constrained = await validateTrustChain(await chain({ anchorMax: 0 }), anchors, { now: T0 });
    expect(constrained).toMatchObject({
      ok: false,
      code: "TRUST_CHAIN_INVALID",
      details: { problem: "too-long" },
    });
    expect((await validateTrustChain(await chain({ anchorMax: 1 }), anchors, { now: T0 })).ok).toBe(true);
  });

  it("refuses a superior the subject does not name, a loop, and statements out of order", async () => {
    const statements = await chain();
    const unnamed = [await configurationOf(leaf, { authority_hints: [anchor.id] }), ...statements.slice(1)];
    expect(await validateTrustChain(unnamed, anchors, { now: T0 })).toMatchObject({
      code: "TRUST_CHAIN_INVALID",
      details: { problem: "structure" },
    });
    const swapped = [statements[0], statements[2], statements[1], statements[3]] as string[];
    expect((await validateTrustChain(swapped, anchors, { now: T0 })).ok).toBe(false);
    const loop = [
      await configurationOf(leaf, { authority_hints: [branch.id] }),
      await statementAbout(branch, leaf),
      await statementAbout(leaf, branch),
      await statementAbout(anchor, leaf),
      await configurationOf(anchor, {}, { superior: true }),
    ];
    expect(await validateTrustChain(loop, anchors, { now: T0 })).toMatchObject({
      code: "TRUST_CHAIN_INVALID",
      details: { problem: "loop" },
    });
    expect(await validateTrustChain(["not a jwt"], anchors, { now: T0 })).toMatchObject({
      code: "TRUST_CHAIN_INVALID",
      details: { problem: "malformed" },
    });
    expect(await validateTrustChain([], anchors, { now: T0 })).toMatchObject({ code: "TRUST_CHAIN_INVALID" });
  });
});
