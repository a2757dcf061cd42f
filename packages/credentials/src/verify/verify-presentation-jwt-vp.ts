/**
 * The parts of `verifyPresentation` particular to VC 1.1 JWT presentations (OpenID4VP `jwt_vc_json`): the
 * credentials they carry are compact JWS strings, either VC-JOSE `vc+jwt` (verified as any credential is) or
 * VC 1.1 JWTs with a `vc` claim, which are verified as JWTs, decoded (VCDM 1.1 §6.3.1) and then put through
 * the same structure, context, validity, status, schema and trust checks as every other credential.
 */
import { toXsdDateTime } from "@learnbridge/core";
import { vcdm11JwtKind, verifyVcdm11CredentialJwt } from "../jose/vcdm11-jwt.ts";
import { controllerCheck } from "./proof-step.ts";
import { CHECK_NAMES, type Check, fail, pass, skipped, type VerificationReport } from "./report.ts";
import { closeReport } from "./report-builder.ts";
import type { ResolvedVerifierOptions } from "./verifier-options.ts";
import { verifyResolved } from "./verify-credential.ts";

const CREDENTIAL_CHECKS = CHECK_NAMES.filter((n) => n !== "presentation");
const KEY_CODE = /^(DID_|KEY_)/;

/** True when `input` is a bare compact JWS in the VC 1.1 JWT presentation form (a `vp` claim, typ `JWT`). */
export const isVcdm11PresentationJwt = (input: unknown): input is string =>
  typeof input === "string" && vcdm11JwtKind(input.trim()) === "presentation";

/** The presentation as the context check sees it: its credentials are JWS strings, each checked on its own. */
export function withoutCredentials(document: Record<string, unknown>): Record<string, unknown> {
  const { verifiableCredential: _credentials, ...presentation } = document;
  return presentation;
}

/** Verifies one credential of a VC 1.1 JWT presentation and returns its full report. */
export async function verifyJwtVpCredential(
  credential: unknown,
  options: ResolvedVerifierOptions,
): Promise<VerificationReport> {
  if (typeof credential !== "string" || vcdm11JwtKind(credential.trim()) !== "credential") {
    return verifyResolved(credential, options);
  }
  const verifiedAt = toXsdDateTime(options.clock());
  const outcome = await verifyVcdm11CredentialJwt(credential.trim(), {
    resolveKey: options.resolveKey,
    clock: options.clock,
  });
  if (!outcome.ok) {
    const keyFailed = KEY_CODE.test(outcome.code);
    const checks: Check[] = keyFailed
      ? [
          skipped("proof", "SKIPPED_AFTER_FAILURE", "the signing key could not be obtained"),
          fail("issuer", outcome.code, outcome.message, outcome.data),
        ]
      : [
          fail("proof", outcome.code, outcome.message, outcome.data),
          skipped("issuer", "SKIPPED_AFTER_FAILURE", "no valid proof names a key"),
        ];
    return closeReport({ kind: "credential", securedBy: "vc-jose", checks, verifiedAt }, CREDENTIAL_CHECKS);
  }

  const { header, payload, verificationMethod, controller } = outcome.value;
  // The decoded credential has no proof of its own, so the shared path reports PROOF_MISSING; the JWT's
  // signature (verified above) takes the place of that proof and issuer check, and nothing else changes.
  const report = await verifyResolved(payload, options);
  if (report.securedBy !== "none") {
    const checks = [fail("structure", "FIELD_INVALID", "the `vc` claim must hold an unsecured credential")];
    return closeReport({ kind: "credential", securedBy: "vc-jose", checks, verifiedAt }, CREDENTIAL_CHECKS);
  }
  const checks = report.checks.filter((c) => c.name !== "proof" && c.name !== "issuer");
  checks.push(
    pass("proof", "the signature is valid", { alg: header.alg, verificationMethod }),
    controllerCheck("issuer", [controller], controller),
  );
  return closeReport({ ...report, securedBy: "vc-jose", checks }, CREDENTIAL_CHECKS);
}
