/**
 * The structure check: what the VC Data Model (2.0, and 1.1 for older input) requires of a credential
 * before any cryptography runs. Reports every problem found, each with a code and the path it is at.
 */
import { type ErrorCode, isAbsoluteUri, parseXsdDateTime } from "@learnbridge/core";
import { CONTEXT_URLS } from "../contexts/index.ts";
import { type PresentedCredentialOptions, presentedCredentialProblems } from "./presented-credentials.ts";

export interface StructureProblem {
  readonly code: ErrorCode;
  readonly path: string;
  readonly message: string;
}

export interface StructureLimits {
  /** Largest document accepted, in UTF-8 bytes of its JSON (default 1 MiB). */
  readonly maxBytes?: number;
  /** Deepest nesting of objects and arrays accepted (default 32). */
  readonly maxDepth?: number;
}

export type DataModelVersion = "1.1" | "2.0";

export const DEFAULT_MAX_BYTES = 1024 * 1024;
export const DEFAULT_MAX_DEPTH = 32;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

/** Nesting depth of a JSON value, iteratively (a hostile document must not overflow the stack). */
export function jsonDepth(value: unknown, limit = Number.POSITIVE_INFINITY): number {
  let max = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [node, depth] = stack.pop() as [unknown, number];
    if (typeof node !== "object" || node === null) continue;
    max = Math.max(max, depth + 1);
    if (max > limit) return max;
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return max;
}

/** Size and depth limits; checked first so nothing else walks a hostile document. */
export function checkLimits(document: unknown, limits: StructureLimits = {}): StructureProblem | undefined {
  const maxDepth = limits.maxDepth ?? DEFAULT_MAX_DEPTH;
  const depth = jsonDepth(document, maxDepth);
  if (depth > maxDepth) {
    return { code: "DOCUMENT_TOO_DEEP", path: "", message: `nesting deeper than ${maxDepth} levels` };
  }
  const bytes = new TextEncoder().encode(JSON.stringify(document)).length;
  const maxBytes = limits.maxBytes ?? DEFAULT_MAX_BYTES;
  if (bytes > maxBytes) {
    return {
      code: "DOCUMENT_TOO_LARGE",
      path: "",
      message: `document is ${bytes} bytes; the limit is ${maxBytes}`,
    };
  }
  return undefined;
}

/** The data model version named by `@context[0]`, or undefined when it names neither. */
export function dataModelVersion(document: Json): DataModelVersion | undefined {
  const first = asArray(document["@context"])[0];
  if (first === CONTEXT_URLS.VC_V2) return "2.0";
  if (first === CONTEXT_URLS.VC_V1) return "1.1";
  return undefined;
}

/** Every structural problem of a credential (empty when it is well formed). */
export function credentialStructureProblems(document: unknown): StructureProblem[] {
  if (!isObject(document))
    return [{ code: "FIELD_INVALID", path: "", message: "a credential must be a JSON object" }];
  const problems: StructureProblem[] = [];
  const add = (code: ErrorCode, path: string, message: string) => problems.push({ code, path, message });
  const version = commonProblems(document, "VerifiableCredential", add);

  const issuer = document.issuer;
  const issuerId = isObject(issuer) ? issuer.id : issuer;
  if (issuer === undefined) add("FIELD_MISSING", "issuer", "issuer is required");
  else if (!isAbsoluteUri(issuerId))
    add("URL_INVALID", isObject(issuer) ? "issuer.id" : "issuer", "issuer must be a URL");

  const subjects = asArray(document.credentialSubject);
  if (subjects.length === 0) add("FIELD_MISSING", "credentialSubject", "credentialSubject is required");
  subjects.forEach((subject, i) => {
    const path = Array.isArray(document.credentialSubject) ? `credentialSubject[${i}]` : "credentialSubject";
    if (!isObject(subject)) add("FIELD_INVALID", path, "credentialSubject must be an object");
    else if (subject.id !== undefined && !isAbsoluteUri(subject.id))
      add("URL_INVALID", `${path}.id`, "must be a URL");
  });

  if (version === "2.0") {
    dateProblem(document, "validFrom", false, add);
    dateProblem(document, "validUntil", false, add);
    orderProblem(document, "validFrom", "validUntil", add);
  } else if (version === "1.1") {
    dateProblem(document, "issuanceDate", true, add);
    dateProblem(document, "expirationDate", false, add);
    orderProblem(document, "issuanceDate", "expirationDate", add);
  }
  typedEntries(document, "credentialStatus", false, add);
  typedEntries(document, "credentialSchema", true, add);
  return problems;
}

/**
 * Every structural problem of a presentation, including entries of `verifiableCredential` it cannot carry
 * (each credential it can carry is checked on its own).
 */
export function presentationStructureProblems(
  document: unknown,
  options: PresentedCredentialOptions = {},
): StructureProblem[] {
  if (!isObject(document))
    return [{ code: "FIELD_INVALID", path: "", message: "a presentation must be a JSON object" }];
  const problems: StructureProblem[] = [];
  const add = (code: ErrorCode, path: string, message: string) => problems.push({ code, path, message });
  commonProblems(document, "VerifiablePresentation", add);
  if (document.holder !== undefined) {
    const holderId = isObject(document.holder) ? document.holder.id : document.holder;
    if (!isAbsoluteUri(holderId)) add("URL_INVALID", "holder", "holder must be a URL");
  }
  problems.push(...presentedCredentialProblems(document, options));
  return problems;
}

type Add = (code: ErrorCode, path: string, message: string) => void;

function commonProblems(document: Json, requiredType: string, add: Add): DataModelVersion | undefined {
  const contexts = document["@context"];
  const version = dataModelVersion(document);
  if (contexts === undefined) add("CONTEXT_MISSING", "@context", "@context is required");
  else if (!version) add("CONTEXT_MISSING", "@context[0]", `the first context must be ${CONTEXT_URLS.VC_V2}`);
  for (const [i, c] of asArray(contexts).entries()) {
    if (typeof c !== "string" && !isObject(c))
      add("FIELD_INVALID", `@context[${i}]`, "must be a URL or an object");
  }
  const types = asArray(document.type);
  if (!types.includes(requiredType)) add("TYPE_MISSING", "type", `type must include ${requiredType}`);
  if (types.some((t) => typeof t !== "string")) add("FIELD_INVALID", "type", "every type must be a string");
  if (document.id !== undefined && !isAbsoluteUri(document.id)) add("URL_INVALID", "id", "id must be a URL");
  return version;
}

function dateProblem(document: Json, key: string, required: boolean, add: Add) {
  const value = document[key];
  if (value === undefined) {
    if (required) add("FIELD_MISSING", key, `${key} is required`);
    return;
  }
  if (!parseXsdDateTime(value))
    add("DATE_INVALID", key, `${key} must be an XML Schema dateTime with a time zone`);
}

function orderProblem(document: Json, fromKey: string, untilKey: string, add: Add) {
  const from = parseXsdDateTime(document[fromKey]);
  const until = parseXsdDateTime(document[untilKey]);
  if (from && until && until.getTime() < from.getTime()) {
    add("DATE_INVALID", untilKey, `${untilKey} is before ${fromKey}`);
  }
}

function typedEntries(document: Json, key: string, idRequired: boolean, add: Add) {
  const value = document[key];
  for (const [i, entry] of asArray(value).entries()) {
    const path = Array.isArray(value) ? `${key}[${i}]` : key;
    if (!isObject(entry)) {
      add("FIELD_INVALID", path, "must be an object");
      continue;
    }
    if (typeof entry.type !== "string" && !Array.isArray(entry.type))
      add("FIELD_MISSING", `${path}.type`, "type is required");
    if (entry.id === undefined ? idRequired : !isAbsoluteUri(entry.id))
      add("URL_INVALID", `${path}.id`, "id must be a URL");
  }
}
