/**
 * The `jose` library signing and verifying the same payload as ours (the credential itself, VC-JOSE), with
 * the same WebCrypto keys; `jwtVerify` gets the public CryptoKey directly, so it resolves nothing.
 */
import { importPublicKey } from "@learnbridge/core";
import { type JWTPayload, jwtVerify, SignJWT } from "jose";
import type { BenchIssuer } from "../fixtures.ts";
import type { BenchCase, BenchFixtures } from "./case.ts";
import { JOSE_GROUP } from "./ours-jose.ts";

/** jose SignJWT and jwtVerify per algorithm. */
export async function joseLibraryCases(fixtures: BenchFixtures): Promise<BenchCase[]> {
  const cases: BenchCase[] = [];
  for (const [issuer, credential, alg] of [
    [fixtures.ed25519, fixtures.credential, "EdDSA"],
    [fixtures.p256, fixtures.credentialP256, "ES256"],
  ] as const satisfies readonly (readonly [BenchIssuer, Record<string, unknown>, string])[]) {
    const publicKey = await importPublicKey(issuer.pair.publicKey);
    const sign = () =>
      new SignJWT(credential as JWTPayload)
        .setProtectedHeader({ alg, typ: "vc+jwt", cty: "vc", kid: issuer.keyId })
        .sign(issuer.pair.privateKey);
    const verify = (jwt: string) => jwtVerify(jwt, publicKey, { algorithms: [alg], typ: "vc+jwt" });
    const jwt = await sign();
    // jwtVerify throws when the JWT does not verify; a result carrying the credential is a success.
    const isVerified = (result: unknown) =>
      (result as { payload?: JWTPayload }).payload?.issuer !== undefined;
    cases.push(
      {
        id: `jose.sign.jose.${alg}`,
        group: JOSE_GROUP,
        label: `jose SignJWT ${alg}`,
        kind: "sign",
        versus: { id: `jose.sign.ours.${alg}`, peer: "jose" },
        run: sign,
        check: async (result) => isVerified(await verify(result as string)),
      },
      {
        id: `jose.verify.jose.${alg}`,
        group: JOSE_GROUP,
        label: `jose jwtVerify ${alg} (CryptoKey given)`,
        kind: "verify",
        versus: { id: `jose.verify.ours.${alg}`, peer: "jose" },
        run: () => verify(jwt),
        check: isVerified,
      },
    );
  }
  return cases;
}
