/**
 * The message catalogue's shape: which `check.<name>.<code>` keys a locale must carry, derived from the check
 * names and the closed set of error codes, so that a new code without a translation fails a test.
 */
import { ERROR_HTTP_STATUS, type ErrorCode } from "@learnbridge/core";

/**
 * The checks a verifier reports, in order. i18n sits below the credential engine in the dependency order, so
 * it keeps its own copy; a test keeps it equal to `CHECK_NAMES` of @learnbridge/credentials.
 */
export const CHECK_NAMES = [
  "structure",
  "context",
  "proof",
  "issuer",
  "validity",
  "status",
  "schema",
  "trust",
  "presentation",
] as const;
export type CheckName = (typeof CHECK_NAMES)[number];

/** Codes a passed or skipped check carries; every check has a message for each. */
export const INFO_CODES = ["OK", "NOT_APPLICABLE", "NOT_CONFIGURED", "SKIPPED_AFTER_FAILURE"] as const;

export const ERROR_CODES = Object.keys(ERROR_HTTP_STATUS) as ErrorCode[];

const codes = (test: (code: ErrorCode) => boolean) => ERROR_CODES.filter(test);
const prefixed = (...prefixes: string[]) => codes((c) => prefixes.some((p) => c.startsWith(p)));

/** Codes the document reading and structure check report. */
export const DOCUMENT_CODES: readonly ErrorCode[] = [
  "MALFORMED_JSON",
  "DOCUMENT_TOO_LARGE",
  "DOCUMENT_TOO_DEEP",
  "CONTEXT_MISSING",
  "FIELD_MISSING",
  "FIELD_INVALID",
  "TYPE_MISSING",
  "DATE_INVALID",
  "URL_INVALID",
];

/**
 * The failure and warning codes each check carries. A code outside its check's list (rare paths, a future
 * code) is still explained: `describeCheck` falls back to `error.<CODE>`, which exists for every code.
 */
export const CHECK_CODES: Readonly<Record<CheckName, readonly ErrorCode[]>> = {
  // A presentation may also carry a credential in a form it cannot hold.
  structure: [...DOCUMENT_CODES, "CREDENTIAL_NOT_ENVELOPED"],
  context: [...prefixed("CONTEXT_"), "TERM_UNDEFINED"],
  proof: prefixed("PROOF_", "JWT_"),
  issuer: prefixed("DID_", "KEY_"),
  validity: ["NOT_YET_VALID", "EXPIRED"],
  status: prefixed("STATUS_"),
  schema: prefixed("SCHEMA_"),
  trust: [...prefixed("TRUST_"), "ENTITY_STATEMENT_INVALID"],
  // A presentation's holder key is resolved like an issuer's, so DID_* and KEY_* land here too.
  presentation: ["HOLDER_MISMATCH", ...prefixed("PROOF_", "DID_", "KEY_")],
};

/** Keys beyond the generated ones: variants chosen by `describeCheck` and labels of the explanation. */
export const EXTRA_KEYS = [
  "check.validity.OK_open",
  // Trust: an issuer directly under its anchor (no "via"), and which part of the scope a credential exceeds.
  "check.trust.OK_direct",
  "check.trust.TRUST_OUT_OF_SCOPE_level",
  "check.trust.TRUST_OUT_OF_SCOPE_field",
  "label.credential",
  "label.unknown",
] as const;

export const VERDICTS = ["verified", "warnings", "failed"] as const;
export type Verdict = (typeof VERDICTS)[number];

/** The interpolation variables messages may use; `describeCheck` always supplies each one. */
export const MESSAGE_VARIABLES = [
  "field",
  "issuer",
  "listUrl",
  "validFrom",
  "validUntil",
  "number",
  // The trust check: who accredits (anchor, via), who acted (authority), and the scope.
  "anchor",
  "via",
  "authority",
  "level",
  "maxLevel",
  "fields",
  "jurisdiction",
] as const;

/** Every key each locale must carry. */
export function requiredKeys(): string[] {
  const keys: string[] = [];
  for (const name of CHECK_NAMES) {
    keys.push(`check.${name}.title`);
    for (const code of [...INFO_CODES, ...CHECK_CODES[name]]) keys.push(`check.${name}.${code}`);
  }
  for (const code of ERROR_CODES) keys.push(`error.${code}`);
  for (const verdict of VERDICTS) keys.push(`verdict.${verdict}`);
  keys.push(...EXTRA_KEYS);
  return keys;
}
