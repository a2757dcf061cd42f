/** The port for issued credentials: what a centre issued, to whom, its status index, and its state. */

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
  readonly state: CredentialState;
  readonly issuedAt: string;
  /** A caller-chosen key that makes a retried request issue nothing twice (e.g. `job:row`). */
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
  /** Stores a record; when its requestKey was used already, stores nothing and returns the earlier record. */
  insert(record: IssuedCredentialRecord): Promise<{ inserted: boolean; record: IssuedCredentialRecord }>;
  get(id: string): Promise<IssuedCredentialRecord | undefined>;
  findByRequestKey(requestKey: string): Promise<IssuedCredentialRecord | undefined>;
  /** Newest first. */
  list(query?: CredentialQuery): Promise<readonly IssuedCredentialRecord[]>;
  setState(id: string, state: CredentialState): Promise<boolean>;
}

/** The in-memory twin. */
export class MemoryCredentialRepository implements CredentialRepository {
  readonly #records: IssuedCredentialRecord[] = [];

  async insert(record: IssuedCredentialRecord) {
    const earlier = record.requestKey ? await this.findByRequestKey(record.requestKey) : undefined;
    if (earlier) return { inserted: false, record: earlier };
    if (this.#records.some((r) => r.id === record.id)) throw new TypeError(`credential ${record.id} exists`);
    this.#records.push(record);
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
  async setState(id: string, state: CredentialState) {
    const at = this.#records.findIndex((r) => r.id === id);
    const record = this.#records[at];
    if (!record) return false;
    this.#records[at] = { ...record, state };
    return true;
  }
}
