/**
 * Trust chain validation (OpenID Federation 1.0 §10.2): ES[0] is the subject's Entity Configuration, then
 * the Subordinate Statements up the hierarchy, then the Trust Anchor's Entity Configuration, verified with
 * the anchor keys this node pinned by configuration. Pure: the statements are given, nothing is fetched.
 */
import {
  type DecodedStatement,
  decodeStatement,
  ENTITY_STATEMENT_TYP,
  type EntityStatementClaims,
  organizationNameOf,
} from "./entity-statement.ts";
import { type JwkSet, verifyJws } from "./jws.ts";
import { type TrustOutcome, trusted, untrusted } from "./outcome.ts";

/** A trust anchor as configured: its entity id and its public keys, pinned out of band. */
export interface TrustAnchor {
  readonly entityId: string;
  readonly jwks: JwkSet;
}

/** Default bound on intermediates between a subject and its anchor. */
export const DEFAULT_MAX_PATH_LENGTH = 3;

/** A chain that validated, with what a report says about it. */
export interface ValidatedChain {
  readonly subject: string;
  readonly anchor: string;
  /** Superiors between the subject and the anchor, nearest first. */
  readonly intermediates: readonly string[];
  readonly statements: readonly DecodedStatement[];
  /** The subject's Entity Configuration (ES[0]). */
  readonly configuration: EntityStatementClaims;
  /** The anchor's Entity Configuration. */
  readonly anchorConfiguration: EntityStatementClaims;
  /** Organisation names the chain states, by entity id. */
  readonly names: Readonly<Record<string, string>>;
  /** Keys of every entity on the chain as its superior states them (the anchor's: pinned), by entity id. */
  readonly keys: Readonly<Record<string, JwkSet>>;
  /** The earliest `exp` of the chain, in seconds: the chain is valid until then. */
  readonly expiresAt: number;
}

export interface ChainValidationOptions {
  readonly now: Date;
  /** Longest allowed run of intermediates; default 3. */
  readonly maxPathLength?: number;
}

/**
 * Validates a chain given as compact JWS, subject first, anchor's Entity Configuration last.
 * @example const chain = await validateTrustChain([leafEc, statementByAnchor, anchorEc], anchors, { now });
 */
export async function validateTrustChain(
  jwts: readonly string[],
  anchors: readonly TrustAnchor[],
  options: ChainValidationOptions,
): Promise<TrustOutcome<ValidatedChain>> {
  const maxPathLength = options.maxPathLength ?? DEFAULT_MAX_PATH_LENGTH;
  if (!Array.isArray(jwts) || jwts.length === 0)
    return untrusted("TRUST_CHAIN_INVALID", "the chain is empty", { problem: "empty" });
  if (jwts.length > maxPathLength + 3) {
    return untrusted("TRUST_CHAIN_INVALID", `the chain has more than ${maxPathLength} intermediates`, {
      problem: "too-long",
      length: jwts.length,
    });
  }
  const statements: DecodedStatement[] = [];
  for (const [index, jwt] of jwts.entries()) {
    const decoded = decodeStatement(jwt);
    if (!decoded.ok)
      return untrusted("TRUST_CHAIN_INVALID", `statement ${index}: ${decoded.reason}`, {
        problem: "malformed",
        index,
      });
    statements.push(decoded.value);
  }
  const first = statements[0] as DecodedStatement;
  const last = statements.at(-1) as DecodedStatement;
  if (first.claims.iss !== first.claims.sub) {
    return untrusted("TRUST_CHAIN_INVALID", "the chain must start with an Entity Configuration", {
      problem: "structure",
      index: 0,
    });
  }
  if (last.claims.iss !== last.claims.sub) {
    return untrusted("TRUST_CHAIN_INVALID", "the chain must end with the anchor's Entity Configuration", {
      problem: "structure",
    });
  }
  const anchor = anchors.find((a) => a.entityId === last.claims.iss);
  if (!anchor) {
    return untrusted("TRUST_UNKNOWN", `${last.claims.iss} is not a trust anchor this node accepts`, {
      problem: "unknown-anchor",
      anchor: last.claims.iss,
    });
  }
  const seen = new Set<string>();
  for (let j = 1; j < statements.length - 1; j++) {
    const statement = statements[j] as DecodedStatement;
    const below = statements[j - 1] as DecodedStatement;
    if (statement.claims.iss === statement.claims.sub || statement.claims.sub !== below.claims.iss) {
      return untrusted("TRUST_CHAIN_INVALID", `statement ${j} is not about the entity below it`, {
        problem: "structure",
        index: j,
      });
    }
    if (seen.has(statement.claims.iss) || statement.claims.iss === first.claims.sub) {
      return untrusted("TRUST_CHAIN_INVALID", `${statement.claims.iss} appears twice in the chain`, {
        problem: "loop",
        index: j,
      });
    }
    seen.add(statement.claims.iss);
    const max = statement.claims.constraints?.max_path_length;
    if (max !== undefined && j - 1 > max) {
      return untrusted(
        "TRUST_CHAIN_INVALID",
        `${statement.claims.iss} allows at most ${max} intermediates below it`,
        {
          problem: "too-long",
          index: j,
        },
      );
    }
  }
  const second = statements[1];
  if (second && statements.length > 1 && second !== last) {
    const hints = first.claims.authority_hints ?? [];
    if (!hints.includes(second.claims.iss)) {
      return untrusted(
        "TRUST_CHAIN_INVALID",
        `${second.claims.iss} is not one of the subject's authority hints`,
        {
          problem: "structure",
          index: 1,
        },
      );
    }
  }
  if (statements.length > 1 && (statements.at(-2) as DecodedStatement).claims.iss !== last.claims.sub) {
    return untrusted(
      "TRUST_CHAIN_INVALID",
      "the anchor's Entity Configuration does not follow its statement",
      { problem: "structure" },
    );
  }

  // Signatures: ES[j] by a key of ES[j+1].jwks; the anchor's configuration by the pinned keys (§10.2).
  for (const [j, statement] of statements.entries()) {
    const keys =
      j === statements.length - 1
        ? anchor.jwks
        : j === 0 && statements.length === 1
          ? anchor.jwks
          : (statements[j + 1] as DecodedStatement).claims.jwks;
    const verified = await verifyJws(statement.jwt, keys, { typ: ENTITY_STATEMENT_TYP, now: options.now });
    if (!verified.ok) {
      const code =
        verified.problem === "expired"
          ? "expired"
          : verified.problem === "issued-in-future"
            ? "not-yet-valid"
            : "signature";
      return untrusted(
        "TRUST_CHAIN_INVALID",
        `statement ${j} (${statement.claims.iss} about ${statement.claims.sub}): ${verified.reason}`,
        {
          problem: code,
          index: j,
          iss: statement.claims.iss,
          sub: statement.claims.sub,
        },
      );
    }
  }
  // ES[0] must also verify with its own keys: the subject signed it.
  if (statements.length > 1) {
    const self = await verifyJws(first.jwt, first.claims.jwks, {
      typ: ENTITY_STATEMENT_TYP,
      now: options.now,
    });
    if (!self.ok)
      return untrusted("TRUST_CHAIN_INVALID", `the subject's configuration: ${self.reason}`, {
        problem: "signature",
        index: 0,
      });
  }

  const names: Record<string, string> = {};
  const keys: Record<string, JwkSet> = { [anchor.entityId]: anchor.jwks };
  for (const [j, statement] of statements.entries()) {
    const name = organizationNameOf(statement.claims);
    if (name && !(statement.claims.sub in names)) names[statement.claims.sub] = name;
    if (j > 0 && j < statements.length - 1) keys[statement.claims.sub] = statement.claims.jwks;
  }
  if (statements.length === 1) keys[first.claims.sub] = anchor.jwks;
  return trusted({
    subject: first.claims.sub,
    anchor: anchor.entityId,
    intermediates: statements.slice(2, -1).map((s) => s.claims.sub),
    statements,
    configuration: first.claims,
    anchorConfiguration: last.claims,
    names,
    keys,
    expiresAt: Math.min(...statements.map((s) => s.claims.exp)),
  });
}
