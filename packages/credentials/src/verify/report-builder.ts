/** Shared steps of the credential and presentation verifiers: the structure check, and closing a report. */
import {
  CHECK_NAMES,
  type Check,
  type CheckName,
  fail,
  pass,
  skipped,
  type VerificationReport,
} from "./report.ts";
import { checkLimits, type StructureLimits, type StructureProblem } from "./structure.ts";

/**
 * The structure check of a document: size and depth limits first (nothing else walks a hostile document),
 * then every data-model problem, the first one naming the code. `undefined` problems when over a limit.
 */
export function structureCheck(
  document: unknown,
  limits: StructureLimits,
  problemsOf: (document: unknown) => StructureProblem[],
  what: "credential" | "presentation",
): { check: Check; withinLimits: boolean } {
  const limit = checkLimits(document, limits);
  if (limit) return { check: fail("structure", limit.code, limit.message), withinLimits: false };
  const problems = problemsOf(document);
  const first = problems[0];
  const check = first
    ? fail("structure", first.code, `${first.path ? `${first.path}: ` : ""}${first.message}`, { problems })
    : pass("structure", `the ${what} has every required field`);
  return { check, withinLimits: true };
}

/** Completes a report: every expected check is listed (skipped when it could not run), in order. */
export function closeReport(
  report: Omit<VerificationReport, "verified" | "checks"> & { checks: Check[] },
  expected: readonly CheckName[],
): VerificationReport {
  const { checks } = report;
  const done = new Set(checks.map((c) => c.name));
  for (const name of expected) {
    if (!done.has(name))
      checks.push(skipped(name, "SKIPPED_AFTER_FAILURE", "not checked: an earlier check failed"));
  }
  checks.sort((a, b) => CHECK_NAMES.indexOf(a.name) - CHECK_NAMES.indexOf(b.name));
  const verified =
    checks.every((c) => c.outcome !== "fail") && (report.credentials ?? []).every((c) => c.verified);
  return { ...report, verified, checks };
}
