/** The append-only audit log: every state change, who made it, from where, when. */

export interface AuditEntry {
  readonly at: string;
  /** The API key id, `cli`, or `system`. */
  readonly actor: string;
  /** A dotted verb: `credential.issue`, `credential.revoke`, `key.rotate`, `apikey.create`… */
  readonly action: string;
  /** What was acted on (a credential id, a key id…). */
  readonly subject: string;
  /** The client address, when the change came over HTTP. */
  readonly origin?: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

export interface AuditLog {
  append(entry: AuditEntry): Promise<void>;
  /** Entries in order, after a sequence number (exclusive). */
  list(options?: {
    after?: number;
    limit?: number;
  }): Promise<readonly (AuditEntry & { readonly seq: number })[]>;
}

/** The in-memory twin. */
export class MemoryAuditLog implements AuditLog {
  readonly #entries: (AuditEntry & { seq: number })[] = [];
  async append(entry: AuditEntry) {
    this.#entries.push({ ...entry, seq: this.#entries.length + 1 });
  }
  async list(options: { after?: number; limit?: number } = {}) {
    const after = options.after ?? 0;
    return this.#entries.filter((e) => e.seq > after).slice(0, options.limit ?? 100);
  }
}
