/**
 * The table of VC API presentation challenges (migration 0015-presentation-challenges), shared by every
 * process and Worker isolate of a centre. Only a hash of each challenge is kept; `seq` orders them by
 * issue, so the oldest beyond the store's capacity go first. Times are integers, milliseconds since the epoch.
 */
import type { Migration } from "../migrations.ts";

export const PRESENTATION_CHALLENGES_MIGRATION: Migration = {
  id: "0015-presentation-challenges",
  statements: [
    `CREATE TABLE presentation_challenges (
      seq INTEGER PRIMARY KEY,
      challenge_hash TEXT NOT NULL UNIQUE,
      expires_at INTEGER NOT NULL
    ) STRICT`,
    "CREATE INDEX presentation_challenges_due ON presentation_challenges (expires_at)",
  ],
};
