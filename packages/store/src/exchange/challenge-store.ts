/**
 * VC API presentation challenges on libSQL (the ChallengeStore port of @learnbridge/exchange), so that a
 * challenge handed out by one process or Worker isolate is accepted by any other, and once only.
 * Issuing is one write batch: shed the expired, insert, shed the oldest beyond capacity. Consuming is one
 * DELETE … RETURNING, so of concurrent consumers exactly one sees the row. Only a SHA-256 of each challenge
 * is stored: a copy of the database hands out no live challenge.
 */

import { sha256, toBase64Url, utf8 } from "@learnbridge/core";
import {
  type ChallengeStore,
  type ChallengeStoreOptions,
  challengeStoreSettings,
  type IssuedChallenge,
  newChallenge,
} from "@learnbridge/exchange";
import { busyRetrying } from "../busy.ts";
import type { SqlClient } from "../sql-client.ts";

const challengeHash = async (challenge: string) => toBase64Url(await sha256(utf8(challenge)));

export class LibsqlChallengeStore implements ChallengeStore {
  readonly #client: SqlClient;
  readonly #settings: ReturnType<typeof challengeStoreSettings>;

  constructor(client: SqlClient, options: ChallengeStoreOptions = {}) {
    this.#settings = challengeStoreSettings(options, "LibsqlChallengeStore");
    // One statement or one batch each: a busy one changed nothing and is simply run again.
    this.#client = busyRetrying(client);
  }

  async issue(): Promise<IssuedChallenge> {
    const { clock, ttlMs, maxEntries, random } = this.#settings;
    const now = clock().getTime();
    const challenge = newChallenge(random);
    const expiresAt = now + ttlMs;
    await this.#client.batch(
      [
        { sql: "DELETE FROM presentation_challenges WHERE expires_at <= ?", args: [now] },
        {
          sql: "INSERT INTO presentation_challenges (challenge_hash, expires_at) VALUES (?, ?)",
          args: [await challengeHash(challenge), expiresAt],
        },
        // A new row's seq is above every present one's (SQLite: max + 1), and seqs are distinct: so at most
        // maxEntries rows lie above max(seq) - maxEntries, and those below are the oldest.
        {
          sql: `DELETE FROM presentation_challenges
                WHERE seq <= (SELECT max(seq) FROM presentation_challenges) - ?`,
          args: [maxEntries],
        },
      ],
      "write",
    );
    return { challenge, expiresAt };
  }

  async consume(challenge: string): Promise<boolean> {
    if (typeof challenge !== "string" || challenge === "") return false;
    const { rows } = await this.#client.execute({
      sql: "DELETE FROM presentation_challenges WHERE challenge_hash = ? RETURNING expires_at",
      args: [await challengeHash(challenge)],
    });
    const expiresAt = rows[0]?.expires_at;
    return (
      expiresAt !== undefined && expiresAt !== null && Number(expiresAt) > this.#settings.clock().getTime()
    );
  }
}
