/**
 * How a node takes part in the federation, by configuration: its role (the operator's trust anchor, a
 * national or provincial intermediate, or a leaf centre), its superiors, the trust anchors it accepts
 * (entity ids with their keys, pinned), and the lifetimes of what it signs. `resolveFederationConfig`
 * checks it once (TypeError on misuse) and fills the defaults.
 */
import type { Signer } from "@learnbridge/core";
import { isEntityId } from "./entity-id.ts";
import { jwkSetProblem } from "./entity-statement.ts";
import type { FederationJwk, JwkSet } from "./jws.ts";
import type { TrustAnchor } from "./trust-chain.ts";
import { TRUST_MARK_TYPES } from "./trust-mark.ts";

export type FederationRole = "anchor" | "intermediate" | "leaf";

/** One of the node's federation keys, as its key store holds it. */
export interface FederationKey {
  readonly jwk: FederationJwk;
  /**
   * `active`: the newest key. `retired`: replaced, still published and still verifying what it signed; it
   * keeps signing federation statements until the superiors know its successor. `revoked`: never used.
   */
  readonly state: "active" | "retired" | "revoked";
}

/** The node's key store as the federation takes it: its keys, and a signer for any one not revoked. */
export interface FederationKeyStore {
  /** Every key, oldest first. */
  list(): Promise<readonly FederationKey[]>;
  /** A signer for an active or retired key by kid; a TypeError for a revoked or unknown one. */
  signerFor(kid: string): Promise<Signer>;
}

/**
 * The node's keys as what it signs needs them: the signer of the key its superiors (or, for an anchor, its
 * members' configuration) know, the keys its Entity Configuration publishes, and the ones no longer used.
 */
export interface FederationKeys {
  /** The signer for federation statements, trust marks and signed answers now. */
  signer(): Promise<Signer>;
  /** Keys published in the Entity Configuration: the active key and every retired one (never a revoked one). */
  jwks(): Promise<JwkSet>;
  /** Keys that sign nothing now: retired ones other than the signing key (still verify), and revoked ones. */
  historicalKeys(): Promise<readonly { readonly jwk: FederationJwk; readonly revoked: boolean }[]>;
}

export interface FederationConfig {
  /** The node's entity id: its public URL. */
  readonly entityId: string;
  readonly role: FederationRole;
  /** Entity ids of the immediate superiors; none for a trust anchor, at least one otherwise. */
  readonly authorityHints?: readonly string[];
  /** The trust anchors this node accepts, with their keys (an anchor lists itself). */
  readonly trustAnchors: readonly TrustAnchor[];
  readonly organizationName?: string;
  /** A trust anchor's list of accepted trust mark issuers by type; default: every Learnbridge type → itself. */
  readonly trustMarkIssuers?: Readonly<Record<string, readonly string[]>>;
  /** Extra metadata of the node's configuration, by entity type (e.g. `openid_credential_issuer`). */
  readonly metadata?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /** Lifetime of the configuration and subordinate statements this node signs; default one day. */
  readonly statementLifetimeSeconds?: number;
  /** Default lifetime of the trust marks it issues; default one year. */
  readonly trustMarkLifetimeSeconds?: number;
  /** Lifetime of a trust mark status answer a verifier may reuse; default five minutes. */
  readonly markStatusTtlSeconds?: number;
  /**
   * A superior re-reads a subordinate's keys from its Entity Configuration when it serves `fetch` for it at
   * most this often; default 15 minutes.
   */
  readonly subordinateKeysCheckSeconds?: number;
  /** While a superior lacks this node's newest key, how often the node asks it again; default one minute. */
  readonly rolloverCheckSeconds?: number;
}

export interface ResolvedFederationConfig extends FederationConfig {
  readonly authorityHints: readonly string[];
  readonly trustMarkIssuers: Readonly<Record<string, readonly string[]>>;
  readonly statementLifetimeSeconds: number;
  readonly trustMarkLifetimeSeconds: number;
  readonly markStatusTtlSeconds: number;
  readonly subordinateKeysCheckSeconds: number;
  readonly rolloverCheckSeconds: number;
}

/** The federation endpoints a node serves, under its entity id. */
export function federationEndpoints(entityId: string) {
  return {
    federation_fetch_endpoint: `${entityId}/federation/fetch`,
    federation_list_endpoint: `${entityId}/federation/list`,
    federation_resolve_endpoint: `${entityId}/federation/resolve`,
    federation_trust_mark_status_endpoint: `${entityId}/federation/trust_mark_status`,
    federation_trust_mark_list_endpoint: `${entityId}/federation/trust_mark_list`,
    federation_trust_mark_endpoint: `${entityId}/federation/trust_mark`,
    federation_historical_keys_endpoint: `${entityId}/federation/historical_keys`,
    // Learnbridge's extension: a subordinate posts its Entity Configuration here after a key rotation.
    learnbridge_key_rollover_endpoint: `${entityId}/federation/key_rollover`,
  } as const;
}

const seconds = (value: unknown, name: string, fallback: number, min = 1) => {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || (value as number) < min)
    throw new TypeError(`federation config: ${name} must be an integer >= ${min}`);
  return value as number;
};

/** Checks a configuration (TypeError on misuse) and fills the defaults. */
export function resolveFederationConfig(config: FederationConfig): ResolvedFederationConfig {
  if (!isEntityId(config?.entityId))
    throw new TypeError(
      "federation config: entityId must be an entity id (an http(s) URL, no trailing slash)",
    );
  if (!["anchor", "intermediate", "leaf"].includes(config.role))
    throw new TypeError("federation config: role must be anchor, intermediate or leaf");
  const hints = config.authorityHints ?? [];
  if (!Array.isArray(hints) || !hints.every(isEntityId) || new Set(hints).size !== hints.length) {
    throw new TypeError("federation config: authorityHints must be distinct entity ids");
  }
  if (config.role === "anchor" && hints.length > 0)
    throw new TypeError("federation config: a trust anchor has no superiors");
  if (config.role !== "anchor" && hints.length === 0)
    throw new TypeError(`federation config: a ${config.role} needs authorityHints`);
  if (hints.includes(config.entityId))
    throw new TypeError("federation config: a node is not its own superior");
  if (!Array.isArray(config.trustAnchors) || config.trustAnchors.length === 0) {
    throw new TypeError("federation config: trustAnchors must name at least one anchor");
  }
  for (const anchor of config.trustAnchors) {
    if (!isEntityId(anchor?.entityId))
      throw new TypeError("federation config: a trust anchor needs an entity id");
    const problem = jwkSetProblem(anchor.jwks);
    if (problem) throw new TypeError(`federation config: trust anchor ${anchor.entityId}: ${problem}`);
  }
  if (config.role === "anchor" && !config.trustAnchors.some((a) => a.entityId === config.entityId)) {
    throw new TypeError("federation config: a trust anchor lists itself among trustAnchors");
  }
  const issuers =
    config.trustMarkIssuers ??
    Object.fromEntries(Object.values(TRUST_MARK_TYPES).map((t) => [t, [config.entityId]]));
  for (const [type, list] of Object.entries(issuers)) {
    if (!URL.canParse(type) || !Array.isArray(list) || !list.every(isEntityId)) {
      throw new TypeError("federation config: trustMarkIssuers maps trust mark type URIs to entity ids");
    }
  }
  return {
    ...config,
    authorityHints: hints,
    trustMarkIssuers: issuers,
    statementLifetimeSeconds: seconds(config.statementLifetimeSeconds, "statementLifetimeSeconds", 86_400),
    trustMarkLifetimeSeconds: seconds(
      config.trustMarkLifetimeSeconds,
      "trustMarkLifetimeSeconds",
      365 * 86_400,
    ),
    markStatusTtlSeconds: seconds(config.markStatusTtlSeconds, "markStatusTtlSeconds", 300, 0),
    subordinateKeysCheckSeconds: seconds(
      config.subordinateKeysCheckSeconds,
      "subordinateKeysCheckSeconds",
      900,
      0,
    ),
    rolloverCheckSeconds: seconds(config.rolloverCheckSeconds, "rolloverCheckSeconds", 60, 0),
  };
}
