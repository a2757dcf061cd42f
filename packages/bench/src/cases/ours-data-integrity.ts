/** Our Data Integrity cases: issue and verify with eddsa-rdfc-2022 and eddsa-jcs-2022. */
import {
  issueCredential,
  type SuiteName,
  type VerificationReport,
  verifyCredential,
  verifyDataIntegrity,
} from "@learnbridge/credentials";
import { clock, fixedKeyResolver } from "../fixtures.ts";
import type { BenchCase, BenchFixtures } from "./case.ts";

export const RDFC_GROUP = "Data Integrity eddsa-rdfc-2022";
const JCS_GROUP = "Data Integrity eddsa-jcs-2022";

type Outcome = Awaited<ReturnType<typeof verifyDataIntegrity>>;
const isOk = (result: unknown) => (result as Outcome).ok === true;
const isVerified = (result: unknown) => (result as VerificationReport).verified === true;

/** Issue, verifyDataIntegrity (fixed-map key resolver) and, for rdfc, the full verifyCredential report. */
export async function ourDataIntegrityCases(fixtures: BenchFixtures): Promise<BenchCase[]> {
  const { ed25519: issuer, credential } = fixtures;
  const resolveKey = fixedKeyResolver([issuer]);
  const cases: BenchCase[] = [];
  for (const [suite, group, tag] of [
    ["eddsa-rdfc-2022", RDFC_GROUP, "rdfc"],
    ["eddsa-jcs-2022", JCS_GROUP, "jcs"],
  ] as const satisfies readonly (readonly [SuiteName, string, string])[]) {
    const issue = () =>
      issueCredential({ ...credential }, { signer: issuer.signer, cryptosuite: suite, clock });
    const verify = (document: unknown) =>
      verifyDataIntegrity(document, { resolveKey, expectedController: issuer.did, clock });
    const { credential: signed } = await issue();
    cases.push(
      {
        id: `${tag}.issue.ours`,
        group,
        label: "ours issueCredential (checks + schema + proof)",
        kind: "sign",
        run: issue,
        check: async (result) => isOk(await verify((result as { credential: unknown }).credential)),
      },
      {
        id: `${tag}.verify.ours`,
        group,
        label: "ours verifyDataIntegrity (fixed-map keys)",
        kind: "verify",
        run: () => verify(signed),
        check: isOk,
      },
    );
    if (suite === "eddsa-rdfc-2022") {
      cases.push({
        id: `${tag}.report.ours`,
        group,
        label: "ours verifyCredential report (did:key resolver)",
        kind: "verify",
        run: () => verifyCredential(signed, { clock }),
        check: isVerified,
      });
    }
  }
  return cases;
}
