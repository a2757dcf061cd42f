/** Migration 0017 on a centre that made offers before it: their one pre-authorized code keeps working. */
import { MAX_LIVE_PRE_AUTHORIZED_CODES } from "@learnbridge/exchange";
import { sampleOffer } from "@learnbridge/exchange/testing";
import { describe, expect, it } from "vitest";
import { MIGRATIONS, migrate } from "../migrations.ts";
import { libsqlBackends } from "../testing/index.ts";
import { LibsqlOfferStore } from "./offer-store.ts";

const backends = libsqlBackends();

/** An offer row as the store of migration 0013 wrote it: its latest code in the offer's own columns. */
const oldOffer = (id: string, codeHash: string | null, usedAt: string | null) => {
  const offer = sampleOffer(id);
  return {
    sql: `INSERT INTO credential_offers (id, source, achievement_id, learner_name, language, formats, created_at,
            expires_at, created_by, tx_code, tx_code_failures, state, pre_authorized_code_hash,
            pre_authorized_code_expires_at, pre_authorized_code_used_at)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 'offered', ?, '2026-06-02T00:10:00Z', ?)`,
    args: [
      id,
      JSON.stringify(offer.source),
      offer.achievementId,
      offer.learnerName,
      offer.language,
      JSON.stringify(offer.formats),
      offer.createdAt,
      offer.expiresAt,
      offer.createdBy,
      JSON.stringify(offer.txCode),
      codeHash,
      usedAt,
    ],
  };
};

describe("migration 0017-offer-live-codes", () => {
  for (const backend of backends) {
    it(`moves each offer's code into the live codes, used or not (${backend.name})`, async () => {
      const client = await backend.open();
      const upTo = MIGRATIONS.findIndex((m) => m.id === "0017-offer-live-codes");
      expect(upTo).toBeGreaterThan(0);
      await migrate(client, { migrations: MIGRATIONS.slice(0, upTo) });
      await client.batch(
        [
          oldOffer("o1", "old1", null),
          oldOffer("o2", "old2", "2026-06-02T00:01:00Z"),
          oldOffer("o3", null, null),
        ],
        "write",
      );
      expect((await migrate(client)).applied).toContain("0017-offer-live-codes");

      const offers = new LibsqlOfferStore(client);
      expect(await offers.findByPreAuthorizedCode("old1")).toEqual({
        offer: sampleOffer("o1"),
        code: { hash: "old1", expiresAt: "2026-06-02T00:10:00Z" },
      });
      expect((await offers.findByPreAuthorizedCode("old2"))?.code.usedAt).toBe("2026-06-02T00:01:00Z");
      // Moved, not copied; an offer that had no code has none.
      const count = async (sql: string) => Number((await client.execute(sql)).rows[0]?.n);
      expect(await count("SELECT COUNT(*) AS n FROM offer_pre_authorized_codes")).toBe(2);
      expect(
        await count("SELECT COUNT(*) AS n FROM credential_offers WHERE pre_authorized_code_hash IS NOT NULL"),
      ).toBe(0);
      // The learner's wallet holds the old code: it still grants, and a new fetch does not void it.
      const minted = { hash: "new1", expiresAt: "2026-06-02T00:12:00Z", at: "2026-06-02T00:02:00Z" };
      expect(await offers.bindPreAuthorizedCode("o1", minted, MAX_LIVE_PRE_AUTHORIZED_CODES)).toBe(true);
      const grant = {
        preAuthorizedCodeHash: "old1",
        accessTokenHash: "t1",
        accessTokenExpiresAt: "2026-06-02T00:08:00Z",
        at: "2026-06-02T00:03:00Z",
      };
      expect(await offers.grant("o1", grant)).toBe(true);
      expect(
        await offers.grant("o2", { ...grant, preAuthorizedCodeHash: "old2", accessTokenHash: "t2" }),
      ).toBe(false);
      expect((await offers.findByPreAuthorizedCode("new1"))?.code.usedAt).toBeUndefined();
    });
  }
});
