/**
 * did-jwt-vc (VC 1.1 JWTs): createVerifiableCredentialJwt / verifyCredential with did-jwt's own signers
 * (@noble/curves, pure JavaScript) and a tiny did:key resolver of ours. The payload is another shape: the
 * credential goes under a `vc` claim with `iss`/`sub`/`nbf`/`exp`/`jti` lifted out, and VC 1.1 needs the v1
 * context and issuanceDate/expirationDate, so the sample is converted first.
 */
import { exportPrivateJwk, fromBase64Url } from "@learnbridge/core";
import { resolveDidKey } from "@learnbridge/credentials";
import { EdDSASigner, ES256Signer } from "did-jwt";
import { createVerifiableCredentialJwt, verifyCredential } from "did-jwt-vc";
import { type DIDResolutionResult, Resolver } from "did-resolver";
import { type BenchIssuer, NOW } from "../fixtures.ts";
import type { BenchCase, BenchFixtures } from "./case.ts";
import { JOSE_GROUP } from "./ours-jose.ts";

const VC_V1 = "https://www.w3.org/2018/credentials/v1";

/** The sample as a VC 1.1 credential: v1 base context, issuanceDate/expirationDate. */
function toVc11(credential: Record<string, unknown>): Record<string, unknown> {
  const { validFrom, validUntil, "@context": context, ...rest } = credential;
  const [, ...others] = context as string[];
  return { ...rest, "@context": [VC_V1, ...others], issuanceDate: validFrom, expirationDate: validUntil };
}

/** did-resolver driver for did:key (Ed25519 and P-256), from our resolver's document. */
const didKeyDriver = {
  key: async (did: string): Promise<DIDResolutionResult> => {
    const resolved = resolveDidKey(did);
    return resolved.ok
      ? {
          didResolutionMetadata: { contentType: "application/did+ld+json" },
          didDocument: resolved.value as DIDResolutionResult["didDocument"],
          didDocumentMetadata: {},
        }
      : { didResolutionMetadata: { error: "invalidDid" }, didDocument: null, didDocumentMetadata: {} };
  },
};

/** createVerifiableCredentialJwt and verifyCredential per algorithm. */
export async function didJwtVcCases(fixtures: BenchFixtures): Promise<BenchCase[]> {
  const resolver = new Resolver(didKeyDriver);
  const policies = { now: Math.floor(NOW.getTime() / 1000) };
  const cases: BenchCase[] = [];
  for (const [issuer, credential, alg] of [
    [fixtures.ed25519, fixtures.credential, "EdDSA"],
    [fixtures.p256, fixtures.credentialP256, "ES256"],
  ] as const satisfies readonly (readonly [BenchIssuer, Record<string, unknown>, string])[]) {
    const secret = fromBase64Url((await exportPrivateJwk(issuer.pair)).d ?? "");
    const signer = alg === "EdDSA" ? EdDSASigner(secret) : ES256Signer(secret);
    const payload = toVc11(credential) as unknown as Parameters<typeof createVerifiableCredentialJwt>[0];
    const create = () => createVerifiableCredentialJwt(payload, { did: issuer.did, signer, alg });
    const verify = (jwt: string) => verifyCredential(jwt, resolver, { policies });
    const jwt = await create();
    const isVerified = (result: unknown) => (result as { verified?: boolean }).verified === true;
    cases.push(
      {
        id: `jose.sign.did-jwt-vc.${alg}`,
        group: JOSE_GROUP,
        label: `did-jwt-vc createVerifiableCredentialJwt ${alg} (VC 1.1)`,
        kind: "sign",
        versus: { id: `jose.sign.ours.${alg}`, peer: "did-jwt-vc" },
        run: create,
        check: async (result) => isVerified(await verify(result as string)),
      },
      {
        id: `jose.verify.did-jwt-vc.${alg}`,
        group: JOSE_GROUP,
        label: `did-jwt-vc verifyCredential ${alg} (VC 1.1)`,
        kind: "verify",
        versus: { id: `jose.verify.ours.${alg}`, peer: "did-jwt-vc" },
        run: () => verify(jwt),
        check: isVerified,
      },
    );
  }
  return cases;
}
