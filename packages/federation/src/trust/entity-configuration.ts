/**
 * The node's own Entity Configuration, signed on request: its keys, its superiors, the federation
 * endpoints its role serves, its other metadata (the credential issuer it is, its DID), the trust marks it
 * holds, and, for a trust anchor, the trust mark issuers it accepts.
 */
import { type EntityStatementClaims, signEntityStatement } from "./entity-statement.ts";
import {
  type FederationKeys,
  federationEndpoints,
  type ResolvedFederationConfig,
} from "./federation-config.ts";
import type { TrustRegistry } from "./trust-registry.ts";

/** The claims of the node's configuration at `now`. */
export async function entityConfigurationClaims(
  config: ResolvedFederationConfig,
  keys: FederationKeys,
  registry: TrustRegistry,
  now: Date,
): Promise<EntityStatementClaims> {
  const iat = Math.floor(now.getTime() / 1000);
  const endpoints = federationEndpoints(config.entityId);
  // Leaves must not publish fetch and list (§5.1.1); every node answers resolve and historical keys.
  const federationEntity: Record<string, unknown> = {
    ...(config.organizationName ? { organization_name: config.organizationName } : {}),
    federation_resolve_endpoint: endpoints.federation_resolve_endpoint,
    federation_historical_keys_endpoint: endpoints.federation_historical_keys_endpoint,
  };
  if (config.role !== "leaf") {
    Object.assign(federationEntity, {
      federation_fetch_endpoint: endpoints.federation_fetch_endpoint,
      federation_list_endpoint: endpoints.federation_list_endpoint,
      federation_trust_mark_status_endpoint: endpoints.federation_trust_mark_status_endpoint,
      federation_trust_mark_list_endpoint: endpoints.federation_trust_mark_list_endpoint,
      federation_trust_mark_endpoint: endpoints.federation_trust_mark_endpoint,
      learnbridge_key_rollover_endpoint: endpoints.learnbridge_key_rollover_endpoint,
    });
  }
  const held = (await registry.listHeldTrustMarks()).filter(
    (m) => m.expiresAt === undefined || m.expiresAt > iat,
  );
  return {
    iss: config.entityId,
    sub: config.entityId,
    iat,
    exp: iat + config.statementLifetimeSeconds,
    jwks: await keys.jwks(),
    metadata: { ...config.metadata, federation_entity: federationEntity },
    ...(config.authorityHints.length ? { authority_hints: [...config.authorityHints] } : {}),
    ...(held.length
      ? { trust_marks: held.map((m) => ({ trust_mark_type: m.type, trust_mark: m.jwt })) }
      : {}),
    ...(config.role === "anchor" ? { trust_mark_issuers: structuredClone(config.trustMarkIssuers) } : {}),
  } as EntityStatementClaims;
}

/**
 * The node's Entity Configuration: `jwks` lists its active and retired keys, and it is signed with the key
 * its superiors know (see key-rollover.ts).
 */
export async function signedEntityConfiguration(
  config: ResolvedFederationConfig,
  keys: FederationKeys,
  registry: TrustRegistry,
  now: Date,
): Promise<string> {
  return signEntityStatement(
    await entityConfigurationClaims(config, keys, registry, now),
    await keys.signer(),
  );
}
