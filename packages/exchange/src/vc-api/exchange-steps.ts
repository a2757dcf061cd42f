/**
 * The steps of a claim exchange as pure functions from one exchange state to the next. Each bumps the
 * sequence by one, so the store records it only over the state it was computed from.
 */
import type { ExchangeError, VcApiExchange } from "./exchange-store.ts";

/** The workflow whose exchanges deliver credential offers. */
export const CLAIM_WORKFLOW = "claim";

/** A new, pending exchange for `offerId`, open until `expiresAt`. */
export function newExchange(id: string, offerId: string, expiresAt: number, now: number): VcApiExchange {
  return {
    workflow: CLAIM_WORKFLOW,
    id,
    offerId,
    state: "pending",
    sequence: 0,
    expiresAt,
    createdAt: now,
    updatedAt: now,
  };
}

/** Drops the challenge and the last error of an exchange (a step that either replaces or spends them). */
function withoutChallenge(exchange: VcApiExchange): VcApiExchange {
  const { challenge: _c, challengeExpiresAt: _e, lastError: _l, ...rest } = exchange;
  return rest;
}

/** Active, waiting for a presentation over `challenge`, which replaces any earlier one. */
export const challenged = (
  exchange: VcApiExchange,
  challenge: string,
  challengeExpiresAt: number,
  now: number,
): VcApiExchange => ({
  ...withoutChallenge(exchange),
  state: "active",
  sequence: exchange.sequence + 1,
  challenge,
  challengeExpiresAt,
  updatedAt: now,
});

/** The challenge spent by a presentation that arrived, whatever the presentation turns out to be. */
export const spent = (exchange: VcApiExchange, now: number): VcApiExchange => ({
  ...withoutChallenge(exchange),
  sequence: exchange.sequence + 1,
  updatedAt: now,
});

/** Why the presentation was refused; `final` when the exchange can never complete (the offer is gone). */
export const failed = (
  exchange: VcApiExchange,
  error: ExchangeError,
  now: number,
  final = false,
): VcApiExchange => ({
  ...withoutChallenge(exchange),
  ...(final ? { state: "invalid" as const } : {}),
  sequence: exchange.sequence + 1,
  lastError: error,
  updatedAt: now,
});

/** Done: the credential was delivered to `holder`. */
export const completed = (
  exchange: VcApiExchange,
  holder: string,
  credentialId: string,
  now: number,
): VcApiExchange => ({
  ...withoutChallenge(exchange),
  state: "complete",
  sequence: exchange.sequence + 1,
  holder,
  credentialId,
  updatedAt: now,
});
