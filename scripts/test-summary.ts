/**
 * Reads vitest's JSON report and prints the one closing line CI reads: "N passed, N failed, N skipped".
 * Exits non-zero when anything failed, when no test ran, or when an earlier CI step (typecheck, lint) failed.
 */
import { readFileSync } from "node:fs";

const [reportPath = ".ci/out/vitest.json", priorStatus = "0"] = process.argv.slice(2);

interface VitestJson {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  numFailedTestSuites: number;
}

let report: VitestJson | undefined;
try {
  report = JSON.parse(readFileSync(reportPath, "utf8")) as VitestJson;
} catch {
  report = undefined;
}

const passed = report?.numPassedTests ?? 0;
// A test file that fails to load counts as a failure even though no test in it ran.
const failed =
  (report?.numFailedTests ?? 0) + (report ? report.numFailedTestSuites : 1) + (priorStatus === "0" ? 0 : 1);
const skipped = (report?.numPendingTests ?? 0) + (report?.numTodoTests ?? 0);

console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
