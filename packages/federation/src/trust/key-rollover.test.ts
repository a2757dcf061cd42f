import { createSigner, generateKeyPair, publicKeyToJwk, type Signer } from "@learnbridge/core";
import { describe, expect, it } from "vitest";
import { FederationClient } from "./federation-client.ts";
import {
  type FederationKey,
  type FederationKeyStore,
  type FederationRole,
  resolveFederationConfig,
} from "./federation-config.ts";
import type { FederationJwk } from "./jws.ts";
import { KeyRollover } from "./key-rollover.ts";
import { configurationOf, statementAbout, T0, TestWeb, testEntity } from "./test-entities.ts";

const branch = await testEntity("https://guangdong.example");
const LEAF = "https://nairobi.example";

/** A key store of `states.length` keys, oldest first, whose states a test may change. */
async function keyStore(states: FederationKey["state"][]) {
  const keys: { jwk: FederationJwk; signer: Signer; state: FederationKey["state"] }[] = [];
  for (const [i, state] of states.entries()) {
    const pair = await generateKeyPair("EdDSA");
    const kid = `did:web:nairobi.example#key-${i + 1}`;
    const jwk = { ...(publicKeyToJwk(pair.publicKey) as FederationJwk), kid, alg: "EdDSA" };
    keys.push({ jwk, signer: createSigner(pair, kid), state });
  }
  const store: FederationKeyStore = {
    list: async () => keys.map(({ jwk, state }) => ({ jwk, state })),
    signerFor: async (kid) => {
      const key = keys.find((k) => k.jwk.kid === kid && k.state !== "revoked");
      if (!key) throw new TypeError(`no usable key ${kid}`);
      return key.signer;
    },
  };
  return { keys, store, kids: keys.map((k) => k.jwk.kid) };
}

/** The leaf's roll-over with `branch` as its superior, whose statement pins `pinned`. */
async function leafRollover(
  store: FederationKeyStore,
  pinned: readonly FederationJwk[] | undefined,
  options: { role?: FederationRole; anchorKids?: FederationJwk[] } = {},
) {
  const web = new TestWeb();
  web.serveConfiguration(branch.id, await configurationOf(branch, {}, { superior: true }));
  if (pinned) {
    const subject = { ...branch, id: LEAF, jwks: { keys: pinned } };
    web.serveStatement(branch.id, LEAF, await statementAbout(branch, subject));
  }
  const role = options.role ?? "leaf";
  const config = resolveFederationConfig({
    entityId: LEAF,
    role,
    ...(role === "anchor" ? {} : { authorityHints: [branch.id] }),
    trustAnchors: [
      {
        entityId: role === "anchor" ? LEAF : branch.id,
        jwks: { keys: options.anchorKids ?? branch.jwks.keys },
      },
    ],
  });
  let now = T0;
  const rollover = new KeyRollover({
    config,
    keys: store,
    client: new FederationClient({ fetch: web.fetch }),
    clock: () => now,
  });
  return { web, rollover, later: (seconds: number) => (now = new Date(now.getTime() + seconds * 1000)) };
}

describe("key roll-over: which key signs", () => {
  it("signs with the newest key the superior pinned, and publishes active and retired keys", async () => {
    const { keys, store, kids } = await keyStore(["retired", "active"]);
    const { rollover } = await leafRollover(store, [keys[0]?.jwk as FederationJwk]);
    expect((await rollover.choice()).kid).toBe(kids[0]);
    expect((await rollover.signing.signer()).keyId).toBe(kids[0]);
    expect((await rollover.signing.jwks()).keys.map((k) => k.kid)).toEqual(kids);
    // The signing key is not historical, even though it is retired.
    expect(await rollover.signing.historicalKeys()).toEqual([]);
    const both = await leafRollover(
      store,
      keys.map((k) => k.jwk),
    );
    expect((await both.rollover.choice()).kid).toBe(kids[1]);
    expect((await both.rollover.signing.historicalKeys()).map((k) => k.jwk.kid)).toEqual([kids[0]]);
  });

  it("assumes an unreachable or silent superior lags one rotation behind", async () => {
    const { store, kids } = await keyStore(["retired", "retired", "active"]);
    const silent = await leafRollover(store, undefined);
    expect((await silent.rollover.choice()).superiors[0]?.pins.kind).toBe("absent");
    expect((await silent.rollover.choice()).kid).toBe(kids[1]);
    const offline = await leafRollover(store, undefined);
    offline.web.offline = true;
    expect((await offline.rollover.choice()).kid).toBe(kids[1]);
    const single = await keyStore(["active"]);
    expect((await (await leafRollover(single.store, undefined)).rollover.choice()).kid).toBe(single.kids[0]);
  });

  it("asks a superior that lacks the new key again at most once a minute, and not once it has it", async () => {
    const { keys, store } = await keyStore(["retired", "active"]);
    const { rollover, web, later } = await leafRollover(store, [keys[0]?.jwk as FederationJwk]);
    const asked = () => web.requests.filter((r) => r.includes("/federation/fetch")).length;
    await rollover.choice();
    await rollover.choice();
    expect(asked()).toBe(1);
    later(61);
    await rollover.choice();
    expect(asked()).toBe(2);
    const settled = await leafRollover(
      store,
      keys.map((k) => k.jwk),
    );
    await settled.rollover.choice();
    settled.later(3600);
    await settled.rollover.choice();
    expect(settled.web.requests.filter((r) => r.includes("/federation/fetch"))).toHaveLength(1);
  });

  it("never signs with or publishes a revoked key, even one the superior still pins", async () => {
    const { keys, store, kids } = await keyStore(["revoked", "active"]);
    const { rollover } = await leafRollover(store, [keys[0]?.jwk as FederationJwk]);
    expect((await rollover.choice()).kid).toBe(kids[1]);
    expect((await rollover.signing.jwks()).keys.map((k) => k.kid)).toEqual([kids[1]]);
    expect(await rollover.signing.historicalKeys()).toEqual([{ jwk: keys[0]?.jwk, revoked: true }]);
    await expect(store.signerFor(kids[0] as string)).rejects.toThrow(TypeError);
  });

  it("an anchor signs with the newest of its keys its own trust-anchor configuration lists", async () => {
    const { keys, store, kids } = await keyStore(["retired", "active"]);
    const old = await leafRollover(store, undefined, {
      role: "anchor",
      anchorKids: [keys[0]?.jwk as FederationJwk],
    });
    expect((await old.rollover.choice()).kid).toBe(kids[0]);
    const both = await leafRollover(store, undefined, { role: "anchor", anchorKids: keys.map((k) => k.jwk) });
    expect((await both.rollover.choice()).kid).toBe(kids[1]);
  });
});
