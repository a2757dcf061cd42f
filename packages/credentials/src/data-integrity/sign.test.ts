import { createSigner, fixedClock, generateKeyPair, LearnbridgeError, type Signer } from "@learnbridge/core";
import { beforeAll, describe, expect, it } from "vitest";
import { createDocumentLoader } from "../contexts/document-loader.ts";
import type { JsonObject } from "./cryptosuite.ts";
import { type AddProofOptions, addDataIntegrityProof } from "./sign.ts";
import { didKeyResolver, vectorKeyPair, vectorSigner } from "./test-support.ts";
import { verifyDataIntegrity } from "./verify.ts";

const documentLoader = createDocumentLoader();
const clock = fixedClock("2026-03-01T12:00:00Z");
const VC2 = "https://www.w3.org/ns/credentials/v2";

const credential = (extra: JsonObject = {}, context: unknown = [VC2]): JsonObject => ({
  "@context": context,
  type: ["VerifiableCredential"],
  issuer: "did:example:issuer",
  validFrom: "2026-01-01T00:00:00Z",
  credentialSubject: { id: "did:example:learner", ...extra },
});

let signer: Signer;
beforeAll(async () => {
  signer = await vectorSigner(vectorKeyPair());
});
const sign = (document: unknown, options: Partial<AddProofOptions> = {}) =>
  addDataIntegrityProof(document as JsonObject, { signer, documentLoader, clock, ...options });
const verify = (document: unknown) =>
  verifyDataIntegrity(document, { documentLoader, resolveKey: didKeyResolver, clock });

/** The LearnbridgeError a promise rejects with. */
async function rejection(promise: Promise<unknown>): Promise<LearnbridgeError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LearnbridgeError);
  return error as LearnbridgeError;
}

describe("addDataIntegrityProof", () => {
  it("takes `created` from the clock and adds a proof without touching the input", async () => {
    const input = credential();
    const signed = await sign(input);
    expect(signed.proof).toMatchObject({
      type: "DataIntegrityProof",
      cryptosuite: "eddsa-rdfc-2022",
      created: "2026-03-01T12:00:00Z",
      proofPurpose: "assertionMethod",
      verificationMethod: signer.keyId,
    });
    expect(input).toEqual(credential());
    expect((await verify(signed)).ok).toBe(true);
  });

  it("keeps existing proofs: a second proof makes a proof set", async () => {
    const once = await sign(credential());
    const twice = await sign(once, { cryptosuite: "eddsa-jcs-2022" });
    expect(Array.isArray(twice.proof) && twice.proof.map((p) => p.cryptosuite)).toEqual([
      "eddsa-rdfc-2022",
      "eddsa-jcs-2022",
    ]);
    expect(await verify(twice)).toMatchObject({ ok: true, value: { proofs: [{}, {}] } });
  });

  it("adds the suite's context when the document lacks it", async () => {
    const legacy = await sign(credential(), { cryptosuite: "Ed25519Signature2020" });
    expect(legacy["@context"]).toEqual([VC2, "https://w3id.org/security/suites/ed25519-2020/v1"]);
    expect((await verify(legacy)).ok).toBe(true);
    const v1 = {
      "@context": ["https://www.w3.org/2018/credentials/v1"],
      type: ["VerifiableCredential"],
      issuer: "did:example:issuer",
      issuanceDate: "2026-01-01T00:00:00Z",
      credentialSubject: { id: "did:example:learner" },
    };
    const signedV1 = await sign(v1);
    expect(signedV1["@context"]).toEqual([
      "https://www.w3.org/2018/credentials/v1",
      "https://w3id.org/security/data-integrity/v2",
    ]);
    expect((await verify(signedV1)).ok).toBe(true);
  });

  it("signs the document's @context into an eddsa-jcs-2022 proof", async () => {
    const signed = await sign(credential(), { cryptosuite: "eddsa-jcs-2022" });
    expect(signed.proof).toMatchObject({ "@context": [VC2] });
    // A context appended after signing is allowed; one inserted before the signed prefix is not.
    expect(
      (await verify({ ...signed, "@context": [VC2, "https://w3id.org/security/data-integrity/v2"] })).ok,
    ).toBe(true);
    expect(
      await verify({ ...signed, "@context": ["https://w3id.org/security/data-integrity/v2", VC2] }),
    ).toMatchObject({
      ok: false,
      code: "PROOF_INVALID",
    });
    const { "@context": _dropped, ...contextless } = signed;
    expect(await verify(contextless)).toMatchObject({ ok: false, code: "PROOF_INVALID" });
  });

  describe("JSON-LD safe mode", () => {
    it.each(["eddsa-rdfc-2022", "eddsa-jcs-2022", "Ed25519Signature2020"] as const)(
      "%s: an undefined term fails signing with TERM_UNDEFINED naming it",
      async (cryptosuite) => {
        const error = await rejection(sign(credential({ favouriteColour: "green" }), { cryptosuite }));
        expect(error.code).toBe("TERM_UNDEFINED");
        expect(error.details).toMatchObject({ term: "favouriteColour" });
      },
    );

    it("an undefined type fails signing with TERM_UNDEFINED", async () => {
      const error = await rejection(
        sign({ ...credential(), type: ["VerifiableCredential", "FancyCredential"] }),
      );
      expect(error.details).toMatchObject({ term: "FancyCredential" });
    });

    it("the examples context's @vocab defines any term", async () => {
      const signed = await sign(
        credential({ favouriteColour: "green" }, [VC2, "https://www.w3.org/ns/credentials/examples/v2"]),
      );
      expect((await verify(signed)).ok).toBe(true);
    });

    it.each(["eddsa-rdfc-2022", "eddsa-jcs-2022"] as const)(
      "%s: a term added after signing fails verification with TERM_UNDEFINED",
      async (cryptosuite) => {
        const signed = await sign(credential(), { cryptosuite });
        (signed.credentialSubject as JsonObject).favouriteColour = "green";
        expect(await verify(signed)).toMatchObject({
          ok: false,
          code: "TERM_UNDEFINED",
          data: { term: "favouriteColour", proofIndex: 0 },
        });
      },
    );

    it("an unknown context fails signing with CONTEXT_UNKNOWN", async () => {
      const error = await rejection(sign(credential({}, [VC2, "https://example.org/unknown/v1"])));
      expect(error.code).toBe("CONTEXT_UNKNOWN");
      expect(error.details).toMatchObject({ url: "https://example.org/unknown/v1" });
    });
  });

  describe("misuse throws a TypeError at once", () => {
    it.each([
      [
        "no signer",
        () => addDataIntegrityProof(credential(), { documentLoader } as unknown as AddProofOptions),
      ],
      [
        "an unknown cryptosuite",
        () => sign(credential(), { cryptosuite: "ecdsa-rdfc-2019" as "eddsa-rdfc-2022" }),
      ],
      ["an array", () => sign([credential()])],
      ["null", () => sign(null)],
      ["a string", () => sign(JSON.stringify(credential()))],
      ["a bad created", () => sign(credential(), { created: "2026-03-01" })],
      ["an invalid Date", () => sign(credential(), { expires: new Date("nope") })],
      ["a previousProof that is not there", () => sign(credential(), { previousProof: "urn:uuid:nope" })],
      ["an existing proof that is not an object", () => sign({ ...credential(), proof: "z123" })],
    ])("%s", (_name, call) => {
      expect(call).toThrow(TypeError);
    });

    it("a P-256 signer", async () => {
      const p256 = createSigner(await generateKeyPair("ES256"), "did:example:issuer#p256");
      expect(() => sign(credential(), { signer: p256 })).toThrow(TypeError);
    });
  });
});
