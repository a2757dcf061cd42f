/**
 * The Entity Configuration a (would-be) subordinate serves, as a superior must see it before pinning keys
 * from it: fetched from its entity id, self-signed, about itself, and naming the superior among its
 * `authority_hints`. Failures are LearnbridgeErrors with the reason.
 */
import { LearnbridgeError } from "@learnbridge/core";
import { decodeStatement, ENTITY_STATEMENT_TYP, type EntityStatementClaims } from "./entity-statement.ts";
import type { FederationClient } from "./federation-client.ts";
import { verifyJws } from "./jws.ts";

/**
 * The configuration `entityId` serves, checked for `superior`: UPSTREAM_UNAVAILABLE when it cannot be
 * reached, ENTITY_STATEMENT_INVALID when it is missing, malformed, not self-signed, about another entity,
 * or does not name `superior`.
 */
export async function subordinateConfiguration(
  entityId: string,
  superior: string,
  client: FederationClient,
  now: Date,
): Promise<{ jwt: string; claims: EntityStatementClaims }> {
  const fetched = await client.entityConfiguration(entityId);
  if (!fetched.ok) {
    if (fetched.kind === "network")
      throw new LearnbridgeError(
        "UPSTREAM_UNAVAILABLE",
        `${entityId} could not be reached: ${fetched.reason}`,
      );
    throw new LearnbridgeError(
      "ENTITY_STATEMENT_INVALID",
      `no Entity Configuration at ${fetched.url}: ${fetched.reason}`,
    );
  }
  const decoded = decodeStatement(fetched.value);
  if (!decoded.ok)
    throw new LearnbridgeError(
      "ENTITY_STATEMENT_INVALID",
      `the Entity Configuration of ${entityId}: ${decoded.reason}`,
    );
  const { claims } = decoded.value;
  if (claims.iss !== entityId || claims.sub !== entityId) {
    throw new LearnbridgeError(
      "ENTITY_STATEMENT_INVALID",
      `the configuration served by ${entityId} is about ${claims.sub}`,
    );
  }
  const self = await verifyJws(fetched.value, claims.jwks, { typ: ENTITY_STATEMENT_TYP, now });
  if (!self.ok)
    throw new LearnbridgeError(
      "ENTITY_STATEMENT_INVALID",
      `the configuration of ${entityId}: ${self.reason}`,
    );
  if (!(claims.authority_hints ?? []).includes(superior)) {
    throw new LearnbridgeError(
      "ENTITY_STATEMENT_INVALID",
      `${entityId} does not name ${superior} among its authority_hints`,
    );
  }
  return { jwt: fetched.value, claims };
}
