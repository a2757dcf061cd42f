/**
 * The port for issued credentials: what a centre issued, to whom, its status index, and its state. A record
 * and the audit entry that tells of it are stored in one atomic write, so a crash never leaves an issued
 * credential without its entry in the audit log, nor an entry without its credential.
 */
import type { AuditEntry, AuditLog } from "../audit/audit-log.ts";

export type CredentialState = "active" | "revoked" | "suspended";

export interface IssuedCredentialRecord {
  /** The credential's `id`. */
  readonly id: string;
  readonly achievementId?: string;
  /** The learner: a DID or an `sha256$…` identity hash. */
  readonly subject: string;
  readonly format: "ldp_vc" | "jwt_vc";
  /** The signed credential: JSON text (ldp_vc) or the compact JWS (jwt_vc). */
  readonly credential: string;
  readonly statusListId: string;
  readonly statusIndex: number;
  /**
   * The suspension entry, for credentials that may carry two status entries. Open Badges 3.0 allows one
   * (`credentialStatus` [0..1]), so OB credentials have only the revocation entry and cannot be suspended.
   */
  readonly suspensionListId?: string;
  readonly suspensionIndex?: number;
  readonly state: CredentialState;
  readonly issuedAt: string;
  /** A caller-chosen key that makes a retried request issue nothing twice (e.g. `job:<id>:<row>`). */
  readonly requestKey?: string;
}

export interface CredentialQuery {
  readonly achievementId?: string;
  readonly subject?: string;
  readonly state?: CredentialState;
  /** Issued strictly before this record id's position (newest first paging). */
  readonly before?: string;
  readonly limit?: number;
}

export interface CredentialRepository {
  /**
   * Stores a record and, in the same atomic write, `audit` in the audit log. When the record's requestKey
   * was used already it stores neither and returns the earlier record; a reused id or status index rejects
   * and stores neither.
   */
  insert(
    record: IssuedCredentialRecord,
    audit?: AuditEntry,
  ): Promise<{ inserted: boolean; record: IssuedCredentialRecord }>;
  get(id: string): Promise<IssuedCredentialRecord | undefined>;
  findByRequestKey(requestKey: string): Promise<IssuedCredentialRecord | undefined>;
  /** Newest first. */
  list(query?: CredentialQuery): Promise<readonly IssuedCredentialRecord[]>;
  /**
   * Moves a record to `state` and, in the same atomic write, appends `audit`. False, and no entry, for an
   * unknown id or a record already in that state (so of two racing revocations exactly one is recorded).
   */
  setState(id: string, state: CredentialState, audit?: AuditEntry): Promise<boolean>;
}

/** Options of the in-memory twin. */
export interface MemoryCredentialRepositoryOptions {
  /** Where audit entries passed to `insert` and `setState` go: the centre's (in-memory) audit log. */
  readonly audit?: AuditLog;
}

/** The in-memory twin. */
export class MemoryCredentialRepository implements CredentialRepository {
  readonly #records: IssuedCredentialRecord[] = [];
  readonly #audit: AuditLog | undefined;

  constructor(options: MemoryCredentialRepositoryOptions = {}) {
    this.#audit = options.audit;
  }

  async insert(record: IssuedCredentialRecord, audit?: AuditEntry) {
    const log = this.#logFor(audit);
    const earlier = record.requestKey
      ? this.#records.find((r) => r.requestKey === record.requestKey)
      : undefined;
    if (earlier) return { inserted: false, record: earlier };
    if (this.#records.some((r) => r.id === record.id)) throw new TypeError(`credential ${record.id} exists`);
    if (
      this.#records.some(
        (r) => r.statusListId === record.statusListId && r.statusIndex === record.statusIndex,
      )
    ) {
      throw new TypeError(`status index ${record.statusListId}#${record.statusIndex} is used`);
    }
    // Pushed before the first await, so a concurrent insert of the same requestKey sees it.
    this.#records.push(record);
    try {
      if (audit) await log?.append(audit);
    } catch (error) {
      this.#records.splice(this.#records.indexOf(record), 1);
      throw error;
    }
    return { inserted: true, record };
  }
  async get(id: string) {
    return this.#records.find((r) => r.id === id);
  }
  async findByRequestKey(requestKey: string) {
    return this.#records.find((r) => r.requestKey === requestKey);
  }
  async list(query: CredentialQuery = {}) {
    let rows = [...this.#records].reverse();
    if (query.before) {
      const at = rows.findIndex((r) => r.id === query.before);
      rows = at === -1 ? [] : rows.slice(at + 1);
    }
    return rows
      .filter((r) => (query.achievementId ? r.achievementId === query.achievementId : true))
      .filter((r) => (query.subject ? r.subject === query.subject : true))
      .filter((r) => (query.state ? r.state === query.state : true))
      .slice(0, query.limit ?? 50);
  }
  async setState(id: string, state: CredentialState, audit?: AuditEntry) {
    const log = this.#logFor(audit);
    const at = this.#records.findIndex((r) => r.id === id);
    const record = this.#records[at];
    if (!record || record.state === state) return false;
    this.#records[at] = { ...record, state };
    try {
      if (audit) await log?.append(audit);
    } catch (error) {
      this.#records[at] = record;
      throw error;
    }
    return true;
  }

  #logFor(audit: AuditEntry | undefined): AuditLog | undefined {
    if (audit && !this.#audit) {
      throw new TypeError(
        "MemoryCredentialRepository: pass { audit } to the constructor to store audit entries",
      );
    }
    return this.#audit;
  }
}
