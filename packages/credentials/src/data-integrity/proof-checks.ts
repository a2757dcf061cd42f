/**
 * The checks of one proof that need no key and no canonicalisation: its shape, its suite, and whether its
 * purpose, challenge, domain and dates are what the verifier expects.
 */
import { fromMultibase, parseXsdDateTime } from "@learnbridge/core";
import { err, type Outcome, ok } from "../verify/report.ts";
import type { Cryptosuite, JsonObject } from "./cryptosuite.ts";
import { isJsonObject, previousProofIds } from "./proof-set.ts";
import { suiteForProof } from "./suite-selection.ts";

/** A proof whose shape is valid, with its suite, signature bytes and dates decoded. */
export interface ParsedProof {
  readonly index: number;
  readonly proof: JsonObject;
  readonly suite: Cryptosuite;
  readonly verificationMethod: string;
  readonly proofPurpose: string;
  readonly signature: Uint8Array;
  readonly created: Date | undefined;
  readonly expires: Date | undefined;
  readonly previousProof: readonly string[];
}

/** What the verifier expects of every proof. */
export interface ProofExpectations {
  readonly proofPurpose: string;
  readonly challenge: string | undefined;
  readonly domain: string | undefined;
  readonly now: Date;
  readonly maxClockSkewMs: number;
}

const malformed = (index: number, message: string, data: Record<string, unknown> = {}) =>
  err<ParsedProof>("PROOF_MALFORMED", `proof ${index}: ${message}`, { proofIndex: index, ...data });

/** Parses the proof at `index` of the document's proof set. */
export function parseProof(proof: unknown, index: number): Outcome<ParsedProof> {
  if (!isJsonObject(proof)) return malformed(index, "is not an object");
  const { type, cryptosuite, verificationMethod, proofPurpose, proofValue } = proof;
  if (typeof type !== "string") return malformed(index, "has no type", { field: "type" });
  const suite = suiteForProof(type, cryptosuite);
  if (!suite) {
    const what =
      cryptosuite === undefined ? `type ${type}` : `type ${type} with cryptosuite ${String(cryptosuite)}`;
    return err("PROOF_UNSUPPORTED", `proof ${index}: ${what} is not supported`, {
      proofIndex: index,
      type,
      ...(typeof cryptosuite === "string" ? { cryptosuite } : {}),
    });
  }
  if (typeof verificationMethod !== "string" || !verificationMethod) {
    return malformed(index, "has no verificationMethod", { field: "verificationMethod" });
  }
  const where = { verificationMethod };
  if (typeof proofPurpose !== "string" || !proofPurpose) {
    return malformed(index, "has no proofPurpose", { field: "proofPurpose", ...where });
  }
  if (typeof proofValue !== "string")
    return malformed(index, "has no proofValue", { field: "proofValue", ...where });
  let signature: Uint8Array;
  try {
    signature = fromMultibase(proofValue);
  } catch {
    return malformed(index, "proofValue is not multibase", { field: "proofValue", ...where });
  }
  if (signature.length !== 64)
    return malformed(index, "proofValue is not an Ed25519 signature", { field: "proofValue", ...where });
  const created = proof.created === undefined ? undefined : parseXsdDateTime(proof.created);
  if (proof.created !== undefined && !created)
    return malformed(index, "created is not a dateTime", { field: "created", ...where });
  const expires = proof.expires === undefined ? undefined : parseXsdDateTime(proof.expires);
  if (proof.expires !== undefined && !expires)
    return malformed(index, "expires is not a dateTime", { field: "expires", ...where });
  const previousProof = previousProofIds(proof.previousProof);
  if (!previousProof)
    return malformed(index, "previousProof is not an id or a list of ids", {
      field: "previousProof",
      ...where,
    });
  return ok({
    index,
    proof,
    suite,
    verificationMethod,
    proofPurpose,
    signature,
    created,
    expires,
    previousProof,
  });
}

/** Checks a parsed proof's purpose, challenge, domain, creation and expiry against the verifier's wishes. */
export function checkExpectations(parsed: ParsedProof, expected: ProofExpectations): Outcome<true> {
  const { index, proof, verificationMethod } = parsed;
  const data = { proofIndex: index, verificationMethod };
  if (parsed.proofPurpose !== expected.proofPurpose) {
    return err(
      "PROOF_PURPOSE_MISMATCH",
      `proof ${index}: purpose is ${parsed.proofPurpose}, not ${expected.proofPurpose}`,
      {
        ...data,
        expected: expected.proofPurpose,
        actual: parsed.proofPurpose,
      },
    );
  }
  if (expected.challenge !== undefined && proof.challenge !== expected.challenge) {
    return err("PROOF_CHALLENGE_MISMATCH", `proof ${index}: challenge does not match`, {
      ...data,
      expected: expected.challenge,
      ...(typeof proof.challenge === "string" ? { actual: proof.challenge } : {}),
    });
  }
  const domains =
    typeof proof.domain === "string" ? [proof.domain] : Array.isArray(proof.domain) ? proof.domain : [];
  if (expected.domain !== undefined && !domains.includes(expected.domain)) {
    return err("PROOF_DOMAIN_MISMATCH", `proof ${index}: domain does not match`, {
      ...data,
      expected: expected.domain,
      ...(proof.domain !== undefined ? { actual: proof.domain } : {}),
    });
  }
  const now = expected.now.getTime();
  if (parsed.created && parsed.created.getTime() > now + expected.maxClockSkewMs) {
    return err(
      "PROOF_CREATED_IN_FUTURE",
      `proof ${index}: created ${String(proof.created)} is in the future`,
      {
        ...data,
        created: proof.created,
        now: expected.now.toISOString(),
      },
    );
  }
  if (parsed.expires && parsed.expires.getTime() + expected.maxClockSkewMs < now) {
    return err("PROOF_EXPIRED", `proof ${index}: expired at ${String(proof.expires)}`, {
      ...data,
      expires: proof.expires,
      now: expected.now.toISOString(),
    });
  }
  return ok(true);
}
