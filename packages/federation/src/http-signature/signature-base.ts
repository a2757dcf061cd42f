/**
 * The signature base of RFC 9421 section 2.5 for a request: one line per covered component, then the
 * `@signature-params` line. We cover the derived components of a request that need no parameters
 * (`@method`, `@target-uri`, `@authority`, `@scheme`, `@path`, `@query`, `@request-target`) and plain
 * header fields; component parameters (`;sf`, `;key`, `;bs`, `;req`, `;tr`, `;name`) are refused, so a
 * signature that uses them fails rather than being checked half way.
 */
import { type SfInnerList, type SfItem, serializeBareItem, serializeInnerList } from "./structured-fields.ts";

/** What a signature base is computed from: the request line and the header fields. */
export interface SignableRequest {
  readonly method: string;
  /** The target URI: the absolute URL the request was sent to. */
  readonly url: string;
  readonly headers: Headers;
}

/** The derived components we compute. */
export const DERIVED_COMPONENTS = [
  "@method",
  "@target-uri",
  "@authority",
  "@scheme",
  "@path",
  "@query",
  "@request-target",
] as const;

const FIELD_NAME = /^[a-z0-9!#$%&'*+\-.^_`|~]+$/;

/** The value of one component, or a reason it has none. */
function componentValue(
  request: SignableRequest,
  id: string,
): { ok: true; value: string } | { ok: false; reason: string } {
  if (id.startsWith("@")) {
    const url = URL.canParse(request.url) ? new URL(request.url) : undefined;
    if (!url) return { ok: false, reason: "the target URI is not an absolute URL" };
    switch (id) {
      case "@method":
        return { ok: true, value: request.method };
      case "@target-uri":
        return { ok: true, value: url.href };
      case "@authority":
        return { ok: true, value: url.host };
      case "@scheme":
        return { ok: true, value: url.protocol.slice(0, -1) };
      case "@path":
        return { ok: true, value: url.pathname || "/" };
      case "@query":
        return { ok: true, value: url.search || "?" };
      case "@request-target":
        return { ok: true, value: `${url.pathname || "/"}${url.search}` };
      default:
        return { ok: false, reason: `derived component ${id} is not supported` };
    }
  }
  if (!FIELD_NAME.test(id)) return { ok: false, reason: `"${id}" is not a lowercase field name` };
  const value = request.headers.get(id);
  if (value === null) return { ok: false, reason: `the covered field ${id} is absent` };
  // Headers already joins repeated fields with ", "; RFC 9421 section 2.1 also trims each end.
  return { ok: true, value: value.trim() };
}

/** The signature base for `params` (the inner list of covered components with the signature parameters). */
export function signatureBase(
  request: SignableRequest,
  params: SfInnerList,
): { ok: true; base: string } | { ok: false; reason: string } {
  const lines: string[] = [];
  const seen = new Set<string>();
  for (const item of params.items as readonly SfItem[]) {
    if (typeof item.value !== "string")
      return { ok: false, reason: "a component identifier is not a string" };
    if (item.params.size > 0) {
      return { ok: false, reason: `component parameters are not supported (${item.value})` };
    }
    if (seen.has(item.value)) return { ok: false, reason: `component ${item.value} is covered twice` };
    seen.add(item.value);
    const value = componentValue(request, item.value);
    if (!value.ok) return value;
    if (/[\r\n]/.test(value.value)) return { ok: false, reason: `component ${item.value} holds a newline` };
    lines.push(`${serializeBareItem(item.value)}: ${value.value}`);
  }
  lines.push(`"@signature-params": ${serializeInnerList(params)}`);
  return { ok: true, base: lines.join("\n") };
}
