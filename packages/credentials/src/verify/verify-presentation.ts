/**
 * Verifies a presentation: its own structure and proof (purpose `authentication`, bound to the verifier's
 * challenge and domain), that the holder signed it, that the holder is the subject of what it presents,
 * and every credential inside with the full credential report.
 */
import { toXsdDateTime } from "@learnbridge/core";
import { verifyPresentationJwt } from "../jose/verify.ts";
import { contextCheck, controllerCheck, dataIntegrityStep } from "./proof-step.ts";
import { CHECK_NAMES, type Check, fail, pass, skipped, type VerificationReport } from "./report.ts";
import { readSecuredInput } from "./secured-input.ts";
import { checkLimits, presentationStructureProblems } from "./structure.ts";
import { resolveVerifierOptions, type VerifierOptions } from "./verifier-options.ts";
import { verifyResolved } from "./verify-credential.ts";

export interface PresentationOptions extends VerifierOptions {
  /** The challenge (nonce) this verifier issued; the proof must carry it. */
  readonly challenge?: string;
  /** The domain (audience) the presentation must be bound to. */
  readonly domain?: string;
  /** Accept credentials whose subject is not the holder (default false: a holder presents their own). */
  readonly allowForeignSubjects?: boolean;
}

const PRESENTATION_CHECKS = ["structure", "context", "proof", "presentation"] as const;
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const idOf = (v: unknown) => (isObject(v) ? v.id : v);

/** Verifies a presentation (DI object, `vp+jwt`, enveloped, or JSON text of these). */
export async function verifyPresentation(
  input: unknown,
  options: PresentationOptions = {},
): Promise<VerificationReport> {
  const resolved = resolveVerifierOptions(options);
  const verifiedAt = toXsdDateTime(resolved.clock());
  const checks: Check[] = [];
  const credentials: VerificationReport[] = [];
  const finish = (securedBy: VerificationReport["securedBy"], document?: unknown): VerificationReport => {
    const done = new Set(checks.map((c) => c.name));
    for (const name of PRESENTATION_CHECKS) {
      if (!done.has(name))
        checks.push(skipped(name, "SKIPPED_AFTER_FAILURE", "not checked: an earlier check failed"));
    }
    checks.sort((a, b) => CHECK_NAMES.indexOf(a.name) - CHECK_NAMES.indexOf(b.name));
    return {
      verified: checks.every((c) => c.outcome !== "fail") && credentials.every((c) => c.verified),
      kind: "presentation",
      securedBy,
      checks,
      credentials,
      ...(document !== undefined ? { document } : {}),
      verifiedAt,
    };
  };

  const read = readSecuredInput(input);
  if (!read.ok) {
    checks.push(fail("structure", read.code, read.message, read.data));
    return finish("unknown");
  }
  let document: Record<string, unknown>;
  let signer: string | undefined;
  if (read.value.securedBy === "vc-jose") {
    const outcome = await verifyPresentationJwt(read.value.jwt, {
      resolveKey: resolved.resolveKey,
      clock: resolved.clock,
      ...(options.challenge !== undefined ? { nonce: options.challenge } : {}),
      ...(options.domain !== undefined ? { audience: options.domain } : {}),
    });
    if (!outcome.ok) {
      checks.push(fail("proof", outcome.code, outcome.message, outcome.data));
      return finish("vc-jose");
    }
    checks.push(
      pass("proof", "the signature is valid", { verificationMethod: outcome.value.verificationMethod }),
    );
    document = outcome.value.payload;
    signer = outcome.value.controller;
  } else {
    document = read.value.document;
  }
  const securedBy = read.value.securedBy;

  const limit = checkLimits(document, resolved.limits);
  if (limit) {
    checks.push(fail("structure", limit.code, limit.message));
    return finish(securedBy);
  }
  const problems = presentationStructureProblems(document);
  const first = problems[0];
  checks.push(
    first
      ? fail("structure", first.code, `${first.path ? `${first.path}: ` : ""}${first.message}`, { problems })
      : pass("structure", "the presentation has every required field"),
  );
  const holder = idOf(document.holder);
  const holderId = typeof holder === "string" ? holder : undefined;

  if (securedBy === "data-integrity") {
    const context = await contextCheck(document, resolved);
    checks.push(context);
    if (context.outcome === "pass") {
      const step = await dataIntegrityStep(
        document,
        {
          controller: holderId,
          purpose: "authentication",
          challenge: options.challenge,
          domain: options.domain,
        },
        resolved,
        "presentation",
      );
      checks.push(...step.checks);
      signer = step.controller;
    }
  } else if (securedBy === "none") {
    checks.push(fail("proof", "PROOF_MISSING", "the presentation carries no proof"));
  } else {
    checks.push(await contextCheck(document, resolved, "vc-jose"));
    if (signer) checks.push(controllerCheck("presentation", [signer], holderId ?? signer));
  }

  for (const vc of [document.verifiableCredential ?? []].flat()) {
    credentials.push(await verifyResolved(vc, resolved));
  }
  const binding = holderBinding(credentials, holderId ?? signer, options.allowForeignSubjects ?? false);
  if (binding) {
    const index = checks.findIndex((c) => c.name === "presentation");
    if (index === -1 || checks[index]?.outcome === "pass") {
      if (index !== -1) checks.splice(index, 1);
      checks.push(binding);
    }
  }
  return finish(securedBy, document);
}

/** Fails when a presented credential is about someone other than the holder who signed. */
function holderBinding(
  credentials: VerificationReport[],
  holder: string | undefined,
  allowForeign: boolean,
): Check | undefined {
  if (allowForeign || !holder) return undefined;
  for (const [index, report] of credentials.entries()) {
    const subjects = [isObject(report.document) ? report.document.credentialSubject : undefined].flat();
    const ids = subjects.map(idOf).filter((id): id is string => typeof id === "string");
    if (ids.length > 0 && !ids.includes(holder)) {
      return fail(
        "presentation",
        "HOLDER_MISMATCH",
        `credential ${index} is about ${ids[0]}, not the holder ${holder}`,
        {
          credentialIndex: index,
          holder,
          subjects: ids,
        },
      );
    }
  }
  return undefined;
}
