/**
 * Claims path pointers applied to a JSON credential (OpenID4VP 1.0 §7.1): a string selects a key, null
 * every element of an array, an integer one element. Processing either selects a non-empty set of values
 * or fails (a step that meets the wrong kind of value, or selects nothing). The verifier (DCQL matching in
 * @learnbridge/exchange) and the learner's wallet (choosing what to share) both select with it.
 */

/** A claims path pointer: keys, array indexes, and null for every element. */
export type ClaimsPath = readonly (string | number | null)[];

/** The values a path selects, or undefined when processing aborts with an error. */
export function selectClaims(root: unknown, path: ClaimsPath): unknown[] | undefined {
  let selected: unknown[] = [root];
  for (const component of path) {
    const next: unknown[] = [];
    for (const element of selected) {
      if (typeof component === "string") {
        if (typeof element !== "object" || element === null || Array.isArray(element)) return undefined;
        if (Object.hasOwn(element, component)) next.push((element as Record<string, unknown>)[component]);
      } else if (component === null) {
        if (!Array.isArray(element)) return undefined;
        next.push(...element);
      } else if (Number.isSafeInteger(component) && component >= 0) {
        if (!Array.isArray(element)) return undefined;
        if (component < element.length) next.push(element[component]);
      } else {
        return undefined;
      }
    }
    selected = next;
  }
  return selected.length > 0 ? selected : undefined;
}
