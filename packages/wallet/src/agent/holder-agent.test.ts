import { utf8, verifySignature } from "@learnbridge/core";
import {
  addDataIntegrityProof,
  createKeyResolver,
  signPresentationJwt,
  verifyPresentation,
} from "@learnbridge/credentials";
import { describe, expect, it } from "vitest";
import { TEST_PASSPHRASE, testWallet } from "../testing/test-wallet.ts";
import { openWallet } from "../wallet.ts";
import { signerOf, verificationMethodOf } from "./veramo-signer.ts";

const presentation = (holder: string) => ({
  "@context": ["https://www.w3.org/ns/credentials/v2"],
  type: ["VerifiablePresentation"],
  holder,
});

describe("the holder agent (Veramo) and its signer", () => {
  for (const method of ["key", "jwk"] as const) {
    it(`makes a did:${method} whose key signs what the engine verifies, as vp+jwt and as Data Integrity`, async () => {
      const wallet = await testWallet({}, method);
      const [identifier] = await wallet.dids();
      if (!identifier) throw new Error("no identifier");
      expect(identifier.did.startsWith(`did:${method}:`)).toBe(true);
      expect(identifier.keys[0]?.type).toBe("Ed25519");

      // Veramo's resolver and the engine's agree on the DID document's key.
      const veramo = await wallet.agent.resolveDid({ didUrl: identifier.did });
      expect(veramo.didDocument?.id).toBe(identifier.did);
      const signer = signerOf(wallet.agent, identifier);
      expect(signer.keyId).toBe(verificationMethodOf(identifier));
      const key = await createKeyResolver()(signer.keyId, { purpose: "authentication" });
      if (!key.ok) throw new Error(key.message);
      expect(await verifySignature(key.value.publicKey, utf8("hi"), await signer.sign(utf8("hi")))).toBe(
        true,
      );
      expect(await verifySignature(key.value.publicKey, utf8("ho"), await signer.sign(utf8("hi")))).toBe(
        false,
      );

      const binding = {
        challenge: "n-0S6_WzA2Mj",
        domain: "decentralized_identifier:did:web:employer.example",
      };
      const jwt = await signPresentationJwt(presentation(identifier.did), {
        signer,
        nonce: binding.challenge,
        audience: binding.domain,
      });
      expect((await verifyPresentation(jwt, binding)).verified).toBe(true);
      expect((await verifyPresentation(jwt, { ...binding, challenge: "other" })).verified).toBe(false);
      const di = await addDataIntegrityProof(presentation(identifier.did), {
        signer,
        proofPurpose: "authentication",
        ...binding,
      });
      expect((await verifyPresentation(di, binding)).verified).toBe(true);
    });
  }

  it("keeps keys across a reopen with the passphrase, and refuses another passphrase", async () => {
    const wallet = await testWallet();
    const [identifier] = await wallet.dids();
    const reopened = await openWallet({ database: wallet.database, passphrase: TEST_PASSPHRASE });
    expect((await reopened.dids()).map((d) => d.did)).toEqual([identifier?.did]);
    const kid = identifier?.keys[0]?.kid ?? "";
    const sign = (w: typeof wallet) => w.agent.keyManagerSign({ keyRef: kid, algorithm: "EdDSA", data: "x" });
    expect(await sign(reopened)).toBe(await sign(wallet));
    await expect(openWallet({ database: wallet.database, passphrase: "another one" })).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
  });
});
