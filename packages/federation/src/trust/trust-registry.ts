/**
 * The port for what a node decides and holds in the federation: as a superior, its enrolled subordinates
 * (keys pinned at enrolment, active or suspended) and the trust marks it issued (and revoked); as a
 * subordinate, the trust marks others issued to it, which its Entity Configuration carries. Every change a
 * person makes is stored together with its audit entry, or not at all.
 */
import type { JwkSet } from "./jws.ts";

/** An audit entry, shaped as @learnbridge/issuer's AuditEntry (the node's one audit log). */
export interface FederationAuditEntry {
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  readonly subject: string;
  readonly origin?: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

/** Where the memory twin appends its audit entries (an AuditLog fits). */
export interface AuditSink {
  append(entry: FederationAuditEntry): Promise<void>;
}

export type SubordinateStatus = "active" | "suspended";

/** An enrolled subordinate. */
export interface SubordinateRecord {
  readonly entityId: string;
  /** Its federation keys, taken from its Entity Configuration at enrolment and pinned. */
  readonly jwks: JwkSet;
  readonly status: SubordinateStatus;
  /** True when it has subordinates of its own (it publishes a fetch endpoint). */
  readonly intermediate: boolean;
  /** The entity types its configuration declared. */
  readonly entityTypes: readonly string[];
  readonly organizationName?: string;
  readonly enrolledAt: string;
  readonly updatedAt: string;
  /** Why it was suspended, while it is. */
  readonly suspensionReason?: string;
}

/** A trust mark this node issued. */
export interface IssuedTrustMark {
  /** Opaque id for revocation. */
  readonly id: string;
  readonly type: string;
  readonly sub: string;
  readonly jwt: string;
  readonly issuedAt: string;
  readonly expiresAt?: string;
  readonly revokedAt?: string;
  readonly revocationReason?: string;
}

/** A trust mark issued to this node, as its Entity Configuration carries it. */
export interface HeldTrustMark {
  readonly type: string;
  readonly issuer: string;
  readonly jwt: string;
  /** `exp` of the mark in seconds, when it has one. */
  readonly expiresAt?: number;
  readonly fetchedAt: string;
}

export interface TrustRegistry {
  /** Enrols a subordinate, or replaces its record (re-enrolment re-pins its keys), with the audit entry. */
  putSubordinate(record: SubordinateRecord, audit: FederationAuditEntry): Promise<void>;
  getSubordinate(entityId: string): Promise<SubordinateRecord | undefined>;
  /** Every subordinate, by entity id. */
  listSubordinates(): Promise<readonly SubordinateRecord[]>;
  /**
   * Suspends or reinstates; false when there is no such subordinate. The audit entry is stored only when
   * the status changed; asking for the status it already has changes nothing and returns true.
   */
  setSubordinateStatus(
    entityId: string,
    change: { readonly status: SubordinateStatus; readonly at: string; readonly reason?: string },
    audit: FederationAuditEntry,
  ): Promise<boolean>;

  /** Stores a trust mark this node issued, with the audit entry. */
  insertIssuedTrustMark(mark: IssuedTrustMark, audit: FederationAuditEntry): Promise<void>;
  getIssuedTrustMark(id: string): Promise<IssuedTrustMark | undefined>;
  /** Issued marks, newest first, optionally of one subject and/or type. */
  findIssuedTrustMarks(query?: {
    readonly sub?: string;
    readonly type?: string;
  }): Promise<readonly IssuedTrustMark[]>;
  /** Revokes a mark once (a second call keeps the first time and reason); false when there is no such mark. */
  revokeIssuedTrustMark(
    id: string,
    revocation: { readonly at: string; readonly reason?: string },
    audit: FederationAuditEntry,
  ): Promise<boolean>;

  /** Replaces the marks this node holds. */
  replaceHeldTrustMarks(marks: readonly HeldTrustMark[]): Promise<void>;
  /** The marks this node holds, by type then issuer. */
  listHeldTrustMarks(): Promise<readonly HeldTrustMark[]>;
}

const byEntityId = (a: SubordinateRecord, b: SubordinateRecord) =>
  a.entityId < b.entityId ? -1 : a.entityId > b.entityId ? 1 : 0;

/** The in-memory twin; audit entries go to `audit`. */
export class MemoryTrustRegistry implements TrustRegistry {
  readonly #audit: AuditSink;
  readonly #subordinates = new Map<string, SubordinateRecord>();
  readonly #issued: IssuedTrustMark[] = [];
  #held: HeldTrustMark[] = [];

  constructor(options: { readonly audit: AuditSink }) {
    if (!options?.audit) throw new TypeError("MemoryTrustRegistry: audit is required");
    this.#audit = options.audit;
  }

  async putSubordinate(record: SubordinateRecord, audit: FederationAuditEntry) {
    this.#subordinates.set(record.entityId, structuredClone(record));
    await this.#audit.append(audit);
  }

  async getSubordinate(entityId: string) {
    const record = this.#subordinates.get(entityId);
    return record && structuredClone(record);
  }

  async listSubordinates() {
    return [...this.#subordinates.values()].sort(byEntityId).map((r) => structuredClone(r));
  }

  async setSubordinateStatus(
    entityId: string,
    change: { status: SubordinateStatus; at: string; reason?: string },
    audit: FederationAuditEntry,
  ) {
    const record = this.#subordinates.get(entityId);
    if (!record) return false;
    if (record.status === change.status) return true;
    const { suspensionReason: _old, ...rest } = record;
    this.#subordinates.set(entityId, {
      ...rest,
      status: change.status,
      updatedAt: change.at,
      ...(change.status === "suspended" && change.reason ? { suspensionReason: change.reason } : {}),
    });
    await this.#audit.append(audit);
    return true;
  }

  async insertIssuedTrustMark(mark: IssuedTrustMark, audit: FederationAuditEntry) {
    if (this.#issued.some((m) => m.id === mark.id)) throw new TypeError(`trust mark ${mark.id} exists`);
    this.#issued.push(structuredClone(mark));
    await this.#audit.append(audit);
  }

  async getIssuedTrustMark(id: string) {
    const mark = this.#issued.find((m) => m.id === id);
    return mark && structuredClone(mark);
  }

  async findIssuedTrustMarks(query: { sub?: string; type?: string } = {}) {
    return this.#issued
      .filter(
        (m) =>
          (query.sub === undefined || m.sub === query.sub) &&
          (query.type === undefined || m.type === query.type),
      )
      .reverse()
      .map((m) => structuredClone(m));
  }

  async revokeIssuedTrustMark(
    id: string,
    revocation: { at: string; reason?: string },
    audit: FederationAuditEntry,
  ) {
    const index = this.#issued.findIndex((m) => m.id === id);
    const mark = this.#issued[index];
    if (!mark) return false;
    if (mark.revokedAt) return true;
    this.#issued[index] = {
      ...mark,
      revokedAt: revocation.at,
      ...(revocation.reason ? { revocationReason: revocation.reason } : {}),
    };
    await this.#audit.append(audit);
    return true;
  }

  async replaceHeldTrustMarks(marks: readonly HeldTrustMark[]) {
    this.#held = structuredClone([...marks]);
  }

  async listHeldTrustMarks() {
    return structuredClone(this.#held).sort((a, b) =>
      a.type === b.type ? (a.issuer < b.issuer ? -1 : 1) : a.type < b.type ? -1 : 1,
    );
  }
}
