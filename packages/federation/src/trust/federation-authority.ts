/**
 * A superior's side of the federation (trust anchor or intermediate): enrol a subordinate (its keys are
 * taken from its Entity Configuration, checked, and pinned), re-pin its keys after its key roll-over (only
 * from a configuration signed by a key pinned now: on an admin call, on its hint, lazily at fetch), suspend
 * and reinstate it, and serve the Subordinate Statements and listing that chains are built from. Every
 * change carries its audit entry.
 */
import { type Clock, LearnbridgeError, systemClock } from "@learnbridge/core";
import { isEntityId } from "./entity-id.ts";
import {
  decodeStatement,
  ENTITY_STATEMENT_TYP,
  type EntityStatementClaims,
  organizationNameOf,
  signEntityStatement,
} from "./entity-statement.ts";
import type { FederationClient } from "./federation-client.ts";
import type { FederationKeys, ResolvedFederationConfig } from "./federation-config.ts";
import { verifyJws } from "./jws.ts";
import { subordinateConfiguration } from "./subordinate-configuration.ts";
import type { FederationAuditEntry, SubordinateRecord, TrustRegistry } from "./trust-registry.ts";

/** Who made a change, for the audit log. */
export interface FederationActor {
  /** The API key id, `cli` or `system`. */
  readonly actor: string;
  /** The client address, when the change came over HTTP. */
  readonly origin?: string;
}

/** What a fetch request for a subordinate yields. */
export type SubordinateStatementAnswer =
  | { readonly found: true; readonly jwt: string }
  | { readonly found: false; readonly suspended: boolean };

/** What re-reading a subordinate's keys did. */
export interface KeyRefresh {
  readonly entityId: string;
  /** True when the pinned keys changed. */
  readonly rekeyed: boolean;
  /** The kids pinned now, and before. */
  readonly kids: readonly string[];
  readonly previousKids: readonly string[];
}

/** What prompted a key refresh, for the audit log. */
export type KeyRefreshCause = "admin" | "hint" | "fetch";

export interface FederationAuthorityOptions {
  readonly config: ResolvedFederationConfig;
  readonly keys: FederationKeys;
  readonly registry: TrustRegistry;
  readonly client: FederationClient;
  readonly clock?: Clock;
}

/** Filters of the subordinate listing (§8.2); marks filters are answered with the marks this node issued. */
export interface ListFilter {
  readonly entityTypes?: readonly string[];
  readonly intermediate?: boolean;
  readonly trustMarked?: boolean;
  readonly trustMarkType?: string;
}

export class FederationAuthority {
  readonly #config: ResolvedFederationConfig;
  readonly #keys: FederationKeys;
  readonly #registry: TrustRegistry;
  readonly #client: FederationClient;
  readonly #clock: Clock;
  /** When each subordinate's keys were last re-read (ms), for the lazy check at fetch. */
  readonly #keysCheckedAt = new Map<string, number>();
  /** The last rollover hint acted on, by subordinate. */
  readonly #lastHint = new Map<string, string>();

  constructor(options: FederationAuthorityOptions) {
    if (!options?.config || !options.keys || !options.registry || !options.client) {
      throw new TypeError("FederationAuthority: config, keys, registry and client are required");
    }
    this.#config = options.config;
    this.#keys = options.keys;
    this.#registry = options.registry;
    this.#client = options.client;
    this.#clock = options.clock ?? systemClock;
  }

  /** True when this node's role lets it have subordinates. */
  get isSuperior(): boolean {
    return this.#config.role !== "leaf";
  }

  /**
   * Enrols `entityId`: fetches its Entity Configuration, checks it is self-signed, names this node as a
   * superior, and pins its keys. Enrolling again re-pins the keys (after a key rotation) and keeps a
   * suspension in force.
   */
  async enrol(entityId: string, by: FederationActor): Promise<SubordinateRecord> {
    this.#mustBeSuperior();
    if (!isEntityId(entityId))
      throw new LearnbridgeError("FIELD_INVALID", "entityId must be an entity id", { field: "entityId" });
    if (entityId === this.#config.entityId)
      throw new LearnbridgeError("FIELD_INVALID", "a node cannot enrol itself", { field: "entityId" });
    const { claims } = await subordinateConfiguration(
      entityId,
      this.#config.entityId,
      this.#client,
      this.#clock(),
    );
    const now = this.#clock();
    this.#keysCheckedAt.set(entityId, now.getTime());
    const previous = await this.#registry.getSubordinate(entityId);
    const at = now.toISOString();
    const name = organizationNameOf(claims);
    const record: SubordinateRecord = {
      entityId,
      jwks: { keys: claims.jwks.keys.map((k) => ({ ...k })) },
      status: previous?.status ?? "active",
      intermediate: typeof claims.metadata?.federation_entity?.federation_fetch_endpoint === "string",
      entityTypes: Object.keys(claims.metadata ?? {}).sort(),
      ...(name ? { organizationName: name } : {}),
      enrolledAt: previous?.enrolledAt ?? at,
      updatedAt: at,
      ...(previous?.suspensionReason ? { suspensionReason: previous.suspensionReason } : {}),
    };
    await this.#registry.putSubordinate(
      record,
      this.#audit(by, previous ? "federation.subordinate.rekey" : "federation.subordinate.enrol", entityId, {
        kids: record.jwks.keys.map((k) => k.kid),
        intermediate: record.intermediate,
      }),
    );
    return record;
  }

  /**
   * Re-reads a subordinate's keys from the Entity Configuration it serves, and pins them only when that
   * configuration verifies under a key pinned now: a new key is vouched for by one the superior already
   * trusts (never otherwise; a subordinate that lost every pinned key is enrolled again by a person).
   * Unchanged keys change nothing; a change is audited as `federation.subordinate.rekey`.
   */
  async refreshKeys(entityId: string, by: FederationActor, cause: KeyRefreshCause): Promise<KeyRefresh> {
    this.#mustBeSuperior();
    const previous = await this.#registry.getSubordinate(entityId);
    if (!previous) throw new LearnbridgeError("NOT_FOUND", `${entityId} is not a subordinate of this node`);
    this.#keysCheckedAt.set(entityId, this.#clock().getTime());
    const { jwt, claims } = await subordinateConfiguration(
      entityId,
      this.#config.entityId,
      this.#client,
      this.#clock(),
    );
    const pinned = await verifyJws(jwt, previous.jwks, { typ: ENTITY_STATEMENT_TYP, now: this.#clock() });
    if (!pinned.ok) {
      throw new LearnbridgeError(
        "ENTITY_STATEMENT_INVALID",
        `the configuration of ${entityId} does not verify under the keys pinned for it (${pinned.reason}); enrol it again to trust new keys`,
        { entityId },
      );
    }
    const previousKids = previous.jwks.keys.map((k) => k.kid);
    const jwks = { keys: claims.jwks.keys.map((k) => ({ ...k })) };
    const kids = jwks.keys.map((k) => k.kid);
    if (JSON.stringify(jwks) === JSON.stringify(previous.jwks))
      return { entityId, rekeyed: false, kids, previousKids };
    const record: SubordinateRecord = { ...previous, jwks, updatedAt: this.#clock().toISOString() };
    await this.#registry.putSubordinate(
      record,
      this.#audit(by, "federation.subordinate.rekey", entityId, { kids, previousKids, cause }),
    );
    return { entityId, rekeyed: true, kids, previousKids };
  }

  /**
   * A subordinate's hint after its key rotation: its Entity Configuration, which must verify under a key
   * pinned for it (that authenticates the hint). The keys are then re-read from what it serves, as
   * `refreshKeys` does: the hint itself is never taken as the keys.
   */
  async acceptRolloverHint(entityConfiguration: string): Promise<KeyRefresh> {
    const decoded = decodeStatement(entityConfiguration);
    if (!decoded.ok || decoded.value.claims.iss !== decoded.value.claims.sub) {
      throw new LearnbridgeError(
        "ENTITY_STATEMENT_INVALID",
        `not an Entity Configuration: ${decoded.ok ? "iss differs from sub" : decoded.reason}`,
      );
    }
    const entityId = decoded.value.claims.sub;
    const record = this.isSuperior ? await this.#registry.getSubordinate(entityId) : undefined;
    if (!record) throw new LearnbridgeError("NOT_FOUND", `${entityId} is not a subordinate of this node`);
    const verified = await verifyJws(entityConfiguration, record.jwks, {
      typ: ENTITY_STATEMENT_TYP,
      now: this.#clock(),
    });
    if (!verified.ok) {
      throw new LearnbridgeError(
        "UNAUTHORIZED",
        `the hint is not signed with a key pinned for ${entityId}: ${verified.reason}`,
      );
    }
    // Entity Configurations are public, so anyone may replay one: only a configuration that announces other
    // keys than those pinned, and not acted on before, makes this node fetch.
    const kids = record.jwks.keys.map((k) => k.kid);
    const same = JSON.stringify(decoded.value.claims.jwks) === JSON.stringify(record.jwks);
    if (same || this.#lastHint.get(entityId) === entityConfiguration)
      return { entityId, rekeyed: false, kids, previousKids: kids };
    this.#lastHint.set(entityId, entityConfiguration);
    return this.refreshKeys(entityId, { actor: entityId }, "hint");
  }

  /** Suspends a subordinate: its statement is no longer served and the marks this node issued it report `suspended`. */
  async suspend(
    entityId: string,
    reason: string | undefined,
    by: FederationActor,
  ): Promise<SubordinateRecord> {
    return this.#setStatus(entityId, "suspended", reason, by);
  }

  /** Reinstates a suspended subordinate. */
  async reinstate(entityId: string, by: FederationActor): Promise<SubordinateRecord> {
    return this.#setStatus(entityId, "active", undefined, by);
  }

  /** Every subordinate with its status. */
  subordinates(): Promise<readonly SubordinateRecord[]> {
    return this.#registry.listSubordinates();
  }

  /** The signed Subordinate Statement about `sub`, or why there is none. */
  async subordinateStatement(sub: string): Promise<SubordinateStatementAnswer> {
    let record = this.isSuperior ? await this.#registry.getSubordinate(sub) : undefined;
    if (!record) return { found: false, suspended: false };
    if (record.status === "suspended") return { found: false, suspended: true };
    const last = this.#keysCheckedAt.get(sub);
    const now = this.#clock().getTime();
    if (last === undefined || now - last >= this.#config.subordinateKeysCheckSeconds * 1000) {
      // Lazily, at most once per interval: a subordinate that rotated its key is re-pinned without anyone
      // asking. Whatever goes wrong leaves the pinned keys as they are.
      const refreshed = await this.refreshKeys(sub, { actor: "system" }, "fetch").catch(() => undefined);
      if (refreshed?.rekeyed) record = (await this.#registry.getSubordinate(sub)) ?? record;
    }
    const iat = Math.floor(this.#clock().getTime() / 1000);
    const claims: EntityStatementClaims = {
      iss: this.#config.entityId,
      sub,
      iat,
      exp: iat + this.#config.statementLifetimeSeconds,
      jwks: record.jwks,
      // The name travels in the chain, so a verifier can say "via <name>" without fetching more.
      ...(record.organizationName
        ? { metadata: { federation_entity: { organization_name: record.organizationName } } }
        : {}),
      source_endpoint: `${this.#config.entityId}/federation/fetch`,
    };
    return { found: true, jwt: await signEntityStatement(claims, await this.#keys.signer()) };
  }

  /** Entity ids of the active subordinates that pass `filter` (§8.2). */
  async list(filter: ListFilter = {}): Promise<string[]> {
    if (!this.isSuperior) return [];
    const active = (await this.#registry.listSubordinates()).filter((s) => s.status === "active");
    const nowIso = this.#clock().toISOString();
    const marked = new Set<string>();
    if (filter.trustMarked || filter.trustMarkType) {
      for (const mark of await this.#registry.findIssuedTrustMarks(
        filter.trustMarkType ? { type: filter.trustMarkType } : {},
      )) {
        if (!mark.revokedAt && (!mark.expiresAt || mark.expiresAt > nowIso)) marked.add(mark.sub);
      }
    }
    return active
      .filter((s) => filter.intermediate === undefined || !filter.intermediate || s.intermediate)
      .filter((s) => !filter.entityTypes?.length || filter.entityTypes.some((t) => s.entityTypes.includes(t)))
      .filter((s) => !(filter.trustMarked || filter.trustMarkType) || marked.has(s.entityId))
      .map((s) => s.entityId);
  }

  async #setStatus(
    entityId: string,
    status: "active" | "suspended",
    reason: string | undefined,
    by: FederationActor,
  ) {
    this.#mustBeSuperior();
    const at = this.#clock().toISOString();
    const changed = await this.#registry.setSubordinateStatus(
      entityId,
      { status, at, ...(reason ? { reason } : {}) },
      this.#audit(
        by,
        status === "suspended" ? "federation.subordinate.suspend" : "federation.subordinate.reinstate",
        entityId,
        reason ? { reason } : undefined,
      ),
    );
    const record = changed ? await this.#registry.getSubordinate(entityId) : undefined;
    if (!record) throw new LearnbridgeError("NOT_FOUND", `${entityId} is not a subordinate of this node`);
    return record;
  }

  #mustBeSuperior() {
    if (!this.isSuperior)
      throw new LearnbridgeError(
        "CONFLICT",
        "a leaf has no subordinates: configure this node as an anchor or intermediate",
      );
  }

  #audit(
    by: FederationActor,
    action: string,
    subject: string,
    details?: Record<string, unknown>,
  ): FederationAuditEntry {
    return {
      at: this.#clock().toISOString(),
      actor: by.actor,
      action,
      subject,
      ...(by.origin ? { origin: by.origin } : {}),
      ...(details ? { details } : {}),
    };
  }
}
