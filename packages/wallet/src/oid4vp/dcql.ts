/**
 * The Digital Credentials Query Language (OpenID4VP 1.0 §6) as the wallet reads it: credential queries with
 * `meta.type_values`, claims queries and claim sets, and credential sets. Malformed queries are refused
 * (QUERY_INVALID) with the path of the first problem. Queries in formats the wallet does not hold (SD-JWT,
 * mdoc) are kept: they simply match nothing.
 */

import { LearnbridgeError } from "@learnbridge/core";
import type { ClaimsPath } from "@learnbridge/credentials";

export type { ClaimsPath };

export type ClaimValue = string | number | boolean;

/** A Claims Query (§6.3). */
export interface ClaimsQuery {
  readonly id?: string;
  readonly path: ClaimsPath;
  readonly values?: readonly ClaimValue[];
}

/** A Credential Query (§6.1). */
export interface CredentialQuery {
  readonly id: string;
  readonly format: string;
  readonly multiple: boolean;
  /** `meta.type_values` (Appendix B.1.1): alternatives, each a set of fully expanded types. */
  readonly typeValues?: readonly (readonly string[])[];
  readonly claims?: readonly ClaimsQuery[];
  readonly claimSets?: readonly (readonly string[])[];
  readonly requireHolderBinding: boolean;
}

/** A Credential Set Query (§6.2). */
export interface CredentialSetQuery {
  readonly options: readonly (readonly string[])[];
  readonly required: boolean;
}

/** A checked DCQL query. */
export interface DcqlQuery {
  readonly credentials: readonly CredentialQuery[];
  readonly credentialSets?: readonly CredentialSetQuery[];
}

const ID = /^[A-Za-z0-9_-]+$/;
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const invalid = (path: string, reason: string) =>
  new LearnbridgeError("QUERY_INVALID", `the verifier's query is malformed at ${path}: ${reason}`, { path });
const isStringArray = (v: unknown): v is string[] =>
  Array.isArray(v) && v.length > 0 && v.every((s) => typeof s === "string");

function readClaim(value: unknown, path: string): ClaimsQuery {
  if (!isObject(value)) throw invalid(path, "not an object");
  const claimPath = value.path;
  if (
    !Array.isArray(claimPath) ||
    claimPath.length === 0 ||
    !claimPath.every(
      (c) => c === null || typeof c === "string" || (Number.isInteger(c) && (c as number) >= 0),
    )
  ) {
    throw invalid(`${path}.path`, "a claims path is a non-empty array of keys, indexes and nulls");
  }
  if (value.id !== undefined && (typeof value.id !== "string" || !ID.test(value.id)))
    throw invalid(`${path}.id`, "bad id");
  const values = value.values;
  if (
    values !== undefined &&
    !(
      Array.isArray(values) &&
      values.length > 0 &&
      values.every((v) => ["string", "number", "boolean"].includes(typeof v))
    )
  ) {
    throw invalid(`${path}.values`, "values are strings, numbers or booleans");
  }
  return {
    path: claimPath,
    ...(typeof value.id === "string" ? { id: value.id } : {}),
    ...(values ? { values: values as ClaimValue[] } : {}),
  };
}

function readCredentialQuery(value: unknown, path: string): CredentialQuery {
  if (!isObject(value)) throw invalid(path, "not an object");
  if (typeof value.id !== "string" || !ID.test(value.id))
    throw invalid(`${path}.id`, "an id of letters, digits, _ and -");
  if (typeof value.format !== "string" || value.format.length === 0)
    throw invalid(`${path}.format`, "missing");
  const meta = value.meta;
  if (meta !== undefined && !isObject(meta)) throw invalid(`${path}.meta`, "not an object");
  const typeValues = meta?.type_values;
  const w3c = value.format === "ldp_vc" || value.format === "jwt_vc_json";
  if (w3c && !(Array.isArray(typeValues) && typeValues.length > 0 && typeValues.every(isStringArray))) {
    throw invalid(`${path}.meta.type_values`, "W3C credential queries need a non-empty array of type arrays");
  }
  const claims = value.claims === undefined ? undefined : value.claims;
  if (claims !== undefined && !(Array.isArray(claims) && claims.length > 0))
    throw invalid(`${path}.claims`, "empty");
  const parsedClaims = claims?.map((c, i) => readClaim(c, `${path}.claims[${i}]`));
  const claimSets = value.claim_sets;
  if (claimSets !== undefined) {
    const ids = new Set(parsedClaims?.map((c) => c.id));
    if (!(Array.isArray(claimSets) && claimSets.length > 0 && claimSets.every(isStringArray))) {
      throw invalid(`${path}.claim_sets`, "a non-empty array of claim id arrays");
    }
    if (!claimSets.flat().every((id) => ids.has(id)))
      throw invalid(`${path}.claim_sets`, "names an unknown claim");
  }
  return {
    id: value.id,
    format: value.format,
    multiple: value.multiple === true,
    ...(w3c ? { typeValues: typeValues as string[][] } : {}),
    ...(parsedClaims ? { claims: parsedClaims } : {}),
    ...(claimSets ? { claimSets: claimSets as string[][] } : {}),
    requireHolderBinding: value.require_cryptographic_holder_binding !== false,
  };
}

/** Reads a `dcql_query`; QUERY_INVALID when it is malformed. */
export function readDcqlQuery(value: unknown): DcqlQuery {
  if (!isObject(value)) throw invalid("dcql_query", "not an object");
  const credentials = value.credentials;
  if (!Array.isArray(credentials) || credentials.length === 0)
    throw invalid("credentials", "no credential queries");
  const queries = credentials.map((c, i) => readCredentialQuery(c, `credentials[${i}]`));
  const ids = new Set(queries.map((q) => q.id));
  if (ids.size !== queries.length) throw invalid("credentials", "two queries share an id");
  if (value.credential_sets === undefined) return { credentials: queries };
  const sets = value.credential_sets;
  if (!Array.isArray(sets) || sets.length === 0) throw invalid("credential_sets", "empty");
  const credentialSets = sets.map((set, i): CredentialSetQuery => {
    const options = isObject(set) ? set.options : undefined;
    if (!Array.isArray(options) || options.length === 0 || !options.every(isStringArray)) {
      throw invalid(`credential_sets[${i}].options`, "a non-empty array of query id arrays");
    }
    if (!options.flat().every((id) => ids.has(id)))
      throw invalid(`credential_sets[${i}]`, "names an unknown query");
    return { options: options as string[][], required: (set as { required?: unknown }).required !== false };
  });
  return { credentials: queries, credentialSets };
}
