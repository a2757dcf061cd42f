/**
 * What a resolved member is accredited for: whether its marks let it issue a credential of a given EQF
 * level and field (a micro-credential issuer mark whose scope fits, and an active accredited-centre mark),
 * and whether it is a member whose catalogue records a follower may accept. Pure functions over a
 * resolution, returning the precise reason when the answer is no.
 */
import type { ErrorCode } from "@learnbridge/core";
import { type TrustOutcome, trusted, untrusted } from "./outcome.ts";
import { TRUST_MARK_TYPES } from "./trust-mark.ts";
import type { CheckedTrustMark, NamedEntity, ResolvedTrust } from "./trust-resolver.ts";

/** The facts of a credential's achievement that a scope is checked against. */
export interface AchievementFacts {
  /** EQF level 1-8, when the achievement states one. */
  readonly eqfLevel?: number;
  /** The field of study: an ISCED-F 2013 code, possibly followed by its name. */
  readonly field?: string;
}

/** An accreditation that fits, with the scope it grants. */
export interface Accreditation {
  readonly mark: CheckedTrustMark;
  readonly details: Readonly<Record<string, unknown>>;
}

/** The facts every answer carries: who the subject is, its anchor, the intermediates, how fresh. */
export function chainDetails(resolved: ResolvedTrust): Record<string, unknown> {
  const names = (list: readonly NamedEntity[]) => list.map((e) => e.name ?? e.entityId);
  return {
    subject: resolved.subject.entityId,
    ...(resolved.subject.name ? { subjectName: resolved.subject.name } : {}),
    anchor: resolved.anchor.entityId,
    anchorName: resolved.anchor.name ?? resolved.anchor.entityId,
    via: resolved.intermediates.map((e) => e.entityId),
    viaNames: names(resolved.intermediates),
    chainExpiresAt: new Date(resolved.expiresAt * 1000).toISOString(),
    fromCache: resolved.fromCache,
  };
}

const ISCED = /^\s*(\d{2,4})(?!\d)/;

/** The ISCED-F code a field of study starts with, if any. */
export const iscedCodeOf = (field: string | undefined): string | undefined =>
  field ? ISCED.exec(field)?.[1] : undefined;

const markFacts = (mark: CheckedTrustMark) => ({
  markType: mark.type,
  authority: mark.issuer.entityId,
  authorityName: mark.issuer.name ?? mark.issuer.entityId,
  markStatusSource: mark.source,
});

/** The first non-active mark of `types`, by how much it says: suspended, then revoked, then invalid or expired. */
function blocking(marks: readonly CheckedTrustMark[], type: string): TrustOutcome<never> | undefined {
  const ofType = marks.filter((m) => m.type === type);
  const suspended = ofType.find((m) => m.state === "suspended");
  if (suspended)
    return untrusted(
      "TRUST_SUSPENDED",
      `${suspended.issuer.entityId} has suspended this member`,
      markFacts(suspended),
    );
  const revoked = ofType.find((m) => m.state === "revoked");
  if (revoked)
    return untrusted(
      "TRUST_MARK_REVOKED",
      `${revoked.issuer.entityId} revoked its ${type} mark`,
      markFacts(revoked),
    );
  const bad = ofType.find((m) => m.state === "invalid" || m.state === "expired");
  if (bad)
    return untrusted("TRUST_MARK_INVALID", `the ${type} mark is ${bad.state}: ${bad.reason ?? ""}`.trim(), {
      ...markFacts(bad),
      markState: bad.state,
    });
  return undefined;
}

const active = (marks: readonly CheckedTrustMark[], type: string) =>
  marks.filter((m) => m.type === type && m.state === "active");

/** Whether the member is an accredited centre in good standing (an active accredited-centre mark). */
export function assessMembership(resolved: ResolvedTrust): TrustOutcome<CheckedTrustMark> {
  const base = chainDetails(resolved);
  const suspendedAnywhere = resolved.marks.find((m) => m.state === "suspended");
  if (suspendedAnywhere) {
    return untrusted("TRUST_SUSPENDED", `${suspendedAnywhere.issuer.entityId} has suspended this member`, {
      ...base,
      ...markFacts(suspendedAnywhere),
    });
  }
  const [mark] = active(resolved.marks, TRUST_MARK_TYPES.accreditedCentre);
  if (mark) return trusted(mark);
  const blocked = blocking(resolved.marks, TRUST_MARK_TYPES.accreditedCentre);
  if (blocked && !blocked.ok) return untrusted(blocked.code, blocked.reason, { ...base, ...blocked.details });
  return untrusted("TRUST_UNKNOWN", `${resolved.subject.entityId} holds no accredited-centre mark`, {
    ...base,
    problem: "not-accredited",
  });
}

/**
 * Whether the member may issue a credential with these facts: an accredited centre holding an active
 * micro-credential issuer mark whose level and fields cover the achievement.
 * @example assessIssuance(resolved, { eqfLevel: 4, field: "0532" })
 */
export function assessIssuance(
  resolved: ResolvedTrust,
  facts: AchievementFacts,
): TrustOutcome<Accreditation> {
  const base = chainDetails(resolved);
  const membership = assessMembership(resolved);
  if (!membership.ok) return membership;
  const candidates = active(resolved.marks, TRUST_MARK_TYPES.microcredentialIssuer);
  if (candidates.length === 0) {
    const blocked = blocking(resolved.marks, TRUST_MARK_TYPES.microcredentialIssuer);
    if (blocked && !blocked.ok)
      return untrusted(blocked.code, blocked.reason, { ...base, ...blocked.details });
    return untrusted("TRUST_OUT_OF_SCOPE", "the member holds no micro-credential issuer mark", {
      ...base,
      scope: "issuer",
    });
  }
  const code = iscedCodeOf(facts.field);
  const fieldFits = (mark: CheckedTrustMark) =>
    !!code && (mark.claims?.fields ?? []).some((f) => code.startsWith(f));
  const levelFits = (mark: CheckedTrustMark) =>
    facts.eqfLevel === undefined ||
    (mark.claims?.max_eqf_level !== undefined && facts.eqfLevel <= mark.claims.max_eqf_level);
  const scopeOf = (mark: CheckedTrustMark) => ({
    ...markFacts(mark),
    ...(facts.eqfLevel !== undefined ? { level: facts.eqfLevel } : {}),
    maxLevel: mark.claims?.max_eqf_level,
    fields: [...(mark.claims?.fields ?? [])],
    ...(facts.field !== undefined ? { field: facts.field } : {}),
    jurisdiction: mark.claims?.jurisdiction,
  });
  const fit = candidates.find((m) => fieldFits(m) && levelFits(m));
  if (fit) return trusted({ mark: fit, details: { ...base, ...scopeOf(fit) } });
  // Say what is out of scope for the mark that comes closest: right field but too high a level, else the field.
  const rightField = candidates.find(fieldFits);
  const closest = rightField ?? (candidates[0] as CheckedTrustMark);
  const scope = rightField ? "level" : "field";
  const reason =
    scope === "level"
      ? `accredited up to EQF level ${closest.claims?.max_eqf_level}, the credential is at level ${facts.eqfLevel}`
      : `accredited for fields ${(closest.claims?.fields ?? []).join(", ")}, the credential's field is ${facts.field ?? "not stated"}`;
  return untrusted("TRUST_OUT_OF_SCOPE" satisfies ErrorCode, reason, { ...base, ...scopeOf(closest), scope });
}
