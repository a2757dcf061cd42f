/**
 * The signed answers of the resolve endpoint (`resolve-response+jwt`, §8.3) and the historical keys
 * endpoint (`jwk-set+jwt`, §8.7).
 */
import type { Clock } from "@learnbridge/core";
import type { FederationKeys } from "./federation-config.ts";
import { signJws } from "./jws.ts";
import type { ResolvedTrust } from "./trust-resolver.ts";

export const RESOLVE_RESPONSE_TYP = "resolve-response+jwt";
export const RESOLVE_RESPONSE_MEDIA_TYPE = "application/resolve-response+jwt";
export const JWK_SET_TYP = "jwk-set+jwt";
export const JWK_SET_MEDIA_TYPE = "application/jwk-set+jwt";

/**
 * The resolve response for a resolved subject: its metadata as its configuration states it (Learnbridge
 * uses no metadata policies), the trust marks found active, and the chain. `exp` is the earliest of the
 * chain's and the included marks' expiry (§8.3.2).
 */
export async function signResolveResponse(
  issuer: string,
  resolved: ResolvedTrust,
  keys: FederationKeys,
  clock: Clock,
): Promise<string> {
  const { chain } = resolved;
  const marks = resolved.marks.filter((m) => m.state === "active");
  const markEntries = marks.map((m) => ({ trust_mark_type: m.type, trust_mark: m.jwt }));
  const markExpiries = marks.map((m) => m.claims?.exp).filter((e): e is number => typeof e === "number");
  const iat = Math.floor(clock().getTime() / 1000);
  return signJws(
    RESOLVE_RESPONSE_TYP,
    {
      iss: issuer,
      sub: chain.subject,
      iat,
      exp: Math.min(chain.expiresAt, ...markExpiries),
      metadata: chain.configuration.metadata ?? {},
      ...(markEntries.length ? { trust_marks: markEntries } : {}),
      trust_chain: chain.statements.map((s) => s.jwt),
    },
    await keys.signer(),
  );
}

/**
 * The node's retired and revoked keys. The key store keeps no retirement time, so `exp` is the time of the
 * answer: an upper bound (the key signs nothing new after it).
 */
export async function signHistoricalKeys(
  issuer: string,
  keys: FederationKeys,
  clock: Clock,
): Promise<string> {
  const iat = Math.floor(clock().getTime() / 1000);
  const historical = await keys.historicalKeys();
  return signJws(
    JWK_SET_TYP,
    {
      iss: issuer,
      iat,
      keys: historical.map(({ jwk, revoked }) => ({
        ...jwk,
        exp: iat,
        ...(revoked ? { revoked: { revoked_at: iat, reason: "unspecified" } } : {}),
      })),
    },
    await keys.signer(),
  );
}
