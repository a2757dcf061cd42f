/**
 * Verifying the Data Integrity proofs of a credential or presentation (W3C VC Data Integrity 1.0, "Verify
 * Proof"): one proof or a proof set, all of which must verify, with `previousProof` chains. Never throws for
 * bad input: every failure is an outcome with a code and the index of the proof that failed.
 */
import { type Clock, LearnbridgeError, systemClock, verifySignature } from "@learnbridge/core";
import { bundledDocumentLoader, type DocumentLoader } from "../contexts/document-loader.ts";
import type { KeyResolver, ProofPurpose } from "../verify/key-resolver.ts";
import { err, type Outcome, ok } from "../verify/report.ts";
import { computeHashData, type JsonObject, omit } from "./cryptosuite.ts";
import { checkExpectations, type ParsedProof, type ProofExpectations, parseProof } from "./proof-checks.ts";
import { documentForProof, findPreviousProofs, isJsonObject, proofsOf } from "./proof-set.ts";

/** Options of `verifyDataIntegrity`. */
export interface VerifyDataIntegrityOptions {
  /** Finds the public key of a verification method and checks its controller authorises it. */
  readonly resolveKey: KeyResolver;
  /** Default: the bundled static contexts. */
  readonly documentLoader?: DocumentLoader;
  /** Default `assertionMethod`; presentations expect `authentication`. */
  readonly expectedProofPurpose?: ProofPurpose;
  /** When set, every proof must carry this challenge. */
  readonly challenge?: string;
  /** When set, every proof's domain must be (or include) this one. */
  readonly domain?: string;
  /** When set, every proof's key must be controlled by it (the issuer of a credential, a presentation's holder). */
  readonly expectedController?: string;
  /** Default: the system clock. */
  readonly clock?: Clock;
  /** Tolerance for `created` in the future and `expires` in the past. Default 5 minutes. */
  readonly maxClockSkewMs?: number;
}

/** What a verified proof says about itself. */
export interface VerifiedProof {
  readonly type: string;
  readonly cryptosuite?: string;
  readonly id?: string;
  readonly verificationMethod: string;
  readonly controller: string;
  readonly created?: string;
  readonly proofPurpose: string;
}

const DEFAULT_SKEW_MS = 5 * 60 * 1000;

/**
 * Verifies every Data Integrity proof of `document`. Misuse (no `resolveKey`) throws a TypeError at once.
 * @example const outcome = await verifyDataIntegrity(vc, { resolveKey, expectedController: issuerId });
 */
export function verifyDataIntegrity(
  document: unknown,
  options: VerifyDataIntegrityOptions,
): Promise<Outcome<{ proofs: VerifiedProof[] }>> {
  if (typeof options?.resolveKey !== "function")
    throw new TypeError("verifyDataIntegrity: options.resolveKey is required");
  const documentLoader = options.documentLoader ?? bundledDocumentLoader;
  const clock = options.clock ?? systemClock;
  const maxClockSkewMs = options.maxClockSkewMs ?? DEFAULT_SKEW_MS;
  if (typeof documentLoader !== "function")
    throw new TypeError("verifyDataIntegrity: documentLoader must be a function");
  if (typeof clock !== "function") throw new TypeError("verifyDataIntegrity: clock must be a function");
  if (!(maxClockSkewMs >= 0)) throw new TypeError("verifyDataIntegrity: maxClockSkewMs must be >= 0");
  const run = async (): Promise<Outcome<{ proofs: VerifiedProof[] }>> => {
    if (!isJsonObject(document)) return err("PROOF_MISSING", "the document is not a JSON object");
    const proofs = proofsOf(document);
    if (proofs.length === 0) return err("PROOF_MISSING", "the document has no proof");
    const expected: ProofExpectations = {
      proofPurpose: options.expectedProofPurpose ?? "assertionMethod",
      challenge: options.challenge,
      domain: options.domain,
      now: clock(),
      maxClockSkewMs,
    };
    // The cheap checks of every proof run before any key is resolved or any document canonicalised.
    const parsed: ParsedProof[] = [];
    for (const [index, proof] of proofs.entries()) {
      const outcome = parseProof(proof, index);
      if (!outcome.ok) return outcome;
      const expectations = checkExpectations(outcome.value, expected);
      if (!expectations.ok) return expectations;
      parsed.push(outcome.value);
    }
    const unsecured = omit(document, "proof");
    const outcomes = await Promise.all(
      parsed.map((proof) => verifyProof(proof, proofs, unsecured, { ...options, documentLoader })),
    );
    const failure = outcomes.find((outcome) => !outcome.ok);
    if (failure && !failure.ok) return failure;
    return ok({ proofs: outcomes.flatMap((outcome) => (outcome.ok ? [outcome.value] : [])) });
  };
  return run();
}

/** Verifies one proof: its chain, the canonical hash, the key and its controller, the signature. */
async function verifyProof(
  parsed: ParsedProof,
  allProofs: readonly unknown[],
  unsecured: JsonObject,
  options: VerifyDataIntegrityOptions & { readonly documentLoader: DocumentLoader },
): Promise<Outcome<VerifiedProof>> {
  const { index, proof, suite, verificationMethod } = parsed;
  const where = { proofIndex: index, verificationMethod };
  try {
    const previous = findPreviousProofs(allProofs, parsed.previousProof);
    if ("missing" in previous) {
      return err("PROOF_MISSING", `proof ${index}: the proof it chains to (${previous.missing}) is missing`, {
        ...where,
        previousProof: previous.missing,
      });
    }
    const proofOptions = omit(proof, "proofValue");
    const target = suite.documentForVerifying(documentForProof(unsecured, previous.proofs), proofOptions);
    if (!target)
      return err("PROOF_INVALID", `proof ${index}: its @context is not a prefix of the document's`, where);
    const { hashData } = await computeHashData(suite, target, proofOptions, options);

    const key = await options.resolveKey(verificationMethod, {
      purpose: parsed.proofPurpose as ProofPurpose,
    });
    if (!key.ok) return err(key.code, `proof ${index}: ${key.message}`, { ...key.data, ...where });
    const { controller, publicKey } = key.value;
    if (publicKey.algorithm !== "EdDSA") {
      return err("KEY_UNSUPPORTED", `proof ${index}: ${suite.name} needs an Ed25519 key`, where);
    }
    if (options.expectedController !== undefined && controller !== options.expectedController) {
      return err("KEY_CONTROLLER_MISMATCH", `proof ${index}: the key is controlled by ${controller}`, {
        ...where,
        expected: options.expectedController,
        actual: controller,
      });
    }
    if (!(await verifySignature(publicKey, hashData, parsed.signature))) {
      return err("PROOF_INVALID", `proof ${index}: the signature does not match the document`, where);
    }
    return ok({
      type: suite.type,
      ...(suite.cryptosuite ? { cryptosuite: suite.cryptosuite } : {}),
      ...(typeof proof.id === "string" ? { id: proof.id } : {}),
      verificationMethod,
      controller,
      ...(typeof proof.created === "string" ? { created: proof.created } : {}),
      proofPurpose: parsed.proofPurpose,
    });
  } catch (error) {
    if (error instanceof LearnbridgeError) {
      return err(error.code, `proof ${index}: ${error.message}`, { ...error.details, ...where });
    }
    return err(
      "INTERNAL",
      `proof ${index}: ${error instanceof Error ? error.message : String(error)}`,
      where,
    );
  }
}
