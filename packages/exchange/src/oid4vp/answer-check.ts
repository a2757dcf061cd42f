/**
 * Checking a wallet's answer (a `vp_token`) against the request it answers (OpenID4VP 1.0 §8.6): its shape,
 * each presentation's proof bound to the request's nonce and to this verifier's client id, the holder being
 * the subject of every credential, each credential's full verification report, its format and type and
 * claims against the Credential Query it answers, and the credential sets overall.
 *
 * Two kinds of "no": a refusal (the answer is not bound to this request, not the holder's own, or not what
 * was asked for), which leaves the request open; and an answer that is well bound but whose credentials do
 * not verify (revoked, expired, forged by the issuer's name), which is the result the employer must see.
 */
import { type ErrorCode, sha256, toBase64Url, utf8 } from "@learnbridge/core";
import {
  type Check,
  type VerificationReport,
  type VerifierOptions,
  verifyPresentation,
} from "@learnbridge/credentials";
import { expandedTypes, matchCredentialQuery, satisfiesQuery } from "./credential-match.ts";
import type { DcqlCredentialQuery, DcqlFormat, DcqlQuery } from "./dcql.ts";

/** Presentations one answer may carry. */
export const MAX_PRESENTATIONS = 20;

/** One checked presentation: the query it answers, and its full report (credentials' reports inside). */
export interface CheckedPresentation {
  readonly queryId: string;
  readonly format: DcqlFormat;
  readonly holder: string;
  readonly report: VerificationReport;
}

/** The answer was refused: nothing about it is kept but this reason. */
export interface AnswerRefused {
  readonly ok: false;
  readonly code: ErrorCode;
  readonly message: string;
  readonly details?: Record<string, unknown>;
}

/** The answer is bound to the request and gives what was asked; `verified` says whether it all verified. */
export interface AnswerAccepted {
  readonly ok: true;
  readonly verified: boolean;
  readonly presentations: readonly CheckedPresentation[];
  readonly hashes: readonly string[];
}

export type AnswerCheck = AnswerRefused | AnswerAccepted;

/** What the answer is checked against. */
export interface AnswerContext {
  readonly query: DcqlQuery;
  readonly nonce: string;
  readonly clientId: string;
  readonly verifier?: VerifierOptions;
}

const refuse = (code: ErrorCode, message: string, details?: Record<string, unknown>): AnswerRefused => ({
  ok: false,
  code,
  message,
  ...(details ? { details } : {}),
});
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const idOf = (v: unknown) => (isObject(v) ? v.id : v);
const SECURED_BY: Record<DcqlFormat, VerificationReport["securedBy"]> = {
  ldp_vc: "data-integrity",
  jwt_vc_json: "vc-jose",
};
// The engine's codes for a proof bound to another challenge or audience, in the words of this exchange.
const BINDING_CODES: Partial<Record<string, ErrorCode>> = {
  PROOF_CHALLENGE_MISMATCH: "NONCE_INVALID",
  PROOF_DOMAIN_MISMATCH: "AUDIENCE_MISMATCH",
};

/** One entry of a parsed vp_token: a presentation and the Credential Query it answers. */
interface Entry {
  readonly query: DcqlCredentialQuery;
  readonly presentation: unknown;
}

/** Reads the `vp_token` (§8.1: a JSON object keyed by Credential Query id, each an array of presentations). */
export function parseVpToken(raw: unknown, query: DcqlQuery): { ok: true; entries: Entry[] } | AnswerRefused {
  let token = raw;
  if (typeof raw === "string") {
    try {
      token = JSON.parse(raw);
    } catch {
      return refuse("BAD_REQUEST", "vp_token must be a JSON object keyed by credential query id");
    }
  }
  if (!isObject(token))
    return refuse("BAD_REQUEST", "vp_token must be a JSON object keyed by credential query id");
  const byId = new Map(query.credentials.map((c) => [c.id, c]));
  const entries: Entry[] = [];
  for (const [id, presentations] of Object.entries(token)) {
    const credentialQuery = byId.get(id);
    if (!credentialQuery)
      return refuse("QUERY_UNSATISFIED", `vp_token answers "${id}", which was not asked for`);
    if (!Array.isArray(presentations) || presentations.length === 0) {
      return refuse("BAD_REQUEST", `vp_token.${id} must be a non-empty array of presentations`);
    }
    if (presentations.length > 1 && !credentialQuery.multiple) {
      return refuse("QUERY_UNSATISFIED", `only one presentation was asked for "${id}"`);
    }
    for (const presentation of presentations) entries.push({ query: credentialQuery, presentation });
  }
  if (entries.length === 0) return refuse("QUERY_UNSATISFIED", "vp_token carries no presentation");
  if (entries.length > MAX_PRESENTATIONS) {
    return refuse("BAD_REQUEST", `vp_token may carry at most ${MAX_PRESENTATIONS} presentations`);
  }
  return { ok: true, entries };
}

/**
 * A fingerprint of a presentation that survives re-serialisation: the JWS itself, or the proof values of a
 * Data Integrity presentation (a replay must carry the same signature; new keys order changes nothing).
 */
export async function presentationHash(presentation: unknown): Promise<string> {
  let value = presentation;
  if (typeof presentation === "string") {
    try {
      value = JSON.parse(presentation);
    } catch {
      value = presentation.trim();
    }
  }
  const proofValues = isObject(value)
    ? [value.proof]
        .flat()
        .map((p) => (isObject(p) ? p.proofValue : undefined))
        .filter((p): p is string => typeof p === "string")
    : [];
  const material =
    typeof value === "string"
      ? value
      : proofValues.length > 0
        ? proofValues.sort().join("\n")
        : JSON.stringify(value);
  return toBase64Url(await sha256(utf8(material)));
}

/** The holder who signed: the presentation's `holder`, else the controller of the key that signed it. */
function holderOf(report: VerificationReport): string | undefined {
  const holder = idOf(isObject(report.document) ? report.document.holder : undefined);
  if (typeof holder === "string") return holder;
  const controllers = report.checks.find((c) => c.name === "presentation")?.data?.controllers;
  return Array.isArray(controllers) && typeof controllers[0] === "string" ? controllers[0] : undefined;
}

const ownFailure = (report: VerificationReport): Check | undefined =>
  report.checks.find((check) => check.outcome === "fail");

/** Checks one presentation against its Credential Query; a refusal, or the checked presentation. */
async function checkPresentation(
  entry: Entry,
  context: AnswerContext,
): Promise<AnswerRefused | CheckedPresentation> {
  const { query } = entry;
  const report = await verifyPresentation(entry.presentation, {
    ...context.verifier,
    challenge: context.nonce,
    domain: context.clientId,
  });
  const where = { credentialQueryId: query.id };
  const failed = ownFailure(report);
  if (failed) {
    const code = BINDING_CODES[failed.code] ?? (failed.code as ErrorCode);
    return refuse(code, `the presentation for "${query.id}" is refused: ${failed.message}`, {
      ...where,
      check: failed.name,
      checkCode: failed.code,
    });
  }
  if (report.securedBy !== SECURED_BY[query.format]) {
    return refuse(
      "QUERY_UNSATISFIED",
      `"${query.id}" asked for ${query.format}, the presentation is ${report.securedBy}`,
      where,
    );
  }
  const holder = holderOf(report);
  if (!holder) return refuse("HOLDER_MISMATCH", `the presentation for "${query.id}" names no holder`, where);
  const credentials = report.credentials ?? [];
  if (credentials.length === 0) {
    return refuse("QUERY_UNSATISFIED", `the presentation for "${query.id}" carries no credential`, where);
  }
  for (const [index, credential] of credentials.entries()) {
    const at = { ...where, credentialIndex: index };
    const document = credential.document;
    if (!isObject(document)) {
      const cause = ownFailure(credential);
      return refuse(
        (cause?.code as ErrorCode) ?? "FIELD_INVALID",
        `credential ${index} for "${query.id}" cannot be read: ${cause?.message ?? "no document"}`,
        at,
      );
    }
    const subjects = [document.credentialSubject].flat().map(idOf);
    if (!subjects.includes(holder)) {
      return refuse(
        "HOLDER_MISMATCH",
        `credential ${index} for "${query.id}" is not about the holder ${holder} who presented it`,
        { ...at, holder, subjects: subjects.filter((s) => typeof s === "string") },
      );
    }
    if (credential.securedBy !== SECURED_BY[query.format]) {
      return refuse(
        "QUERY_UNSATISFIED",
        `"${query.id}" asked for ${query.format}; credential ${index} is ${credential.securedBy}`,
        at,
      );
    }
    const trust = credential.checks.find((c) => c.name === "trust" && c.outcome === "pass");
    const types = await expandedTypes(document, context.verifier?.documentLoader);
    const match = matchCredentialQuery(
      query,
      { document, ...(trust?.data ? { trustData: trust.data } : {}) },
      types,
    );
    if (!match.ok) {
      return refuse(
        "QUERY_UNSATISFIED",
        `credential ${index} does not match "${query.id}": ${match.reason}`,
        at,
      );
    }
  }
  return { queryId: query.id, format: query.format, holder, report };
}

/**
 * Checks a parsed answer. Never throws for bad input: a refusal names the first problem.
 * @example const checked = await checkAnswer(entries, { query, nonce, clientId, verifier });
 */
export async function checkAnswer(entries: readonly Entry[], context: AnswerContext): Promise<AnswerCheck> {
  const presentations: CheckedPresentation[] = [];
  for (const entry of entries) {
    const checked = await checkPresentation(entry, context);
    if ("ok" in checked) return checked;
    presentations.push(checked);
  }
  const satisfied = satisfiesQuery(context.query, new Set(presentations.map((p) => p.queryId)));
  if (!satisfied.ok)
    return refuse("QUERY_UNSATISFIED", `the answer does not satisfy the request: ${satisfied.reason}`);
  return {
    ok: true,
    verified: presentations.every((p) => p.report.verified),
    presentations,
    hashes: await Promise.all(entries.map((e) => presentationHash(e.presentation))),
  };
}
