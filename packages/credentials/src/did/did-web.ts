/**
 * The `did:web` method: `did:web:host[%3Aport][:path…]` names `https://host[:port]/.well-known/did.json` or
 * `https://host[:port]/path…/did.json`. Resolution fetches that document under the network rules of
 * fetch-document.ts; with `allowHttp` (development only) the same URL is fetched over `http:`, because a
 * did:web names no scheme and a loopback test node at http://127.0.0.1:PORT serves no TLS.
 */
import { err, type Outcome, ok } from "../verify/report.ts";
import type { DidDocument } from "./did-document.ts";
import { parseDid } from "./did-syntax.ts";
import { fetchJsonDocument, type NetworkPolicy } from "./fetch-document.ts";

const LABEL = "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?";
const HOST = new RegExp(`^(?:${LABEL}(?:\\.${LABEL})*|\\[[0-9a-f:.]+\\])(?::(\\d{1,5}))?$`, "i");
const UNSAFE_SEGMENT = /[/\\?#]/;

function decode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/**
 * The HTTPS URL of the DID document a `did:web` names; DID_INVALID for anything that is not a did:web.
 * @example didWebToUrl("did:web:example.edu%3A8443:issuers:1") // ok("https://example.edu:8443/issuers/1/did.json")
 */
export function didWebToUrl(did: string): Outcome<string> {
  const parsed = parseDid(did);
  if (parsed?.method !== "web") return err("DID_INVALID", "not a did:web", { did });
  const [hostPart = "", ...pathParts] = parsed.methodSpecificId.split(":");
  const host = decode(hostPart);
  const port = host ? HOST.exec(host)?.[1] : undefined;
  if (!host || !HOST.test(host) || (port !== undefined && !(Number(port) >= 1 && Number(port) <= 65535))) {
    return err("DID_INVALID", "did:web does not name a valid host", { did });
  }
  const segments = pathParts.map(decode);
  if (segments.some((s) => !s || s === "." || s === ".." || UNSAFE_SEGMENT.test(s))) {
    return err("DID_INVALID", "did:web path segments must be non-empty names", { did });
  }
  const path = segments.length
    ? `/${segments.map((s) => encodeURIComponent(s as string)).join("/")}`
    : "/.well-known";
  try {
    const url = new URL(`https://${host}${path}/did.json`);
    if (url.username || url.password) throw new TypeError("credentials in host");
    return ok(url.href);
  } catch {
    return err("DID_INVALID", "did:web does not name a valid URL", { did });
  }
}

// Characters a DID may carry unencoded (idchar, less the `%` that starts an escape).
const encodeIdChars = (text: string) =>
  Array.from(new TextEncoder().encode(text), (b) => {
    const c = String.fromCharCode(b);
    return /[A-Za-z0-9._-]/.test(c) ? c : `%${b.toString(16).toUpperCase().padStart(2, "0")}`;
  }).join("");

/**
 * The `did:web` of a node's base URL (or of its did.json URL); throws a TypeError for anything else.
 * @example didWebFromUrl("http://127.0.0.1:8787") // "did:web:127.0.0.1%3A8787"
 */
export function didWebFromUrl(baseUrl: string | URL): string {
  const url = new URL(baseUrl);
  if (url.protocol !== "https:" && url.protocol !== "http:")
    throw new TypeError("didWebFromUrl: expected an http(s) URL");
  if (url.username || url.password || url.search || url.hash) {
    throw new TypeError("didWebFromUrl: the URL must not carry credentials, a query or a fragment");
  }
  const segments = url.pathname
    .split("/")
    .filter((s) => s !== "")
    .map((s) => decodeURIComponent(s));
  if (segments.at(-1) === "did.json") segments.pop();
  if (segments.length === 1 && segments[0] === ".well-known") segments.pop();
  const host = encodeIdChars(url.hostname) + (url.port ? `%3A${url.port}` : "");
  return ["did:web", host, ...segments.map(encodeIdChars)].join(":");
}

/** Resolves a `did:web` over the network; the document's `id` must be the DID itself. */
export async function resolveDidWeb(did: string, policy: NetworkPolicy): Promise<Outcome<DidDocument>> {
  const mapped = didWebToUrl(did);
  if (!mapped.ok) return mapped;
  const url = new URL(mapped.value);
  if (policy.allowHttp(url.host)) url.protocol = "http:";
  const fetched = await fetchJsonDocument(url, policy);
  if (!fetched.ok) return { ...fetched, data: { did, ...fetched.data } };
  if (fetched.value.id !== did) {
    return err("DID_RESOLUTION_FAILED", "the document's id is not the DID", { did, id: fetched.value.id });
  }
  return ok(fetched.value as DidDocument);
}
