/**
 * Claims path pointers (OpenID4VP 1.0 §7.1): select values in a credential by keys, array indexes and null
 * ("every element"). Selection fails (undefined) when a step meets the wrong kind of value or nothing is left.
 */
import type { ClaimsPath } from "./dcql.ts";

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** The values `path` selects in `root`, or undefined when it selects nothing. */
export function selectClaims(root: unknown, path: ClaimsPath): unknown[] | undefined {
  let selected: unknown[] = [root];
  for (const component of path) {
    const next: unknown[] = [];
    for (const element of selected) {
      if (typeof component === "string") {
        if (!isObject(element)) return undefined;
        if (Object.hasOwn(element, component)) next.push(element[component]);
      } else if (component === null) {
        if (!Array.isArray(element)) return undefined;
        next.push(...element);
      } else {
        if (!Array.isArray(element)) return undefined;
        if (component < element.length) next.push(element[component]);
      }
    }
    if (next.length === 0) return undefined;
    selected = next;
  }
  return selected;
}
