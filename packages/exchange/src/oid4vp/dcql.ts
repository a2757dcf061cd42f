/**
 * The Digital Credentials Query Language (OpenID4VP 1.0 §6) as this verifier speaks it: the query model,
 * and a validator that returns either a normalised copy (only the members the spec defines, so what the
 * wallet is sent is exactly what will be checked) or the reason and the path of the first problem.
 *
 * Only W3C formats are asked for here (`ldp_vc`, `jwt_vc_json`), always with cryptographic holder binding:
 * an employer must know the person presenting is the learner the credential is about.
 */
import type { ClaimsPath } from "@learnbridge/credentials";

/** The Credential Format Identifiers this verifier requests (OpenID4VP 1.0 Appendix B.1). */
export const DCQL_FORMATS = ["ldp_vc", "jwt_vc_json"] as const;
export type DcqlFormat = (typeof DCQL_FORMATS)[number];

/** A claims path pointer (§7): keys, array indexes, and null for "every element". */
export type { ClaimsPath };

export type ClaimValue = string | number | boolean;

/** A Claims Query (§6.3). */
export interface DcqlClaimsQuery {
  readonly id?: string;
  readonly path: ClaimsPath;
  readonly values?: readonly ClaimValue[];
}

/** A Trusted Authorities Query (§6.1.1). */
export interface DcqlTrustedAuthority {
  readonly type: string;
  readonly values: readonly string[];
}

/** A Credential Query (§6.1) for a W3C credential. */
export interface DcqlCredentialQuery {
  readonly id: string;
  readonly format: DcqlFormat;
  readonly multiple?: boolean;
  readonly meta: { readonly type_values: readonly (readonly string[])[] };
  readonly trusted_authorities?: readonly DcqlTrustedAuthority[];
  readonly require_cryptographic_holder_binding?: boolean;
  readonly claims?: readonly DcqlClaimsQuery[];
  readonly claim_sets?: readonly (readonly string[])[];
}

/** A Credential Set Query (§6.2). */
export interface DcqlCredentialSet {
  readonly options: readonly (readonly string[])[];
  readonly required?: boolean;
}

/** A DCQL query. */
export interface DcqlQuery {
  readonly credentials: readonly DcqlCredentialQuery[];
  readonly credential_sets?: readonly DcqlCredentialSet[];
}

/** A validated, normalised query, or why the input is not one. */
export type DcqlValidation =
  | { readonly ok: true; readonly query: DcqlQuery }
  | { readonly ok: false; readonly reason: string; readonly path: string };

/** Trusted-authority types this verifier can evaluate; `aki` and `etsi_tl` concern X.509 chains, unused here. */
export const SUPPORTED_AUTHORITY_TYPES = ["openid_federation"] as const;

/** Bounds that keep a public endpoint's stored queries small. */
const LIMITS = { credentials: 10, claims: 32, pathDepth: 16, values: 32, text: 512, sets: 16 } as const;
const IDENTIFIER = /^[A-Za-z0-9_-]+$/;

class Invalid extends Error {
  readonly path: string;
  constructor(path: string, reason: string) {
    super(reason);
    this.path = path;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

function array(value: unknown, path: string, max: number): unknown[] {
  if (!Array.isArray(value) || value.length === 0) throw new Invalid(path, "must be a non-empty array");
  if (value.length > max) throw new Invalid(path, `may hold at most ${max} entries`);
  return value;
}

function text(value: unknown, path: string): string {
  if (typeof value !== "string" || value === "" || value.length > LIMITS.text) {
    throw new Invalid(path, `must be a non-empty string of at most ${LIMITS.text} characters`);
  }
  return value;
}

function identifier(value: unknown, path: string): string {
  if (typeof value !== "string" || !IDENTIFIER.test(value) || value.length > 64) {
    throw new Invalid(path, "must be 1-64 letters, digits, underscores or hyphens");
  }
  return value;
}

function optionalBoolean(value: unknown, path: string): boolean | undefined {
  if (value === undefined || typeof value === "boolean") return value;
  throw new Invalid(path, "must be true or false");
}

function unique(ids: readonly string[], path: string, what: string): void {
  const seen = new Set<string>();
  for (const [index, id] of ids.entries()) {
    if (seen.has(id)) throw new Invalid(`${path}[${index}]`, `${what} "${id}" appears twice`);
    seen.add(id);
  }
}

function claimsPath(value: unknown, path: string): ClaimsPath {
  return array(value, path, LIMITS.pathDepth).map((component, index) => {
    if (component === null || (typeof component === "string" && component.length <= LIMITS.text)) {
      return component;
    }
    if (Number.isSafeInteger(component) && (component as number) >= 0) return component as number;
    throw new Invalid(`${path}[${index}]`, "must be a string, null or a non-negative integer");
  });
}

function claimValue(value: unknown, path: string): ClaimValue {
  if (typeof value === "boolean" || Number.isSafeInteger(value)) return value as ClaimValue;
  if (typeof value === "string") return text(value, path);
  throw new Invalid(path, "must be a string, an integer or a boolean");
}

function claimsQuery(value: unknown, path: string): DcqlClaimsQuery {
  if (!isObject(value)) throw new Invalid(path, "must be an object");
  return {
    ...(value.id !== undefined ? { id: identifier(value.id, `${path}.id`) } : {}),
    path: claimsPath(value.path, `${path}.path`),
    ...(value.values !== undefined
      ? {
          values: array(value.values, `${path}.values`, LIMITS.values).map((v, i) =>
            claimValue(v, `${path}.values[${i}]`),
          ),
        }
      : {}),
  };
}

function trustedAuthority(value: unknown, path: string): DcqlTrustedAuthority {
  if (!isObject(value)) throw new Invalid(path, "must be an object");
  const type = text(value.type, `${path}.type`);
  if (!(SUPPORTED_AUTHORITY_TYPES as readonly string[]).includes(type)) {
    throw new Invalid(
      `${path}.type`,
      `"${type}" is not supported here (credentials in this network are not X.509-based); use ${SUPPORTED_AUTHORITY_TYPES.join(", ")}`,
    );
  }
  const values = array(value.values, `${path}.values`, LIMITS.values).map((v, i) =>
    text(v, `${path}.values[${i}]`),
  );
  return { type, values };
}

function idSets(value: unknown, path: string, known: ReadonlySet<string>, what: string): string[][] {
  return array(value, path, LIMITS.sets).map((option, i) =>
    array(option, `${path}[${i}]`, LIMITS.credentials + LIMITS.claims).map((id, j) => {
      const at = `${path}[${i}][${j}]`;
      const name = text(id, at);
      if (!known.has(name)) throw new Invalid(at, `names no ${what} "${name}"`);
      return name;
    }),
  );
}

function credentialQuery(value: unknown, path: string): DcqlCredentialQuery {
  if (!isObject(value)) throw new Invalid(path, "must be an object");
  const id = identifier(value.id, `${path}.id`);
  if (typeof value.format !== "string" || !(DCQL_FORMATS as readonly string[]).includes(value.format)) {
    throw new Invalid(
      `${path}.format`,
      `must be one of ${DCQL_FORMATS.join(", ")} (the formats verified here)`,
    );
  }
  const format = value.format as DcqlFormat;
  const multiple = optionalBoolean(value.multiple, `${path}.multiple`);
  if (!isObject(value.meta)) throw new Invalid(`${path}.meta`, "is required and must be an object");
  const typeValues = array(value.meta.type_values, `${path}.meta.type_values`, LIMITS.sets).map((set, i) =>
    array(set, `${path}.meta.type_values[${i}]`, LIMITS.values).map((t, j) =>
      text(t, `${path}.meta.type_values[${i}][${j}]`),
    ),
  );
  const binding = optionalBoolean(
    value.require_cryptographic_holder_binding,
    `${path}.require_cryptographic_holder_binding`,
  );
  if (binding === false) {
    throw new Invalid(
      `${path}.require_cryptographic_holder_binding`,
      "must be true: this verifier only accepts presentations signed by the credential's subject",
    );
  }
  const authorities =
    value.trusted_authorities === undefined
      ? undefined
      : array(value.trusted_authorities, `${path}.trusted_authorities`, LIMITS.sets).map((a, i) =>
          trustedAuthority(a, `${path}.trusted_authorities[${i}]`),
        );
  const claims =
    value.claims === undefined
      ? undefined
      : array(value.claims, `${path}.claims`, LIMITS.claims).map((c, i) =>
          claimsQuery(c, `${path}.claims[${i}]`),
        );
  const claimIds = (claims ?? []).flatMap((c) => (c.id === undefined ? [] : [c.id]));
  unique(claimIds, `${path}.claims`, "claim id");
  let claimSets: string[][] | undefined;
  if (value.claim_sets !== undefined) {
    if (!claims) throw new Invalid(`${path}.claim_sets`, "needs `claims`");
    const missing = claims.findIndex((c) => c.id === undefined);
    if (missing !== -1)
      throw new Invalid(`${path}.claims[${missing}].id`, "is required when claim_sets is given");
    claimSets = idSets(value.claim_sets, `${path}.claim_sets`, new Set(claimIds), "claim");
  }
  return {
    id,
    format,
    ...(multiple !== undefined ? { multiple } : {}),
    meta: { type_values: typeValues },
    ...(authorities ? { trusted_authorities: authorities } : {}),
    ...(binding !== undefined ? { require_cryptographic_holder_binding: binding } : {}),
    ...(claims ? { claims } : {}),
    ...(claimSets ? { claim_sets: claimSets } : {}),
  };
}

/**
 * Checks a DCQL query and returns its normalised copy; unknown members are dropped, as §6 tells
 * implementations to ignore them.
 * @example const checked = validateDcqlQuery(body.dcql_query); if (!checked.ok) console.log(checked.path, checked.reason);
 */
export function validateDcqlQuery(input: unknown): DcqlValidation {
  try {
    if (!isObject(input)) throw new Invalid("dcql_query", "must be a JSON object");
    const credentials = array(input.credentials, "credentials", LIMITS.credentials).map((c, i) =>
      credentialQuery(c, `credentials[${i}]`),
    );
    unique(
      credentials.map((c) => c.id),
      "credentials",
      "credential query id",
    );
    const known = new Set(credentials.map((c) => c.id));
    const sets =
      input.credential_sets === undefined
        ? undefined
        : array(input.credential_sets, "credential_sets", LIMITS.sets).map((set, i): DcqlCredentialSet => {
            const at = `credential_sets[${i}]`;
            if (!isObject(set)) throw new Invalid(at, "must be an object");
            const required = optionalBoolean(set.required, `${at}.required`);
            return {
              options: idSets(set.options, `${at}.options`, known, "credential query"),
              ...(required !== undefined ? { required } : {}),
            };
          });
    return { ok: true, query: { credentials, ...(sets ? { credential_sets: sets } : {}) } };
  } catch (error) {
    if (error instanceof Invalid) return { ok: false, reason: error.message, path: error.path };
    throw error;
  }
}
