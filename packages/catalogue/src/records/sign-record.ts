/**
 * Signing and verifying catalogue records with Data Integrity `eddsa-jcs-2022`: the owner signs, and any
 * node checks the proof against the owner's DID document (retired keys stay there, so a record signed before
 * a key rotation keeps verifying). Verification returns a result with a reason; it never throws on bad input.
 */
import {
  type Clock,
  canonicalJson,
  type ErrorCode,
  type Signer,
  sha256,
  toBase64Url,
  utf8,
} from "@learnbridge/core";
import { addDataIntegrityProof, type KeyResolver, verifyDataIntegrity } from "@learnbridge/credentials";
import { catalogueDocumentLoader } from "./catalogue-context.ts";
import { type CatalogueEntry, isTombstone } from "./course-record.ts";
import { type RecordProblem, validateCatalogueEntry } from "./validate-record.ts";

/**
 * base64url(SHA-256(JCS(record, proof included))): the `recordHash` a feed event carries.
 * @example await recordHashOf(signed) // 43 base64url characters
 */
export async function recordHashOf(entry: CatalogueEntry): Promise<string> {
  return toBase64Url(await sha256(utf8(canonicalJson(entry))));
}

/**
 * Signs a record or tombstone as its owner. `signer.keyId` must be a key of the owner (`${owner}#key-…`).
 * Misuse (an invalid record, another party's key) is a TypeError.
 * @example const signed = await signCatalogueEntry(record, { signer: await keys.signer() });
 */
export async function signCatalogueEntry<T extends CatalogueEntry>(
  entry: T,
  options: { readonly signer: Signer; readonly clock?: Clock },
): Promise<T> {
  const { signer } = options ?? {};
  if (!signer?.keyId) throw new TypeError("signCatalogueEntry: options.signer is required");
  const { proof: _old, ...unsigned } = entry;
  const checked = validateCatalogueEntry(unsigned, { requireProof: false });
  if (!checked.ok) {
    const [first] = checked.problems;
    throw new TypeError(`signCatalogueEntry: ${first?.field}: ${first?.message}`);
  }
  if (!signer.keyId.startsWith(`${entry.owner}#`))
    throw new TypeError(`signCatalogueEntry: ${signer.keyId} is not a key of ${entry.owner}`);
  return addDataIntegrityProof(unsigned as T, {
    signer,
    cryptosuite: "eddsa-jcs-2022",
    proofPurpose: "assertionMethod",
    documentLoader: catalogueDocumentLoader,
    ...(options.clock ? { clock: options.clock } : {}),
  }) as Promise<T>;
}

/** Options of `verifyCatalogueEntry`. */
export interface VerifyEntryOptions {
  /** Resolves the owner's keys (a did:web resolver; on a follower, with its fetch and cache). */
  readonly resolveKey: KeyResolver;
  readonly clock?: Clock;
}

/** A verified record: the entry, its hash, and the key that signed it. */
export interface VerifiedEntry {
  readonly entry: CatalogueEntry;
  readonly recordHash: string;
  readonly verificationMethod: string;
}

/** Why a record was refused. */
export interface EntryRefusal {
  readonly ok: false;
  /**
   * The first problem's code for a malformed record (FIELD_INVALID, PROOF_MISSING…); KEY_NOT_FOUND,
   * DID_NOT_FOUND or DID_RESOLUTION_FAILED when the owner's key could not be found (a follower refetches
   * the DID document once); RECORD_SIGNATURE_INVALID for a proof that does not verify by the owner's key.
   */
  readonly code: ErrorCode;
  readonly reason: string;
  readonly details?: Readonly<Record<string, unknown>>;
  readonly problems?: readonly RecordProblem[];
}

const KEY_LOOKUP_FAILURES = new Set<string>([
  "KEY_NOT_FOUND",
  "DID_NOT_FOUND",
  "DID_RESOLUTION_FAILED",
  "DID_NETWORK_BLOCKED",
]);

/**
 * Checks a record or tombstone: its members, then its one proof (eddsa-jcs-2022, purpose assertionMethod,
 * by a key its `owner` controls).
 * @example const verified = await verifyCatalogueEntry(event.record, { resolveKey });
 */
export async function verifyCatalogueEntry(
  value: unknown,
  options: VerifyEntryOptions,
): Promise<{ readonly ok: true; readonly value: VerifiedEntry } | EntryRefusal> {
  if (typeof options?.resolveKey !== "function")
    throw new TypeError("verifyCatalogueEntry: options.resolveKey is required");
  const checked = validateCatalogueEntry(value);
  if (!checked.ok) {
    const [first] = checked.problems;
    return {
      ok: false,
      code: first?.code ?? "FIELD_INVALID",
      reason: `${first?.field}: ${first?.message}`,
      problems: checked.problems,
    };
  }
  const entry = checked.value;
  if (entry.proof?.cryptosuite !== "eddsa-jcs-2022") {
    return { ok: false, code: "RECORD_SIGNATURE_INVALID", reason: "a record is signed with eddsa-jcs-2022" };
  }
  const outcome = await verifyDataIntegrity(entry, {
    resolveKey: options.resolveKey,
    documentLoader: catalogueDocumentLoader,
    expectedController: entry.owner,
    expectedProofPurpose: "assertionMethod",
    ...(options.clock ? { clock: options.clock } : {}),
  });
  if (!outcome.ok) {
    const lookup = KEY_LOOKUP_FAILURES.has(outcome.code);
    return {
      ok: false,
      code: lookup ? outcome.code : "RECORD_SIGNATURE_INVALID",
      reason: outcome.message,
      details: { cause: outcome.code, recordId: entry.id, ...(outcome.data ?? {}) },
    };
  }
  const [proof] = outcome.value.proofs;
  return {
    ok: true,
    value: {
      entry,
      recordHash: await recordHashOf(entry),
      verificationMethod: proof?.verificationMethod ?? "",
    },
  };
}

/** What the feed needs to know of a record (structurally the federation's `RecordFacts`). */
export interface EntryFacts {
  readonly recordId: string;
  readonly owner: string;
  readonly version: number;
  readonly deleted: boolean;
}

/**
 * The record checker a feed is given: verifies a catalogue entry and tells the feed its id, owner, version
 * and whether it is a tombstone. Federation code calls it without knowing what a course is.
 * @example const follower = new Follower({ checkRecord: catalogueRecordChecker({ resolveKey }) });
 */
export function catalogueRecordChecker(options: VerifyEntryOptions) {
  if (typeof options?.resolveKey !== "function")
    throw new TypeError("catalogueRecordChecker: options.resolveKey is required");
  return async (
    record: unknown,
  ): Promise<
    | { readonly ok: true; readonly value: EntryFacts }
    | {
        readonly ok: false;
        readonly code: ErrorCode;
        readonly reason: string;
        readonly details?: Readonly<Record<string, unknown>>;
      }
  > => {
    const verified = await verifyCatalogueEntry(record, options);
    if (!verified.ok) {
      const { code, reason, details, problems } = verified;
      return { ok: false, code, reason, details: { ...details, ...(problems ? { problems } : {}) } };
    }
    const { entry } = verified.value;
    return {
      ok: true,
      value: { recordId: entry.id, owner: entry.owner, version: entry.version, deleted: isTombstone(entry) },
    };
  };
}
