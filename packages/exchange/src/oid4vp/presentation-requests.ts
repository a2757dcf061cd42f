/**
 * An employer's presentation requests, from creation to a result they can read and that is then deleted:
 * the OpenID4VP 1.0 verifier of a node. Creating one is public (anyone may verify); its result is readable
 * only with the read token handed out once at creation. The first answer that is bound to the request and
 * gives what was asked closes it; refused answers leave it open until it expires. A request may ask for its
 * answer encrypted (`direct_post.jwt`) to a key of its own, whose private half is sealed by the node's key
 * vault in the store and forgotten once the request is answered.
 */
import {
  type Clock,
  randomBytes as defaultRandomBytes,
  LearnbridgeError,
  sha256,
  systemClock,
  toBase64Url,
  utf8,
} from "@learnbridge/core";
import { checkAnswer, parseVpToken, presentationHash } from "./answer-check.ts";
import { type DcqlQuery, validateDcqlQuery } from "./dcql.ts";
import type { PresentationRequestRecord, PurgeReport } from "./presentation-request-store.ts";
import type {
  NewPresentationRequest,
  PresentationRequestsOptions,
  PresentationRequestView,
  PresentationResult,
  WalletAnswer,
} from "./presentation-request-types.ts";
import { clientIdOf, requestObjectClaims, signRequestObject, walletLink } from "./request-object.ts";
import { readResponseHeader } from "./response-encryption.ts";
import { ResponseKeys } from "./response-keys.ts";
import { dcqlFromShorthand } from "./shorthand.ts";

const MINUTE = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();
const hashToken = async (token: string) => toBase64Url(await sha256(utf8(token)));
const invalidQuery = (reason: string, path: string) =>
  new LearnbridgeError("QUERY_INVALID", `${path}: ${reason}`, { path });
const encryptionRefused = (message: string, problem: string) =>
  new LearnbridgeError("RESPONSE_ENCRYPTION_INVALID", message, { problem });

export class PresentationRequests {
  readonly clientId: string;
  readonly #options: PresentationRequestsOptions;
  readonly #clock: Clock;
  readonly #random: (length: number) => Uint8Array;
  readonly #requestTtlMs: number;
  readonly #resultTtlMs: number;
  readonly #replayWindowMs: number;
  readonly #purgeEveryMs: number;
  readonly #responseKeys: ResponseKeys;
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
    this.#responseKeys = new ResponseKeys(options.vault, options.responseMode);
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
    const responseMode = this.#responseKeys.modeOf(input.responseMode);
    await this.#purgeNow();
    const now = this.#clock().getTime();
    const readToken = this.#token(32);
    const id = this.#token(16);
    const record: PresentationRequestRecord = {
      id,
      state: this.#token(32),
      nonce: this.#token(32),
      readTokenHash: await hashToken(readToken),
      query,
      language: input.language,
      responseMode,
      ...(responseMode === "direct_post.jwt" ? { responseKey: await this.#responseKeys.create(id) } : {}),
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
      ...(record.responseKey ? { responseKey: record.responseKey.publicJwk } : {}),
    });
    return signRequestObject(claims, await this.#options.signer());
  }

  /**
   * Takes a wallet's answer (§8.2; §8.3 when encrypted). Resolves with the request's new status; throws a
   * LearnbridgeError for a refused answer (the request stays pending and notes why).
   */
  async respond(answer: WalletAnswer): Promise<{ id: string; status: "completed" | "failed" }> {
    if (answer.response !== undefined) return this.#respondEncrypted(answer);
    if (typeof answer.state !== "string" || answer.state === "") {
      throw new LearnbridgeError("BAD_REQUEST", "state is required", { field: "state" });
    }
    await this.#purgeNow();
    const record = await this.#options.store.findByState(answer.state);
    if (!record) throw new LearnbridgeError("NOT_FOUND", "no open presentation request has this state");
    const now = this.#clock().getTime();
    this.#assertOpen(record, now);
    // §8.3.1: a wallet that cannot encrypt may still say no in the clear; it may not present in the clear.
    if (record.responseMode === "direct_post.jwt" && answer.error === undefined) {
      return this.#refuse(
        record,
        "RESPONSE_ENCRYPTION_INVALID",
        "this request asks for its answer encrypted (direct_post.jwt): post response=<JWE>",
        { problem: "mode", responseMode: record.responseMode },
      );
    }
    return this.#answer(record, answer, now);
  }

  /** An encrypted answer: the JWE's `kid` names the request, whose key opens it; then the same checks. */
  async #respondEncrypted(answer: WalletAnswer): Promise<{ id: string; status: "completed" | "failed" }> {
    if (typeof answer.response !== "string" || answer.response === "") {
      throw new LearnbridgeError("BAD_REQUEST", "response must be a compact JWE", { field: "response" });
    }
    if (answer.vpToken !== undefined || answer.error !== undefined) {
      throw new LearnbridgeError("BAD_REQUEST", "an encrypted response carries vp_token or error inside it", {
        field: "response",
      });
    }
    const header = readResponseHeader(answer.response);
    if (!header.ok)
      throw encryptionRefused(`the response is not a compact JWE: ${header.message}`, "malformed");
    await this.#purgeNow();
    const now = this.#clock().getTime();
    const { kid } = header.header;
    const record =
      typeof kid === "string" && kid.length <= 64 ? await this.#options.store.get(kid) : undefined;
    if (!record || record.deleteAfter <= now) {
      throw encryptionRefused(
        "the response is encrypted to a key (kid) of no open presentation request",
        "kid",
      );
    }
    this.#assertOpen(record, now);
    const opened = await this.#responseKeys.open(record, answer.response);
    if (!opened.ok) return this.#refuse(record, opened.code, opened.message, opened.details);
    const { payload } = opened;
    return this.#answer(
      record,
      { vpToken: payload.vp_token, error: payload.error, errorDescription: payload.error_description },
      now,
    );
  }

  /** The answer of a wallet, read in the clear or decrypted, checked against its open request. */
  async #answer(
    record: PresentationRequestRecord,
    answer: WalletAnswer,
    now: number,
  ): Promise<{ id: string; status: "completed" | "failed" }> {
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
      responseMode: record.responseMode,
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
