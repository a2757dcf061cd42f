/**
 * Issuing trust marks: an anchor or intermediate issues marks to its subordinates (or itself), revokes
 * them, and answers for them: the status endpoint (a signed `trust-mark-status-response+jwt`), the trust
 * mark endpoint (the latest active mark of a type for a subject) and the trust-marked listing.
 */
import { type Clock, LearnbridgeError, systemClock } from "@learnbridge/core";
import type { FederationActor } from "./federation-authority.ts";
import type { FederationKeys, ResolvedFederationConfig } from "./federation-config.ts";
import { decodeJws, type JwkSet, signJws, verifyJws } from "./jws.ts";
import {
  signTrustMark,
  TRUST_MARK_STATUS_TYP,
  TRUST_MARK_TYP,
  TRUST_MARK_TYPES,
  type TrustMarkClaims,
  type TrustMarkScope,
  type TrustMarkStatus,
  trustMarkScopeProblem,
} from "./trust-mark.ts";
import type { IssuedTrustMark, TrustRegistry } from "./trust-registry.ts";

/** What a person asks for when issuing a mark. */
export interface TrustMarkRequest {
  readonly type: string;
  readonly sub: string;
  readonly scope?: TrustMarkScope;
  /** Lifetime in seconds; default the configuration's trust mark lifetime. */
  readonly lifetimeSeconds?: number;
  /** A URL with human-readable information about the accreditation. */
  readonly ref?: string;
}

export interface TrustMarkIssuerOptions {
  readonly config: ResolvedFederationConfig;
  readonly keys: FederationKeys;
  readonly registry: TrustRegistry;
  readonly clock?: Clock;
  /** Ids of issued marks; default random UUIDs. */
  readonly newId?: () => string;
}

const KNOWN_TYPES = new Set<string>(Object.values(TRUST_MARK_TYPES));

export class TrustMarkIssuer {
  readonly #config: ResolvedFederationConfig;
  readonly #keys: FederationKeys;
  readonly #registry: TrustRegistry;
  readonly #clock: Clock;
  readonly #newId: () => string;

  constructor(options: TrustMarkIssuerOptions) {
    if (!options?.config || !options.keys || !options.registry)
      throw new TypeError("TrustMarkIssuer: config, keys and registry are required");
    this.#config = options.config;
    this.#keys = options.keys;
    this.#registry = options.registry;
    this.#clock = options.clock ?? systemClock;
    this.#newId = options.newId ?? (() => crypto.randomUUID());
  }

  /** Issues a mark of a Learnbridge type to an active subordinate or to this node itself. */
  async issue(request: TrustMarkRequest, by: FederationActor): Promise<IssuedTrustMark> {
    if (this.#config.role === "leaf")
      throw new LearnbridgeError("CONFLICT", "a leaf does not issue trust marks");
    if (!KNOWN_TYPES.has(request?.type)) {
      throw new LearnbridgeError("FIELD_INVALID", `type must be one of ${[...KNOWN_TYPES].join(", ")}`, {
        field: "type",
      });
    }
    const scope = request.scope ?? {};
    const problem = trustMarkScopeProblem(request.type, scope as Record<string, unknown>);
    if (problem) throw new LearnbridgeError("FIELD_INVALID", problem, { field: "scope" });
    const lifetime = request.lifetimeSeconds ?? this.#config.trustMarkLifetimeSeconds;
    if (!Number.isSafeInteger(lifetime) || lifetime < 60 || lifetime > 10 * 365 * 86_400) {
      throw new LearnbridgeError(
        "FIELD_INVALID",
        "lifetimeSeconds must be between one minute and ten years",
        { field: "lifetimeSeconds" },
      );
    }
    if (request.ref !== undefined && !(typeof request.ref === "string" && URL.canParse(request.ref))) {
      throw new LearnbridgeError("FIELD_INVALID", "ref must be a URL", { field: "ref" });
    }
    if (request.sub !== this.#config.entityId) {
      const subordinate = await this.#registry.getSubordinate(request.sub);
      if (!subordinate)
        throw new LearnbridgeError("NOT_FOUND", `${String(request.sub)} is not a subordinate of this node`);
      if (subordinate.status === "suspended")
        throw new LearnbridgeError("CONFLICT", `${request.sub} is suspended`);
    }
    const now = this.#clock();
    const iat = Math.floor(now.getTime() / 1000);
    const claims: TrustMarkClaims = {
      iss: this.#config.entityId,
      sub: request.sub,
      trust_mark_type: request.type,
      iat,
      exp: iat + lifetime,
      ...(scope.max_eqf_level !== undefined ? { max_eqf_level: scope.max_eqf_level } : {}),
      ...(scope.fields ? { fields: [...scope.fields] } : {}),
      ...(scope.jurisdiction ? { jurisdiction: scope.jurisdiction } : {}),
      ...(request.ref ? { ref: request.ref } : {}),
    };
    const jwt = await signTrustMark(claims, await this.#keys.signer());
    const mark: IssuedTrustMark = {
      id: this.#newId(),
      type: request.type,
      sub: request.sub,
      jwt,
      issuedAt: now.toISOString(),
      expiresAt: new Date((iat + lifetime) * 1000).toISOString(),
    };
    await this.#registry.insertIssuedTrustMark(mark, {
      at: mark.issuedAt,
      actor: by.actor,
      action: "federation.trust-mark.issue",
      subject: mark.id,
      ...(by.origin ? { origin: by.origin } : {}),
      details: { type: mark.type, sub: mark.sub, ...scope },
    });
    return mark;
  }

  /** Revokes a mark this node issued (idempotent); NOT_FOUND when there is no such mark. */
  async revoke(id: string, reason: string | undefined, by: FederationActor): Promise<IssuedTrustMark> {
    const at = this.#clock().toISOString();
    const done = await this.#registry.revokeIssuedTrustMark(
      id,
      { at, ...(reason ? { reason } : {}) },
      {
        at,
        actor: by.actor,
        action: "federation.trust-mark.revoke",
        subject: id,
        ...(by.origin ? { origin: by.origin } : {}),
        ...(reason ? { details: { reason } } : {}),
      },
    );
    const mark = done ? await this.#registry.getIssuedTrustMark(id) : undefined;
    if (!mark) throw new LearnbridgeError("NOT_FOUND", `no trust mark ${id} was issued here`);
    return mark;
  }

  /** Issued marks, newest first. */
  issued(query: { readonly sub?: string; readonly type?: string } = {}): Promise<readonly IssuedTrustMark[]> {
    return this.#registry.findIssuedTrustMarks(query);
  }

  /** The status of a mark, as this node (its issuer) sees it now. */
  async statusOf(trustMark: string): Promise<TrustMarkStatus> {
    const decoded = decodeJws(trustMark);
    const claims = decoded?.payload as Partial<TrustMarkClaims> | undefined;
    if (!decoded || decoded.header.typ !== TRUST_MARK_TYP || claims?.iss !== this.#config.entityId)
      return "invalid";
    const now = this.#clock();
    const verified = await verifyJws(trustMark, await this.#allKeys(), { typ: TRUST_MARK_TYP, now });
    if (!verified.ok && verified.problem !== "expired") return "invalid";
    const record = (
      await this.#registry.findIssuedTrustMarks({
        sub: String(claims.sub),
        type: String(claims.trust_mark_type),
      })
    ).find((m) => m.jwt === trustMark);
    if (!record) return "invalid";
    if (record.revokedAt) return "revoked";
    if (!verified.ok) return "expired";
    const subordinate = await this.#registry.getSubordinate(record.sub);
    if (subordinate?.status === "suspended") return "suspended";
    return "active";
  }

  /** The signed status response (§8.4.2) for `trustMark`. */
  async statusResponse(trustMark: string): Promise<string> {
    const status = await this.statusOf(trustMark);
    const iat = Math.floor(this.#clock().getTime() / 1000);
    return signJws(
      TRUST_MARK_STATUS_TYP,
      { iss: this.#config.entityId, iat, trust_mark: trustMark, status },
      await this.#keys.signer(),
    );
  }

  /** The latest active mark of `type` for `sub` (§8.6), or undefined. */
  async activeMark(type: string, sub: string): Promise<string | undefined> {
    for (const mark of await this.#registry.findIssuedTrustMarks({ sub, type })) {
      if ((await this.statusOf(mark.jwt)) === "active") return mark.jwt;
    }
    return undefined;
  }

  /** Entity ids holding an active mark of `type` (§8.5), optionally only `sub`. */
  async markedEntities(type: string, sub?: string): Promise<string[]> {
    const subjects = new Set<string>();
    for (const mark of await this.#registry.findIssuedTrustMarks({ type, ...(sub ? { sub } : {}) })) {
      if (!subjects.has(mark.sub) && (await this.statusOf(mark.jwt)) === "active") subjects.add(mark.sub);
    }
    return [...subjects].sort();
  }

  /** Current and retired keys (never revoked ones): a mark signed before a key rotation is still this node's. */
  #allKeys(): Promise<JwkSet> {
    return this.#keys.jwks();
  }
}
