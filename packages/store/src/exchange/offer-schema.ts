/**
 * The tables of credential offers (migration 0006-credential-offers): the offers, with the hashes of their
 * PIN and access token, and the live OID4VCI nonces. Times of offers are XSD dateTimes without fractions
 * (`2026-06-01T00:00:00Z`), which compare as text; nonce expiries are epoch milliseconds.
 */
import type { Migration } from "../migrations.ts";

export const CREDENTIAL_OFFERS_MIGRATION: Migration = {
  id: "0006-credential-offers",
  statements: [
    // `source`, `formats` and `tx_code` are JSON: they are read whole, never queried into.
    `CREATE TABLE credential_offers (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      id TEXT NOT NULL UNIQUE,
      source TEXT NOT NULL,
      achievement_id TEXT NOT NULL,
      learner_name TEXT NOT NULL,
      language TEXT NOT NULL,
      formats TEXT NOT NULL,
      created_at TEXT NOT NULL,
      expires_at TEXT NOT NULL,
      created_by TEXT NOT NULL,
      tx_code TEXT,
      tx_code_failures INTEGER NOT NULL DEFAULT 0 CHECK (tx_code_failures >= 0),
      state TEXT NOT NULL CHECK (state IN ('offered', 'redeemed', 'revoked')),
      granted_at TEXT,
      access_token_hash TEXT UNIQUE,
      access_token_expires_at TEXT,
      credential_id TEXT,
      holder TEXT,
      redeemed_at TEXT,
      redeemed_via TEXT,
      revoked_at TEXT
    ) STRICT`,
    "CREATE INDEX credential_offers_state ON credential_offers (state, seq)",
    `CREATE TABLE offer_nonces (
      nonce TEXT PRIMARY KEY,
      expires_at INTEGER NOT NULL
    ) STRICT, WITHOUT ROWID`,
    "CREATE INDEX offer_nonces_expiry ON offer_nonces (expires_at)",
  ],
};

/**
 * Migration 0013-offer-pre-authorized-codes: an offer's pre-authorized code is no longer its id but a code
 * minted at each fetch of the offer JSON, kept as a hash with its expiry and the time it was exchanged. Offers
 * made before keep working: a wallet that fetches them again gets a code.
 */
export const OFFER_PRE_AUTHORIZED_CODES_MIGRATION: Migration = {
  id: "0013-offer-pre-authorized-codes",
  statements: [
    "ALTER TABLE credential_offers ADD COLUMN pre_authorized_code_hash TEXT",
    "ALTER TABLE credential_offers ADD COLUMN pre_authorized_code_expires_at TEXT",
    "ALTER TABLE credential_offers ADD COLUMN pre_authorized_code_used_at TEXT",
    `CREATE UNIQUE INDEX credential_offers_pre_authorized_code
      ON credential_offers (pre_authorized_code_hash) WHERE pre_authorized_code_hash IS NOT NULL`,
  ],
};

/**
 * Migration 0017-offer-live-codes: an offer keeps its few newest pre-authorized codes (their hashes) in a
 * table of their own, so that a fetch of the offer JSON no longer voids the code a wallet got before. The
 * one code each offer had is moved there, so offers made before keep working. The old columns stay, empty:
 * a process of the previous release still running while a new one starts must fail no statement.
 */
export const OFFER_LIVE_CODES_MIGRATION: Migration = {
  id: "0017-offer-live-codes",
  statements: [
    // `seq` (the rowid) orders an offer's codes by minting: the oldest go first beyond the cap.
    `CREATE TABLE offer_pre_authorized_codes (
      seq INTEGER PRIMARY KEY,
      code_hash TEXT NOT NULL UNIQUE,
      offer_id TEXT NOT NULL REFERENCES credential_offers (id),
      expires_at TEXT NOT NULL,
      used_at TEXT
    ) STRICT`,
    "CREATE INDEX offer_pre_authorized_codes_offer ON offer_pre_authorized_codes (offer_id, seq)",
    `INSERT INTO offer_pre_authorized_codes (code_hash, offer_id, expires_at, used_at)
      SELECT pre_authorized_code_hash, id, pre_authorized_code_expires_at, pre_authorized_code_used_at
      FROM credential_offers
      WHERE pre_authorized_code_hash IS NOT NULL AND pre_authorized_code_expires_at IS NOT NULL
      ORDER BY seq`,
    `UPDATE credential_offers
      SET pre_authorized_code_hash = NULL, pre_authorized_code_expires_at = NULL,
          pre_authorized_code_used_at = NULL
      WHERE pre_authorized_code_hash IS NOT NULL`,
  ],
};
