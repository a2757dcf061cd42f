/**
 * Trust marks (OpenID Federation 1.0 §7): JWTs (`typ: trust-mark+jwt`) by which an accreditation
 * authority states what an entity may do. Learnbridge defines three types under its operator's namespace;
 * the micro-credential issuer mark carries its scope: the highest EQF level, the fields (ISCED-F 2013
 * codes) and the jurisdiction it is accredited for.
 */
import type { Signer } from "@learnbridge/core";
import { isEntityId } from "./entity-id.ts";
import { decodeJws, type JwkSet, signJws, verifyJws } from "./jws.ts";

/** The `typ` of trust marks and of trust mark status responses. */
export const TRUST_MARK_TYP = "trust-mark+jwt";
export const TRUST_MARK_MEDIA_TYPE = "application/trust-mark+jwt";
export const TRUST_MARK_STATUS_TYP = "trust-mark-status-response+jwt";
export const TRUST_MARK_STATUS_MEDIA_TYPE = "application/trust-mark-status-response+jwt";

/** Learnbridge's trust mark types. */
export const TRUST_MARK_TYPES = {
  /** A member centre in good standing (its catalogue records are accepted by followers). */
  accreditedCentre: "https://w3id.org/learnbridge/trust-marks/accredited-centre",
  /** May issue micro-credentials up to `max_eqf_level`, in `fields`, in `jurisdiction`. */
  microcredentialIssuer: "https://w3id.org/learnbridge/trust-marks/microcredential-issuer",
  /** May recognise credits earned elsewhere. */
  creditRecogniser: "https://w3id.org/learnbridge/trust-marks/credit-recogniser",
} as const;

/** One of Learnbridge's trust mark types. */
export type LearnbridgeTrustMarkType = (typeof TRUST_MARK_TYPES)[keyof typeof TRUST_MARK_TYPES];

/**
 * The status a trust mark issuer reports (§8.4.2): the four of the specification, and `suspended`, which
 * Learnbridge adds for the marks of a member whose membership is suspended (it may be reinstated).
 */
export type TrustMarkStatus = "active" | "expired" | "revoked" | "invalid" | "suspended";
export const TRUST_MARK_STATUSES: readonly TrustMarkStatus[] = [
  "active",
  "expired",
  "revoked",
  "invalid",
  "suspended",
];

/** The scope a micro-credential issuer mark grants. */
export interface TrustMarkScope {
  /** European Qualifications Framework level 1-8. */
  readonly max_eqf_level?: number;
  /** ISCED-F 2013 codes (2-digit broad, 3-digit narrow, 4-digit detailed fields). */
  readonly fields?: readonly string[];
  /** ISO 3166-1 alpha-2 country, or an ISO 3166-2 subdivision. */
  readonly jurisdiction?: string;
}

/** The claims of a trust mark. */
export interface TrustMarkClaims extends TrustMarkScope {
  readonly iss: string;
  readonly sub: string;
  readonly trust_mark_type: string;
  readonly iat: number;
  readonly exp?: number;
  readonly ref?: string;
  readonly [claim: string]: unknown;
}

const ISCED_F = /^\d{2,4}$/;
const JURISDICTION = /^[A-Z]{2}(-[A-Z0-9]{1,3})?$/;

/** Why `scope` is not a valid scope for marks of `type`, or undefined. */
export function trustMarkScopeProblem(type: string, scope: Record<string, unknown>): string | undefined {
  const { max_eqf_level: level, fields, jurisdiction } = scope;
  if (level !== undefined && !(Number.isInteger(level) && (level as number) >= 1 && (level as number) <= 8)) {
    return "max_eqf_level must be an integer from 1 to 8";
  }
  if (
    fields !== undefined &&
    (!Array.isArray(fields) ||
      fields.length === 0 ||
      fields.length > 100 ||
      !fields.every((f) => typeof f === "string" && ISCED_F.test(f)))
  ) {
    return "fields must be a non-empty list of ISCED-F 2013 codes (2 to 4 digits)";
  }
  if (jurisdiction !== undefined && !(typeof jurisdiction === "string" && JURISDICTION.test(jurisdiction))) {
    return "jurisdiction must be an ISO 3166-1 alpha-2 country or an ISO 3166-2 subdivision";
  }
  if (
    type === TRUST_MARK_TYPES.microcredentialIssuer &&
    (level === undefined || fields === undefined || jurisdiction === undefined)
  ) {
    return "a micro-credential issuer mark states max_eqf_level, fields and jurisdiction";
  }
  return undefined;
}

/** Why `claims` are not a well-formed trust mark, or undefined. */
export function trustMarkClaimsProblem(claims: Record<string, unknown>): string | undefined {
  if (!isEntityId(claims.iss) || !isEntityId(claims.sub)) return "iss and sub must be entity ids";
  if (typeof claims.trust_mark_type !== "string" || !URL.canParse(claims.trust_mark_type))
    return "trust_mark_type must be a URI";
  if (!Number.isSafeInteger(claims.iat)) return "iat must be a NumericDate";
  if (
    claims.exp !== undefined &&
    !(Number.isSafeInteger(claims.exp) && (claims.exp as number) > (claims.iat as number))
  ) {
    return "exp must be a NumericDate after iat";
  }
  return trustMarkScopeProblem(claims.trust_mark_type, claims);
}

/** Signs a trust mark; a TypeError when its claims are malformed. */
export async function signTrustMark(claims: TrustMarkClaims, signer: Signer): Promise<string> {
  const problem = trustMarkClaimsProblem(claims as Record<string, unknown>);
  if (problem) throw new TypeError(`signTrustMark: ${problem}`);
  return signJws(TRUST_MARK_TYP, claims as Record<string, unknown>, signer);
}

/** The claims of a trust mark without verifying it; undefined when it is not one. */
export function decodeTrustMark(jwt: unknown): TrustMarkClaims | undefined {
  const decoded = decodeJws(jwt);
  if (!decoded || decoded.header.typ !== TRUST_MARK_TYP) return undefined;
  return trustMarkClaimsProblem(decoded.payload) ? undefined : (decoded.payload as TrustMarkClaims);
}

/** A trust mark checked against its issuer's keys (§7.3 steps 1-4), or why it is not valid. */
export async function verifyTrustMark(
  jwt: string,
  issuerKeys: JwkSet,
  options: { readonly now: Date; readonly subject?: string },
): Promise<{ ok: true; claims: TrustMarkClaims } | { ok: false; expired: boolean; reason: string }> {
  const verified = await verifyJws(jwt, issuerKeys, { typ: TRUST_MARK_TYP, now: options.now });
  if (!verified.ok) return { ok: false, expired: verified.problem === "expired", reason: verified.reason };
  const problem = trustMarkClaimsProblem(verified.payload);
  if (problem) return { ok: false, expired: false, reason: problem };
  if (options.subject !== undefined && verified.payload.sub !== options.subject) {
    return { ok: false, expired: false, reason: `the mark is about ${String(verified.payload.sub)}` };
  }
  return { ok: true, claims: verified.payload as TrustMarkClaims };
}

/** The claims of a trust mark status response (§8.4.2). */
export interface TrustMarkStatusClaims {
  readonly iss: string;
  readonly iat: number;
  readonly trust_mark: string;
  readonly status: string;
}
