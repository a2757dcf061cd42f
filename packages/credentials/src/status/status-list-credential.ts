/**
 * The issuer side of Bitstring Status List v1.0: the unsigned `BitstringStatusListCredential` an issuer
 * publishes, and the `BitstringStatusListEntry` it puts in each credential. Signing is the caller's: pass a
 * `sign` function (the Data Integrity signer), so this module never sees keys.
 */
import { type Clock, isAbsoluteUri, systemClock, toXsdDateTime } from "@learnbridge/core";
import { type Bitstring, MIN_STATUS_LIST_LENGTH } from "./bitstring.ts";

/** The VC 2.0 base context; it defines every Bitstring Status List term. */
export const VC_V2_CONTEXT = "https://www.w3.org/ns/credentials/v2";

/**
 * Default lifetime of a published list: one day. Lists are short-lived so that verifiers refetch and see
 * revocations; the issuer republishes (re-signs) before `validUntil`, or verifiers reject the stale list.
 */
export const DEFAULT_STATUS_LIST_TTL_MS = 24 * 60 * 60 * 1000;

/** The purposes this spec names; others are allowed and carried as plain strings. */
export type StatusPurpose = "revocation" | "suspension" | "refresh" | "message" | (string & {});

/** A `credentialStatus` entry pointing into a status list. */
export interface BitstringStatusListEntry {
  readonly id: string;
  readonly type: "BitstringStatusListEntry";
  readonly statusPurpose: StatusPurpose;
  /** Base-10 string, as the spec requires. */
  readonly statusListIndex: string;
  readonly statusListCredential: string;
}

/** An unsigned status list credential. */
export interface BitstringStatusListCredential {
  readonly "@context": readonly [typeof VC_V2_CONTEXT];
  readonly id: string;
  readonly type: readonly ["VerifiableCredential", "BitstringStatusListCredential"];
  readonly issuer: string | { readonly id: string; readonly [key: string]: unknown };
  readonly validFrom: string;
  readonly validUntil?: string;
  readonly credentialSubject: {
    readonly id: string;
    readonly type: "BitstringStatusList";
    readonly statusPurpose: StatusPurpose;
    readonly encodedList: string;
  };
}

/** Input of `buildStatusListCredential`. */
export interface StatusListCredentialInput {
  /** The URL the list is published at; also the `statusListCredential` of its entries. */
  readonly id: string;
  readonly issuer: BitstringStatusListCredential["issuer"];
  readonly purpose: StatusPurpose;
  /** The bits; at least 131,072 (herd privacy). */
  readonly list: Bitstring;
  /** Lifetime in ms from now; default one day; `null` publishes without `validUntil`. */
  readonly ttlMs?: number | null;
  readonly clock?: Clock;
}

/** Builds the unsigned `BitstringStatusListCredential` for a list; throws a TypeError on misuse. */
export async function buildStatusListCredential(
  input: StatusListCredentialInput,
): Promise<BitstringStatusListCredential> {
  const { id, issuer, purpose, list } = input;
  if (!isAbsoluteUri(id)) throw new TypeError("buildStatusListCredential: id must be an absolute URL");
  const issuerId = typeof issuer === "string" ? issuer : issuer?.id;
  if (!isAbsoluteUri(issuerId))
    throw new TypeError("buildStatusListCredential: issuer must be a URL or { id }");
  if (typeof purpose !== "string" || purpose === "")
    throw new TypeError("buildStatusListCredential: purpose required");
  // The minimum is enforced here, where a list becomes public, whatever length tests used elsewhere.
  if (list.length < MIN_STATUS_LIST_LENGTH) {
    throw new TypeError(
      `buildStatusListCredential: a published list needs ${MIN_STATUS_LIST_LENGTH} entries or more`,
    );
  }
  const ttlMs = input.ttlMs === undefined ? DEFAULT_STATUS_LIST_TTL_MS : input.ttlMs;
  if (ttlMs !== null && !(Number.isFinite(ttlMs) && ttlMs > 0)) {
    throw new TypeError("buildStatusListCredential: ttlMs must be a positive number or null");
  }
  const now = (input.clock ?? systemClock)();
  return {
    "@context": [VC_V2_CONTEXT],
    id,
    type: ["VerifiableCredential", "BitstringStatusListCredential"],
    issuer,
    validFrom: toXsdDateTime(now),
    ...(ttlMs === null ? {} : { validUntil: toXsdDateTime(new Date(now.getTime() + ttlMs)) }),
    credentialSubject: {
      id: `${id}#list`,
      type: "BitstringStatusList",
      statusPurpose: purpose,
      encodedList: await list.encode(),
    },
  };
}

/** Builds and signs a status list credential; `sign` is the Data Integrity signer, closing over the key. */
export async function issueStatusListCredential(
  input: StatusListCredentialInput & {
    readonly sign: (unsigned: BitstringStatusListCredential) => Promise<object>;
  },
): Promise<object> {
  if (typeof input.sign !== "function")
    throw new TypeError("issueStatusListCredential: sign must be a function");
  return input.sign(await buildStatusListCredential(input));
}

/**
 * The `credentialStatus` entry for an allocated index.
 * @example statusEntry({ listCredentialUrl: "https://node.example/status/r1", index: 94567, purpose: "revocation" })
 */
export function statusEntry(input: {
  readonly listCredentialUrl: string;
  readonly index: number;
  readonly purpose: StatusPurpose;
}): BitstringStatusListEntry {
  const { listCredentialUrl, index, purpose } = input;
  if (!isAbsoluteUri(listCredentialUrl))
    throw new TypeError("statusEntry: listCredentialUrl must be an absolute URL");
  if (listCredentialUrl.includes("#"))
    throw new TypeError("statusEntry: listCredentialUrl must not have a fragment");
  if (!Number.isSafeInteger(index) || index < 0)
    throw new TypeError("statusEntry: index must be a non-negative integer");
  if (typeof purpose !== "string" || purpose === "") throw new TypeError("statusEntry: purpose required");
  return {
    id: `${listCredentialUrl}#${index}`,
    type: "BitstringStatusListEntry",
    statusPurpose: purpose,
    statusListIndex: String(index),
    statusListCredential: listCredentialUrl,
  };
}
