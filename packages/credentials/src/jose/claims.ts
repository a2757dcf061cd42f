/**
 * The parts of a VC-JOSE payload that verification evaluates besides the signature: who the document says
 * signed it (`issuer` / `holder`), the JWT time claims (`exp`, `nbf`, `iat`: the signature's own lifetime,
 * not the credential's `validFrom`/`validUntil`), and the verifier binding of presentations (`nonce`, `aud`).
 */
import { type Clock, systemClock } from "@learnbridge/core";
import { err, type Outcome, ok } from "../verify/report.ts";
import { isJsonObject } from "./compact-jws.ts";
import type { SecuredKind } from "./media-types.ts";

/**
 * The id of the party that must control the signing key: the credential's `issuer` (a URL or `{ id }`,
 * required) or the presentation's `holder` (optional in VC 2.0; undefined when absent).
 */
export function signingPartyOf(
  payload: Record<string, unknown>,
  kind: SecuredKind,
): Outcome<string | undefined> {
  const field = kind === "credential" ? "issuer" : "holder";
  const value = payload[field];
  if (value === undefined) {
    return kind === "credential"
      ? err("FIELD_MISSING", "the credential has no `issuer`", { field })
      : ok(undefined);
  }
  const id = isJsonObject(value) ? value.id : value;
  if (typeof id !== "string" || id.length === 0) {
    return err("FIELD_INVALID", `\`${field}\` must be a URL or an object with an \`id\``, { field });
  }
  return ok(id);
}

/** What a verifier expects of the claims that describe the JWT itself (the JWT verifiers' options fit). */
export interface JwtClaimExpectations {
  /** Evaluates `exp`/`nbf`/`iat`; defaults to the system clock. */
  readonly clock?: Clock;
  /** Allowed clock skew for the time claims, in seconds (default 60). */
  readonly clockToleranceSeconds?: number;
  /** This verifier's identifier, which `aud` must name when present. */
  readonly audience?: string;
}

/** The time claims, then `aud`, then `nonce` (when a challenge was issued): the first that fails, or ok. */
export function checkJwtClaims(
  payload: Record<string, unknown>,
  expected: JwtClaimExpectations,
  nonce: string | undefined,
): Outcome<void> {
  const now = (expected.clock ?? systemClock)();
  const time = checkTimeClaims(payload, now, expected.clockToleranceSeconds ?? 60);
  if (!time.ok) return time;
  const audience = checkAudience(payload, expected.audience);
  return audience.ok ? checkNonce(payload, nonce) : audience;
}

/** Checks `exp`, `nbf` and `iat` (NumericDate seconds) against `now`, allowing `toleranceSeconds` of skew. */
export function checkTimeClaims(
  payload: Record<string, unknown>,
  now: Date,
  toleranceSeconds: number,
): Outcome<void> {
  const seconds = now.getTime() / 1000;
  for (const claim of ["exp", "nbf", "iat"] as const) {
    const value = payload[claim];
    if (value === undefined) continue;
    if (typeof value !== "number" || !Number.isFinite(value)) {
      return err("JWT_MALFORMED", `the \`${claim}\` claim must be a NumericDate`, { claim });
    }
    if (claim === "exp" && seconds > value + toleranceSeconds) {
      return err("PROOF_EXPIRED", "the JWT has expired (`exp`)", { exp: value, now: now.toISOString() });
    }
    if (claim !== "exp" && value > seconds + toleranceSeconds) {
      return err("PROOF_CREATED_IN_FUTURE", `the JWT \`${claim}\` is in the future`, {
        [claim]: value,
        now: now.toISOString(),
      });
    }
  }
  return ok(undefined);
}

/** When the verifier issued a challenge, the `nonce` claim must carry it. */
export function checkNonce(payload: Record<string, unknown>, expected: string | undefined): Outcome<void> {
  if (expected === undefined || payload.nonce === expected) return ok(undefined);
  return err("PROOF_CHALLENGE_MISMATCH", "the JWT `nonce` is not the challenge this verifier issued", {
    expected,
    actual: payload.nonce ?? null,
  });
}

/**
 * The `aud` claim (a string or an array of strings) must name the verifier. RFC 7519 §4.1.3: a JWT that
 * carries `aud` MUST be rejected by a recipient that does not identify itself with one of its values, so an
 * `aud` with no expected audience fails too.
 */
export function checkAudience(payload: Record<string, unknown>, expected: string | undefined): Outcome<void> {
  const { aud } = payload;
  if (aud === undefined && expected === undefined) return ok(undefined);
  const audiences = typeof aud === "string" ? [aud] : Array.isArray(aud) ? aud : [];
  if (expected !== undefined && audiences.includes(expected)) return ok(undefined);
  return err(
    "PROOF_DOMAIN_MISMATCH",
    expected === undefined
      ? "the JWT is addressed to an audience (`aud`) but none was expected"
      : "the JWT `aud` does not name this verifier",
    { expected: expected ?? null, actual: aud ?? null },
  );
}
