/**
 * Verifies a presentation: its own structure and proof (purpose `authentication`, bound to the verifier's
 * challenge and domain), that the holder signed it, that the holder is the subject of what it presents,
 * and every credential inside with the full credential report.
 */
import { toXsdDateTime } from "@learnbridge/core";
import { verifyVcdm11PresentationJwt } from "../jose/vcdm11-jwt.ts";
import { verifyPresentationJwt } from "../jose/verify.ts";
import { withoutRefusedCredentials } from "./presented-credentials.ts";
import { contextCheck, controllerCheck, dataIntegrityStep } from "./proof-step.ts";
import { type Check, fail, pass, type VerificationReport } from "./report.ts";
import { closeReport, structureCheck } from "./report-builder.ts";
import { readSecuredInput } from "./secured-input.ts";
import { presentationStructureProblems } from "./structure.ts";
import {
  type ResolvedVerifierOptions,
  resolveVerifierOptions,
  type VerifierOptions,
} from "./verifier-options.ts";
import { verifyResolved } from "./verify-credential.ts";
import {
  isVcdm11PresentationJwt,
  verifyJwtVpCredential,
  withoutCredentials,
} from "./verify-presentation-jwt-vp.ts";

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

/**
 * Verifies a presentation (DI object, `vp+jwt`, enveloped, or JSON text of these), or a VC 1.1 JWT
 * presentation (`vp` claim, as OpenID4VP `jwt_vc_json` wallets send): its `nonce` and `aud` are checked as
 * the challenge and domain, and its `iss` is the holder.
 */
export async function verifyPresentation(
  input: unknown,
  options: PresentationOptions = {},
): Promise<VerificationReport> {
  const resolved = resolveVerifierOptions(options);
  const verifiedAt = toXsdDateTime(resolved.clock());
  const checks: Check[] = [];
  const credentials: VerificationReport[] = [];
  const finish = (securedBy: VerificationReport["securedBy"], document?: unknown): VerificationReport =>
    closeReport(
      {
        kind: "presentation",
        securedBy,
        checks,
        credentials,
        ...(document !== undefined ? { document } : {}),
        verifiedAt,
      },
      PRESENTATION_CHECKS,
    );

  const read = readSecuredInput(input);
  if (!read.ok) {
    checks.push(fail("structure", read.code, read.message, read.data));
    return finish("unknown");
  }
  let document: Record<string, unknown>;
  let signer: string | undefined;
  // Only a bare JWS may take the VC 1.1 form: an envelope's media type says `vp+jwt`, and that is what it must be.
  const vcdm11 = read.value.securedBy === "vc-jose" && isVcdm11PresentationJwt(input);
  if (read.value.securedBy === "vc-jose") {
    const verifyJwt = vcdm11 ? verifyVcdm11PresentationJwt : verifyPresentationJwt;
    const outcome = await verifyJwt(read.value.jwt, {
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

  const structure = structureCheck(
    document,
    resolved.limits,
    (d) => presentationStructureProblems(d, { jwtVp: vcdm11 }),
    "presentation",
  );
  checks.push(structure.check);
  if (!structure.withinLimits) return finish(securedBy);
  const holder = idOf(document.holder);
  const holderId = typeof holder === "string" ? holder : undefined;

  if (securedBy === "data-integrity") {
    const context = await presentationContextCheck(document, resolved);
    checks.push(context.check);
    // The proof covers every entry, so it is checked only when the whole presentation reads as JSON-LD.
    if (context.check.outcome === "pass" && context.whole) {
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
    // A VC 1.1 JWT presentation lists its credentials as JWS strings, which are not JSON-LD; each is checked on its own.
    checks.push(
      vcdm11
        ? await contextCheck(withoutCredentials(document), resolved, "vc-jose")
        : (await presentationContextCheck(document, resolved, "vc-jose")).check,
    );
    if (signer) checks.push(controllerCheck("presentation", [signer], holderId ?? signer));
  }

  for (const vc of [document.verifiableCredential ?? []].flat()) {
    credentials.push(vcdm11 ? await verifyJwtVpCredential(vc, resolved) : await verifyResolved(vc, resolved));
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

/**
 * The context check of a presentation. When the whole does not read as JSON-LD and the structure check refused
 * some entries (a bare JWT, text, a number), those are the likely cause and are reported there: the check
 * then reads the rest, rather than blaming the vocabulary for them. `whole` says which was read.
 */
async function presentationContextCheck(
  document: Record<string, unknown>,
  resolved: ResolvedVerifierOptions,
  securedBy?: "vc-jose",
): Promise<{ check: Check; whole: boolean }> {
  const check = await contextCheck(document, resolved, securedBy);
  if (check.outcome === "pass") return { check, whole: true };
  const rest = withoutRefusedCredentials(document);
  if (rest.refused === 0) return { check, whole: true };
  return { check: await contextCheck(rest.document, resolved, securedBy), whole: false };
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
