/** Every report the verifier emits validates against the published schema in specs/. */
import { readFileSync } from "node:fs";
import { Validator } from "@cfworker/json-schema";
import { describe, expect, it } from "vitest";
import { makeIssuer, NOW, sampleCredential, signedSample } from "./test-fixtures.ts";
import { verifyCredential } from "./verify-credential.ts";
import { verifyPresentation } from "./verify-presentation.ts";

const schema = JSON.parse(
  readFileSync(new URL("../../../../specs/schemas/verification-report.schema.json", import.meta.url), "utf8"),
);
const validator = new Validator(schema, "2020-12", false);

describe("verification reports match specs/schemas/verification-report.schema.json", () => {
  it("for verified, failed, malformed credentials and presentations", async () => {
    const issuer = await makeIssuer();
    const { credential } = await signedSample(issuer);
    const reports = [
      await verifyCredential(credential, { clock: () => NOW }),
      await verifyCredential({ ...(credential as object), name: "changed" }, { clock: () => NOW }),
      await verifyCredential(await sampleCredential(issuer), { clock: () => NOW }),
      await verifyCredential("not json", { clock: () => NOW }),
      await verifyCredential((await signedSample(issuer, "jwt_vc")).credential, { clock: () => NOW }),
      await verifyPresentation(
        {
          "@context": ["https://www.w3.org/ns/credentials/v2"],
          type: ["VerifiablePresentation"],
          verifiableCredential: [credential],
        },
        { clock: () => NOW },
      ),
    ];
    for (const report of reports) {
      const result = validator.validate(JSON.parse(JSON.stringify(report)));
      expect(result.errors.slice(0, 3), JSON.stringify(report.checks[0])).toEqual([]);
    }
    expect(reports.map((r) => r.verified)).toEqual([true, false, false, false, true, false]);
  });
});
