/**
 * Issuing at a centre: takes a credential (or builds one), makes the centre its issuer, gives it an id and a
 * revocation status entry drawn from the allocator, signs it with the centre's active key, and stores it with
 * its audit entry in one atomic write. A retried request (same requestKey) returns the first result and
 * issues nothing. A crash before that write leaves only a claimed status index, never reused: harmless.
 */
import {
  type Clock,
  isAbsoluteUri,
  LearnbridgeError,
  newUrnUuid,
  systemClock,
  toXsdDateTime,
} from "@learnbridge/core";
import {
  type CredentialFormat,
  issueCredential,
  issuerIdOf,
  type StatusListAllocator,
  type StatusListRepository,
  statusEntry,
} from "@learnbridge/credentials";
import type { CentreKeys } from "../keys/centre-keys.ts";
import type { CredentialRepository, IssuedCredentialRecord } from "./credential-repository.ts";

export interface IssuanceOptions {
  readonly keys: CentreKeys;
  readonly credentials: CredentialRepository;
  readonly allocator: StatusListAllocator;
  /** The repository the allocator draws from; revocation sets bits in it. */
  readonly statusLists: StatusListRepository;
  /** Where the centre publishes status lists: `${statusBaseUrl}/${listId}`. */
  readonly statusBaseUrl: string;
  readonly clock?: Clock;
}

export interface IssueRequest {
  /** An unsigned VC 2.0 credential; `issuer` may be omitted (the centre fills it) or must be the centre. */
  readonly credential: Record<string, unknown>;
  readonly format?: CredentialFormat;
  readonly requestKey?: string;
  readonly achievementId?: string;
  /** Who asked: an API key id, `cli`… */
  readonly actor: string;
  readonly origin?: string;
  /** Added to the audit entry's details, e.g. `{ job, row }` for a bulk job's row. */
  readonly auditDetails?: Readonly<Record<string, unknown>>;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** An Open Badges 3.0 credential, whose data model allows a single `credentialStatus`. */
const isOpenBadge = (credential: Record<string, unknown>) =>
  [credential.type].flat().some((t) => t === "OpenBadgeCredential" || t === "AchievementCredential");

export class Issuance {
  readonly #o: IssuanceOptions;
  readonly #clock: Clock;
  /** Requests being issued now, by requestKey: a racing duplicate waits for the first instead of claiming a
   * status index of its own that the unique key would then waste. Across processes the key still decides. */
  readonly #inFlight = new Map<string, Promise<{ record: IssuedCredentialRecord; created: boolean }>>();

  constructor(options: IssuanceOptions) {
    if (!isAbsoluteUri(options?.statusBaseUrl)) throw new TypeError("Issuance: statusBaseUrl must be a URL");
    this.#o = options;
    this.#clock = options.clock ?? systemClock;
  }

  /** Issues one credential; rejects with a LearnbridgeError naming what is wrong with the input. */
  async issue(request: IssueRequest): Promise<{ record: IssuedCredentialRecord; created: boolean }> {
    const key = request.requestKey;
    if (!key) return this.#issueOnce(request);
    const running = this.#inFlight.get(key);
    if (running) return running.then(({ record }) => ({ record, created: false }));
    const attempt = (async () => {
      const earlier = await this.#o.credentials.findByRequestKey(key);
      return earlier ? { record: earlier, created: false } : this.#issueOnce(request);
    })();
    this.#inFlight.set(key, attempt);
    try {
      return await attempt;
    } finally {
      this.#inFlight.delete(key);
    }
  }

  async #issueOnce(request: IssueRequest): Promise<{ record: IssuedCredentialRecord; created: boolean }> {
    const { keys } = this.#o;
    const unsigned = structuredClone(request.credential);
    if (!isObject(unsigned)) throw new LearnbridgeError("FIELD_INVALID", "credential must be a JSON object");
    if (unsigned.issuer === undefined) unsigned.issuer = keys.did;
    const issuer = issuerIdOf(unsigned);
    if (issuer !== undefined && issuer !== keys.did) {
      throw new LearnbridgeError("FIELD_INVALID", `this node issues as ${keys.did}, not ${issuer}`, {
        issuer,
      });
    }
    if (unsigned.credentialStatus !== undefined) {
      throw new LearnbridgeError("FIELD_INVALID", "credentialStatus is assigned by the node", {
        field: "credentialStatus",
      });
    }
    unsigned.id ??= newUrnUuid();
    unsigned.validFrom ??= toXsdDateTime(this.#clock());

    const allocation = await this.#o.allocator.allocate("revocation");
    const entryOf = (a: { listId: string; index: number }, purpose: "revocation" | "suspension") =>
      statusEntry({ listCredentialUrl: `${this.#o.statusBaseUrl}/${a.listId}`, index: a.index, purpose });
    // Open Badges 3.0 allows one status entry: OB credentials are revocable only; others also suspendable.
    const suspension = isOpenBadge(unsigned) ? undefined : await this.#o.allocator.allocate("suspension");
    unsigned.credentialStatus = suspension
      ? [entryOf(allocation, "revocation"), entryOf(suspension, "suspension")]
      : entryOf(allocation, "revocation");
    const signer = await keys.signer();
    const issued = await issueCredential(unsigned, {
      signer,
      format: request.format ?? "ldp_vc",
      clock: this.#clock,
    });
    const subjects = [unsigned.credentialSubject].flat() as Record<string, unknown>[];
    const first = subjects[0] ?? {};
    const identifier = [first.identifier].flat()[0] as { identityHash?: string } | undefined;
    const record: IssuedCredentialRecord = {
      id: String(unsigned.id),
      ...(request.achievementId ? { achievementId: request.achievementId } : {}),
      subject: typeof first.id === "string" ? first.id : (identifier?.identityHash ?? ""),
      format: issued.format,
      credential: issued.format === "jwt_vc" ? issued.credential : JSON.stringify(issued.credential),
      statusListId: allocation.listId,
      statusIndex: allocation.index,
      ...(suspension ? { suspensionListId: suspension.listId, suspensionIndex: suspension.index } : {}),
      state: "active",
      issuedAt: toXsdDateTime(this.#clock()),
      ...(request.requestKey ? { requestKey: request.requestKey } : {}),
    };
    const stored = await this.#o.credentials.insert(record, {
      at: record.issuedAt,
      actor: request.actor,
      action: "credential.issue",
      subject: record.id,
      ...(request.origin ? { origin: request.origin } : {}),
      details: {
        ...request.auditDetails,
        statusListId: allocation.listId,
        statusIndex: allocation.index,
        format: record.format,
      },
    });
    return { record: stored.record, created: stored.inserted };
  }

  /**
   * Revokes a credential for good: records the state with its audit entry (one atomic write), then sets the
   * status bit. False for an unknown id; CONFLICT when it was revoked already.
   *
   * The order makes a crash safe: between the two writes the centre's record and audit log say revoked
   * while the published bit lags, never the reverse (revoked in public with no record of who did it). A
   * retry completes it: a second revocation sets the bit again (idempotent) before answering CONFLICT.
   */
  async revoke(id: string, reason: string, actor: string, origin?: string): Promise<boolean> {
    const record = await this.#o.credentials.get(id);
    if (!record) return false;
    const recorded =
      record.state !== "revoked" &&
      (await this.#o.credentials.setState(id, "revoked", {
        at: toXsdDateTime(this.#clock()),
        actor,
        action: "credential.revoke",
        subject: id,
        ...(origin ? { origin } : {}),
        details: { reason },
      }));
    await this.#o.statusLists.setStatus(record.statusListId, record.statusIndex, true);
    if (!recorded) throw new LearnbridgeError("CONFLICT", "the credential is already revoked", { id });
    return true;
  }

  /**
   * Suspends a credential that carries a suspension entry: records the state with its audit entry, then sets
   * the bit (the same crash-safe order as revoke). CONFLICT when it cannot be suspended (an Open Badge has
   * no suspension entry), or is revoked or suspended already; false for an unknown id.
   */
  async suspend(id: string, reason: string, actor: string, origin?: string): Promise<boolean> {
    return this.#changeSuspension(id, true, reason, actor, origin);
  }

  /** Lifts a suspension: records the state, then clears the bit. CONFLICT unless the credential is suspended. */
  async unsuspend(id: string, reason: string, actor: string, origin?: string): Promise<boolean> {
    return this.#changeSuspension(id, false, reason, actor, origin);
  }

  async #changeSuspension(id: string, suspend: boolean, reason: string, actor: string, origin?: string) {
    const record = await this.#o.credentials.get(id);
    if (!record) return false;
    if (record.suspensionListId === undefined || record.suspensionIndex === undefined) {
      throw new LearnbridgeError(
        "CONFLICT",
        "this credential has no suspension entry (an Open Badge carries one status entry: revocation)",
        { id },
      );
    }
    if (record.state === "revoked")
      throw new LearnbridgeError("CONFLICT", "the credential is revoked", { id });
    const target = suspend ? "suspended" : "active";
    const recorded = await this.#o.credentials.setState(id, target, {
      at: toXsdDateTime(this.#clock()),
      actor,
      action: suspend ? "credential.suspend" : "credential.unsuspend",
      subject: id,
      ...(origin ? { origin } : {}),
      details: { reason },
    });
    // Set (or clear) the bit even when the state was already recorded: a retry completes a crashed change.
    await this.#o.statusLists.setStatus(record.suspensionListId, record.suspensionIndex, suspend);
    if (!recorded)
      throw new LearnbridgeError("CONFLICT", `the credential is ${record.state} already`, { id });
    return true;
  }
}
