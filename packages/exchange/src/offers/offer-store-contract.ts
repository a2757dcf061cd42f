/**
 * Contract suites for the offer ports (OfferStore, NonceStore). The in-memory twins run them in this package;
 * packages/store runs the very same suites on libSQL, so both behave alike, races included.
 */
import type { AuditLog } from "@learnbridge/issuer";
import { describe, expect, it } from "vitest";
import type { NonceStore } from "../oid4vci/nonce-store.ts";
import { type CredentialOffer, MAX_TX_CODE_FAILURES } from "./offer.ts";
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
      await offers.bindPreAuthorizedCode("o2", code("c2"));
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

    it("binds a fresh pre-authorized code to an open offer only; the latest replaces the one before", async () => {
      const { offers } = await make();
      await offers.create(sampleOffer("o1"));
      expect(await offers.bindPreAuthorizedCode("o1", code("c1"))).toBe(true);
      expect(await offers.get("o1")).toMatchObject({
        preAuthorizedCodeHash: "c1",
        preAuthorizedCodeExpiresAt: "2026-06-02T00:10:00Z",
      });
      expect((await offers.findByPreAuthorizedCode("c1"))?.id).toBe("o1");
      expect(await offers.bindPreAuthorizedCode("o1", code("c2", "2026-06-02T00:00:30Z"))).toBe(true);
      expect(await offers.findByPreAuthorizedCode("c1")).toBeUndefined();
      expect((await offers.findByPreAuthorizedCode("c2"))?.id).toBe("o1");
      // Superseded: the old code no longer grants, the latest does.
      expect(await offers.grant("o1", grant("c1", "h1"))).toBe(false);
      expect(await offers.grant("o1", grant("c2", "h2"))).toBe(true);
      expect(await offers.findByPreAuthorizedCode("unknown")).toBeUndefined();

      // An expired offer (at the minting time), a withdrawn one, an unknown one: no code.
      await offers.create(sampleOffer("o2"));
      expect(await offers.bindPreAuthorizedCode("o2", code("c3", "2026-06-08T00:00:00Z"))).toBe(false);
      await offers.create(sampleOffer("o3"));
      await offers.revoke("o3", "2026-06-02T00:00:00Z");
      expect(await offers.bindPreAuthorizedCode("o3", code("c4"))).toBe(false);
      expect(await offers.bindPreAuthorizedCode("nope", code("c5"))).toBe(false);
      expect(await offers.findByPreAuthorizedCode("c3")).toBeUndefined();
      expect(await offers.findByPreAuthorizedCode("c4")).toBeUndefined();
    });

    it("exchanges a code once, while it and its offer live, and finds the offer by token", async () => {
      const { offers } = await make();
      await offers.create(sampleOffer("o1"));
      await offers.bindPreAuthorizedCode("o1", code("c1"));
      const wins = await Promise.all(["h1", "h2", "h3", "h4"].map((h) => offers.grant("o1", grant("c1", h))));
      expect(wins.filter(Boolean)).toHaveLength(1);
      const granted = await offers.get("o1");
      expect(granted).toMatchObject({
        grantedAt: "2026-06-02T00:01:00Z",
        preAuthorizedCodeUsedAt: "2026-06-02T00:01:00Z",
        accessTokenExpiresAt: "2026-06-02T00:06:00Z",
      });
      expect(await offers.findByAccessToken(granted?.accessTokenHash as string)).toEqual(granted);
      expect(await offers.findByAccessToken("unknown")).toBeUndefined();
      // Used: the same code grants no second token; a new code does, and its token replaces the first.
      expect(await offers.grant("o1", grant("c1", "h5", "2026-06-02T00:02:00Z"))).toBe(false);
      expect(await offers.bindPreAuthorizedCode("o1", code("c2", "2026-06-02T00:03:00Z"))).toBe(true);
      expect((await offers.get("o1"))?.preAuthorizedCodeUsedAt).toBeUndefined();
      expect(await offers.grant("o1", grant("c2", "h6", "2026-06-02T00:04:00Z"))).toBe(true);
      expect(await offers.findByAccessToken(granted?.accessTokenHash as string)).toBeUndefined();
      expect((await offers.findByAccessToken("h6"))?.id).toBe("o1");

      // A code past its own expiry, or past its offer's; a withdrawn or redeemed offer; an unknown one.
      await offers.create(sampleOffer("o2"));
      await offers.bindPreAuthorizedCode("o2", code("c3"));
      expect(await offers.grant("o2", grant("c3", "h7", "2026-06-02T00:10:00Z"))).toBe(false);
      await offers.create(sampleOffer("o3", { expiresAt: "2026-06-02T00:05:00Z" }));
      await offers.bindPreAuthorizedCode("o3", code("c4"));
      expect(await offers.grant("o3", grant("c4", "h8", "2026-06-02T00:05:00Z"))).toBe(false);
      await offers.create(sampleOffer("o4"));
      await offers.bindPreAuthorizedCode("o4", code("c5"));
      await offers.revoke("o4", "2026-06-02T00:00:30Z");
      expect(await offers.grant("o4", grant("c5", "h9"))).toBe(false);
      await offers.create(sampleOffer("o5"));
      await offers.bindPreAuthorizedCode("o5", code("c6"));
      await offers.redeem("o5", {
        credentialId: "urn:uuid:5",
        holder: "did:key:5",
        via: "vcapi",
        at: "2026-06-02T00:00:30Z",
      });
      expect(await offers.grant("o5", grant("c6", "h10"))).toBe(false);
      expect(await offers.grant("nope", grant("c6", "h11"))).toBe(false);
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
