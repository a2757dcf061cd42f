/** Interoperability with the `jose` library, in both directions, for EdDSA and ES256. */
import { publicKeyFromJwk, publicKeyToJwk, utf8 } from "@learnbridge/core";
import { CompactSign, compactVerify, exportJWK, generateKeyPair, importJWK, jwtVerify } from "jose";
import { describe, expect, it } from "vitest";
import { signCredentialJwt, signPresentationJwt } from "./sign.ts";
import { fixedKeyResolver, makeParty, sampleCredential, samplePresentation } from "./test-fixtures.ts";
import { verifyCredentialJwt } from "./verify.ts";

describe("interop with jose", () => {
  for (const algorithm of ["EdDSA", "ES256"] as const) {
    it(`${algorithm}: jose verifies a credential we signed, and checks its typ`, async () => {
      const issuer = await makeParty(algorithm);
      const credential = sampleCredential(issuer.did);
      const jwt = await signCredentialJwt(credential, { signer: issuer.signer });
      const key = await importJWK(publicKeyToJwk(issuer.publicKey), algorithm);

      const { payload, protectedHeader } = await jwtVerify(jwt, key, {
        typ: "vc+jwt",
        algorithms: [algorithm],
      });
      expect(protectedHeader).toEqual({ alg: algorithm, typ: "vc+jwt", cty: "vc", kid: issuer.kid });
      expect(payload).toEqual(credential);
      await expect(jwtVerify(jwt, key, { typ: "vp+jwt" })).rejects.toThrow(/typ/);

      const compact = await compactVerify(jwt, key);
      expect(JSON.parse(new TextDecoder().decode(compact.payload))).toEqual(credential);
    });

    it(`${algorithm}: jose verifies a presentation we signed, with its nonce and audience`, async () => {
      const holder = await makeParty(algorithm);
      const jwt = await signPresentationJwt(samplePresentation(holder.did), {
        signer: holder.signer,
        nonce: "n-1",
        audience: "https://verifier.example",
      });
      const key = await importJWK(publicKeyToJwk(holder.publicKey), algorithm);
      const { payload } = await jwtVerify(jwt, key, { typ: "vp+jwt", audience: "https://verifier.example" });
      expect(payload.nonce).toBe("n-1");
    });
  }

  for (const alg of ["EdDSA", "Ed25519", "ES256"] as const) {
    it(`${alg}: we verify a credential signed by jose's CompactSign`, async () => {
      const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true });
      const did = "https://issuer.example";
      const kid = `${did}/keys/1`;
      const credential = sampleCredential(did);
      const jwt = await new CompactSign(utf8(JSON.stringify(credential)))
        .setProtectedHeader({ alg, typ: "vc+jwt", kid })
        .sign(privateKey);

      const method = {
        id: kid,
        controller: did,
        type: "Multikey",
        publicKey: publicKeyFromJwk(await exportJWK(publicKey)),
      };
      const result = await verifyCredentialJwt(jwt, { resolveKey: fixedKeyResolver([{ method }]) });
      expect(result).toMatchObject({
        ok: true,
        value: { payload: credential, controller: did, verificationMethod: kid },
      });
    });
  }
});
