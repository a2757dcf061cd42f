/**
 * Which of the learner's credentials answer a DCQL query, and what the learner must choose. A credential
 * matches a credential query when its format is the one asked for, one `type_values` alternative is among
 * its types, and its claims (or one claim set) are there with an accepted value. Types are compared expanded
 * (as Appendix B.1.1 says) and, for verifiers that send short names, as written too.
 *
 * The choices: without credential sets every query must be answered; with them, each required set is one
 * choice among the credentials that answer any of its options (an employer asking for "this badge, as Data
 * Integrity or as JWT" gets one list). Optional sets are left out: a wallet shares only what is required.
 */
import { LearnbridgeError } from "@learnbridge/core";
import { parseCompactJws, selectClaims } from "@learnbridge/credentials";
import type { StoredCredential } from "../storage/credential-store.ts";
import type { ClaimsQuery, CredentialQuery, DcqlQuery } from "./dcql.ts";
import { expandedTypes } from "./expanded-types.ts";

/** A held credential, decoded for matching. */
export interface HeldCandidate {
  readonly stored: StoredCredential;
  readonly document: Record<string, unknown>;
  readonly types: ReadonlySet<string>;
}

/** One credential that can answer one query. */
export interface CandidateAnswer {
  readonly queryId: string;
  readonly credential: StoredCredential;
}

/** One thing the learner chooses: which credential answers this part of the request. */
export interface PresentationChoice {
  readonly candidates: readonly CandidateAnswer[];
}

/** Decodes the learner's credentials (the payload of a `vc+jwt`, the document of a Data Integrity one). */
export async function heldCandidates(credentials: readonly StoredCredential[]): Promise<HeldCandidate[]> {
  const out: HeldCandidate[] = [];
  for (const stored of credentials) {
    let document: Record<string, unknown> | undefined;
    if (typeof stored.credential === "string") {
      const parsed = parseCompactJws(stored.credential);
      document = parsed.ok ? parsed.value.payload : undefined;
    } else {
      document = stored.credential as Record<string, unknown>;
    }
    if (!document) continue;
    const written = [document.type].flat().filter((t): t is string => typeof t === "string");
    out.push({ stored, document, types: new Set([...written, ...(await expandedTypes(document))]) });
  }
  return out;
}

function claimMatches(document: Record<string, unknown>, claim: ClaimsQuery): boolean {
  const selected = selectClaims(document, claim.path);
  if (!selected) return false;
  return (
    !claim.values || selected.some((value) => claim.values?.includes(value as string | number | boolean))
  );
}

/** True when a held credential answers a credential query. */
export function answersQuery(query: CredentialQuery, candidate: HeldCandidate): boolean {
  if (candidate.stored.format !== query.format) return false;
  if (query.typeValues && !query.typeValues.some((set) => set.every((type) => candidate.types.has(type))))
    return false;
  if (!query.claims) return true;
  if (!query.claimSets) return query.claims.every((claim) => claimMatches(candidate.document, claim));
  const byId = new Map(query.claims.map((claim) => [claim.id, claim]));
  return query.claimSets.some((set) =>
    set.every((id) => {
      const claim = byId.get(id);
      return claim !== undefined && claimMatches(candidate.document, claim);
    }),
  );
}

/** The choices the learner makes to answer `query`; QUERY_UNSATISFIED when the wallet cannot answer it. */
export function presentationChoices(query: DcqlQuery, held: readonly HeldCandidate[]): PresentationChoice[] {
  const answers = new Map(
    query.credentials.map((q) => [
      q.id,
      held.filter((c) => answersQuery(q, c)).map((c) => ({ queryId: q.id, credential: c.stored })),
    ]),
  );
  const answerable = (ids: readonly string[]) => ids.every((id) => (answers.get(id)?.length ?? 0) > 0);
  const unsatisfied = () =>
    new LearnbridgeError("QUERY_UNSATISFIED", "you have no credential that answers this request", {
      asked: query.credentials.map((q) => ({ id: q.id, format: q.format, types: q.typeValues })),
    });
  if (!query.credentialSets) {
    if (!answerable(query.credentials.map((q) => q.id))) throw unsatisfied();
    return query.credentials.map((q) => ({ candidates: answers.get(q.id) ?? [] }));
  }
  const choices: PresentationChoice[] = [];
  for (const set of query.credentialSets.filter((s) => s.required)) {
    const possible = set.options.filter(answerable);
    if (possible.length === 0) throw unsatisfied();
    if (possible.every((option) => option.length === 1)) {
      // One list across the options: the learner picks a credential, its query names the option.
      choices.push({ candidates: possible.flatMap((option) => answers.get(option[0] as string) ?? []) });
    } else {
      for (const id of possible[0] ?? []) choices.push({ candidates: answers.get(id) ?? [] });
    }
  }
  return choices;
}
