/** Our VC-JOSE cases: `vc+jwt` sign and verify with EdDSA and ES256, and the full report of a `vc+jwt`. */
import {
  signCredentialJwt,
  type VerificationReport,
  verifyCredential,
  verifyCredentialJwt,
} from "@learnbridge/credentials";
import { type BenchIssuer, clock, fixedKeyResolver } from "../fixtures.ts";
import type { BenchCase, BenchFixtures } from "./case.ts";

export const JOSE_GROUP = "VC-JOSE vc+jwt";

type Outcome = Awaited<ReturnType<typeof verifyCredentialJwt>>;
const isOk = (result: unknown) => (result as Outcome).ok === true;

/** Sign and verify (fixed-map keys) per algorithm, then verifyCredential's report of the EdDSA JWT. */
export async function ourJoseCases(fixtures: BenchFixtures): Promise<BenchCase[]> {
  const resolveKey = fixedKeyResolver([fixtures.ed25519, fixtures.p256]);
  const cases: BenchCase[] = [];
  let ed25519Jwt = "";
  for (const [issuer, credential, alg] of [
    [fixtures.ed25519, fixtures.credential, "EdDSA"],
    [fixtures.p256, fixtures.credentialP256, "ES256"],
  ] as const satisfies readonly (readonly [BenchIssuer, Record<string, unknown>, string])[]) {
    const sign = () => signCredentialJwt(credential, { signer: issuer.signer });
    const verify = (jwt: unknown) => verifyCredentialJwt(jwt, { resolveKey, clock });
    const jwt = await sign();
    if (alg === "EdDSA") ed25519Jwt = jwt;
    cases.push(
      {
        id: `jose.sign.ours.${alg}`,
        group: JOSE_GROUP,
        label: `ours signCredentialJwt ${alg}`,
        kind: "sign",
        run: sign,
        check: async (result) => isOk(await verify(result)),
      },
      {
        id: `jose.verify.ours.${alg}`,
        group: JOSE_GROUP,
        label: `ours verifyCredentialJwt ${alg} (fixed-map keys)`,
        kind: "verify",
        run: () => verify(jwt),
        check: isOk,
      },
    );
  }
  cases.push({
    id: "jose.report.ours.EdDSA",
    group: JOSE_GROUP,
    label: "ours verifyCredential report EdDSA (did:key)",
    kind: "verify",
    run: () => verifyCredential(ed25519Jwt, { clock }),
    check: (result) => (result as VerificationReport).verified === true,
  });
  return cases;
}
