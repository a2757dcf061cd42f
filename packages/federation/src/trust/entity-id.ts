/**
 * Entity identifiers: a node's public URL (origin plus an optional path) names it in the federation. Its
 * Entity Configuration lives at that URL + `/.well-known/openid-federation`, and its DID is the did:web of
 * the same URL, so a credential's issuer DID leads to the issuer's entity id and back.
 */

/** True for an http(s) URL without query, fragment, credentials or trailing slash: an entity identifier. */
export function isEntityId(value: unknown): value is string {
  if (typeof value !== "string" || value.length > 2048 || !URL.canParse(value)) return false;
  const url = new URL(value);
  if (url.protocol !== "https:" && url.protocol !== "http:") return false;
  if (url.search || url.hash || url.username || url.password || value.endsWith("/")) return false;
  // The URL must be written canonically, so that the same entity never appears under two spellings.
  return `${url.origin}${url.pathname === "/" ? "" : url.pathname}` === value;
}

/** The canonical entity id of a public URL (trailing slashes dropped); TypeError when it cannot be one. */
export function entityIdOf(publicUrl: string): string {
  const url = new URL(publicUrl);
  const id = `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
  if (!isEntityId(id) || url.search || url.hash) throw new TypeError(`${publicUrl} cannot be an entity id`);
  return id;
}

/** The URL an entity serves its Entity Configuration at. */
export const entityConfigurationUrl = (entityId: string): string =>
  `${entityId}/.well-known/openid-federation`;

/**
 * The entity id a `did:web` names, or undefined for another method or a malformed DID. A did:web names no
 * scheme: it is `https:`, or `http:` where `allowHttp` says so for the host (development on loopback).
 * @example entityIdFromDid("did:web:nairobi.example%3A8443:centre") // "https://nairobi.example:8443/centre"
 */
export function entityIdFromDid(
  did: string,
  options: { readonly allowHttp?: (host: string) => boolean } = {},
): string | undefined {
  if (typeof did !== "string" || !did.startsWith("did:web:")) return undefined;
  const [hostPart = "", ...segments] = did.slice("did:web:".length).split("#")[0]?.split(":") ?? [];
  let host: string;
  let path: string[];
  try {
    host = decodeURIComponent(hostPart);
    path = segments.map((s) => decodeURIComponent(s));
  } catch {
    return undefined;
  }
  if (!/^[a-z0-9.-]+(:\d{1,5})?$/i.test(host) && !/^\[[0-9a-f:.]+\](:\d{1,5})?$/i.test(host))
    return undefined;
  if (path.some((s) => s === "" || s === "." || s === ".." || /[/\\?#]/.test(s))) return undefined;
  const scheme = options.allowHttp?.(host) ? "http" : "https";
  const candidate = `${scheme}://${host}${path.map((s) => `/${encodeURIComponent(s)}`).join("")}`;
  if (!URL.canParse(candidate)) return undefined;
  const url = new URL(candidate);
  const id = `${url.origin}${url.pathname === "/" ? "" : url.pathname}`;
  return isEntityId(id) ? id : undefined;
}
