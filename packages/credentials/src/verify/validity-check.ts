/** The validity-period check: is the credential valid at the verifier's clock (VC 2.0 and 1.1 names)? */
import { parseXsdDateTime } from "@learnbridge/core";
import { type Check, fail, pass } from "./report.ts";
import { dataModelVersion } from "./structure.ts";

/** Checks `validFrom`/`validUntil` (or 1.1's `issuanceDate`/`expirationDate`) against `now`. */
export function checkValidityPeriod(document: Record<string, unknown>, now: Date): Check {
  const v1 = dataModelVersion(document) === "1.1";
  const fromKey = v1 ? "issuanceDate" : "validFrom";
  const untilKey = v1 ? "expirationDate" : "validUntil";
  const from = parseXsdDateTime(document[fromKey]);
  const until = parseXsdDateTime(document[untilKey]);
  const data = {
    validFrom: from?.toISOString() ?? null,
    validUntil: until?.toISOString() ?? null,
    checkedAt: now.toISOString(),
  };
  if (from && now.getTime() < from.getTime()) {
    return fail("validity", "NOT_YET_VALID", `the credential is not valid until ${data.validFrom}`, data);
  }
  if (until && now.getTime() > until.getTime()) {
    return fail("validity", "EXPIRED", `the credential expired at ${data.validUntil}`, data);
  }
  return pass("validity", until ? `valid until ${data.validUntil}` : "valid, with no end date", data);
}
