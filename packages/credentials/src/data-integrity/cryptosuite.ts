/**
 * The shape every cryptosuite shares (a plain object of a few small functions) and the hashing step common
 * to the three EdDSA suites: SHA-256(canonical proof configuration) || SHA-256(canonical document).
 */
import { sha256, toHex, utf8 } from "@learnbridge/core";
import type { DocumentLoader } from "../contexts/document-loader.ts";

/** A JSON object (a credential, a presentation, a proof). */
export type JsonObject = Record<string, unknown>;

/** The cryptosuite names a signer can ask for. */
export type SuiteName = "eddsa-rdfc-2022" | "eddsa-jcs-2022" | "Ed25519Signature2020";

/** What a transformation or configuration step needs from outside. */
export interface SuiteContext {
  readonly documentLoader: DocumentLoader;
}

/** One cryptosuite of the W3C "Data Integrity EdDSA Cryptosuites v1.0" Recommendation. */
export interface Cryptosuite {
  readonly name: SuiteName;
  /** The proof `type` it produces. */
  readonly type: "DataIntegrityProof" | "Ed25519Signature2020";
  /** The proof `cryptosuite` value; undefined for the legacy Ed25519Signature2020. */
  readonly cryptosuite: "eddsa-rdfc-2022" | "eddsa-jcs-2022" | undefined;
  /** Contexts any one of which defines the proof's terms; signing adds the first when none is present. */
  readonly suiteContexts: readonly string[];
  /** Proof options as they will be signed and published (jcs copies the document's `@context` in). */
  proofOptionsForSigning(document: JsonObject, options: JsonObject): JsonObject;
  /**
   * The unsecured document as hashed when verifying (jcs: the proof's `@context` replaces the document's,
   * after checking it is a prefix of it); undefined when the proof cannot belong to the document.
   */
  documentForVerifying(document: JsonObject, proofOptions: JsonObject): JsonObject | undefined;
  /** Transformation: the canonical form of the unsecured document. */
  transform(document: JsonObject, context: SuiteContext): Promise<string>;
  /** Proof configuration: the canonical form of the proof options (never containing `proofValue`). */
  configure(proofOptions: JsonObject, document: JsonObject, context: SuiteContext): Promise<string>;
}

/** Every intermediate value of the hashing step, as the W3C test vectors publish them. */
export interface HashData {
  readonly canonicalDocument: string;
  readonly canonicalProofConfig: string;
  /** Hex of SHA-256(canonicalProofConfig). */
  readonly proofConfigHash: string;
  /** Hex of SHA-256(canonicalDocument). */
  readonly documentHash: string;
  /** proofConfigHash || documentHash: the bytes that are signed. */
  readonly hashData: Uint8Array;
}

/**
 * Runs transformation, proof configuration and hashing for an unsecured document and proof options
 * (without `proofValue`). Throws a LearnbridgeError (TERM_UNDEFINED, CONTEXT_UNKNOWN…) on JSON-LD failures.
 */
export async function computeHashData(
  suite: Cryptosuite,
  document: JsonObject,
  proofOptions: JsonObject,
  context: SuiteContext,
): Promise<HashData> {
  const [canonicalDocument, canonicalProofConfig] = await Promise.all([
    suite.transform(document, context),
    suite.configure(proofOptions, document, context),
  ]);
  const [proofHash, documentHash] = await Promise.all([
    sha256(utf8(canonicalProofConfig)),
    sha256(utf8(canonicalDocument)),
  ]);
  const hashData = new Uint8Array(64);
  hashData.set(proofHash, 0);
  hashData.set(documentHash, 32);
  return {
    canonicalDocument,
    canonicalProofConfig,
    proofConfigHash: toHex(proofHash),
    documentHash: toHex(documentHash),
    hashData,
  };
}

/** A copy of `object` without `key`. */
export function omit(object: JsonObject, key: string): JsonObject {
  const { [key]: _omitted, ...rest } = object;
  return rest;
}
