/**
 * Trust chain collection (OpenID Federation 1.0 §10.1): from a subject's Entity Configuration, follow its
 * `authority_hints` up to a configured trust anchor, fetching each superior's configuration and its
 * Subordinate Statement about the entity below. Loops, over-long paths and too many hints are cut off
 * (§18.1). The first path that validates wins; when none does, the most telling reason is returned.
 */
import type { ErrorCode } from "@learnbridge/core";
import { decodeStatement, type EntityStatementClaims } from "./entity-statement.ts";
import type { FederationClient, FetchResult } from "./federation-client.ts";
import { type TrustFailure, type TrustOutcome, untrusted } from "./outcome.ts";
import {
  DEFAULT_MAX_PATH_LENGTH,
  type TrustAnchor,
  type ValidatedChain,
  validateTrustChain,
} from "./trust-chain.ts";

export interface CollectOptions {
  readonly client: FederationClient;
  readonly anchors: readonly TrustAnchor[];
  readonly now: Date;
  readonly maxPathLength?: number;
  /** Hints followed per entity; default 4. */
  readonly maxHints?: number;
}

// When no path works, the reason a reader most needs: a suspension beats a broken chain, which beats an
// unreachable network (it may still be a member), which beats "unknown".
const RANK: Partial<Record<ErrorCode, number>> = {
  TRUST_SUSPENDED: 4,
  TRUST_CHAIN_INVALID: 3,
  TRUST_UNAVAILABLE: 2,
  TRUST_UNKNOWN: 1,
};

/**
 * Collects and validates a chain from `subject` to one of `anchors`.
 * @example const chain = await collectTrustChain("https://nairobi.example", { client, anchors, now });
 */
export async function collectTrustChain(
  subject: string,
  options: CollectOptions,
): Promise<TrustOutcome<ValidatedChain>> {
  const maxPathLength = options.maxPathLength ?? DEFAULT_MAX_PATH_LENGTH;
  const maxHints = options.maxHints ?? 4;
  const failures: TrustFailure[] = [];
  const configurations = new Map<
    string,
    Promise<TrustOutcome<{ jwt: string; claims: EntityStatementClaims }>>
  >();
  const configurationOf = (entityId: string) => {
    let pending = configurations.get(entityId);
    if (!pending) {
      pending = options.client.entityConfiguration(entityId).then((r) => configurationOutcome(entityId, r));
      configurations.set(entityId, pending);
    }
    return pending;
  };

  const leaf = await configurationOf(subject);
  if (!leaf.ok) return leaf;
  const validate = (jwts: string[]) =>
    validateTrustChain(jwts, options.anchors, { now: options.now, maxPathLength });
  if (options.anchors.some((a) => a.entityId === subject)) return validate([leaf.value.jwt]);

  // Depth-first: `below` is the entity whose superiors are tried, `path` the statements gathered so far.
  const climb = async (
    below: { id: string; claims: EntityStatementClaims },
    path: string[],
    visited: Set<string>,
  ): Promise<TrustOutcome<ValidatedChain> | undefined> => {
    const hints = below.claims.authority_hints ?? [];
    if (hints.length === 0)
      failures.push(
        untrusted("TRUST_UNKNOWN", `${below.id} names no superior`, {
          problem: "no-superior",
          entity: below.id,
        }),
      );
    if (hints.length > maxHints)
      failures.push(
        untrusted("TRUST_CHAIN_INVALID", `${below.id} names more than ${maxHints} superiors`, {
          problem: "too-many-hints",
          entity: below.id,
        }),
      );
    for (const hint of hints.slice(0, maxHints)) {
      if (visited.has(hint)) {
        failures.push(
          untrusted("TRUST_CHAIN_INVALID", `authority_hints loop back to ${hint}`, {
            problem: "loop",
            entity: hint,
          }),
        );
        continue;
      }
      const isAnchor = options.anchors.some((a) => a.entityId === hint);
      const intermediates = path.length - 1;
      if (!isAnchor && intermediates + 1 > maxPathLength) {
        failures.push(
          untrusted("TRUST_CHAIN_INVALID", `no anchor within ${maxPathLength} intermediates of ${subject}`, {
            problem: "too-long",
          }),
        );
        continue;
      }
      const superior = await configurationOf(hint);
      if (!superior.ok) {
        failures.push(superior);
        continue;
      }
      const fetchEndpoint = superior.value.claims.metadata?.federation_entity?.federation_fetch_endpoint;
      if (typeof fetchEndpoint !== "string") {
        failures.push(
          untrusted("TRUST_UNKNOWN", `${hint} publishes no fetch endpoint`, {
            problem: "no-fetch-endpoint",
            entity: hint,
          }),
        );
        continue;
      }
      const statement = await options.client.subordinateStatement(fetchEndpoint, below.id);
      if (!statement.ok) {
        failures.push(fetchFailure(statement, { superior: hint, entity: below.id }));
        continue;
      }
      if (isAnchor) {
        const chain = await validate([...path, statement.value, superior.value.jwt]);
        if (chain.ok) return chain;
        failures.push(chain);
        continue;
      }
      const found: TrustOutcome<ValidatedChain> | undefined = await climb(
        { id: hint, claims: superior.value.claims },
        [...path, statement.value],
        new Set([...visited, hint]),
      );
      if (found?.ok) return found;
    }
    return undefined;
  };

  const found = await climb({ id: subject, claims: leaf.value.claims }, [leaf.value.jwt], new Set([subject]));
  if (found?.ok) return found;
  const worst = failures.sort((a, b) => (RANK[b.code] ?? 0) - (RANK[a.code] ?? 0))[0];
  return (
    worst ?? untrusted("TRUST_UNKNOWN", `no path from ${subject} to a trust anchor`, { problem: "no-path" })
  );
}

function configurationOutcome(
  entityId: string,
  result: FetchResult<string>,
): TrustOutcome<{ jwt: string; claims: EntityStatementClaims }> {
  if (!result.ok) return fetchFailure(result, { entity: entityId });
  const decoded = decodeStatement(result.value);
  if (!decoded.ok) {
    return untrusted("TRUST_CHAIN_INVALID", `the configuration of ${entityId}: ${decoded.reason}`, {
      problem: "malformed",
      entity: entityId,
    });
  }
  const { claims } = decoded.value;
  if (claims.iss !== entityId || claims.sub !== entityId) {
    return untrusted(
      "TRUST_CHAIN_INVALID",
      `the configuration served for ${entityId} is about ${claims.sub}`,
      { problem: "structure", entity: entityId },
    );
  }
  return { ok: true, value: { jwt: result.value, claims } };
}

/** A failed request in trust terms. */
function fetchFailure(
  result: Extract<FetchResult<unknown>, { ok: false }>,
  details: Record<string, unknown>,
): TrustFailure {
  switch (result.kind) {
    case "network":
      return untrusted("TRUST_UNAVAILABLE", `${result.url} could not be reached: ${result.reason}`, {
        problem: "network",
        ...details,
      });
    case "suspended":
      return untrusted(
        "TRUST_SUSPENDED",
        `${String(details.superior ?? "its superior")} has suspended ${String(details.entity)}`,
        {
          problem: "suspended",
          ...details,
        },
      );
    case "not-found":
      return untrusted("TRUST_UNKNOWN", `${result.url}: ${result.reason}`, {
        problem: "not-found",
        ...details,
      });
    default:
      return untrusted("TRUST_UNKNOWN", `${result.url}: ${result.reason}`, {
        problem: result.kind,
        ...details,
      });
  }
}
