/**
 * An employer's presentation requests, from creation to a result they can read and that is then deleted:
 * the OpenID4VP 1.0 verifier of a node. Creating one is public (anyone may verify); its result is readable
 * only with the read token handed out once at creation. The first answer that is bound to the request and
 * gives what was asked closes it; refused answers leave it open until it expires.
 */
import {
  type Clock,
  randomBytes as defaultRandomBytes,
  LearnbridgeError,
  type Signer,
  sha256,
  systemClock,
  toBase64Url,
  utf8,
} from "@learnbridge/core";
import type { VerifierOptions } from "@learnbridge/credentials";
import { type CheckedPresentation, checkAnswer, parseVpToken, presentationHash } from "./answer-check.ts";
import { type DcqlQuery, validateDcqlQuery } from "./dcql.ts";
import type {
  PresentationRequestRecord,
  PresentationRequestStore,
  PurgeReport,
} from "./presentation-request-store.ts";
import { clientIdOf, requestObjectClaims, signRequestObject, walletLink } from "./request-object.ts";
import { dcqlFromShorthand } from "./shorthand.ts";

export interface PresentationRequestsOptions {
  readonly store: PresentationRequestStore;
  /** The node's DID; the client id is `decentralized_identifier:<did>`. */
  readonly did: string;
  /** The node's signing key (a verification method of `did`), for Request Objects. */
  readonly signer: () => Promise<Signer>;
  /** Where wallets post answers (direct_post). */
  readonly responseUri: string;
  /** The request URI of a request. */
  readonly requestUriOf: (id: string) => string;
  /** How presentations and credentials are verified (key resolver, status lists, trust). */
  readonly verifier?: VerifierOptions;
  readonly clock?: Clock;
  readonly randomBytes?: (length: number) => Uint8Array;
  /** How long a request accepts an answer; default 30 minutes (a phone, a first wallet, no hurry). */
  readonly requestTtlMs?: number;
  /** How long a result (or an unanswered request) is kept before it is deleted; default 1 hour. */
  readonly resultTtlMs?: number;
  /** How long accepted presentations' hashes refuse replays; default 30 days. */
  readonly replayWindowMs?: number;
  /** Opportunistic purges on writes run at most this often; default 1 minute. */
  readonly purgeEveryMs?: number;
}

/** What an employer asks for: a DCQL query, or one of the shorthands. */
export interface NewPresentationRequest {
  readonly dcqlQuery?: unknown;
  readonly achievement?: string;
  readonly issuer?: string;
  /** The employer's language, for the explained result. */
  readonly language: string;
  /** Shorter or longer than the default, within 1 minute and 24 hours. */
  readonly ttlMs?: number;
}

/** Where a request stands, as anyone who may see it sees it. */
export type RequestStatus = "pending" | "completed" | "failed" | "expired";

/** A request's public face and (with the read token) its result. Times are ISO 8601. */
export interface PresentationRequestView {
  readonly id: string;
  readonly status: RequestStatus;
  readonly clientId: string;
  readonly requestUri: string;
  readonly walletLink: string;
  readonly dcqlQuery: DcqlQuery;
  readonly language: string;
  readonly createdAt: string;
  readonly expiresAt: string;
  /** When the request and its result are deleted. */
  readonly deleteAfter: string;
  readonly completedAt?: string;
  readonly result?: PresentationResult;
  readonly lastRefusal?: { readonly code: string; readonly message: string; readonly at: string };
}

/** The outcome of a completed (or failed) request. */
export interface PresentationResult {
  /** True when every presentation and every credential in them verified. */
  readonly verified: boolean;
  readonly receivedAt: string;
  readonly holders: readonly string[];
  readonly presentations: readonly CheckedPresentation[];
  /** The wallet's error response (§8.5), when it declined. */
  readonly walletError?: { readonly error: string; readonly description?: string };
}

/** A wallet's answer as posted to the response URI. */
export interface WalletAnswer {
  readonly state?: unknown;
  readonly vpToken?: unknown;
  readonly error?: unknown;
  readonly errorDescription?: unknown;
}

const MINUTE = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();
const hashToken = async (token: string) => toBase64Url(await sha256(utf8(token)));
const invalidQuery = (reason: string, path: string) =>
  new LearnbridgeError("QUERY_INVALID", `${path}: ${reason}`, { path });

export class PresentationRequests {
  readonly clientId: string;
  readonly #options: PresentationRequestsOptions;
  readonly #clock: Clock;
  readonly #random: (length: number) => Uint8Array;
  readonly #requestTtlMs: number;
  readonly #resultTtlMs: number;
  readonly #replayWindowMs: number;
  readonly #purgeEveryMs: number;
  #lastPurge = Number.NEGATIVE_INFINITY;

  constructor(options: PresentationRequestsOptions) {
    if (
      !options?.store ||
      typeof options.signer !== "function" ||
      typeof options.requestUriOf !== "function"
    ) {
      throw new TypeError("PresentationRequests: store, signer and requestUriOf are required");
    }
    if (typeof options.did !== "string" || !options.did.startsWith("did:")) {
      throw new TypeError("PresentationRequests: did must be a DID");
    }
    if (!URL.canParse(options.responseUri))
      throw new TypeError("PresentationRequests: responseUri must be a URL");
    this.#options = options;
    this.clientId = clientIdOf(options.did);
    this.#clock = options.clock ?? systemClock;
    this.#random = options.randomBytes ?? defaultRandomBytes;
    this.#requestTtlMs = options.requestTtlMs ?? 30 * MINUTE;
    this.#resultTtlMs = options.resultTtlMs ?? 60 * MINUTE;
    this.#replayWindowMs = options.replayWindowMs ?? 30 * 24 * 60 * MINUTE;
    this.#purgeEveryMs = options.purgeEveryMs ?? MINUTE;
    for (const [name, value] of Object.entries({
      requestTtlMs: this.#requestTtlMs,
      resultTtlMs: this.#resultTtlMs,
      replayWindowMs: this.#replayWindowMs,
    })) {
      if (!Number.isSafeInteger(value) || value <= 0)
        throw new TypeError(`PresentationRequests: ${name} must be positive`);
    }
  }

  /** Creates a request; the read token is returned here once and never again. */
  async create(
    input: NewPresentationRequest,
  ): Promise<{ request: PresentationRequestView; readToken: string }> {
    const query = this.#queryOf(input);
    const ttlMs = input.ttlMs ?? this.#requestTtlMs;
    if (!Number.isSafeInteger(ttlMs) || ttlMs < MINUTE || ttlMs > 24 * 60 * MINUTE) {
      throw new LearnbridgeError("BAD_REQUEST", "expiresIn must be between 60 and 86400 seconds", {
        field: "expiresIn",
      });
    }
    await this.#purgeNow();
    const now = this.#clock().getTime();
    const readToken = this.#token(32);
    const record: PresentationRequestRecord = {
      id: this.#token(16),
      state: this.#token(32),
      nonce: this.#token(32),
      readTokenHash: await hashToken(readToken),
      query,
      language: input.language,
      status: "pending",
      createdAt: now,
      expiresAt: now + ttlMs,
      deleteAfter: now + ttlMs + this.#resultTtlMs,
    };
    await this.#options.store.insert(record);
    return { request: this.#view(record, now, false), readToken };
  }

  /** The public face of a request (no result): for its QR code and page. NOT_FOUND when unknown or deleted. */
  async describe(id: string): Promise<PresentationRequestView> {
    return this.#view(await this.#find(id), this.#clock().getTime(), false);
  }

  /** The request with its result, for whoever holds the read token. */
  async read(id: string, readToken: string | undefined): Promise<PresentationRequestView> {
    if (!readToken) throw new LearnbridgeError("UNAUTHORIZED", "the read token of this request is required");
    const record = await this.#find(id);
    if ((await hashToken(readToken)) !== record.readTokenHash) {
      throw new LearnbridgeError("FORBIDDEN", "this is not the read token of this request");
    }
    return this.#view(record, this.#clock().getTime(), true);
  }

  /** The signed Request Object a wallet fetches from the request URI. */
  async requestObject(id: string): Promise<string> {
    const record = await this.#find(id);
    const now = this.#clock().getTime();
    this.#assertOpen(record, now);
    const claims = requestObjectClaims({
      clientId: this.clientId,
      responseUri: this.#options.responseUri,
      nonce: record.nonce,
      state: record.state,
      dcqlQuery: record.query,
      issuedAt: Math.floor(now / 1000),
      expiresAt: Math.floor(record.expiresAt / 1000),
    });
    return signRequestObject(claims, await this.#options.signer());
  }

  /**
   * Takes a wallet's answer (§8.2). Resolves with the request's new status; throws a LearnbridgeError for a
   * refused answer (the request stays pending and notes why).
   */
  async respond(answer: WalletAnswer): Promise<{ id: string; status: "completed" | "failed" }> {
    if (typeof answer.state !== "string" || answer.state === "") {
      throw new LearnbridgeError("BAD_REQUEST", "state is required", { field: "state" });
    }
    await this.#purgeNow();
    const record = await this.#options.store.findByState(answer.state);
    if (!record) throw new LearnbridgeError("NOT_FOUND", "no open presentation request has this state");
    const now = this.#clock().getTime();
    this.#assertOpen(record, now);

    if (answer.error !== undefined) {
      if (typeof answer.error !== "string" || answer.error === "") {
        throw new LearnbridgeError("BAD_REQUEST", "error must be a non-empty string", { field: "error" });
      }
      const description =
        typeof answer.errorDescription === "string" ? answer.errorDescription.slice(0, 500) : undefined;
      const walletError = { error: answer.error.slice(0, 100), ...(description ? { description } : {}) };
      return this.#complete(
        record,
        "failed",
        { verified: false, receivedAt: iso(now), holders: [], presentations: [], walletError },
        [],
        now,
      );
    }
    if (answer.vpToken === undefined) {
      throw new LearnbridgeError("BAD_REQUEST", "vp_token (or error) is required", { field: "vp_token" });
    }
    const parsed = parseVpToken(answer.vpToken, record.query);
    if (!parsed.ok) return this.#refuse(record, parsed.code, parsed.message, parsed.details);
    const hashes = await Promise.all(parsed.entries.map((e) => presentationHash(e.presentation)));
    if (await this.#options.store.anySeen(hashes, now)) {
      return this.#refuse(
        record,
        "PRESENTATION_REPLAYED",
        "a presentation in this answer was accepted before, for another request",
      );
    }
    const checked = await checkAnswer(parsed.entries, {
      query: record.query,
      nonce: record.nonce,
      clientId: this.clientId,
      ...(this.#options.verifier ? { verifier: this.#options.verifier } : {}),
    });
    if (!checked.ok) return this.#refuse(record, checked.code, checked.message, checked.details);
    const result: PresentationResult = {
      verified: checked.verified,
      receivedAt: iso(now),
      holders: [...new Set(checked.presentations.map((p) => p.holder))],
      presentations: checked.presentations,
    };
    return this.#complete(record, checked.verified ? "completed" : "failed", result, checked.hashes, now);
  }

  /** Deletes expired requests and results, and forgotten presentation hashes; for the roots' timers. */
  async purge(): Promise<PurgeReport> {
    this.#lastPurge = this.#clock().getTime();
    return this.#options.store.purge(this.#lastPurge);
  }

  async #purgeNow(): Promise<void> {
    if (this.#clock().getTime() - this.#lastPurge < this.#purgeEveryMs) return;
    try {
      await this.purge();
    } catch {
      // Opportunistic: a failed purge must not fail the write that triggered it; the next one retries.
    }
  }

  async #complete(
    record: PresentationRequestRecord,
    status: "completed" | "failed",
    result: PresentationResult,
    hashes: readonly string[],
    now: number,
  ): Promise<{ id: string; status: "completed" | "failed" }> {
    const outcome = await this.#options.store.complete(
      record.id,
      {
        status,
        completedAt: now,
        deleteAfter: now + this.#resultTtlMs,
        result: JSON.parse(JSON.stringify(result)),
        presentationHashes: hashes,
        hashesExpireAt: now + this.#replayWindowMs,
      },
      now,
    );
    if (outcome === "done") return { id: record.id, status };
    if (outcome === "replayed") {
      throw new LearnbridgeError(
        "PRESENTATION_REPLAYED",
        "a presentation in this answer was accepted before",
      );
    }
    if (outcome === "expired")
      throw new LearnbridgeError("PRESENTATION_REQUEST_EXPIRED", "the request expired");
    throw new LearnbridgeError("EXCHANGE_STATE_INVALID", "the request was answered already");
  }

  async #refuse(
    record: PresentationRequestRecord,
    code: LearnbridgeError["code"],
    message: string,
    details: Record<string, unknown> = {},
  ): Promise<never> {
    await this.#options.store.recordRefusal(record.id, { code, message, at: this.#clock().getTime() });
    throw new LearnbridgeError(code, message, details);
  }

  #assertOpen(record: PresentationRequestRecord, now: number): void {
    if (record.status !== "pending") {
      throw new LearnbridgeError("EXCHANGE_STATE_INVALID", "this presentation request was answered already", {
        status: record.status,
      });
    }
    if (record.expiresAt <= now) {
      throw new LearnbridgeError("PRESENTATION_REQUEST_EXPIRED", "this presentation request has expired", {
        expiresAt: iso(record.expiresAt),
      });
    }
  }

  async #find(id: string): Promise<PresentationRequestRecord> {
    const record = typeof id === "string" && id.length <= 64 ? await this.#options.store.get(id) : undefined;
    // A request past its deletion time is gone even if no purge has run yet.
    if (!record || record.deleteAfter <= this.#clock().getTime()) {
      throw new LearnbridgeError(
        "NOT_FOUND",
        "no presentation request has this id (results are deleted when they expire)",
      );
    }
    return record;
  }

  #queryOf(input: NewPresentationRequest): DcqlQuery {
    const given = (["dcqlQuery", "achievement", "issuer"] as const).filter((k) => input[k] !== undefined);
    if (given.length !== 1) {
      throw invalidQuery(
        "give exactly one of dcql_query, achievement or issuer",
        given.join(", ") || "dcql_query",
      );
    }
    const checked =
      input.dcqlQuery !== undefined
        ? validateDcqlQuery(input.dcqlQuery)
        : dcqlFromShorthand(
            input.achievement !== undefined
              ? { achievement: input.achievement }
              : { issuer: input.issuer as string },
          );
    if (!checked.ok) throw invalidQuery(checked.reason, checked.path);
    return checked.query;
  }

  #token(bytes: number): string {
    return toBase64Url(this.#random(bytes));
  }

  #view(record: PresentationRequestRecord, now: number, withResult: boolean): PresentationRequestView {
    const requestUri = this.#options.requestUriOf(record.id);
    const status = record.status === "pending" && record.expiresAt <= now ? "expired" : record.status;
    return {
      id: record.id,
      status,
      clientId: this.clientId,
      requestUri,
      walletLink: walletLink(this.clientId, requestUri),
      dcqlQuery: record.query,
      language: record.language,
      createdAt: iso(record.createdAt),
      expiresAt: iso(record.expiresAt),
      deleteAfter: iso(record.deleteAfter),
      ...(record.completedAt !== undefined ? { completedAt: iso(record.completedAt) } : {}),
      ...(withResult && record.result ? { result: record.result as unknown as PresentationResult } : {}),
      ...(withResult && record.lastRefusal
        ? { lastRefusal: { ...record.lastRefusal, at: iso(record.lastRefusal.at) } }
        : {}),
    };
  }
}
