/**
 * Contract suites for the offer ports (OfferStore, NonceStore). The in-memory twins run them in this package;
 * packages/store runs the very same suites on libSQL, so both behave alike, races included.
 */
import type { AuditLog } from "@learnbridge/issuer";
import { describe, expect, it } from "vitest";
import type { NonceStore } from "../oid4vci/nonce-store.ts";
import { type CredentialOffer, MAX_LIVE_PRE_AUTHORIZED_CODES, MAX_TX_CODE_FAILURES } from "./offer.ts";
import type { OfferStore } from "./offer-store.ts";

type Make<T> = () => Promise<T>;

/** A sample offer; times are XSD dateTimes without fractions, as the store compares them as text. */
export const sampleOffer = (id: string, overrides: Partial<CredentialOffer> = {}): CredentialOffer => ({
  id,
  source: { kind: "award", slug: "data-101", result: { grade: "A", creditsEarned: 2 } },
  achievementId: "https://centre.example/achievements/data-101",
  learnerName: "Amina Yusuf",
  language: "sw",
  formats: ["ldp_vc", "jwt_vc"],
  createdAt: "2026-06-01T00:00:00Z",
  expiresAt: "2026-06-08T00:00:00Z",
  createdBy: "key-1",
  txCode: { length: 6, salt: "c2FsdA", hash: "aGFzaA" },
  txCodeFailures: 0,
  state: "offered",
  ...overrides,
});

const audit = (action: string, subject: string) => ({
  at: "2026-06-01T00:00:00Z",
  actor: "key-1",
  action,
  subject,
  details: { n: 1 },
});

/** A code minted at 2026-06-02T00:00:00Z, good for ten minutes. */
const code = (hash: string, at = "2026-06-02T00:00:00Z", expiresAt = "2026-06-02T00:10:00Z") => ({
  hash,
  expiresAt,
  at,
});

const KEEP = MAX_LIVE_PRE_AUTHORIZED_CODES;

const grant = (codeHash: string, tokenHash: string, at = "2026-06-02T00:01:00Z") => ({
  preAuthorizedCodeHash: codeHash,
  accessTokenHash: tokenHash,
  accessTokenExpiresAt: "2026-06-02T00:06:00Z",
  at,
});

/** OfferStore: one write per change of state, each conditional, so that of racing callers exactly one wins. */
export function offerStoreContract(name: string, make: Make<{ offers: OfferStore; audit: AuditLog }>) {
  describe(`OfferStore contract: ${name}`, () => {
    it("stores offers as given, refuses a taken id, lists newest first by state and page", async () => {
      const { offers, audit: log } = await make();
      const record = sampleOffer("o2", {
        source: { kind: "record", credentialId: "urn:uuid:1" },
        formats: ["jwt_vc"],
        language: "zh-Hans",
      });
      const { txCode: _none, ...noPin } = sampleOffer("o3");
      expect(await offers.create(sampleOffer("o1"), audit("offer.create", "o1"))).toBe(true);
      expect(await offers.create(record)).toBe(true);
      expect(await offers.create(noPin)).toBe(true);
      expect(
        await offers.create(sampleOffer("o1", { learnerName: "Other" }), audit("offer.create", "o1")),
      ).toBe(false);
      expect(await offers.get("o1")).toEqual(sampleOffer("o1"));
      expect(await offers.get("o2")).toEqual(record);
      expect(await offers.get("o3")).toEqual(noPin);
      expect(await offers.get("nope")).toBeUndefined();
      expect((await offers.list()).map((o) => o.id)).toEqual(["o3", "o2", "o1"]);
      expect((await offers.list({ before: "o3", limit: 1 })).map((o) => o.id)).toEqual(["o2"]);
      await offers.revoke("o2", "2026-06-02T00:00:00Z");
      expect((await offers.list({ state: "offered" })).map((o) => o.id)).toEqual(["o3", "o1"]);
      expect((await log.list()).map((e) => [e.action, e.subject])).toEqual([["offer.create", "o1"]]);
    });

    it("counts PIN tries up to the limit, atomically, and refunds the right one on grant", async () => {
      const { offers } = await make();
      await offers.create(sampleOffer("o1"));
      expect(await offers.takeTxCodeTry("o1", MAX_TX_CODE_FAILURES)).toBe(1);
      expect(await offers.takeTxCodeTry("o1", MAX_TX_CODE_FAILURES)).toBe(2);
      const racing = await Promise.all(
        Array.from({ length: 8 }, () => offers.takeTxCodeTry("o1", MAX_TX_CODE_FAILURES)),
      );
      expect(racing.filter((n) => n !== undefined).sort()).toEqual([3, 4, 5]);
      expect((await offers.get("o1"))?.txCodeFailures).toBe(5);
      expect(await offers.takeTxCodeTry("nope", MAX_TX_CODE_FAILURES)).toBeUndefined();

      await offers.create(sampleOffer("o2"));
      expect(await offers.takeTxCodeTry("o2", MAX_TX_CODE_FAILURES)).toBe(1);
      expect(await offers.takeTxCodeTry("o2", MAX_TX_CODE_FAILURES)).toBe(2);
      await offers.bindPreAuthorizedCode("o2", code("c2"), KEEP);
      expect(await offers.grant("o2", { ...grant("c2", "h2"), refundTxCodeTry: true })).toBe(true);
      expect((await offers.get("o2"))?.txCodeFailures).toBe(1);
      // A granted offer still counts tries (a new code may be minted for it) until it is redeemed.
      expect(await offers.takeTxCodeTry("o2", MAX_TX_CODE_FAILURES)).toBe(2);
      await offers.redeem("o2", {
        credentialId: "urn:uuid:2",
        holder: "did:key:2",
        via: "oid4vci",
        at: "2026-06-02T00:02:00Z",
      });
      expect(await offers.takeTxCodeTry("o2", MAX_TX_CODE_FAILURES)).toBeUndefined();

      // A right PIN typed elsewhere gives its try back; never below zero, never on a closed offer.
      await offers.create(sampleOffer("o3"));
      expect(await offers.takeTxCodeTry("o3", MAX_TX_CODE_FAILURES)).toBe(1);
      await offers.refundTxCodeTry("o3");
      await offers.refundTxCodeTry("o3");
      expect((await offers.get("o3"))?.txCodeFailures).toBe(0);
      await offers.takeTxCodeTry("o3", MAX_TX_CODE_FAILURES);
      await offers.revoke("o3", "2026-06-02T00:00:00Z");
      await offers.refundTxCodeTry("o3");
      await offers.refundTxCodeTry("nope");
      expect((await offers.get("o3"))?.txCodeFailures).toBe(1);
    });

    it("binds fresh pre-authorized codes to an open offer only; the earlier ones keep working", async () => {
      const { offers } = await make();
      await offers.create(sampleOffer("o1"));
      expect(await offers.bindPreAuthorizedCode("o1", code("c1"), KEEP)).toBe(true);
      expect(await offers.findByPreAuthorizedCode("c1")).toEqual({
        offer: sampleOffer("o1"),
        code: { hash: "c1", expiresAt: "2026-06-02T00:10:00Z" },
      });
      expect(await offers.bindPreAuthorizedCode("o1", code("c2", "2026-06-02T00:00:30Z"), KEEP)).toBe(true);
      expect((await offers.findByPreAuthorizedCode("c1"))?.offer.id).toBe("o1");
      expect((await offers.findByPreAuthorizedCode("c2"))?.offer.id).toBe("o1");
      // The first code still grants although a second was minted after it; a hash is never bound twice.
      expect(await offers.grant("o1", grant("c1", "h1"))).toBe(true);
      expect(await offers.bindPreAuthorizedCode("o1", code("c1", "2026-06-02T00:02:00Z"), KEEP)).toBe(false);
      expect(await offers.findByPreAuthorizedCode("c1")).toMatchObject({
        code: { hash: "c1", usedAt: "2026-06-02T00:01:00Z" },
      });
      expect(await offers.findByPreAuthorizedCode("unknown")).toBeUndefined();

      // An expired offer (at the minting time), a withdrawn one, an unknown one: no code.
      await offers.create(sampleOffer("o2"));
      expect(await offers.bindPreAuthorizedCode("o2", code("c3", "2026-06-08T00:00:00Z"), KEEP)).toBe(false);
      await offers.create(sampleOffer("o3"));
      await offers.revoke("o3", "2026-06-02T00:00:00Z");
      expect(await offers.bindPreAuthorizedCode("o3", code("c4"), KEEP)).toBe(false);
      expect(await offers.bindPreAuthorizedCode("nope", code("c5"), KEEP)).toBe(false);
      expect(await offers.findByPreAuthorizedCode("c3")).toBeUndefined();
      expect(await offers.findByPreAuthorizedCode("c4")).toBeUndefined();
    });

    it("keeps an offer's newest codes only: the oldest beyond `keep` and the expired ones go", async () => {
      const { offers } = await make();
      await offers.create(sampleOffer("o1"));
      await offers.create(sampleOffer("o2"));
      const minted = (n: number) => code(`c${n}`, `2026-06-02T00:00:0${n}Z`);
      for (const n of [1, 2, 3, 4, 5, 6])
        expect(await offers.bindPreAuthorizedCode("o1", minted(n), 5)).toBe(true);
      // Another offer's codes neither count nor go.
      await offers.bindPreAuthorizedCode("o2", code("other"), 5);
      expect(await offers.findByPreAuthorizedCode("c1")).toBeUndefined();
      expect(await offers.grant("o1", grant("c1", "h1"))).toBe(false);
      for (const n of [2, 3, 4, 5, 6])
        expect((await offers.findByPreAuthorizedCode(`c${n}`))?.offer.id).toBe("o1");
      expect(await offers.grant("o1", grant("c2", "h2"))).toBe(true);
      // A used code still counts among the kept (it answers "used" to a replay), and goes when it is oldest.
      expect(await offers.bindPreAuthorizedCode("o1", code("c7", "2026-06-02T00:00:07Z"), 5)).toBe(true);
      expect(await offers.findByPreAuthorizedCode("c2")).toBeUndefined();
      expect((await offers.findByPreAuthorizedCode("c3"))?.offer.id).toBe("o1");

      // A code minted after the others expired: they are forgotten at once.
      const late = code("late", "2026-06-02T00:10:07Z", "2026-06-02T00:20:07Z");
      expect(await offers.bindPreAuthorizedCode("o1", late, 5)).toBe(true);
      for (const n of [3, 4, 5, 6, 7]) expect(await offers.findByPreAuthorizedCode(`c${n}`)).toBeUndefined();
      expect((await offers.findByPreAuthorizedCode("late"))?.offer.id).toBe("o1");
      expect((await offers.findByPreAuthorizedCode("other"))?.offer.id).toBe("o2");

      // Minting races keep exactly `keep`, whichever order they land in.
      await offers.create(sampleOffer("o3"));
      const racing = Array.from({ length: 8 }, (_, n) => code(`r${n}`, "2026-06-02T00:00:10Z"));
      await Promise.all(racing.map((c) => offers.bindPreAuthorizedCode("o3", c, 3)));
      const kept = await Promise.all(racing.map((c) => offers.findByPreAuthorizedCode(c.hash)));
      expect(kept.filter(Boolean)).toHaveLength(3);
    });

    it("exchanges a code once, while it and its offer live, and finds the offer by token", async () => {
      const { offers } = await make();
      await offers.create(sampleOffer("o1"));
      await offers.bindPreAuthorizedCode("o1", code("c1"), KEEP);
      await offers.bindPreAuthorizedCode("o1", code("c2", "2026-06-02T00:00:30Z"), KEEP);
      const wins = await Promise.all(["h1", "h2", "h3", "h4"].map((h) => offers.grant("o1", grant("c1", h))));
      expect(wins.filter(Boolean)).toHaveLength(1);
      const granted = await offers.get("o1");
      expect(granted).toMatchObject({
        grantedAt: "2026-06-02T00:01:00Z",
        accessTokenExpiresAt: "2026-06-02T00:06:00Z",
      });
      expect((await offers.findByPreAuthorizedCode("c1"))?.code.usedAt).toBe("2026-06-02T00:01:00Z");
      expect((await offers.findByPreAuthorizedCode("c2"))?.code.usedAt).toBeUndefined();
      expect(await offers.findByAccessToken(granted?.accessTokenHash as string)).toEqual(granted);
      expect(await offers.findByAccessToken("unknown")).toBeUndefined();
      // Used: the same code grants no second token; the other code does, and its token replaces the first.
      expect(await offers.grant("o1", grant("c1", "h5", "2026-06-02T00:02:00Z"))).toBe(false);
      expect(await offers.grant("o1", grant("c2", "h6", "2026-06-02T00:04:00Z"))).toBe(true);
      expect(await offers.findByAccessToken(granted?.accessTokenHash as string)).toBeUndefined();
      expect((await offers.findByAccessToken("h6"))?.id).toBe("o1");
      // Two different codes of one offer granted at once: both are spent, one token stands.
      await offers.bindPreAuthorizedCode(
        "o1",
        code("c7", "2026-06-02T00:05:00Z", "2026-06-02T00:15:00Z"),
        KEEP,
      );
      await offers.bindPreAuthorizedCode(
        "o1",
        code("c8", "2026-06-02T00:05:00Z", "2026-06-02T00:15:00Z"),
        KEEP,
      );
      const both = await Promise.all([
        offers.grant("o1", grant("c7", "h7", "2026-06-02T00:06:00Z")),
        offers.grant("o1", grant("c8", "h8", "2026-06-02T00:06:00Z")),
      ]);
      expect(both).toEqual([true, true]);
      const tokens = await Promise.all(["h7", "h8"].map((h) => offers.findByAccessToken(h)));
      expect(tokens.filter(Boolean)).toHaveLength(1);
      // A code is bound to its own offer: another offer's id does not take it.
      await offers.create(sampleOffer("o9"));
      await offers.bindPreAuthorizedCode("o9", code("c9"), KEEP);
      expect(await offers.grant("o1", grant("c9", "h9"))).toBe(false);

      // A code past its own expiry, or past its offer's; a withdrawn or redeemed offer; an unknown one.
      await offers.create(sampleOffer("o2"));
      await offers.bindPreAuthorizedCode("o2", code("c3"), KEEP);
      expect(await offers.grant("o2", grant("c3", "h10", "2026-06-02T00:10:00Z"))).toBe(false);
      await offers.create(sampleOffer("o3", { expiresAt: "2026-06-02T00:05:00Z" }));
      await offers.bindPreAuthorizedCode("o3", code("c4"), KEEP);
      expect(await offers.grant("o3", grant("c4", "h11", "2026-06-02T00:05:00Z"))).toBe(false);
      await offers.create(sampleOffer("o4"));
      await offers.bindPreAuthorizedCode("o4", code("c5"), KEEP);
      await offers.revoke("o4", "2026-06-02T00:00:30Z");
      expect(await offers.grant("o4", grant("c5", "h12"))).toBe(false);
      // Redeemed by any code (or by VC-API): every other code of the offer is refused, and still found.
      await offers.create(sampleOffer("o5"));
      await offers.bindPreAuthorizedCode("o5", code("c6"), KEEP);
      await offers.redeem("o5", {
        credentialId: "urn:uuid:5",
        holder: "did:key:5",
        via: "vcapi",
        at: "2026-06-02T00:00:30Z",
      });
      expect(await offers.grant("o5", grant("c6", "h13"))).toBe(false);
      expect((await offers.findByPreAuthorizedCode("c6"))?.offer.state).toBe("redeemed");
      expect(await offers.grant("nope", grant("c6", "h14"))).toBe(false);
    });

    it("redeems once, with its audit entry in the same write", async () => {
      const { offers, audit: log } = await make();
      await offers.create(sampleOffer("o1"));
      const redemption = (holder: string) => ({
        credentialId: `urn:uuid:${holder}`,
        holder: `did:key:${holder}`,
        via: "oid4vci",
        at: "2026-06-03T00:00:00Z",
      });
      const wins = await Promise.all(
        ["a", "b", "c"].map((h) => offers.redeem("o1", redemption(h), audit("offer.redeem", "o1"))),
      );
      expect(wins.filter(Boolean)).toHaveLength(1);
      const redeemed = await offers.get("o1");
      expect(redeemed).toMatchObject({
        state: "redeemed",
        redeemedVia: "oid4vci",
        redeemedAt: "2026-06-03T00:00:00Z",
      });
      expect(redeemed?.credentialId).toBe(`urn:uuid:${redeemed?.holder?.slice("did:key:".length)}`);
      expect((await log.list()).filter((e) => e.action === "offer.redeem")).toHaveLength(1);
      expect(await offers.revoke("o1", "2026-06-04T00:00:00Z", audit("offer.revoke", "o1"))).toBe(false);
      expect(await offers.redeem("nope", redemption("d"))).toBe(false);
    });

    it("revokes an offered offer once; a revoked offer cannot be redeemed", async () => {
      const { offers, audit: log } = await make();
      await offers.create(sampleOffer("o1"));
      const wins = await Promise.all(
        [1, 2].map(() => offers.revoke("o1", "2026-06-02T00:00:00Z", audit("offer.revoke", "o1"))),
      );
      expect(wins.filter(Boolean)).toHaveLength(1);
      expect(await offers.get("o1")).toMatchObject({ state: "revoked", revokedAt: "2026-06-02T00:00:00Z" });
      expect(
        await offers.redeem("o1", {
          credentialId: "urn:uuid:x",
          holder: "did:key:x",
          via: "vcapi",
          at: "2026-06-03T00:00:00Z",
        }),
      ).toBe(false);
      expect((await log.list()).map((e) => e.action)).toEqual(["offer.revoke"]);
    });
  });
}

/** NonceStore: a nonce is good once, before it expires. */
export function nonceStoreContract(name: string, make: Make<NonceStore>) {
  describe(`NonceStore contract: ${name}`, () => {
    it("accepts a live nonce exactly once, and never an expired or unknown one", async () => {
      const nonces = await make();
      const now = Date.parse("2026-06-01T00:00:00Z");
      await nonces.put("n1", now + 300_000, now);
      await nonces.put("n2", now + 300_000, now);
      const racing = await Promise.all(Array.from({ length: 6 }, () => nonces.consume("n1", now + 1000)));
      expect(racing.filter(Boolean)).toHaveLength(1);
      expect(await nonces.consume("n1", now + 1000)).toBe(false);
      expect(await nonces.consume("n2", now + 300_000)).toBe(false);
      expect(await nonces.consume("n2", now)).toBe(false);
      expect(await nonces.consume("never", now)).toBe(false);
    });

    it("keeps live nonces while dropping expired ones", async () => {
      const nonces = await make();
      const now = Date.parse("2026-06-01T00:00:00Z");
      await nonces.put("old", now + 1000, now);
      await nonces.put("live", now + 600_000, now + 2000);
      await nonces.put("fresh", now + 700_000, now + 100_000);
      expect(await nonces.consume("old", now + 100_000)).toBe(false);
      expect(await nonces.consume("live", now + 100_000)).toBe(true);
      expect(await nonces.consume("fresh", now + 100_000)).toBe(true);
    });
  });
}
