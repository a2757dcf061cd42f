/**
 * How the wallet talks to issuers and verifiers: `fetch` injected, HTTPS only, public hosts only, no
 * redirects, a deadline and a size cap. Loopback (`127.0.0.0/8`, `localhost`, `[::1]`, plain `http:` there)
 * is allowed only when the caller says so (`allowLoopback`), for a node on the same machine and for tests.
 * Failures become LearnbridgeErrors whose code says what went wrong, read from the server's own answer
 * (our nodes' `code`, OAuth's `error`) where it gives one.
 */
import { type ErrorCode, isErrorCode, LearnbridgeError, readCappedBody } from "@learnbridge/core";
import { type FetchLike, isBlockedHost, type NetworkOptions } from "@learnbridge/credentials";

export interface WalletHttpOptions {
  /** Default `globalThis.fetch`. */
  readonly fetch?: FetchLike;
  /** Per request, body included. Default 15 s (a phone on a slow network). */
  readonly timeoutMs?: number;
  /** Largest answer read. Default 2 MiB (credentials may embed an image). */
  readonly maxBytes?: number;
  /** Allow `http:` and `https:` to loopback hosts. Off by default. */
  readonly allowLoopback?: boolean;
}

/** An HTTP answer, read in full. */
export interface HttpAnswer {
  readonly url: string;
  readonly status: number;
  readonly contentType: string;
  readonly text: string;
}

/** The wallet's HTTP client. */
export interface WalletHttp {
  /** Sends a request under the policy; network failures and refused URLs throw LearnbridgeErrors. */
  send(
    url: string,
    init?: { method?: string; headers?: Record<string, string>; body?: string },
  ): Promise<HttpAnswer>;
  /** The network options the engine's DID resolver and verifier take, under the same loopback rule. */
  readonly network: NetworkOptions;
  readonly allowLoopback: boolean;
}

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/** True for `localhost`, 127.0.0.0/8 and `[::1]` (hostname, or host with port). */
export function isLoopbackHost(host: string): boolean {
  return LOOPBACK.test(host.replace(/:\d+$/, ""));
}

/** Creates the client. */
export function createWalletHttp(options: WalletHttpOptions = {}): WalletHttp {
  const fetchImpl: FetchLike = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const timeoutMs = options.timeoutMs ?? 15_000;
  const maxBytes = options.maxBytes ?? 2 * 1024 * 1024;
  const allowLoopback = options.allowLoopback ?? false;

  function checkUrl(url: string): URL {
    const parsed = URL.canParse(url) ? new URL(url) : undefined;
    if (!parsed) throw new LearnbridgeError("URL_INVALID", `not a web address: ${url}`, { url });
    const loopback = isLoopbackHost(parsed.hostname);
    if (loopback && !allowLoopback) {
      throw new LearnbridgeError("DID_NETWORK_BLOCKED", `${parsed.host} is this computer; not allowed`, {
        url,
      });
    }
    if (parsed.protocol !== "https:" && !(parsed.protocol === "http:" && loopback)) {
      throw new LearnbridgeError("URL_INVALID", `only secure (https) addresses are used, not ${url}`, {
        url,
      });
    }
    if (!loopback && isBlockedHost(parsed.hostname)) {
      throw new LearnbridgeError("DID_NETWORK_BLOCKED", `${parsed.host} is on a private network`, { url });
    }
    return parsed;
  }

  return {
    allowLoopback,
    network: {
      fetch: fetchImpl,
      ...(allowLoopback ? { allowPrivateNetwork: true, allowHttp: isLoopbackHost } : {}),
    },
    async send(url, init = {}) {
      const target = checkUrl(url);
      const signal = AbortSignal.timeout(timeoutMs);
      let response: Response;
      try {
        response = await fetchImpl(target.href, {
          method: init.method ?? "GET",
          redirect: "manual",
          signal,
          ...(init.headers ? { headers: init.headers } : {}),
          ...(init.body !== undefined ? { body: init.body } : {}),
        });
      } catch (cause) {
        const why = signal.aborted ? `no answer within ${timeoutMs / 1000} seconds` : "could not connect";
        throw new LearnbridgeError("UPSTREAM_UNAVAILABLE", `${target.host}: ${why}`, { url }, { cause });
      }
      if (response.type === "opaqueredirect" || (response.status >= 300 && response.status < 400)) {
        await response.body?.cancel().catch(() => {});
        throw new LearnbridgeError(
          "UPSTREAM_UNAVAILABLE",
          `${target.host} redirected; redirects are not followed`,
          {
            url,
            status: response.status,
          },
        );
      }
      const text = await readCapped(response, maxBytes, url);
      return { url, status: response.status, contentType: response.headers.get("content-type") ?? "", text };
    },
  };
}

async function readCapped(response: Response, maxBytes: number, url: string): Promise<string> {
  const bytes = await readCappedBody(response, maxBytes);
  if (bytes === undefined) {
    throw new LearnbridgeError("PAYLOAD_TOO_LARGE", `the answer from ${new URL(url).host} is too large`, {
      url,
      maxBytes,
    });
  }
  return new TextDecoder().decode(bytes);
}

/** Parses a JSON object answer; FIELD_INVALID naming `what` when it is not one. */
export function jsonObjectOf(answer: HttpAnswer, what: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(answer.text);
  } catch {
    throw new LearnbridgeError("FIELD_INVALID", `${what} is not valid JSON`, { url: answer.url });
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new LearnbridgeError("FIELD_INVALID", `${what} is not a JSON object`, { url: answer.url });
  }
  return value as Record<string, unknown>;
}

// OAuth and OpenID4VC error codes, and the closest code of ours.
const OAUTH_ERRORS: Record<string, ErrorCode> = {
  invalid_grant: "GRANT_INVALID",
  invalid_tx_code: "TX_CODE_INVALID",
  invalid_nonce: "NONCE_INVALID",
  invalid_proof: "HOLDER_PROOF_INVALID",
  invalid_token: "ACCESS_TOKEN_INVALID",
  invalid_credential_request: "BAD_REQUEST",
  unknown_credential_configuration: "CREDENTIAL_CONFIGURATION_UNKNOWN",
  unknown_credential_identifier: "CREDENTIAL_CONFIGURATION_UNKNOWN",
  unsupported_credential_type: "CREDENTIAL_CONFIGURATION_UNKNOWN",
  unsupported_credential_format: "CREDENTIAL_CONFIGURATION_UNKNOWN",
  invalid_request: "BAD_REQUEST",
  invalid_client: "UNAUTHORIZED",
  unauthorized_client: "UNAUTHORIZED",
  access_denied: "FORBIDDEN",
  expired_token: "ACCESS_TOKEN_INVALID",
};

/** The OAuth `error` of an answer, if it has one. */
export function oauthErrorOf(answer: HttpAnswer): string | undefined {
  try {
    const body = JSON.parse(answer.text) as { error?: unknown };
    return typeof body?.error === "string" ? body.error : undefined;
  } catch {
    return undefined;
  }
}

/** A LearnbridgeError for a failed answer: the server's code when it sent one of ours, else the closest. */
export function failureOf(answer: HttpAnswer, doing: string): LearnbridgeError {
  let body: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(answer.text);
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed))
      body = parsed as Record<string, unknown>;
  } catch {
    // not JSON: the status alone speaks
  }
  const text = (key: string) => (typeof body[key] === "string" ? (body[key] as string) : undefined);
  const oauth = text("error");
  const code: ErrorCode = isErrorCode(body.code)
    ? body.code
    : oauth && Object.hasOwn(OAUTH_ERRORS, oauth)
      ? (OAUTH_ERRORS[oauth] as ErrorCode)
      : answer.status === 404
        ? "NOT_FOUND"
        : answer.status === 410
          ? "GONE"
          : answer.status === 401
            ? "UNAUTHORIZED"
            : answer.status >= 500
              ? "UPSTREAM_UNAVAILABLE"
              : "BAD_REQUEST";
  const reason =
    text("error_description") ?? text("detail") ?? text("title") ?? oauth ?? `HTTP ${answer.status}`;
  return new LearnbridgeError(code, `${doing}: ${reason}`, {
    url: answer.url,
    status: answer.status,
    ...(oauth ? { error: oauth } : {}),
  });
}
