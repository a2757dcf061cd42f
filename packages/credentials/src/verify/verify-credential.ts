/**
 * Verifies a credential, however it is secured, and returns a verification report: structure, context,
 * proof, issuer, validity, status, schema and trust, in that order, each with its reason. Never throws for
 * bad input; misuse of the options is a TypeError.
 */
import { toXsdDateTime } from "@learnbridge/core";
import { verifyDataIntegrity } from "../data-integrity/verify.ts";
import { verifyCredentialJwt } from "../jose/verify.ts";
import { checkCredentialStatus } from "../status/status-check.ts";
import { contextCheck, dataIntegrityStep, joseCredentialStep } from "./proof-step.ts";
import { CHECK_NAMES, type Check, fail, skipped, type VerificationReport, warn } from "./report.ts";
import { closeReport, structureCheck } from "./report-builder.ts";
import { checkCredentialSchema } from "./schema-check.ts";
import { readSecuredInput } from "./secured-input.ts";
import { credentialStructureProblems } from "./structure.ts";
import { checkValidityPeriod } from "./validity-check.ts";
import {
  type ResolvedVerifierOptions,
  resolveVerifierOptions,
  type VerifierOptions,
} from "./verifier-options.ts";

const CREDENTIAL_CHECKS = CHECK_NAMES.filter((n) => n !== "presentation");

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);
/** The issuer's id, whether `issuer` is a URL or a profile object. */
export const issuerIdOf = (document: Record<string, unknown>): string | undefined => {
  const issuer = isObject(document.issuer) ? document.issuer.id : document.issuer;
  return typeof issuer === "string" ? issuer : undefined;
};

/** Verifies one credential (DI object, `vc+jwt` string, enveloped JWT, or JSON text of these). */
export async function verifyCredential(
  input: unknown,
  options: VerifierOptions = {},
): Promise<VerificationReport> {
  return verifyResolved(input, resolveVerifierOptions(options));
}

/** As `verifyCredential`, with options already resolved (presentations verify many credentials with one set). */
export async function verifyResolved(
  input: unknown,
  options: ResolvedVerifierOptions,
): Promise<VerificationReport> {
  const verifiedAt = toXsdDateTime(options.clock());
  const checks: Check[] = [];
  const finish = (securedBy: VerificationReport["securedBy"], document?: unknown): VerificationReport =>
    closeReport(
      { kind: "credential", securedBy, checks, ...(document !== undefined ? { document } : {}), verifiedAt },
      CREDENTIAL_CHECKS,
    );

  const read = readSecuredInput(input);
  if (!read.ok) {
    checks.push(fail("structure", read.code, read.message, read.data));
    return finish("unknown");
  }
  let document: Record<string, unknown>;
  if (read.value.securedBy === "vc-jose") {
    const step = await joseCredentialStep(read.value.jwt, options);
    checks.push(...step.checks);
    if (!step.payload) return finish("vc-jose");
    document = step.payload;
  } else {
    document = read.value.document;
  }
  const securedBy = read.value.securedBy;

  const structure = structureCheck(document, options.limits, credentialStructureProblems, "credential");
  checks.push(structure.check);
  if (!structure.withinLimits) return finish(securedBy);

  const context = await contextCheck(document, options, securedBy === "vc-jose" ? securedBy : undefined);
  checks.push(context);
  if (securedBy === "data-integrity") {
    if (context.outcome === "pass") {
      const step = await dataIntegrityStep(
        document,
        { controller: issuerIdOf(document), purpose: "assertionMethod" },
        options,
      );
      checks.push(...step.checks);
    }
  } else if (securedBy === "none") {
    checks.push(fail("proof", "PROOF_MISSING", "the credential carries no proof"));
  }

  checks.push(checkValidityPeriod(document, options.clock()));
  checks.push(...(await statusChecks(document, options)));
  checks.push(checkCredentialSchema(document, options.schemas));
  checks.push(await trustCheck(document, options));
  return finish(securedBy, document);
}

async function statusChecks(
  document: Record<string, unknown>,
  options: ResolvedVerifierOptions,
): Promise<Check[]> {
  return checkCredentialStatus(document, {
    clock: options.clock,
    fetchStatusList: options.fetchStatusList,
    // The list is a credential of its own: its proof must verify and name the key of its issuer.
    verifyStatusListCredential: async (list) => {
      if (typeof list === "string") {
        const jwt = await verifyCredentialJwt(list, { resolveKey: options.resolveKey, clock: options.clock });
        return jwt.ok ? { ok: true, value: { issuer: jwt.value.controller } } : jwt;
      }
      if (!isObject(list))
        return { ok: false, code: "STATUS_LIST_INVALID", message: "the status list is not a credential" };
      const issuer = issuerIdOf(list);
      const outcome = await verifyDataIntegrity(list, {
        resolveKey: options.resolveKey,
        documentLoader: options.documentLoader,
        clock: options.clock,
        ...(issuer ? { expectedController: issuer } : {}),
      });
      if (!outcome.ok) return outcome;
      return issuer
        ? { ok: true, value: { issuer } }
        : { ok: false, code: "STATUS_LIST_INVALID", message: "no issuer" };
    },
  });
}

async function trustCheck(
  document: Record<string, unknown>,
  options: ResolvedVerifierOptions,
): Promise<Check> {
  const issuer = issuerIdOf(document);
  if (!options.trust)
    return skipped("trust", "NOT_CONFIGURED", "no trust framework is configured for this verifier");
  if (!issuer) return skipped("trust", "SKIPPED_AFTER_FAILURE", "the credential names no issuer");
  try {
    return await options.trust(issuer, document);
  } catch (error) {
    return warn("trust", "TRUST_UNKNOWN", `the trust framework could not be consulted: ${String(error)}`);
  }
}
