/**
 * The federation's HTTP requests: Entity Configurations, Subordinate Statements (fetch), trust marks and
 * their status. Fetch is injected; each exchange has a deadline and a size cap, and every failure comes
 * back as a kind (network, not found, suspended, refused, invalid) so that a caller can tell "the network
 * is down" from "the superior does not know this entity".
 */

import { readCapped } from "../read-capped.ts";
import { entityConfigurationUrl } from "./entity-id.ts";
import { ENTITY_STATEMENT_MEDIA_TYPE } from "./entity-statement.ts";
import { TRUST_MARK_MEDIA_TYPE, TRUST_MARK_STATUS_MEDIA_TYPE } from "./trust-mark.ts";

/** The subset of `fetch` used. */
export type FederationFetch = (input: string, init: RequestInit) => Promise<Response>;

/** Why a request did not produce a document. */
export type FetchFailureKind = "network" | "not-found" | "suspended" | "refused" | "invalid";

export type FetchResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly kind: FetchFailureKind; readonly reason: string; readonly url: string };

export interface FederationClientOptions {
  /** Defaults to `globalThis.fetch`. */
  readonly fetch?: FederationFetch;
  /** Deadline of one exchange, body included; default 5000 ms. */
  readonly timeoutMs?: number;
  /** Largest body accepted; default 256 KiB. */
  readonly maxBytes?: number;
  /**
   * Which URLs may be requested (SSRF guard: a credential names its issuer, so an attacker chooses the
   * first URL). Default: https only.
   */
  readonly allowUrl?: (url: URL) => boolean;
}

/** The error members of a federation error response (§8.9), and Learnbridge's `subordinate_status`. */
interface ErrorBody {
  readonly error?: unknown;
  readonly error_description?: unknown;
  readonly subordinate_status?: unknown;
}

/** Requests to other entities' federation endpoints. */
export class FederationClient {
  readonly #fetch: FederationFetch;
  readonly #timeoutMs: number;
  readonly #maxBytes: number;
  readonly #allowUrl: (url: URL) => boolean;

  constructor(options: FederationClientOptions = {}) {
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.#timeoutMs = options.timeoutMs ?? 5000;
    this.#maxBytes = options.maxBytes ?? 256 * 1024;
    this.#allowUrl = options.allowUrl ?? ((url) => url.protocol === "https:");
    if (!(this.#timeoutMs > 0) || !(this.#maxBytes > 0))
      throw new TypeError("FederationClient: limits must be positive");
  }

  /** GET `{entityId}/.well-known/openid-federation`: a compact JWS, unverified. */
  entityConfiguration(entityId: string): Promise<FetchResult<string>> {
    return this.#jwt(entityConfigurationUrl(entityId), { method: "GET" }, ENTITY_STATEMENT_MEDIA_TYPE);
  }

  /** GET a superior's fetch endpoint for `sub`: its Subordinate Statement, unverified. */
  subordinateStatement(fetchEndpoint: string, sub: string): Promise<FetchResult<string>> {
    return this.#jwt(withQuery(fetchEndpoint, { sub }), { method: "GET" }, ENTITY_STATEMENT_MEDIA_TYPE);
  }

  /** GET a trust mark issuer's trust mark endpoint (§8.6) for one type and subject. */
  trustMark(endpoint: string, trustMarkType: string, sub: string): Promise<FetchResult<string>> {
    return this.#jwt(
      withQuery(endpoint, { trust_mark_type: trustMarkType, sub }),
      { method: "GET" },
      TRUST_MARK_MEDIA_TYPE,
    );
  }

  /** POST a trust mark to its issuer's status endpoint (§8.4): a signed status response, unverified. */
  trustMarkStatus(endpoint: string, trustMark: string): Promise<FetchResult<string>> {
    return this.#jwt(
      endpoint,
      {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ trust_mark: trustMark }).toString(),
      },
      TRUST_MARK_STATUS_MEDIA_TYPE,
    );
  }

  /**
   * POST this node's Entity Configuration to a superior's key rollover endpoint (Learnbridge's extension):
   * the superior re-reads the node's keys. The answer's JSON body, unverified (it is a hint's receipt).
   */
  keyRolloverHint(endpoint: string, entityConfiguration: string): Promise<FetchResult<unknown>> {
    return this.#exchange(
      endpoint,
      {
        method: "POST",
        headers: { "content-type": ENTITY_STATEMENT_MEDIA_TYPE },
        body: entityConfiguration,
      },
      "application/json",
      (text) => {
        try {
          return { ok: true, value: JSON.parse(text) as unknown };
        } catch {
          return { ok: false, kind: "invalid", reason: "the body is not JSON", url: endpoint };
        }
      },
    );
  }

  #jwt(href: string, init: RequestInit, mediaType: string): Promise<FetchResult<string>> {
    return this.#exchange(href, init, mediaType, (text) =>
      /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(text)
        ? { ok: true, value: text }
        : { ok: false, kind: "invalid", reason: "the body is not a compact JWS", url: href },
    );
  }

  async #exchange<T>(
    href: string,
    init: RequestInit,
    mediaType: string,
    parse: (text: string) => FetchResult<T>,
  ): Promise<FetchResult<T>> {
    const fail = (kind: FetchFailureKind, reason: string): FetchResult<T> => ({
      ok: false,
      kind,
      reason,
      url: href,
    });
    let url: URL;
    try {
      url = new URL(href);
    } catch {
      return fail("invalid", "not a URL");
    }
    if (!this.#allowUrl(url))
      return fail("refused", `${url.protocol}//${url.host} may not be requested from here`);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.#timeoutMs);
    try {
      const response = await this.#fetch(url.href, {
        ...init,
        headers: { accept: `${mediaType}, application/json`, ...(init.headers as Record<string, string>) },
        redirect: "manual",
        signal: controller.signal,
      });
      const body = await readCapped(response, this.#maxBytes);
      if (body === undefined) return fail("invalid", `the body is larger than ${this.#maxBytes} bytes`);
      if (response.status === 404 || response.status === 410) {
        const error = parseError(body);
        return fail(
          error.subordinate_status === "suspended" ? "suspended" : "not-found",
          describe(error, response.status),
        );
      }
      // A server that is down or overloaded says nothing about trust: treat it like an unreachable network.
      if (response.status >= 500 || response.status === 429)
        return fail("network", `HTTP ${response.status}`);
      if (response.status !== 200) return fail("invalid", describe(parseError(body), response.status));
      return parse(body.trim());
    } catch (error) {
      return fail("network", error instanceof Error ? error.message : String(error));
    } finally {
      clearTimeout(timer);
    }
  }
}

function withQuery(endpoint: string, params: Record<string, string>): string {
  if (!URL.canParse(endpoint)) return endpoint;
  const url = new URL(endpoint);
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  return url.href;
}

function parseError(body: string): ErrorBody {
  try {
    const parsed = JSON.parse(body) as unknown;
    return typeof parsed === "object" && parsed !== null ? (parsed as ErrorBody) : {};
  } catch {
    return {};
  }
}

const describe = (error: ErrorBody, status: number) =>
  `HTTP ${status}${typeof error.error === "string" ? ` ${error.error}` : ""}${
    typeof error.error_description === "string" ? `: ${error.error_description.slice(0, 200)}` : ""
  }`;
