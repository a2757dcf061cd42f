/**
 * Federation key roll-over (OpenID Federation 1.0 §11): a leaf, an intermediate or the anchor rotates its
 * signing key and every chain through it keeps validating, fresh (no cached chain) as well as cached;
 * credentials signed before and after the rotation verify with the trust check passing, and catalogue
 * owners stay trusted. Superiors re-pin only from a configuration signed by a key they pinned.
 */
import { beforeEach, describe, expect, it } from "vitest";
import {
  issueAt,
  OPEN_UNIVERSITY,
  startOpenUniversity,
  type TestNode,
  TRUST_MARK_TYPES,
  TrustNetwork,
  trustCheckAt,
} from "../../packages/app/src/federation-trust/test-network.ts";
import { createSigner, generateKeyPair, publicKeyToJwk } from "../../packages/core/src/index.ts";
import { signEntityStatement } from "../../packages/federation/src/index.ts";

const { HQ, BRANCH, NAIROBI } = OPEN_UNIVERSITY;
const { accreditedCentre, microcredentialIssuer } = TRUST_MARK_TYPES;

let network: TrustNetwork;
let hq: TestNode;
let branch: TestNode;
let nairobi: TestNode;
let seniors: TestNode;

/** hq (anchor) → branch (intermediate) → nairobi (leaf, accredited by branch); seniors (leaf under hq) verifies. */
beforeEach(async () => {
  network = new TrustNetwork();
  ({ hq, branch, nairobi, seniors } = await startOpenUniversity(network));
  const scope = { max_eqf_level: 5, fields: ["05"], jurisdiction: "KE" };
  for (const [type, extra] of [
    [accreditedCentre, {}],
    [microcredentialIssuer, { scope }],
  ] as const) {
    expect((await branch.admin("/federation/trust-marks", { type, sub: NAIROBI, ...extra })).status).toBe(
      201,
    );
  }
  expect((await nairobi.admin("/federation/held-trust-marks/refresh")).status).toBe(200);
});

const claimsOf = (jwt: string) => {
  const [header, payload] = jwt
    .split(".")
    .slice(0, 2)
    .map((part) => JSON.parse(Buffer.from(part, "base64url").toString()));
  return { header, payload };
};
const configurationOf = async (url: string) =>
  claimsOf(await (await network.fetch(`${url}/.well-known/openid-federation`)).text());
const pinnedKids = async (superior: TestNode, sub: string) =>
  (
    claimsOf(
      await (await network.fetch(`${superior.url}/federation/fetch?sub=${encodeURIComponent(sub)}`)).text(),
    ).payload.jwks.keys as { kid: string }[]
  ).map((k) => k.kid);
const kidOf = async (node: TestNode) => `${node.centre.did}#${(await node.centre.keys.activeKey()).id}`;
/** Forgets every chain the verifier resolved, so that the next check collects them afresh. */
const forgetChains = async () => {
  for (const id of [HQ, BRANCH, NAIROBI]) await seniors.chains.delete(id);
};

/** The verifier's trust check on `credential` passes and names anchor and intermediate; the owner is trusted. */
async function expectTrusted(credential: unknown) {
  const { trust, report } = await trustCheckAt(seniors, credential);
  expect(report.checks.find((c) => c.name === "proof")?.outcome).toBe("pass");
  expect(trust).toMatchObject({
    outcome: "pass",
    code: "OK",
    data: { anchorName: "Open University Headquarters", viaNames: ["Guangdong Provincial Branch"] },
  });
  expect(await seniors.centre.federation?.isTrustedOwner(nairobi.centre.did)).toEqual({ status: "trusted" });
}

describe("federation key roll-over", () => {
  it("a leaf rotates: credentials from before and after verify, before and after its superior re-pins", async () => {
    const before = await issueAt(nairobi, 4, "0532", network);
    await expectTrusted(before); // the verifier has the chain cached now
    const oldKid = await kidOf(nairobi);
    await nairobi.centre.keys.rotate(); // no announcement: the superior still pins the old key only
    const newKid = await kidOf(nairobi);
    const after = await issueAt(nairobi, 4, "0532", network);
    expect((after.proof as { verificationMethod: string }).verificationMethod).toBe(newKid);
    await forgetChains();
    await expectTrusted(after);
    await expectTrusted(before);
    // Its configuration publishes both keys and is signed with the one its superior knows.
    const configuration = await configurationOf(NAIROBI);
    expect(configuration.payload.jwks.keys.map((k: { kid: string }) => k.kid)).toEqual([oldKid, newKid]);
    expect(configuration.header.kid).toBe(oldKid);
    expect(await pinnedKids(branch, NAIROBI)).toEqual([oldKid]);

    // The hint: the superior re-pins from a configuration signed by a key it pinned; then the new key signs.
    const announced = await nairobi.admin("/federation/keys/announce");
    expect(await announced.json()).toMatchObject({
      signingKid: newKid,
      superiors: [{ entityId: BRANCH, outcome: "re-pinned", kids: [oldKid, newKid] }],
    });
    expect(await pinnedKids(branch, NAIROBI)).toEqual([oldKid, newKid]);
    expect((await configurationOf(NAIROBI)).header.kid).toBe(newKid);
    const rekeyed = (await branch.audit.list({ limit: 100 })).filter(
      (e) => e.action === "federation.subordinate.rekey",
    );
    expect(rekeyed).toMatchObject([{ actor: NAIROBI, subject: NAIROBI, details: { cause: "hint" } }]);
    await forgetChains();
    await expectTrusted(after);
    await expectTrusted(before);
  });

  it("POST /keys/rotate tells the superiors, which re-pin at once", async () => {
    const before = await issueAt(nairobi, 4, "0532", network);
    const rotated = await nairobi.admin("/keys/rotate");
    expect(await rotated.json()).toMatchObject({
      federation: { superiors: [{ entityId: BRANCH, outcome: "re-pinned" }] },
    });
    expect((await configurationOf(NAIROBI)).header.kid).toBe(await kidOf(nairobi));
    await forgetChains();
    await expectTrusted(await issueAt(nairobi, 4, "0532", network));
    await expectTrusted(before);
  });

  it("an intermediate rotates: its statements and marks keep validating until and after the anchor re-pins", async () => {
    const before = await issueAt(nairobi, 4, "0532", network);
    const oldKid = await kidOf(branch);
    await branch.centre.keys.rotate();
    const newKid = await kidOf(branch);
    await forgetChains();
    const after = await issueAt(nairobi, 4, "0532", network);
    await expectTrusted(after);
    await expectTrusted(before);
    // What it signs as a superior is signed with the key its own superior pinned.
    const statement = claimsOf(
      await (await network.fetch(`${BRANCH}/federation/fetch?sub=${encodeURIComponent(NAIROBI)}`)).text(),
    );
    expect(statement.header.kid).toBe(oldKid);

    // The anchor re-pins lazily, when it next serves fetch for the intermediate after the check interval.
    network.now = new Date(network.now.getTime() + 16 * 60_000);
    expect(await pinnedKids(hq, BRANCH)).toEqual([oldKid, newKid]);
    network.now = new Date(network.now.getTime() + 61_000);
    expect((await configurationOf(BRANCH)).header.kid).toBe(newKid);
    expect(
      (await hq.audit.list({ limit: 100 })).filter((e) => e.action === "federation.subordinate.rekey"),
    ).toMatchObject([{ actor: "system", details: { cause: "fetch" } }]);
    await forgetChains();
    await expectTrusted(await issueAt(nairobi, 4, "0532", network));
    await expectTrusted(before);
  });

  it("the anchor rotates: it keeps signing with the key its members have by configuration", async () => {
    const oldKid = await kidOf(hq);
    await hq.admin("/keys/rotate");
    const configuration = await configurationOf(HQ);
    expect(configuration.header.kid).toBe(oldKid);
    expect(configuration.payload.jwks.keys.map((k: { kid: string }) => k.kid)).toEqual([
      oldKid,
      await kidOf(hq),
    ]);
    await forgetChains();
    await expectTrusted(await issueAt(nairobi, 4, "0532", network));
  });

  it("a configuration signed with a key the superior never pinned is not re-pinned, by any path", async () => {
    const attacker = await generateKeyPair("EdDSA");
    const kid = `${nairobi.centre.did}#key-attacker`;
    const forged = await signEntityStatement(
      {
        iss: NAIROBI,
        sub: NAIROBI,
        iat: Math.floor(network.now.getTime() / 1000),
        exp: Math.floor(network.now.getTime() / 1000) + 3600,
        jwks: { keys: [{ ...(publicKeyToJwk(attacker.publicKey) as { kty: string }), kid, alg: "EdDSA" }] },
        authority_hints: [BRANCH],
      },
      createSigner(attacker, kid),
    );
    const pinned = await pinnedKids(branch, NAIROBI);
    const genuine = network.apps.get(NAIROBI);
    network.apps.set(NAIROBI, {
      request: (url: string, init?: RequestInit) =>
        url.endsWith("/.well-known/openid-federation")
          ? new Response(forged, { headers: { "content-type": "application/entity-statement+jwt" } })
          : (genuine?.request(url, init) as Response | Promise<Response>),
    });
    try {
      const admin = await branch.admin("/federation/subordinates/refresh", { entityId: NAIROBI });
      expect(admin.status).toBe(422);
      expect(await admin.json()).toMatchObject({ code: "ENTITY_STATEMENT_INVALID" });
      const hint = await network.fetch(`${BRANCH}/federation/key_rollover`, {
        method: "POST",
        headers: { "content-type": "application/entity-statement+jwt" },
        body: forged,
      });
      expect(hint.status).toBe(401);
      expect(await hint.json()).toMatchObject({ error: "invalid_client" });
      network.now = new Date(network.now.getTime() + 16 * 60_000); // the lazy check at fetch is due
      expect(await pinnedKids(branch, NAIROBI)).toEqual(pinned);
    } finally {
      if (genuine) network.apps.set(NAIROBI, genuine);
    }
    expect((await branch.audit.list({ limit: 100 })).map((e) => e.action)).not.toContain(
      "federation.subordinate.rekey",
    );
    // The genuine configuration, after a rotation, is re-pinned by the same admin call, and audited.
    await nairobi.centre.keys.rotate();
    const refreshed = await branch.admin("/federation/subordinates/refresh", { entityId: NAIROBI });
    expect(await refreshed.json()).toMatchObject({ rekeyed: true, kids: [...pinned, await kidOf(nairobi)] });
    expect(
      (await branch.audit.list({ limit: 100 })).filter((e) => e.action === "federation.subordinate.rekey"),
    ).toMatchObject([{ details: { cause: "admin", previousKids: pinned } }]);
  });

  it("a revoked key is never used: not published, not signing, dropped from the superior's pins", async () => {
    const oldKid = await kidOf(nairobi);
    const oldId = (await nairobi.centre.keys.activeKey()).id;
    expect((await nairobi.admin("/keys/rotate")).status).toBe(200);
    const newKid = await kidOf(nairobi);
    await nairobi.keyRepository.setStatus(oldId, "revoked");
    await expect(nairobi.centre.keys.signerFor(oldId)).rejects.toThrow(TypeError);
    const configuration = await configurationOf(NAIROBI);
    expect(configuration.header.kid).toBe(newKid);
    expect(configuration.payload.jwks.keys.map((k: { kid: string }) => k.kid)).toEqual([newKid]);
    expect(await (await nairobi.admin("/federation/keys/announce")).json()).toMatchObject({
      superiors: [{ entityId: BRANCH, outcome: "re-pinned", kids: [newKid] }],
    });
    expect(await pinnedKids(branch, NAIROBI)).toEqual([newKid]);
    await forgetChains();
    await expectTrusted(await issueAt(nairobi, 4, "0532", network));
    expect(oldKid).not.toBe(newKid);
  });
});
