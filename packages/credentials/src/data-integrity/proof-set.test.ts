import { describe, expect, it } from "vitest";
import { createDocumentLoader } from "../contexts/document-loader.ts";
import { createKeyResolver } from "../did/index.ts";
import type { JsonObject } from "./cryptosuite.ts";
import { addDataIntegrityProof } from "./sign.ts";
import { readVendorJson, vectorSigner } from "./test-support.ts";
import { verifyDataIntegrity } from "./verify.ts";

const documentLoader = createDocumentLoader();
// The real key resolver: did:key is decoded locally, so nothing is fetched.
const resolveKey = createKeyResolver({ fetch: () => Promise.reject(new Error("no network in tests")) });
const dir = "w3c-vc-di-eddsa/proof-set-chain";
const keyPairs = readVendorJson(`${dir}/multiKeyPairs.json`) as Record<
  string,
  { publicKeyMultibase: string; privateKeyMultibase: string }
>;
const signerFor = (name: string) =>
  vectorSigner(keyPairs[name] as { publicKeyMultibase: string; privateKeyMultibase: string });
const verify = (document: unknown) => verifyDataIntegrity(document, { documentLoader, resolveKey });
const proofsOf = (document: JsonObject) => document.proof as JsonObject[];

describe("proof sets and chains (W3C vectors)", () => {
  it.each(["signedProofSet1", "signedProofSet2", "signedProofChain1", "signedProofChain2"])(
    "%s verifies",
    async (name) => {
      const document = readVendorJson(`${dir}/${name}.json`);
      const outcome = await verify(document);
      expect(outcome.ok).toBe(true);
      const count = Array.isArray(document.proof) ? document.proof.length : 1;
      expect(outcome.ok && outcome.value.proofs.map((p) => p.id)).toEqual(
        [document.proof].flat().map((p) => (p as JsonObject).id),
      );
      expect(outcome.ok && outcome.value.proofs.length).toBe(count);
    },
  );

  it("signs the same proof set and chain, proof by proof", async () => {
    const step = async (document: JsonObject, key: string, config: string) => {
      const { id, created, previousProof } = readVendorJson(`${dir}/${config}.json`);
      return addDataIntegrityProof(document, {
        signer: await signerFor(key),
        documentLoader,
        created: created as string,
        ...(id ? { id: id as string } : {}),
        ...(previousProof ? { previousProof: previousProof as string | string[] } : {}),
      });
    };
    const set1 = await step(readVendorJson(`${dir}/unsigned.json`), "keyPair1", "proofSetConfig1");
    expect(set1).toEqual(readVendorJson(`${dir}/signedProofSet1.json`));
    const set2 = await step(set1, "keyPair2", "proofSetConfig2");
    expect(set2).toEqual(readVendorJson(`${dir}/signedProofSet2.json`));
    const chain1 = await step(set2, "keyPair3", "proofChainConfig1");
    expect(chain1).toEqual(readVendorJson(`${dir}/signedProofChain1.json`));
    const chain2 = await step(chain1, "keyPair4", "proofChainConfig2");
    expect(chain2).toEqual(readVendorJson(`${dir}/signedProofChain2.json`));
  });

  it("fails a chain whose referenced proof was removed", async () => {
    const withoutFirst = readVendorJson(`${dir}/signedProofChain2.json`);
    withoutFirst.proof = proofsOf(withoutFirst).slice(1);
    expect(await verify(withoutFirst)).toMatchObject({
      ok: false,
      code: "PROOF_MISSING",
      data: { proofIndex: 1, previousProof: "urn:uuid:26329423-bec9-4b2e-88cb-a7c7d9dc4544" },
    });

    const withoutThird = readVendorJson(`${dir}/signedProofChain2.json`);
    withoutThird.proof = proofsOf(withoutThird).filter((_, i) => i !== 2);
    expect(await verify(withoutThird)).toMatchObject({
      ok: false,
      code: "PROOF_MISSING",
      data: { proofIndex: 2, previousProof: "urn:uuid:d94f792a-c546-4d06-b38a-da070ab56c23" },
    });
  });

  it("fails a chained proof when the proof it chains to is replaced, even by a valid one with the same id", async () => {
    const original = readVendorJson(`${dir}/signedProofChain2.json`);
    const [first, second, , fourth] = proofsOf(original);
    // The third proof signed again by the same key, same id and chain, one second later: valid on its own.
    const replaced = await addDataIntegrityProof(
      { ...original, proof: [first, second] },
      {
        signer: await signerFor("keyPair3"),
        documentLoader,
        created: "2023-02-26T22:06:39Z",
        id: "urn:uuid:d94f792a-c546-4d06-b38a-da070ab56c23",
        previousProof: [
          "urn:uuid:26329423-bec9-4b2e-88cb-a7c7d9dc4544",
          "urn:uuid:8cc9022b-6b14-4cf3-8571-74972c5feb54",
        ],
      },
    );
    expect((await verify(replaced)).ok).toBe(true);
    const tampered = { ...replaced, proof: [...proofsOf(replaced), fourth] };
    expect(await verify(tampered)).toMatchObject({
      ok: false,
      code: "PROOF_INVALID",
      data: { proofIndex: 3 },
    });
  });

  it("reports the index of the one failing proof of a set", async () => {
    const document = readVendorJson(`${dir}/signedProofSet2.json`);
    const second = proofsOf(document)[1] as JsonObject;
    const first = proofsOf(document)[0] as JsonObject;
    // The first proof's signature moved onto the second proof.
    proofsOf(document)[1] = { ...second, proofValue: first.proofValue };
    expect(await verify(document)).toMatchObject({
      ok: false,
      code: "PROOF_INVALID",
      data: { proofIndex: 1, verificationMethod: second.verificationMethod },
    });
  });
});
