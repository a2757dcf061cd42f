/**
 * Adding a Data Integrity proof to a credential or presentation (W3C VC Data Integrity 1.0, "Add Proof"),
 * including proof sets (a second proof joins the first) and proof chains (`previousProof`).
 */
import {
  type Clock,
  parseXsdDateTime,
  type Signer,
  systemClock,
  toMultibaseBase58,
  toXsdDateTime,
} from "@learnbridge/core";
import { bundledDocumentLoader, type DocumentLoader } from "../contexts/document-loader.ts";
import type { ProofPurpose } from "../verify/key-resolver.ts";
import { computeHashData, type JsonObject, omit, type SuiteName } from "./cryptosuite.ts";
import { documentForProof, findPreviousProofs, isJsonObject, proofsOf } from "./proof-set.ts";
import { suiteByName } from "./suite-selection.ts";

/** A Data Integrity proof as it appears in a secured document. */
export interface DataIntegrityProof {
  readonly type: string;
  readonly cryptosuite?: string;
  readonly id?: string;
  readonly created?: string;
  readonly expires?: string;
  readonly verificationMethod: string;
  readonly proofPurpose: string;
  readonly challenge?: string;
  readonly domain?: string;
  readonly previousProof?: string | readonly string[];
  readonly proofValue: string;
  readonly [key: string]: unknown;
}

/** Options of `addDataIntegrityProof`. */
export interface AddProofOptions {
  /** Signs with the key named by `signer.keyId`, which becomes the proof's `verificationMethod`. */
  readonly signer: Signer;
  /** Default `eddsa-rdfc-2022`. */
  readonly cryptosuite?: SuiteName;
  /** Default `assertionMethod` (credentials); presentations use `authentication`. */
  readonly proofPurpose?: ProofPurpose;
  /** Default: now, from `clock`. */
  readonly created?: Date | string;
  readonly expires?: Date | string;
  readonly challenge?: string;
  readonly domain?: string;
  /** The proof's own `id`, which later proofs of a chain reference. */
  readonly id?: string;
  /** Ids of existing proofs this one chains to; they must be in the document. */
  readonly previousProof?: string | readonly string[];
  /** Default: the bundled static contexts. */
  readonly documentLoader?: DocumentLoader;
  /** Default: the system clock. */
  readonly clock?: Clock;
}

/**
 * Returns a copy of `document` secured with one more Data Integrity proof (a proof set when it had one).
 * Misuse throws a TypeError at once; JSON-LD failures reject with a LearnbridgeError (TERM_UNDEFINED,
 * CONTEXT_UNKNOWN…).
 * @example const vc = await addDataIntegrityProof(credential, { signer: createSigner(pair, `${did}#${key}`) });
 */
export function addDataIntegrityProof<T extends object>(
  document: T,
  options: AddProofOptions,
): Promise<T & { proof: DataIntegrityProof | DataIntegrityProof[] }> {
  if (!isJsonObject(document)) throw new TypeError("addDataIntegrityProof: document must be a JSON object");
  const { signer } = options ?? {};
  if (!signer || typeof signer.sign !== "function" || typeof signer.keyId !== "string" || !signer.keyId) {
    throw new TypeError("addDataIntegrityProof: options.signer with a keyId and a sign function is required");
  }
  const suite = suiteByName(options.cryptosuite ?? "eddsa-rdfc-2022");
  if (!suite)
    throw new TypeError(`addDataIntegrityProof: unknown cryptosuite ${String(options.cryptosuite)}`);
  if (signer.algorithm !== "EdDSA") throw new TypeError(`${suite.name} signs with Ed25519 keys only`);
  const documentLoader = options.documentLoader ?? bundledDocumentLoader;
  if (typeof documentLoader !== "function")
    throw new TypeError("addDataIntegrityProof: documentLoader must be a function");

  const existing = proofsOf(document);
  if (!existing.every(isJsonObject))
    throw new TypeError("addDataIntegrityProof: the existing proof is not an object");
  const chained = options.previousProof === undefined ? [] : [options.previousProof].flat();
  const previous = findPreviousProofs(existing, chained);
  if ("missing" in previous)
    throw new TypeError(`addDataIntegrityProof: no proof with id ${previous.missing}`);

  const secured = withSuiteContext(document, suite.suiteContexts);
  const proofOptions = suite.proofOptionsForSigning(secured, {
    type: suite.type,
    ...(options.id !== undefined ? { id: options.id } : {}),
    ...(suite.cryptosuite ? { cryptosuite: suite.cryptosuite } : {}),
    created: dateTime(options.created ?? (options.clock ?? systemClock)(), "created"),
    ...(options.expires !== undefined ? { expires: dateTime(options.expires, "expires") } : {}),
    verificationMethod: signer.keyId,
    proofPurpose: options.proofPurpose ?? "assertionMethod",
    ...(options.challenge !== undefined ? { challenge: options.challenge } : {}),
    ...(options.domain !== undefined ? { domain: options.domain } : {}),
    ...(options.previousProof !== undefined ? { previousProof: options.previousProof } : {}),
  });
  const unsecured = documentForProof(omit(secured, "proof"), previous.proofs);

  return (async () => {
    const { hashData } = await computeHashData(suite, unsecured, proofOptions, { documentLoader });
    const proof = { ...proofOptions, proofValue: toMultibaseBase58(await signer.sign(hashData)) };
    const proofs = [...existing, proof] as DataIntegrityProof[];
    return { ...secured, proof: proofs.length === 1 ? proofs[0] : proofs } as T & {
      proof: DataIntegrityProof | DataIntegrityProof[];
    };
  })();
}

/** An XML Schema dateTime from a Date or a string that already is one; a TypeError otherwise. */
function dateTime(value: Date | string, name: string): string {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return toXsdDateTime(value);
  if (typeof value === "string" && parseXsdDateTime(value)) return value;
  throw new TypeError(`addDataIntegrityProof: ${name} must be a Date or an XML Schema dateTime`);
}

/** The document with the suite's context appended when none of `contexts` is present (as Digital Bazaar does). */
function withSuiteContext(document: JsonObject, contexts: readonly string[]): JsonObject {
  const context = document["@context"];
  if (context === undefined) return { ...document };
  const list = Array.isArray(context) ? context : [context];
  if (list.some((entry) => contexts.includes(entry as string))) return { ...document };
  return { ...document, "@context": [...list, contexts[0]] };
}
