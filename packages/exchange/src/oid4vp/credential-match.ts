/**
 * Whether shared credentials satisfy a DCQL query, checked by the verifier itself (OpenID4VP 1.0 §14.8: a
 * verifier must not rely on the wallet's selection): the fully expanded types against `meta.type_values`,
 * the claims and claim sets (values included), the trusted authorities, and the credential sets overall.
 */
import {
  canonizeRdfc,
  createDocumentLoader,
  type DocumentLoader,
  didWebFromUrl,
  issuerIdOf,
  selectClaims,
} from "@learnbridge/credentials";
import type { DcqlClaimsQuery, DcqlCredentialQuery, DcqlQuery, DcqlTrustedAuthority } from "./dcql.ts";

/** A credential as the matcher needs it: the verified document and, when run, the trust check's data. */
export interface MatchableCredential {
  readonly document: Record<string, unknown>;
  /** The `trust` check of the credential's report, when it passed. */
  readonly trustData?: Readonly<Record<string, unknown>>;
}

/** Matched, or the reason it did not. */
export type MatchOutcome = { readonly ok: true } | { readonly ok: false; readonly reason: string };

const RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <";
const defaultLoader = createDocumentLoader();
// Expansions depend only on the context list and the term: remember them (bounded) across requests.
const expansions = new Map<string, string>();
const MAX_EXPANSIONS = 2_000;

/**
 * The fully expanded IRIs of a credential's `type` values, as JSON-LD processing gives them (§B.1.1). A term
 * no context defines stays as it is, as the spec says it does.
 */
export async function expandedTypes(
  document: Record<string, unknown>,
  documentLoader: DocumentLoader = defaultLoader,
): Promise<string[]> {
  const types = [document.type].flat().filter((t): t is string => typeof t === "string");
  const context = document["@context"];
  const out: string[] = [];
  for (const type of types) {
    const key = `${JSON.stringify(context)}\n${type}`;
    let iri = expansions.get(key);
    if (iri === undefined) {
      iri = await expandOne(context, type, documentLoader);
      if (expansions.size >= MAX_EXPANSIONS) expansions.clear();
      expansions.set(key, iri);
    }
    out.push(iri);
  }
  return out;
}

async function expandOne(context: unknown, type: string, documentLoader: DocumentLoader): Promise<string> {
  if (context === undefined) return type;
  try {
    // A node with only a type: its one RDF triple names the expanded IRI.
    const quads = await canonizeRdfc({ "@context": context, type }, documentLoader);
    const at = quads.indexOf(RDF_TYPE);
    if (at === -1) return type;
    const start = at + RDF_TYPE.length;
    return quads.slice(start, quads.indexOf(">", start));
  } catch {
    return type;
  }
}

/** True when every value a claims query selects exists and (when `values` is given) one matches exactly. */
function claimMatches(document: Record<string, unknown>, claim: DcqlClaimsQuery): boolean {
  const selected = selectClaims(document, claim.path);
  if (!selected) return false;
  if (!claim.values) return true;
  return selected.some((value) => claim.values?.some((wanted) => wanted === value));
}

function authorityMatches(authority: DcqlTrustedAuthority, credential: MatchableCredential): boolean {
  const issuer = issuerIdOf(credential.document);
  return authority.values.some((entity) => {
    if (issuer === entity) return true;
    if (issuer && URL.canParse(entity)) {
      try {
        if (didWebFromUrl(entity) === issuer) return true;
      } catch {
        // not an https origin a did:web can name
      }
    }
    // Accredited through the federation: the trust check names the entity somewhere in its chain.
    return credential.trustData !== undefined && mentions(credential.trustData, entity, 0);
  });
}

function mentions(value: unknown, wanted: string, depth: number): boolean {
  if (value === wanted) return true;
  if (depth > 6 || typeof value !== "object" || value === null) return false;
  return Object.values(value).some((inner) => mentions(inner, wanted, depth + 1));
}

/**
 * Whether one credential meets one Credential Query: type, claims (or one of the claim sets), authorities.
 * `types` are the credential's expanded types (see `expandedTypes`).
 */
export function matchCredentialQuery(
  query: DcqlCredentialQuery,
  credential: MatchableCredential,
  types: readonly string[],
): MatchOutcome {
  const typed = query.meta.type_values.some((set) => set.every((wanted) => types.includes(wanted)));
  if (!typed) {
    return { ok: false, reason: `its types (${types.join(", ")}) are none of those asked for` };
  }
  const claims = query.claims ?? [];
  if (query.claim_sets) {
    const byId = new Map(claims.map((c) => [c.id, c]));
    const some = query.claim_sets.some((set) =>
      set.every((id) => {
        const claim = byId.get(id);
        return claim !== undefined && claimMatches(credential.document, claim);
      }),
    );
    if (!some) return { ok: false, reason: "it meets none of the claim sets asked for" };
  } else {
    const missing = claims.find((claim) => !claimMatches(credential.document, claim));
    if (missing) {
      return {
        ok: false,
        reason: `its claim ${JSON.stringify(missing.path)} is missing or has another value`,
      };
    }
  }
  if (query.trusted_authorities && !query.trusted_authorities.some((a) => authorityMatches(a, credential))) {
    return { ok: false, reason: "its issuer is none of the trusted authorities asked for" };
  }
  return { ok: true };
}

/**
 * Whether the answered Credential Queries satisfy the query (§6.4.2): every query when there are no
 * credential sets, else one option of every required set.
 */
export function satisfiesQuery(query: DcqlQuery, answered: ReadonlySet<string>): MatchOutcome {
  if (!query.credential_sets) {
    const missing = query.credentials.find((c) => !answered.has(c.id));
    return missing ? { ok: false, reason: `nothing was shared for "${missing.id}"` } : { ok: true };
  }
  for (const [index, set] of query.credential_sets.entries()) {
    if (set.required === false) continue;
    if (!set.options.some((option) => option.every((id) => answered.has(id)))) {
      return { ok: false, reason: `no option of credential set ${index} was shared in full` };
    }
  }
  return { ok: true };
}
