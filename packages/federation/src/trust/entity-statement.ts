/**
 * Entity statements (OpenID Federation 1.0 §3): an Entity Configuration an entity signs about itself
 * (`iss` = `sub`), and a Subordinate Statement a superior signs about an immediate subordinate. Both are
 * compact JWS with `typ: entity-statement+jwt`. The checks here are the syntactic ones of §3.2; signatures
 * and the chain are checked in trust-chain.ts.
 */
import type { Signer } from "@learnbridge/core";
import { isObject } from "../json-object.ts";
import { isEntityId } from "./entity-id.ts";
import { decodeJws, type JwkSet, signJws } from "./jws.ts";

/** The `typ` of entity statements. */
export const ENTITY_STATEMENT_TYP = "entity-statement+jwt";
/** The media type they are served as. */
export const ENTITY_STATEMENT_MEDIA_TYPE = "application/entity-statement+jwt";

/** One trust mark as an Entity Configuration carries it. */
export interface TrustMarkEntry {
  readonly trust_mark_type: string;
  readonly trust_mark: string;
}

/** `constraints` of a Subordinate Statement (§6.2); only `max_path_length` is enforced here. */
export interface StatementConstraints {
  readonly max_path_length?: number;
  readonly [parameter: string]: unknown;
}

/** The claims of an entity statement. */
export interface EntityStatementClaims {
  readonly iss: string;
  readonly sub: string;
  readonly iat: number;
  readonly exp: number;
  readonly jwks: JwkSet;
  readonly metadata?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /** Entity Configurations only. */
  readonly authority_hints?: readonly string[];
  readonly trust_marks?: readonly TrustMarkEntry[];
  /** A Trust Anchor's Entity Configuration only: trust mark type → the issuers accepted for it. */
  readonly trust_mark_issuers?: Readonly<Record<string, readonly string[]>>;
  /** Subordinate Statements only. */
  readonly constraints?: StatementConstraints;
  readonly source_endpoint?: string;
  readonly [claim: string]: unknown;
}

/** A decoded statement and the JWS it came from. */
export interface DecodedStatement {
  readonly jwt: string;
  readonly header: Readonly<Record<string, unknown>>;
  readonly claims: EntityStatementClaims;
}

const CONFIGURATION_ONLY = [
  "authority_hints",
  "trust_anchor_hints",
  "trust_marks",
  "trust_mark_issuers",
  "trust_mark_owners",
];
const SUBORDINATE_ONLY = ["metadata_policy", "metadata_policy_crit", "constraints", "source_endpoint"];

const isTime = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) > 0;

/** Why `jwks` is not a usable JWK Set, or undefined when it is one (every key public, with a unique kid). */
export function jwkSetProblem(jwks: unknown): string | undefined {
  if (!isObject(jwks) || !Array.isArray(jwks.keys) || jwks.keys.length === 0) return "jwks must hold keys";
  const kids = new Set<string>();
  for (const key of jwks.keys) {
    if (!isObject(key) || typeof key.kty !== "string") return "every key needs a kty";
    if (typeof key.kid !== "string" || key.kid === "") return "every key needs a kid";
    if (kids.has(key.kid)) return `kid ${key.kid} appears twice`;
    if ("d" in key || "p" in key || "k" in key) return "a key set must hold public keys only";
    kids.add(key.kid);
  }
  return undefined;
}

/** Why `claims` are not a well-formed entity statement (§3.1, §3.2 steps 2, 5, 7-9), or undefined. */
export function statementClaimsProblem(claims: Record<string, unknown>): string | undefined {
  if (!isEntityId(claims.iss)) return "iss must be an entity id";
  if (!isEntityId(claims.sub)) return "sub must be an entity id";
  if (!isTime(claims.iat) || !isTime(claims.exp)) return "iat and exp must be NumericDates";
  if ((claims.exp as number) <= (claims.iat as number)) return "exp must be after iat";
  const keys = jwkSetProblem(claims.jwks);
  if (keys) return keys;
  if ("crit" in claims) return "no critical extension claim is understood here";
  const configuration = claims.iss === claims.sub;
  for (const name of configuration ? SUBORDINATE_ONLY : CONFIGURATION_ONLY) {
    if (name in claims)
      return `${name} does not belong in ${configuration ? "an Entity Configuration" : "a Subordinate Statement"}`;
  }
  if (claims.metadata !== undefined) {
    if (!isObject(claims.metadata) || !Object.values(claims.metadata).every(isObject))
      return "metadata must map entity types to objects";
    const hasNull = (value: unknown): boolean =>
      value === null || (typeof value === "object" && Object.values(value as object).some(hasNull));
    if (hasNull(claims.metadata)) return "metadata must not hold null values";
  }
  const hints = claims.authority_hints;
  if (hints !== undefined && (!Array.isArray(hints) || hints.length === 0 || !hints.every(isEntityId))) {
    return "authority_hints must be a non-empty array of entity ids";
  }
  const marks = claims.trust_marks;
  if (
    marks !== undefined &&
    (!Array.isArray(marks) ||
      !marks.every(
        (m) => isObject(m) && typeof m.trust_mark_type === "string" && typeof m.trust_mark === "string",
      ))
  ) {
    return "trust_marks must be an array of {trust_mark_type, trust_mark}";
  }
  const issuers = claims.trust_mark_issuers;
  if (
    issuers !== undefined &&
    (!isObject(issuers) ||
      !Object.values(issuers).every((list) => Array.isArray(list) && list.every(isEntityId)))
  ) {
    return "trust_mark_issuers must map trust mark types to arrays of entity ids";
  }
  const constraints = claims.constraints;
  if (constraints !== undefined) {
    const max = isObject(constraints) ? constraints.max_path_length : null;
    if (
      !isObject(constraints) ||
      (max !== undefined && !(Number.isSafeInteger(max) && (max as number) >= 0))
    ) {
      return "constraints.max_path_length must be a non-negative integer";
    }
  }
  return undefined;
}

/** Decodes an entity statement and checks its syntax; a reason when it is not one. */
export function decodeStatement(
  jwt: unknown,
): { ok: true; value: DecodedStatement } | { ok: false; reason: string } {
  const decoded = decodeJws(jwt);
  if (!decoded) return { ok: false, reason: "not a compact JWS" };
  if (decoded.header.typ !== ENTITY_STATEMENT_TYP)
    return { ok: false, reason: `typ must be ${ENTITY_STATEMENT_TYP}` };
  if (decoded.header.alg === "none") return { ok: false, reason: "alg none is refused" };
  const problem = statementClaimsProblem(decoded.payload);
  if (problem) return { ok: false, reason: problem };
  return {
    ok: true,
    value: {
      jwt: jwt as string,
      header: decoded.header,
      claims: decoded.payload as unknown as EntityStatementClaims,
    },
  };
}

/**
 * Signs an entity statement; a TypeError when the claims are not well formed (a programming error: what
 * a node signs about itself or its subordinates must be right).
 */
export async function signEntityStatement(claims: EntityStatementClaims, signer: Signer): Promise<string> {
  const problem = statementClaimsProblem(claims as Record<string, unknown>);
  if (problem) throw new TypeError(`signEntityStatement: ${problem}`);
  return signJws(ENTITY_STATEMENT_TYP, claims as Record<string, unknown>, signer);
}

/** The organisation name an entity statement gives for its subject, if any. */
export function organizationNameOf(claims: EntityStatementClaims | undefined): string | undefined {
  const name = claims?.metadata?.federation_entity?.organization_name;
  return typeof name === "string" && name !== "" ? name : undefined;
}
