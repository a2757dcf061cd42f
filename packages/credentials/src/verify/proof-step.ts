/**
 * Runs the proof of a document (Data Integrity or VC-JOSE) and splits the outcome into two checks of the
 * report: `proof` (is the signature sound?) and `issuer` (whose key is it, and does the issuer control it?).
 */
import { checkJsonLd } from "../data-integrity/json-ld.ts";
import { verifyDataIntegrity } from "../data-integrity/verify.ts";
import { verifyCredentialJwt } from "../jose/verify.ts";
import type { ProofPurpose } from "./key-resolver.ts";
import { type Check, type CheckName, fail, pass, skipped } from "./report.ts";
import type { ResolvedVerifierOptions } from "./verifier-options.ts";

const KEY_CODE = /^(DID_|KEY_)/;
const JWT_CLAIMS = ["iss", "sub", "aud", "exp", "nbf", "iat", "jti", "nonce", "cnf"];

export interface ProofStepResult {
  readonly checks: Check[];
  /** The controller of the signing key(s), when the signature verified. */
  readonly controller?: string;
}

/**
 * The `context` check: the document, less its proofs, must expand in JSON-LD safe mode from bundled contexts
 * alone. Proofs are left to the proof check: each cryptosuite processes its own proof configuration (and an
 * eddsa-jcs-2022 proof repeats the document's contexts, which JSON-LD reads as redefining protected terms).
 */
export async function contextCheck(
  document: Record<string, unknown>,
  options: ResolvedVerifierOptions,
  securedBy?: "vc-jose",
): Promise<Check> {
  const { proof: _proof, ...unsecured } = document;
  // Registered JWT claims (RFC 7519, and OpenID's nonce) live beside the credential in a JOSE payload.
  if (securedBy === "vc-jose") for (const claim of JWT_CLAIMS) delete unsecured[claim];
  try {
    await checkJsonLd(unsecured, options.documentLoader);
    return pass("context", "every context is known and every term is defined");
  } catch (error) {
    const e = error as { code?: string; message?: string; details?: Record<string, unknown> };
    const code = e.code === "TERM_UNDEFINED" || e.code === "CONTEXT_UNKNOWN" ? e.code : "CONTEXT_UNKNOWN";
    return fail("context", code, e.message ?? "JSON-LD processing failed", { ...(e.details ?? {}) });
  }
}

/** Verifies the Data Integrity proofs of a credential (or presentation) and checks who signed. */
export async function dataIntegrityStep(
  document: Record<string, unknown>,
  expected: { controller: string | undefined; purpose: ProofPurpose; challenge?: string; domain?: string },
  options: ResolvedVerifierOptions,
  subject: CheckName = "issuer",
): Promise<ProofStepResult> {
  const outcome = await verifyDataIntegrity(document, {
    resolveKey: options.resolveKey,
    documentLoader: options.documentLoader,
    clock: options.clock,
    expectedProofPurpose: expected.purpose,
    ...(expected.challenge !== undefined ? { challenge: expected.challenge } : {}),
    ...(expected.domain !== undefined ? { domain: expected.domain } : {}),
  });
  if (!outcome.ok) {
    if (KEY_CODE.test(outcome.code)) {
      return {
        checks: [
          skipped("proof", "SKIPPED_AFTER_FAILURE", "the signing key could not be obtained"),
          fail(subject, outcome.code, outcome.message, outcome.data),
        ],
      };
    }
    return {
      checks: [
        fail("proof", outcome.code, outcome.message, outcome.data),
        skipped(subject, "SKIPPED_AFTER_FAILURE", "no valid proof names a key"),
      ],
    };
  }
  const proofs = outcome.value.proofs;
  const proofData = {
    proofs: proofs.map((p) => ({
      type: p.type,
      cryptosuite: p.cryptosuite,
      verificationMethod: p.verificationMethod,
      created: p.created,
    })),
  };
  const controllers = [...new Set(proofs.map((p) => p.controller))];
  return {
    checks: [
      pass("proof", "the signature is valid", proofData),
      controllerCheck(subject, controllers, expected.controller),
    ],
    controller: controllers[0],
  };
}

/** The issuer (or holder) check: every proof's key must be controlled by the expected party. */
export function controllerCheck(
  subject: CheckName,
  controllers: string[],
  expected: string | undefined,
): Check {
  const who = subject === "issuer" ? "issuer" : "holder";
  if (expected === undefined) {
    return pass(subject, `signed by ${controllers.join(", ")}`, { controllers });
  }
  const strangers = controllers.filter((c) => c !== expected);
  if (strangers.length) {
    return fail(
      subject,
      "KEY_CONTROLLER_MISMATCH",
      `the key is controlled by ${strangers[0]}, not the ${who} ${expected}`,
      {
        [who]: expected,
        controllers,
      },
    );
  }
  return pass(subject, `the ${who} ${expected} signed it`, { [who]: expected, controllers });
}

/** Verifies a `vc+jwt` credential; returns the payload with the proof and issuer checks. */
export async function joseCredentialStep(
  jwt: string,
  options: ResolvedVerifierOptions,
): Promise<ProofStepResult & { payload?: Record<string, unknown> }> {
  const outcome = await verifyCredentialJwt(jwt, { resolveKey: options.resolveKey, clock: options.clock });
  if (outcome.ok) {
    const { header, payload, verificationMethod, controller } = outcome.value;
    return {
      payload,
      controller,
      checks: [
        pass("proof", "the signature is valid", { alg: header.alg, verificationMethod }),
        controllerCheck("issuer", [controller], controller),
      ],
    };
  }
  if (KEY_CODE.test(outcome.code)) {
    return {
      checks: [
        skipped("proof", "SKIPPED_AFTER_FAILURE", "the signing key could not be obtained"),
        fail("issuer", outcome.code, outcome.message, outcome.data),
      ],
    };
  }
  return {
    checks: [
      fail("proof", outcome.code, outcome.message, outcome.data),
      skipped("issuer", "SKIPPED_AFTER_FAILURE", "no valid proof names a key"),
    ],
  };
}
