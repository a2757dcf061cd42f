/**
 * One node's federation object graph, built from its configuration and ports: the superior's authority,
 * the trust mark issuer, the resolver with its cache, and the node's own signed documents. The app builds
 * one per centre; nothing here is global.
 */
import { type Clock, systemClock } from "@learnbridge/core";
import type { TrustChainCache } from "./chain-cache.ts";
import { signedEntityConfiguration } from "./entity-configuration.ts";
import { FederationAuthority } from "./federation-authority.ts";
import { FederationClient, type FederationClientOptions } from "./federation-client.ts";
import {
  type FederationConfig,
  type FederationKeyStore,
  resolveFederationConfig,
} from "./federation-config.ts";
import { KeyRollover } from "./key-rollover.ts";
import { untrusted } from "./outcome.ts";
import { signHistoricalKeys, signResolveResponse } from "./signed-responses.ts";
import { refreshHeldTrustMarks } from "./trust-mark-holder.ts";
import { TrustMarkIssuer } from "./trust-mark-issuer.ts";
import type { TrustRegistry } from "./trust-registry.ts";
import { TrustResolver } from "./trust-resolver.ts";
import { type OwnerTrustOptions, trustedOwnerCheck } from "./trusted-owner.ts";

export interface FederationNodeOptions {
  readonly config: FederationConfig;
  /** The node's keys; what it signs uses the one its superiors know (see key-rollover.ts). */
  readonly keys: FederationKeyStore;
  readonly registry: TrustRegistry;
  readonly cache: TrustChainCache;
  /** fetch, deadline, size cap and the SSRF guard for requests to other entities. */
  readonly network?: FederationClientOptions;
  /** Which did:web hosts are served over http (development only). */
  readonly allowHttp?: OwnerTrustOptions["allowHttp"];
  readonly clock?: Clock;
}

/** Builds a node's federation graph; a TypeError when the configuration is wrong. */
export function createFederationNode(options: FederationNodeOptions) {
  const config = resolveFederationConfig(options.config);
  const clock = options.clock ?? systemClock;
  const { registry } = options;
  const client = new FederationClient(options.network);
  const rollover = new KeyRollover({ config, keys: options.keys, client, clock });
  const keys = rollover.signing;
  const entityConfiguration = () => signedEntityConfiguration(config, keys, registry, clock());
  const resolver = new TrustResolver({
    anchors: config.trustAnchors,
    client,
    cache: options.cache,
    clock,
    markStatusTtlSeconds: config.markStatusTtlSeconds,
  });
  const allowHttp = options.allowHttp ? { allowHttp: options.allowHttp } : {};
  const trustMarks = new TrustMarkIssuer({ config, keys, registry, clock });
  // An issuer of marks (anchor, intermediate) holds the marks it issued itself besides its superiors' ones.
  const self =
    config.role === "leaf"
      ? undefined
      : {
          activeMark: (type: string) => trustMarks.activeMark(type, config.entityId),
          jwks: () => keys.jwks(),
        };
  return {
    config,
    client,
    resolver,
    authority: new FederationAuthority({ config, keys, registry, client, clock }),
    trustMarks,
    entityConfiguration,
    /** Which key signs now, and what each superior pinned. */
    signingKey: () => rollover.choice(),
    /** After a key rotation: asks each superior lacking the new key to re-read this node's keys. */
    announceKeys: () => rollover.announce(entityConfiguration),
    refreshHeldTrustMarks: () =>
      refreshHeldTrustMarks({ config, registry, client, clock, ...(self ? { self } : {}) }),
    /** The signed resolve response for `sub` under one of `trustAnchors`, or why there is none. */
    async resolveResponse(sub: string, trustAnchors: readonly string[]) {
      const resolved = await resolver.resolve(sub);
      if (!resolved.ok) return resolved;
      if (!trustAnchors.includes(resolved.value.anchor.entityId)) {
        return untrusted(
          "TRUST_UNKNOWN",
          `${sub} resolves to ${resolved.value.anchor.entityId}, not a requested anchor`,
          {
            problem: "unknown-anchor",
          },
        );
      }
      return {
        ok: true as const,
        value: await signResolveResponse(config.entityId, resolved.value, keys, clock),
      };
    },
    historicalKeys: () => signHistoricalKeys(config.entityId, keys, clock),
    isTrustedOwner: trustedOwnerCheck(resolver, allowHttp),
  };
}

/** A node in the federation: what `createFederationNode` returns. */
export type FederationNode = ReturnType<typeof createFederationNode>;
