/**
 * Managing staff API keys, from the HTTP API or the command line alike: create (the token is shown once),
 * list (never a hash), revoke; every change audited. The last working admin key cannot be revoked, so a
 * centre cannot lock its staff out (a Worker has no command line to mint a new one).
 */
import { type Clock, LearnbridgeError, systemClock, toXsdDateTime } from "@learnbridge/core";
import type { AuditLog } from "../audit/audit-log.ts";
import { type Actor, auditedBy } from "./actor.ts";
import { type ApiKeyRecord, type ApiKeyRepository, mintApiKey, SCOPES, type Scope } from "./api-keys.ts";

/** A key as staff may see it: no hash. */
export interface ApiKeySummary {
  readonly id: string;
  readonly name: string;
  readonly scopes: readonly Scope[];
  readonly createdAt: string;
  readonly revokedAt?: string;
}

export const summaryOfApiKey = (key: ApiKeyRecord): ApiKeySummary => ({
  id: key.id,
  name: key.name,
  scopes: [...key.scopes],
  createdAt: key.createdAt,
  ...(key.revokedAt ? { revokedAt: key.revokedAt } : {}),
});

/** Scopes from a list (or a comma-separated string); undefined when empty or any is unknown. */
export function parseScopes(value: unknown): Scope[] | undefined {
  const list = typeof value === "string" ? value.split(",").map((s) => s.trim()) : value;
  if (!Array.isArray(list) || list.length === 0) return undefined;
  if (!list.every((s) => SCOPES.includes(s as Scope))) return undefined;
  return [...new Set(list as Scope[])];
}

export interface StaffAccessOptions {
  readonly apiKeys: ApiKeyRepository;
  readonly audit: AuditLog;
  readonly clock?: Clock;
}

export class StaffAccess {
  readonly #apiKeys: ApiKeyRepository;
  readonly #audit: AuditLog;
  readonly #clock: Clock;

  constructor(options: StaffAccessOptions) {
    this.#apiKeys = options.apiKeys;
    this.#audit = options.audit;
    this.#clock = options.clock ?? systemClock;
  }

  /** Creates a key; the token is in the answer and nowhere else. FIELD_INVALID for a bad name or scopes. */
  async create(
    input: { name: unknown; scopes: unknown },
    who: Actor,
  ): Promise<{ key: ApiKeySummary; token: string }> {
    const name = typeof input.name === "string" ? input.name.trim() : "";
    if (name === "" || name.length > 100) {
      throw new LearnbridgeError(
        "FIELD_INVALID",
        "name: must be a non-empty string of at most 100 characters",
        {
          field: "name",
        },
      );
    }
    const scopes = parseScopes(input.scopes);
    if (!scopes) {
      throw new LearnbridgeError("FIELD_INVALID", `scopes: must be some of ${SCOPES.join(", ")}`, {
        field: "scopes",
      });
    }
    const { record, token } = await mintApiKey({ name, scopes }, this.#clock);
    // The entry first: a crash between the writes leaves an entry for a key that never existed, never a
    // working key that nobody recorded. (Revocation goes the other way round, for the same reason.)
    await this.#audit.append({
      at: record.createdAt,
      ...auditedBy(who),
      action: "apikey.create",
      subject: record.id,
      details: { name: record.name, scopes: record.scopes },
    });
    await this.#apiKeys.insert(record);
    return { key: summaryOfApiKey(record), token };
  }

  /** Every key, oldest first, revoked ones included. */
  async list(): Promise<ApiKeySummary[]> {
    return (await this.#apiKeys.list()).map(summaryOfApiKey);
  }

  /**
   * Revokes a key for good (revoking it again changes nothing). NOT_FOUND for an unknown id; CONFLICT for
   * the last admin key that still works.
   */
  async revoke(id: string, who: Actor): Promise<ApiKeySummary> {
    const keys = await this.#apiKeys.list();
    const key = keys.find((k) => k.id === id);
    if (!key) throw new LearnbridgeError("NOT_FOUND", `there is no API key ${id}`, { id });
    if (key.revokedAt) return summaryOfApiKey(key);
    const admins = keys.filter((k) => !k.revokedAt && k.scopes.includes("admin"));
    if (key.scopes.includes("admin") && admins.length === 1) {
      throw new LearnbridgeError(
        "CONFLICT",
        "this is the last admin key: create another before revoking it",
        {
          id,
        },
      );
    }
    const at = toXsdDateTime(this.#clock());
    await this.#apiKeys.revoke(id, at);
    await this.#audit.append({
      at,
      ...auditedBy(who),
      action: "apikey.revoke",
      subject: id,
      details: { name: key.name },
    });
    return summaryOfApiKey(
      (await this.#apiKeys.list()).find((k) => k.id === id) ?? { ...key, revokedAt: at },
    );
  }
}
