/**
 * The whole of issue #4 from the learner's side, over loopback HTTP between real servers: centre A offers a
 * micro-credential twice (as Data Integrity with a PIN, as a signed JWT without), our wallet (its CLI, on a
 * libSQL file) accepts both; an employer on centre B asks for that achievement by OpenID4VP, the learner
 * shares each in turn (the signed JWT by plain direct_post, the Data Integrity credential encrypted to the
 * request's key by direct_post.jwt), and centre B reports the presentation verified with every check listed. Then the
 * wallet is backed up and restored elsewhere, and a wrong passphrase is refused without writing anything.
 */
import { access, mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIGITAL_SKILLS } from "../../packages/app/src/test-support/achievement-fixtures.ts";
import { run } from "../../packages/wallet/src/cli/main.ts";
import { scriptedIo } from "../../packages/wallet/src/testing/scripted-io.ts";
import { type Json, type RunningNode, startNode } from "./two-nodes.ts";

const PASSPHRASE = "my grandchildren's names";
const SLUG = DIGITAL_SKILLS.slug;

let centreA: RunningNode;
let employerB: RunningNode;
let dir: string;

beforeAll(async () => {
  [centreA, employerB] = await Promise.all([startNode(), startNode()]);
  dir = await mkdtemp(join(tmpdir(), "learnbridge-e2e-wallet-"));
  const profile = await centreA.call("/profile", {
    method: "PUT",
    body: {
      name: { en: "Riverside Open Learning Centre", zh: "河畔开放学习中心" },
      sourceLanguage: "en",
      country: "CN",
    },
  });
  expect(profile.status, JSON.stringify(profile.body)).toBe(200);
  const defined = await centreA.call("/achievements", { body: DIGITAL_SKILLS });
  expect(defined.status, JSON.stringify(defined.body)).toBe(201);
});
afterAll(async () => {
  await Promise.all([centreA?.close(), employerB?.close()]);
});

/** The wallet CLI, in this process, on the wallet file in `dir`/`name`. */
async function wallet(
  argv: string[],
  options: { name?: string; answers?: string[]; passphrase?: string } = {},
) {
  const session = scriptedIo(
    { LEARNBRIDGE_WALLET_PASSPHRASE: options.passphrase ?? PASSPHRASE, LANG: "en_US.UTF-8" },
    options.answers ?? [],
  );
  const status = await run(
    [...argv, "--wallet", join(dir, options.name ?? "phone"), "--allow-loopback"],
    session.io,
  );
  return { status, out: session.text(), err: session.errors(), asked: session.asked };
}

/** Every check of the report: the presentation's four and the credential's eight, with trust not configured. */
function expectEveryCheckVerified(presentation: Json) {
  expect(presentation.report.verified).toBe(true);
  expect(presentation.report.checks.map((c: Json) => [c.name, c.outcome])).toEqual([
    ["structure", "pass"],
    ["context", "pass"],
    ["proof", "pass"],
    ["presentation", "pass"],
  ]);
  const [credential] = presentation.report.credentials;
  expect(credential.verified).toBe(true);
  expect(credential.checks.map((c: Json) => [c.name, c.outcome])).toEqual([
    ["structure", "pass"],
    ["context", "pass"],
    ["proof", "pass"],
    ["issuer", "pass"],
    ["validity", "pass"],
    ["status", "pass"],
    ["schema", "pass"],
    ["trust", "skipped"],
  ]);
}

const idIn = (out: string) => /id: (urn:uuid:\S+)/.exec(out)?.[1] ?? "";

describe("a learner's wallet between two centres", () => {
  const received: Record<"ldp_vc" | "jwt_vc", string> = { ldp_vc: "", jwt_vc: "" };
  let holder = "";

  it("accepts centre A's offers in both formats, one with a PIN, with names in the learner's language", async () => {
    const init = await wallet(["init"]);
    expect(init.status, init.err).toBe(0);
    holder = /Your identifier: (did:key:\S+)/.exec(init.out)?.[1] ?? "";

    const withPin = await centreA.call("/oid4vci/offers", {
      body: {
        achievement: SLUG,
        learner: { name: "Li Wei", language: "zh" },
        formats: ["ldp_vc"],
        txCode: true,
      },
    });
    expect(withPin.status, JSON.stringify(withPin.body)).toBe(201);
    expect(withPin.body.pin).toMatch(/^\d{4,8}$/);
    const first = await wallet(["accept", withPin.body.offerUri, "--lang", "zh-CN"], {
      answers: [withPin.body.pin],
    });
    expect(first.status, first.err).toBe(0);
    expect(first.asked).toEqual([`Type the PIN (${withPin.body.pin.length} digits): `]);
    expect(first.out).toContain('Saved: "老年人数字技能" from 河畔开放学习中心 (Data Integrity proof).');
    expect(first.out).toContain(
      "Checked and fine: the signature, the issuer, the dates, not revoked, the format.",
    );
    received.ldp_vc = idIn(first.out);

    const noPin = await centreA.call("/oid4vci/offers", {
      body: { achievement: SLUG, learner: { name: "Li Wei" }, formats: ["jwt_vc"], txCode: false },
    });
    expect(noPin.status, JSON.stringify(noPin.body)).toBe(201);
    const second = await wallet(["accept", noPin.body.offerUri]);
    expect(second.status, second.err).toBe(0);
    expect(second.out).toContain(
      'Saved: "Digital Skills for Seniors" from Riverside Open Learning Centre (signed JWT).',
    );
    received.jwt_vc = idIn(second.out);

    // Centre A's own record: both offers redeemed, to the learner's DID, by OID4VCI.
    const offers = await centreA.call("/oid4vci/offers");
    expect(offers.body.offers.map((o: Json) => [o.state, o.holder, o.redeemedVia])).toEqual([
      ["redeemed", holder, "oid4vci"],
      ["redeemed", holder, "oid4vci"],
    ]);
    // An offer is used once: the same link again is refused, in plain words.
    const again = await wallet(["accept", noPin.body.offerUri]);
    expect(again.status).toBe(1);
    expect(again.err).toContain("used already");
    expect((await wallet(["list"])).out).toContain("You have 2 credentials:");
  });

  for (const [format, responseMode] of [
    ["jwt_vc", "direct_post"],
    ["ldp_vc", "direct_post.jwt"],
  ] as const) {
    it(`answers an employer's OpenID4VP request on centre B with the ${format} credential by ${responseMode}; B reports every check verified`, async () => {
      expect(received[format], "the credential of the previous test").toMatch(/^urn:uuid:/);
      const created = await employerB.call("/oid4vp/requests", {
        body: { achievement: `${centreA.url}/achievements/${SLUG}`, responseMode },
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      expect(created.body.responseMode).toBe(responseMode);
      expect(created.body.walletLink).toMatch(
        /^openid4vp:\/\/\?client_id=decentralized_identifier%3Adid%3Aweb%3A127.0.0.1/,
      );

      const shared = await wallet(["present", created.body.walletLink, "--credential", received[format]]);
      expect(shared.status, shared.err).toBe(0);
      // The name as the learner received it: in Chinese for the first, in English for the second.
      const name = format === "ldp_vc" ? "老年人数字技能" : "Digital Skills for Seniors";
      expect(shared.out).toContain(`Shared "${name}" with 127.0.0.1:`);

      const result = await employerB.call(`/oid4vp/requests/${created.body.id}`, {
        token: created.body.readToken,
      });
      expect(result.status).toBe(200);
      expect(result.body.status).toBe("completed");
      expect(result.body.responseMode).toBe(responseMode);
      expect(result.body.result.verified).toBe(true);
      expect(result.body.result.holders).toEqual([holder]);
      const [presentation] = result.body.result.presentations;
      expect(presentation.format).toBe(format === "ldp_vc" ? "ldp_vc" : "jwt_vc_json");
      expect(presentation.holder).toBe(holder);
      expectEveryCheckVerified(presentation);
    });
  }

  it("lets the learner choose interactively, or decline, and B records the refusal", async () => {
    const created = await employerB.call("/oid4vp/requests", { body: { issuer: centreA.did } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const declined = await wallet(["present", created.body.walletLink], { answers: [""] });
    expect(declined.status, declined.err).toBe(0);
    expect(declined.out).toContain("You can share one of these:");
    expect(declined.out).toContain("Nothing was shared.");
    const result = await employerB.call(`/oid4vp/requests/${created.body.id}`, {
      token: created.body.readToken,
    });
    expect(result.body.status).not.toBe("completed");
    expect(result.body.result?.verified ?? false).toBe(false);
  });

  it("backs up, restores on another device, and refuses a wrong passphrase without writing anything", async () => {
    const file = join(dir, "wallet-backup.json");
    const exported = await wallet(["backup", "export", file]);
    expect(exported.status, exported.err).toBe(0);
    expect(exported.out).toContain("2 credentials and your keys, encrypted");

    const wrong = await wallet(["backup", "import", file], {
      name: "new-phone",
      passphrase: "not my passphrase",
    });
    expect(wrong.status).toBe(1);
    expect(wrong.err).toBe("That passphrase does not open this backup. Nothing was changed.");
    await expect(access(join(dir, "new-phone", "wallet.db"))).rejects.toThrow();

    const restored = await wallet(["backup", "import", file], { name: "new-phone" });
    expect(restored.status, restored.err).toBe(0);
    expect(restored.out).toContain("Credentials: 2 added (2 in the backup)");

    // The restored wallet holds the same identifier and keys: it answers an employer by itself.
    expect((await wallet(["did", "list"], { name: "new-phone" })).out).toContain(holder);
    const created = await employerB.call("/oid4vp/requests", {
      body: { achievement: `${centreA.url}/achievements/${SLUG}` },
    });
    const shared = await wallet(["present", created.body.walletLink, "--credential", received.ldp_vc], {
      name: "new-phone",
    });
    expect(shared.status, shared.err).toBe(0);
    const result = await employerB.call(`/oid4vp/requests/${created.body.id}`, {
      token: created.body.readToken,
    });
    expect(result.body.result.verified).toBe(true);
    expectEveryCheckVerified(result.body.result.presentations[0]);
  });
});
