/**
 * How a verify endpoint answers (VC API): 200 with the report when verified; otherwise 422, a problem whose
 * code and detail are the first failed check's, carrying the whole report, never a 200 with verified false.
 */
import type { ErrorCode } from "@learnbridge/core";
import type { Check, VerificationReport } from "@learnbridge/credentials";
import type { Context } from "hono";
import type { AppEnv } from "./deps.ts";
import { ProblemError } from "./problem.ts";

/** The first failed check, in the report or in the reports of the credentials it holds. */
export function firstFailure(report: VerificationReport): Check | undefined {
  const own = report.checks.find((check) => check.outcome === "fail");
  if (own) return own;
  for (const inner of report.credentials ?? []) {
    const found = firstFailure(inner);
    if (found) return found;
  }
  return undefined;
}

/** The response for a report: 200 JSON, or throws the 422 problem. */
export function verificationAnswer(c: Context<AppEnv>, report: VerificationReport): Response {
  if (report.verified) return c.json(report, 200, { "Cache-Control": "no-store" });
  const failed = firstFailure(report);
  const code = (failed?.code ?? "PROOF_INVALID") as ErrorCode;
  throw new ProblemError(code, failed?.message ?? `the ${report.kind} is not verified`, {
    status: 422,
    extras: { ...report },
  });
}
