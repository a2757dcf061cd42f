/**
 * Resolves an entity to a trust anchor and checks its trust marks: the chain comes from the cache while it
 * is valid (so a verifier works offline until the chain's earliest `exp`), else from the network; each
 * trust mark is checked against its issuer's keys, the anchor's list of accepted issuers, and the issuer's
 * status endpoint when reachable (the last answer is kept for offline use).
 */
import { type Clock, systemClock } from "@learnbridge/core";
import type { CachedChain, CachedMarkStatus, TrustChainCache } from "./chain-cache.ts";
import { collectTrustChain } from "./chain-collector.ts";
import { organizationNameOf } from "./entity-statement.ts";
import type { FederationClient } from "./federation-client.ts";
import { type JwkSet, verifyJws } from "./jws.ts";
import { type TrustFailure, type TrustOutcome, trusted, untrusted } from "./outcome.ts";
import { type TrustAnchor, type ValidatedChain, validateTrustChain } from "./trust-chain.ts";
import {
  decodeTrustMark,
  TRUST_MARK_STATUS_TYP,
  TRUST_MARK_STATUSES,
  type TrustMarkClaims,
  type TrustMarkStatus,
  verifyTrustMark,
} from "./trust-mark.ts";

/** An entity on a chain, with the name the chain gives it. */
export interface NamedEntity {
  readonly entityId: string;
  readonly name?: string;
}

/** Where a trust mark's state comes from. */
export type MarkStatusSource = "issuer" | "cache" | "static";

/** One trust mark of the subject, checked. */
export interface CheckedTrustMark {
  readonly type: string;
  /** The trust mark as the subject's configuration carries it. */
  readonly jwt: string;
  readonly issuer: NamedEntity;
  /** `active` only when signature, time, accepted issuer and the issuer's status all agree. */
  readonly state: TrustMarkStatus;
  /** `issuer`: asked just now; `cache`: the issuer's last answer; `static`: signature and time only. */
  readonly source: MarkStatusSource;
  readonly claims?: TrustMarkClaims;
  /** Why it is not active, when it is not. */
  readonly reason?: string;
  /** Counted invalid only because its issuer's chain cannot be resolved now (unreachable, nothing cached). */
  readonly unavailable?: boolean;
}

/** A subject resolved to a trust anchor. */
export interface ResolvedTrust {
  readonly subject: NamedEntity;
  readonly anchor: NamedEntity;
  /** Superiors between subject and anchor, nearest first. */
  readonly intermediates: readonly NamedEntity[];
  readonly marks: readonly CheckedTrustMark[];
  /** The DID the subject's configuration declares (`learnbridge_centre.did`), if any. */
  readonly did?: string;
  /** The chain is valid until then (seconds since the epoch). */
  readonly expiresAt: number;
  /** True when the chain came from the cache rather than the network. */
  readonly fromCache: boolean;
  readonly chain: ValidatedChain;
}

export interface TrustResolverOptions {
  readonly anchors: readonly TrustAnchor[];
  readonly client: FederationClient;
  readonly cache: TrustChainCache;
  readonly clock?: Clock;
  readonly maxPathLength?: number;
  /** How long an issuer's status answer is reused before asking again; default 300 s. */
  readonly markStatusTtlSeconds?: number;
}

/** Options of one resolution. */
export interface ResolveOptions {
  /**
   * Collect the chain again when the cached one was resolved longer ago than the mark status TTL (the
   * subject may hold a new trust mark since); the cached chain still serves when the network fails.
   */
  readonly refresh?: boolean;
}

/** The key of one trust mark instance in the cache: issuer, type and issue time. */
export const markKey = (claims: Pick<TrustMarkClaims, "iss" | "trust_mark_type" | "iat">) =>
  `${claims.iss} ${claims.trust_mark_type} ${claims.iat}`;

/** Resolves entities to the configured anchors, with a cache. */
export class TrustResolver {
  readonly #anchors: readonly TrustAnchor[];
  readonly #client: FederationClient;
  readonly #cache: TrustChainCache;
  readonly #clock: Clock;
  readonly #maxPathLength: number | undefined;
  readonly #statusTtl: number;
  readonly #inFlight = new Map<string, Promise<TrustOutcome<ResolvedTrust>>>();
  /** Chains this resolver validated itself, by subject: re-reading the same statements skips the signatures. */
  readonly #validated = new Map<string, { readonly statements: string; readonly chain: ValidatedChain }>();

  constructor(options: TrustResolverOptions) {
    if (!options?.client || !options.cache || !Array.isArray(options.anchors)) {
      throw new TypeError("TrustResolver: anchors, client and cache are required");
    }
    this.#anchors = options.anchors;
    this.#client = options.client;
    this.#cache = options.cache;
    this.#clock = options.clock ?? systemClock;
    this.#maxPathLength = options.maxPathLength;
    this.#statusTtl = options.markStatusTtlSeconds ?? 300;
  }

  /** Resolves `entityId` and checks its trust marks; concurrent calls for one entity share the work. */
  resolve(entityId: string, options: ResolveOptions = {}): Promise<TrustOutcome<ResolvedTrust>> {
    const refresh = options.refresh === true;
    const key = refresh ? `refresh ${entityId}` : entityId;
    let pending = this.#inFlight.get(key);
    if (!pending) {
      pending = this.#resolve(entityId, refresh).finally(() => this.#inFlight.delete(key));
      this.#inFlight.set(key, pending);
    }
    return pending;
  }

  async #resolve(entityId: string, refresh: boolean): Promise<TrustOutcome<ResolvedTrust>> {
    const now = this.#clock();
    const found = await this.#chainOf(entityId, now, refresh);
    if (!found.ok) return found;
    const { chain, entry, fromCache } = found.value;
    const statuses: Record<string, CachedMarkStatus> = { ...entry.markStatuses };
    const marks: CheckedTrustMark[] = [];
    for (const held of chain.configuration.trust_marks ?? []) {
      marks.push(await this.#checkMark(held.trust_mark_type, held.trust_mark, chain, statuses, now));
    }
    if (!fromCache || JSON.stringify(statuses) !== JSON.stringify(entry.markStatuses)) {
      await this.#cache.put({ ...entry, markStatuses: statuses });
    }
    const named = (id: string): NamedEntity =>
      chain.names[id] ? { entityId: id, name: chain.names[id] } : { entityId: id };
    const did = chain.configuration.metadata?.learnbridge_centre?.did;
    return trusted({
      subject: named(chain.subject),
      anchor: named(chain.anchor),
      intermediates: chain.intermediates.map(named),
      marks,
      ...(typeof did === "string" ? { did } : {}),
      expiresAt: chain.expiresAt,
      fromCache,
      chain,
    });
  }

  /**
   * The chain of `entityId`: from the cache while valid (with `refresh`, only while resolved recently),
   * else collected (and cached).
   */
  async #chainOf(
    entityId: string,
    now: Date,
    refresh = false,
  ): Promise<TrustOutcome<{ chain: ValidatedChain; entry: CachedChain; fromCache: boolean }>> {
    const nowSeconds = Math.floor(now.getTime() / 1000);
    const cached = await this.#cache.get(entityId);
    let fallback: ValidatedChain | undefined;
    if (cached && cached.expiresAt > nowSeconds) {
      const statements = cached.statements.join("~");
      const memo = this.#validated.get(entityId);
      let chain: ValidatedChain | undefined;
      if (memo?.statements === statements && memo.chain.expiresAt > nowSeconds) chain = memo.chain;
      else {
        const valid = await validateTrustChain(cached.statements, this.#anchors, {
          now,
          maxPathLength: this.#maxPathLength,
        });
        if (valid.ok) {
          this.#remember(entityId, statements, valid.value);
          chain = valid.value;
        }
      }
      if (chain && !(refresh && cached.resolvedAt + this.#statusTtl <= nowSeconds))
        return trusted({ chain, entry: cached, fromCache: true });
      fallback = chain;
    }
    const collected = await collectTrustChain(entityId, {
      client: this.#client,
      anchors: this.#anchors,
      now,
      ...(this.#maxPathLength !== undefined ? { maxPathLength: this.#maxPathLength } : {}),
    });
    if (!collected.ok) {
      // Asked to refresh a chain that is still valid, and the network is down: the cached one stands.
      if (collected.code === "TRUST_UNAVAILABLE" && fallback && cached)
        return trusted({ chain: fallback, entry: cached, fromCache: true });
      if (collected.code === "TRUST_UNAVAILABLE" && cached) {
        return untrusted("TRUST_UNAVAILABLE", `${collected.reason}; the cached chain expired`, {
          ...collected.details,
          cachedUntil: new Date(cached.expiresAt * 1000).toISOString(),
        });
      }
      return collected;
    }
    const chain = collected.value;
    this.#remember(entityId, chain.statements.map((st) => st.jwt).join("~"), chain);
    const entry: CachedChain = {
      subject: chain.subject,
      anchor: chain.anchor,
      statements: chain.statements.map((s) => s.jwt),
      expiresAt: chain.expiresAt,
      resolvedAt: nowSeconds,
      markStatuses: cached?.markStatuses ?? {},
    };
    await this.#cache.put(entry);
    return trusted({ chain, entry, fromCache: false });
  }

  #remember(entityId: string, statements: string, chain: ValidatedChain) {
    // Bounded: a verifier meets many issuers; the oldest memo goes first.
    if (this.#validated.size >= 1000) this.#validated.delete(this.#validated.keys().next().value as string);
    this.#validated.set(entityId, { statements, chain });
  }

  async #checkMark(
    type: string,
    jwt: string,
    chain: ValidatedChain,
    statuses: Record<string, CachedMarkStatus>,
    now: Date,
  ): Promise<CheckedTrustMark> {
    const claims = decodeTrustMark(jwt);
    const unnamed = { entityId: claims?.iss ?? "unknown" };
    const invalid = (
      reason: string,
      issuer: NamedEntity = unnamed,
      unavailable = false,
    ): CheckedTrustMark => ({
      type,
      jwt,
      issuer,
      state: "invalid",
      source: "static",
      ...(claims ? { claims } : {}),
      reason,
      ...(unavailable ? { unavailable } : {}),
    });
    if (!claims) return invalid("not a well-formed trust mark");
    if (claims.trust_mark_type !== type)
      return invalid("trust_mark_type differs from the entry that carries it");
    if (claims.sub !== chain.subject) return invalid(`the mark is about ${claims.sub}`);
    const accepted = chain.anchorConfiguration.trust_mark_issuers?.[type];
    if (!accepted) return invalid(`${chain.anchor} does not recognise this trust mark type`);
    if (accepted.length > 0 && !accepted.includes(claims.iss))
      return invalid(`${chain.anchor} does not accept ${claims.iss} as its issuer`);

    const issuerInfo = await this.#issuer(claims.iss, chain, now);
    if (!issuerInfo.ok) {
      return invalid(
        `its issuer could not be trusted: ${issuerInfo.reason}`,
        unnamed,
        issuerInfo.code === "TRUST_UNAVAILABLE",
      );
    }
    const issuer: NamedEntity = issuerInfo.value.name
      ? { entityId: claims.iss, name: issuerInfo.value.name }
      : { entityId: claims.iss };
    const verified = await verifyTrustMark(jwt, issuerInfo.value.keys, { now, subject: chain.subject });
    if (!verified.ok) {
      return {
        type,
        jwt,
        issuer,
        state: verified.expired ? "expired" : "invalid",
        source: "static",
        claims,
        reason: verified.reason,
      };
    }

    const key = markKey(claims);
    const nowSeconds = Math.floor(now.getTime() / 1000);
    const known = statuses[key];
    if (known && known.checkedAt + this.#statusTtl > nowSeconds)
      return this.#withStatus(type, jwt, issuer, claims, known.status, "cache");
    const endpoint = issuerInfo.value.statusEndpoint;
    if (endpoint) {
      const asked = await this.#askStatus(endpoint, jwt, claims.iss, issuerInfo.value.keys, now);
      if (asked) {
        statuses[key] = { status: asked, checkedAt: nowSeconds };
        return this.#withStatus(type, jwt, issuer, claims, asked, "issuer");
      }
    }
    if (known) return this.#withStatus(type, jwt, issuer, claims, known.status, "cache");
    return { type, jwt, issuer, state: "active", source: "static", claims };
  }

  #withStatus(
    type: string,
    jwt: string,
    issuer: NamedEntity,
    claims: TrustMarkClaims,
    status: TrustMarkStatus,
    source: MarkStatusSource,
  ): CheckedTrustMark {
    return {
      type,
      jwt,
      issuer,
      state: status,
      source,
      claims,
      ...(status === "active" ? {} : { reason: `its issuer reports it ${status}` }),
    };
  }

  /** The keys, name and status endpoint of a trust mark issuer, trusted under the same anchor. */
  async #issuer(
    issuerId: string,
    chain: ValidatedChain,
    now: Date,
  ): Promise<TrustOutcome<{ keys: JwkSet; name?: string; statusEndpoint?: string }>> {
    let issuerChain: ValidatedChain;
    if (issuerId === chain.anchor) {
      issuerChain = { ...chain, configuration: chain.anchorConfiguration };
    } else if (issuerId === chain.subject) {
      issuerChain = chain;
    } else {
      const found = await this.#chainOf(issuerId, now);
      if (!found.ok) return found;
      if (found.value.chain.anchor !== chain.anchor) {
        return untrusted("TRUST_MARK_INVALID", `${issuerId} is trusted under another anchor`, {});
      }
      issuerChain = found.value.chain;
    }
    const keys = issuerId === chain.anchor ? chain.keys[chain.anchor] : issuerChain.keys[issuerId];
    if (!keys) return untrusted("TRUST_MARK_INVALID", `no keys for ${issuerId}`, {});
    const endpoint =
      issuerChain.configuration.metadata?.federation_entity?.federation_trust_mark_status_endpoint;
    const name = chain.names[issuerId] ?? organizationNameOf(issuerChain.configuration);
    return trusted({
      keys,
      ...(name ? { name } : {}),
      ...(typeof endpoint === "string" ? { statusEndpoint: endpoint } : {}),
    });
  }

  /** The issuer's signed answer, or undefined when it could not be had or did not verify. */
  async #askStatus(
    endpoint: string,
    jwt: string,
    issuer: string,
    keys: JwkSet,
    now: Date,
  ): Promise<TrustMarkStatus | undefined> {
    const response = await this.#client.trustMarkStatus(endpoint, jwt);
    if (!response.ok) return undefined;
    const verified = await verifyJws(response.value, keys, { typ: TRUST_MARK_STATUS_TYP, now });
    if (!verified.ok) return undefined;
    const { iss, trust_mark: mark, status } = verified.payload;
    if (iss !== issuer || mark !== jwt || typeof status !== "string") return undefined;
    // A status this node does not know is not one it can act on as "active".
    return (TRUST_MARK_STATUSES as readonly string[]).includes(status)
      ? (status as TrustMarkStatus)
      : "invalid";
  }
}

export type { TrustFailure };
