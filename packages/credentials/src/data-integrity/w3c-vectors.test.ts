import { fromHex, toHex, toMultibaseBase58 } from "@learnbridge/core";
import { describe, expect, it } from "vitest";
import { createDocumentLoader } from "../contexts/document-loader.ts";
import { createKeyResolver } from "../did/index.ts";
import { computeHashData, omit } from "./cryptosuite.ts";
import { addDataIntegrityProof } from "./sign.ts";
import { CRYPTOSUITES } from "./suite-selection.ts";
import { readVendorJson, vector, vectorKeyPair, vectorSigner } from "./test-support.ts";
import { verifyDataIntegrity } from "./verify.ts";

const documentLoader = createDocumentLoader();
// The real key resolver: did:key is decoded locally, so nothing is fetched.
const resolveKey = createKeyResolver({ fetch: () => Promise.reject(new Error("no network in tests")) });

// Each suite's vector folder and file-name suffix in w3c/vc-di-eddsa TestVectors.
const CASES = [
  { suite: "eddsa-rdfc-2022", folder: "eddsa-rdfc-2022", suffix: "DataInt", signed: "signedDataInt.json" },
  { suite: "eddsa-jcs-2022", folder: "eddsa-jcs-2022", suffix: "JCS", signed: "signedJCS.json" },
  {
    suite: "Ed25519Signature2020",
    folder: "Ed25519Signature2020",
    suffix: "EdSig",
    signed: "signedEdSig.json",
  },
] as const;

describe.each(CASES)("W3C test vectors: $suite", ({ suite: name, folder, suffix, signed }) => {
  const suite = CRYPTOSUITES[name];
  const file = (base: string) => vector(folder, `${base}${suffix}.txt`);
  const proofConfig = readVendorJson(`w3c-vc-di-eddsa/${folder}/proofConfig${suffix}.json`);
  // The document as signed: the vector's signed credential without its proof (for 2020 it gains a context).
  const document = omit(readVendorJson(`w3c-vc-di-eddsa/${folder}/${signed}`), "proof");
  // rdfc and 2020 take the proof configuration's @context from the document; jcs signs it in the proof.
  const proofOptions = name === "eddsa-jcs-2022" ? proofConfig : omit(proofConfig, "@context");

  it("reproduces every intermediate value byte for byte", async () => {
    const hash = await computeHashData(suite, document, proofOptions, { documentLoader });
    const exact = (base: string) =>
      vector(folder, `${base}${suffix}.txt`) + (name === "eddsa-jcs-2022" ? "" : "\n");
    expect(hash.canonicalDocument).toBe(exact("canonDoc"));
    expect(hash.canonicalProofConfig).toBe(exact("proofCanon"));
    expect(hash.documentHash).toBe(file("docHash"));
    expect(hash.proofConfigHash).toBe(file("proofHash"));
    expect(toHex(hash.hashData)).toBe(file("combinedHash"));

    const signature = await (await vectorSigner(vectorKeyPair())).sign(hash.hashData);
    expect(toHex(signature)).toBe(file("sigHex"));
    expect(toMultibaseBase58(signature)).toBe(file("sigBTC58"));
    expect(toHex(fromHex(file("combinedHash")))).toBe(toHex(hash.hashData));
  });

  it("signs the unsigned credential into the vector's signed credential", async () => {
    const unsigned = readVendorJson("w3c-vc-di-eddsa/unsigned.json");
    const secured = await addDataIntegrityProof(unsigned, {
      signer: await vectorSigner(vectorKeyPair()),
      cryptosuite: name,
      created: proofConfig.created as string,
      documentLoader,
    });
    const expected = readVendorJson(`w3c-vc-di-eddsa/${folder}/${signed}`);
    expect(secured).toEqual(expected);
    expect(JSON.stringify(secured)).toBe(JSON.stringify(expected));
    expect(unsigned).toEqual(readVendorJson("w3c-vc-di-eddsa/unsigned.json"));
  });

  it("verifies the vector's signed credential", async () => {
    const outcome = await verifyDataIntegrity(readVendorJson(`w3c-vc-di-eddsa/${folder}/${signed}`), {
      documentLoader,
      resolveKey,
    });
    const vm = proofConfig.verificationMethod as string;
    expect(outcome).toEqual({
      ok: true,
      value: {
        proofs: [
          {
            type: proofConfig.type,
            ...(name === "Ed25519Signature2020" ? {} : { cryptosuite: name }),
            verificationMethod: vm,
            controller: vm.split("#")[0],
            created: "2023-02-24T23:36:38Z",
            proofPurpose: "assertionMethod",
          },
        ],
      },
    });
  });
});

describe("W3C test vectors: the employment authorization credential", () => {
  it("is refused with CONTEXT_UNKNOWN: its citizenship context is not bundled", async () => {
    const outcome = await verifyDataIntegrity(
      readVendorJson("w3c-vc-di-eddsa/eddsa-rdfc-2022/employ/signedDataInt.json"),
      {
        documentLoader,
        resolveKey,
      },
    );
    expect(outcome).toMatchObject({
      ok: false,
      code: "CONTEXT_UNKNOWN",
      data: { proofIndex: 0, url: "https://w3id.org/citizenship/v4rc1" },
    });
  });
});
