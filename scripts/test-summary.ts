/**
 * Reads vitest's JSON report and prints the one closing line CI reads: "N passed, N failed, N skipped".
 * A test file that failed to load counts as one failure; so does a failed typecheck or lint, and a test run
 * that exited non-zero with no failed test (an unhandled error). Exits non-zero on any failure or no test.
 *
 * Usage: test-summary.ts <report.json> <checks exit status> <tests exit status>
 */
import { readFileSync } from "node:fs";

const [reportPath = ".ci/out/vitest.json", checksStatus = "0", testsStatus = "0"] = process.argv.slice(2);

interface VitestJson {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  testResults: { status: string; assertionResults: unknown[]; name: string }[];
}

let report: VitestJson | undefined;
try {
  report = JSON.parse(readFileSync(reportPath, "utf8")) as VitestJson;
} catch {
  report = undefined;
}

const passed = report?.numPassedTests ?? 0;
const unloaded = report
  ? report.testResults.filter((r) => r.status === "failed" && r.assertionResults.length === 0)
  : [];
for (const file of unloaded) console.log(`failed to load: ${file.name}`);
let failed = (report?.numFailedTests ?? 0) + unloaded.length + (report ? 0 : 1);
if (failed === 0 && testsStatus !== "0") failed = 1;
if (checksStatus !== "0") failed += 1;
const skipped = (report?.numPendingTests ?? 0) + (report?.numTodoTests ?? 0);

console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
