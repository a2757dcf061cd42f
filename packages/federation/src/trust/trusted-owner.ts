/**
 * `isTrustedOwner(ownerDid)`: the check a catalogue follower applies to every record's owner. The owner's
 * did:web leads to its entity id, which must resolve to a trust anchor this node accepts, declare that DID,
 * and hold an active accredited-centre mark. The answer has three values, because "cannot be resolved now"
 * (an anchor or intermediate unreachable, nothing cached) is no verdict on the owner: a follower retries
 * later instead of refusing the owner's records for good.
 */
import type { ErrorCode } from "@learnbridge/core";
import { assessMembership } from "./accreditation.ts";
import { entityIdFromDid } from "./entity-id.ts";
import { type TrustOutcome, untrusted } from "./outcome.ts";
import { TRUST_MARK_TYPES } from "./trust-mark.ts";
import type { ResolvedTrust, ResolveOptions, TrustResolver } from "./trust-resolver.ts";

/**
 * Whether a record's owner is an accredited member: `trusted`; `untrusted` with the trust code saying why
 * (TRUST_UNKNOWN for a stranger, TRUST_SUSPENDED, TRUST_MARK_REVOKED…); or `unavailable` when trust cannot
 * be resolved right now.
 */
export type OwnerTrust =
  | { readonly status: "trusted" }
  | { readonly status: "untrusted"; readonly code: ErrorCode; readonly reason: string }
  | { readonly status: "unavailable"; readonly reason: string };

/** Is the owner of a record (a DID) an accredited member, not one, or can that not be said now? */
export type TrustedOwnerCheck = (ownerDid: string) => Promise<OwnerTrust>;

/** The `trusted` answer. */
export const OWNER_TRUSTED: OwnerTrust = { status: "trusted" };

export interface OwnerTrustOptions {
  /** Hosts whose did:web is served over http (development on loopback). */
  readonly allowHttp?: (host: string) => boolean;
}

/** The resolution of a DID's entity, checked to declare that DID; the reason when it cannot be trusted. */
export async function resolveDid(
  resolver: TrustResolver,
  did: string,
  options: OwnerTrustOptions & ResolveOptions = {},
): Promise<TrustOutcome<ResolvedTrust>> {
  const entityId = entityIdFromDid(did, options);
  if (!entityId)
    return untrusted("TRUST_UNKNOWN", `${String(did)} is not a did:web, so it names no federation entity`, {
      problem: "not-did-web",
      did,
    });
  const resolved = await resolver.resolve(entityId, options.refresh ? { refresh: true } : {});
  if (!resolved.ok) return resolved;
  if (resolved.value.did !== undefined && resolved.value.did !== did) {
    return untrusted("TRUST_CHAIN_INVALID", `${entityId} declares ${resolved.value.did}, not ${did}`, {
      problem: "did-mismatch",
      did,
      entityId,
    });
  }
  return resolved;
}

/**
 * The check the follower takes: `trusted` only for an accredited member in good standing, `unavailable`
 * when the chain (or the issuer of the owner's accreditation mark) cannot be resolved now.
 * @example const answer = await trustedOwnerCheck(resolver)(record.owner); if (answer.status === "unavailable") retryLater();
 */
export function trustedOwnerCheck(
  resolver: TrustResolver,
  options: OwnerTrustOptions = {},
): TrustedOwnerCheck {
  return async (ownerDid) => {
    const resolved = await resolveDid(resolver, ownerDid, options);
    const answer = answerOf(resolved);
    // A "no" read from a cached chain may be old news (a mark issued since): look again, at most once per
    // mark status TTL. Only a "yes" replaces it: the network down, or a chain broken since, says no more.
    if (answer.status !== "untrusted" || !resolved.ok || !resolved.value.fromCache) return answer;
    const fresh = answerOf(await resolveDid(resolver, ownerDid, { ...options, refresh: true }));
    return fresh.status === "trusted" ? fresh : answer;
  };
}

/** The follower's answer from a resolution. */
function answerOf(resolved: TrustOutcome<ResolvedTrust>): OwnerTrust {
  if (!resolved.ok) {
    return resolved.code === "TRUST_UNAVAILABLE"
      ? { status: "unavailable", reason: resolved.reason }
      : { status: "untrusted", code: resolved.code, reason: resolved.reason };
  }
  const membership = assessMembership(resolved.value);
  if (membership.ok) return OWNER_TRUSTED;
  // Only an accreditation mark that failed for want of its issuer's chain: no verdict yet.
  if (membership.code === "TRUST_MARK_INVALID" && accreditationUnavailable(resolved.value)) {
    return { status: "unavailable", reason: membership.reason };
  }
  return { status: "untrusted", code: membership.code, reason: membership.reason };
}

/** True when an accredited-centre mark could not be checked because its issuer cannot be resolved now. */
const accreditationUnavailable = (resolved: ResolvedTrust): boolean =>
  resolved.marks.some((m) => m.type === TRUST_MARK_TYPES.accreditedCentre && m.unavailable === true);
