/**
 * Fetches one JSON document (a did:web DID document or a controller document) under the rules a public
 * verifier needs: HTTPS only, no private networks, no redirects, a deadline and a size cap, 200 + JSON only.
 * Every failure is an outcome with a code; nothing throws.
 */

import { readCappedBody } from "@learnbridge/core";
import { err, type Outcome, ok } from "../verify/report.ts";
import { isBlockedHost } from "./network-guard.ts";

/** The subset of `fetch` the resolver needs. */
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

/** Network options shared by did:web resolution and controller-document fetches. */
export interface NetworkOptions {
  /** Defaults to `globalThis.fetch`. */
  readonly fetch?: FetchLike;
  /** Deadline for the whole exchange, body included. Default 5000. */
  readonly timeoutMs?: number;
  /** Largest body accepted, counted while streaming. Default 256 KiB. */
  readonly maxBytes?: number;
  /** Permit literal private/loopback/link-local addresses and `localhost` (local networks, tests). */
  readonly allowPrivateNetwork?: boolean;
  /**
   * A `did:web` names no scheme: by default it is fetched over `https:`. When this is `true`, or a function
   * that answers `true` for the URL's `host` (hostname[:port]), it is fetched over `http:` instead, and
   * `http:` controller-document URLs for that host are accepted. For local development and tests only,
   * e.g. `allowHttp: (host) => host.startsWith("127.0.0.1:")` for loopback nodes.
   */
  readonly allowHttp?: boolean | ((host: string) => boolean);
  /**
   * Resolves a hostname to addresses so that each can be checked against the private-network rules (the
   * Node root passes a DNS lookup; Workers cannot resolve names). Best effort: `fetch` resolves again.
   */
  readonly resolveHost?: (hostname: string) => Promise<string[]>;
}

/** Network options with defaults applied. */
export interface NetworkPolicy {
  readonly fetch: FetchLike;
  readonly timeoutMs: number;
  readonly maxBytes: number;
  readonly allowPrivateNetwork: boolean;
  readonly allowHttp: (host: string) => boolean;
  readonly resolveHost: ((hostname: string) => Promise<string[]>) | undefined;
}

export const DEFAULT_TIMEOUT_MS = 5000;
export const DEFAULT_MAX_BYTES = 256 * 1024;

/** Applies the defaults to network options; throws a TypeError for nonsensical limits. */
export function networkPolicy(options: NetworkOptions = {}): NetworkPolicy {
  const { timeoutMs = DEFAULT_TIMEOUT_MS, maxBytes = DEFAULT_MAX_BYTES, allowHttp = false } = options;
  if (!(timeoutMs > 0)) throw new TypeError("timeoutMs must be a positive number");
  if (!(maxBytes > 0)) throw new TypeError("maxBytes must be a positive number");
  return {
    // Calling through a wrapper keeps `this` right: Workers throw "Illegal invocation" on a detached fetch.
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    timeoutMs,
    maxBytes,
    allowPrivateNetwork: options.allowPrivateNetwork ?? false,
    allowHttp: typeof allowHttp === "function" ? allowHttp : () => allowHttp,
    resolveHost: options.resolveHost,
  };
}

/** True when an `application/json` or `application/*+json` media type. */
function isJsonMediaType(contentType: string | null): boolean {
  const type = (contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  return type === "application/json" || /^application\/[a-z0-9.+-]+\+json$/.test(type);
}

/** Checks the scheme and host (and, with `resolveHost`, every address) before any traffic is sent. */
async function checkDestination(
  url: URL,
  policy: NetworkPolicy,
  signal: AbortSignal,
): Promise<Outcome<true>> {
  const data = { url: url.href };
  if (url.protocol !== "https:" && !(url.protocol === "http:" && policy.allowHttp(url.host))) {
    return err("DID_NETWORK_BLOCKED", `only https: URLs are fetched, not ${url.protocol}`, data);
  }
  if (policy.allowPrivateNetwork) return ok(true);
  if (isBlockedHost(url.hostname)) {
    return err("DID_NETWORK_BLOCKED", `host ${url.hostname} is on a private or local network`, data);
  }
  const isLiteral = url.hostname.startsWith("[") || /^[\d.]+$/.test(url.hostname);
  if (!policy.resolveHost || isLiteral) return ok(true);
  let addresses: string[];
  try {
    const aborted = new Promise<never>((_, reject) => {
      signal.addEventListener("abort", () => reject(signal.reason), { once: true });
    });
    aborted.catch(() => {}); // the deadline fires later even when the lookup won the race
    addresses = await Promise.race([policy.resolveHost(url.hostname), aborted]);
  } catch (cause) {
    return err("DID_RESOLUTION_FAILED", `could not resolve host ${url.hostname}: ${String(cause)}`, data);
  }
  if (addresses.length === 0)
    return err("DID_RESOLUTION_FAILED", `host ${url.hostname} has no address`, data);
  const blocked = addresses.find((a) => isBlockedHost(a));
  if (blocked !== undefined) {
    return err("DID_NETWORK_BLOCKED", `host ${url.hostname} resolves to a private address`, {
      ...data,
      blocked,
    });
  }
  return ok(true);
}

/**
 * Fetches `url` and returns its JSON object. Codes: DID_NETWORK_BLOCKED (scheme or host refused),
 * DID_NOT_FOUND (404/410), DID_RESOLUTION_FAILED (timeout, network, redirect, status, media type, size, JSON).
 */
export async function fetchJsonDocument(
  url: URL,
  policy: NetworkPolicy,
): Promise<Outcome<Record<string, unknown>>> {
  const data = { url: url.href };
  const signal = AbortSignal.timeout(policy.timeoutMs);
  try {
    const allowed = await checkDestination(url, policy, signal);
    if (!allowed.ok) return allowed;
    const response = await policy.fetch(url.href, {
      method: "GET",
      redirect: "manual",
      signal,
      headers: {
        accept: "application/did+ld+json, application/did+json, application/ld+json, application/json",
      },
    });
    const status = response.status;
    if (status !== 200) await response.body?.cancel().catch(() => {});
    if (response.type === "opaqueredirect" || (status >= 300 && status < 400)) {
      return err("DID_RESOLUTION_FAILED", "redirects are refused", { ...data, status });
    }
    if (status === 404 || status === 410)
      return err("DID_NOT_FOUND", `no document at ${url.href}`, { ...data, status });
    if (status !== 200) return err("DID_RESOLUTION_FAILED", `server answered ${status}`, { ...data, status });
    if (!isJsonMediaType(response.headers.get("content-type"))) {
      await response.body?.cancel().catch(() => {});
      const contentType = response.headers.get("content-type");
      return err("DID_RESOLUTION_FAILED", `expected a JSON media type, got ${contentType}`, {
        ...data,
        contentType,
      });
    }
    const body = await readCappedBody(response, policy.maxBytes);
    if (!body) {
      return err("DID_RESOLUTION_FAILED", `document larger than ${policy.maxBytes} bytes`, {
        ...data,
        maxBytes: policy.maxBytes,
      });
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(body));
    } catch {
      return err("DID_RESOLUTION_FAILED", "document is not valid JSON", data);
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
      return err("DID_RESOLUTION_FAILED", "document is not a JSON object", data);
    }
    return ok(parsed as Record<string, unknown>);
  } catch (cause) {
    if (signal.aborted) {
      return err("DID_RESOLUTION_FAILED", `timed out after ${policy.timeoutMs} ms`, {
        ...data,
        timeoutMs: policy.timeoutMs,
      });
    }
    return err(
      "DID_RESOLUTION_FAILED",
      `fetch failed: ${cause instanceof Error ? cause.message : String(cause)}`,
      data,
    );
  }
}
