/**
 * Interoperability with the independent peer implementation, Digital Bazaar's `@digitalbazaar/vc` stack:
 * what we sign they verify, what they sign we verify, for eddsa-rdfc-2022, eddsa-jcs-2022 and
 * Ed25519Signature2020, over one static document loader (no network).
 */
import { DataIntegrityProof as DbDataIntegrityProof } from "@digitalbazaar/data-integrity";
import * as Ed25519Multikey from "@digitalbazaar/ed25519-multikey";
import { Ed25519Signature2020 } from "@digitalbazaar/ed25519-signature-2020";
import { createSignCryptosuite, createVerifyCryptosuite } from "@digitalbazaar/eddsa-jcs-2022-cryptosuite";
import { cryptosuite as eddsaRdfc2022Cryptosuite } from "@digitalbazaar/eddsa-rdfc-2022-cryptosuite";
import * as vc from "@digitalbazaar/vc";
import {
  createSigner,
  exportPrivateJwk,
  generateKeyPair,
  publicKeyToMultibase,
  type Signer,
} from "@learnbridge/core";
import { beforeAll, describe, expect, it } from "vitest";
import { createDocumentLoader } from "../contexts/document-loader.ts";
import type { JsonObject, SuiteName } from "./cryptosuite.ts";
import { addDataIntegrityProof } from "./sign.ts";
import { didKeyResolver } from "./test-support.ts";
import { verifyDataIntegrity } from "./verify.ts";

const SUITES: readonly SuiteName[] = ["eddsa-rdfc-2022", "eddsa-jcs-2022", "Ed25519Signature2020"];

let did: string;
let vm: string;
let ourSigner: Signer;
let theirSigner: unknown;
// Their verifier dereferences the verification method (a key document) and its controller (the DID document).
let theirLoader: (url: string) => Promise<unknown>;
const ourLoader = createDocumentLoader();

beforeAll(async () => {
  const pair = await generateKeyPair("EdDSA", true);
  const publicKeyMultibase = publicKeyToMultibase(pair.publicKey);
  did = `did:key:${publicKeyMultibase}`;
  vm = `${did}#${publicKeyMultibase}`;
  ourSigner = createSigner(pair, vm);
  const theirKey = await Ed25519Multikey.fromJwk({
    jwk: await exportPrivateJwk(pair),
    secretKey: true,
    id: vm,
    controller: did,
  });
  theirSigner = theirKey.signer();
  const method = { id: vm, type: "Multikey", controller: did, publicKeyMultibase };
  const didDocument = {
    "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
    id: did,
    verificationMethod: [method],
    assertionMethod: [vm],
    authentication: [vm],
  };
  const keyDocument = { "@context": "https://w3id.org/security/multikey/v1", ...method };
  const withDid = createDocumentLoader({ extra: { [did]: didDocument } });
  theirLoader = async (url) =>
    url === vm ? { contextUrl: null, documentUrl: url, document: keyDocument } : withDid(url);
});

const openBadge = (): JsonObject => ({
  "@context": [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
  ],
  id: "urn:uuid:6f1e3a52-8f0c-4c0e-9a43-5d1c7a0f2b9e",
  type: ["VerifiableCredential", "OpenBadgeCredential"],
  issuer: { id: did, type: ["Profile"], name: "Universidade de Exemplo" },
  validFrom: "2026-01-15T09:00:00Z",
  name: "Microcredencial em Ciência de Dados",
  credentialSubject: {
    id: "did:example:learner-42",
    type: ["AchievementSubject"],
    achievement: {
      id: "https://example.edu/achievements/data-science",
      type: ["Achievement"],
      name: "Ciência de Dados",
      description: "Análise exploratória e modelos lineares.",
      criteria: { narrative: "Projeto final aprovado." },
      achievementType: "MicroCredential",
    },
  },
});

const alumni = (): JsonObject => ({
  "@context": ["https://www.w3.org/ns/credentials/v2", "https://www.w3.org/ns/credentials/examples/v2"],
  type: ["VerifiableCredential", "AlumniCredential"],
  issuer: did,
  validFrom: "2026-01-01T00:00:00Z",
  credentialSubject: { id: "did:example:abcdefgh", alumniOf: "The School of Examples" },
});

function theirSuite(name: SuiteName, signing: boolean): unknown {
  const signer = signing ? { signer: theirSigner } : {};
  if (name === "Ed25519Signature2020") return new Ed25519Signature2020(signer);
  const cryptosuite =
    name === "eddsa-rdfc-2022"
      ? eddsaRdfc2022Cryptosuite
      : signing
        ? createSignCryptosuite()
        : createVerifyCryptosuite();
  return new DbDataIntegrityProof({ ...signer, cryptosuite });
}

const theyVerify = (credential: JsonObject, name: SuiteName) =>
  vc.verifyCredential({ credential, suite: theirSuite(name, false), documentLoader: theirLoader });
const weVerify = (credential: JsonObject) =>
  verifyDataIntegrity(credential, {
    documentLoader: ourLoader,
    resolveKey: didKeyResolver,
    expectedController: did,
  });

describe.each(SUITES)("interop with Digital Bazaar: %s", (name) => {
  it.each([
    ["an Open Badges 3.0.3 credential", openBadge],
    ["a VC 2.0 examples credential", alumni],
  ])("we sign %s, they verify it", async (_what, make) => {
    const signed = await addDataIntegrityProof(make(), {
      signer: ourSigner,
      cryptosuite: name,
      documentLoader: ourLoader,
    });
    const result = await theyVerify(signed, name);
    expect(result.error, String(result.error)).toBeUndefined();
    expect(result.verified).toBe(true);
    // The same check fails once the credential is altered: their verifier is really checking.
    const altered = { ...signed, validFrom: "2026-01-15T09:00:01Z" };
    expect((await theyVerify(altered, name)).verified).toBe(false);
  });

  it.each([
    ["an Open Badges 3.0.3 credential", openBadge],
    ["a VC 2.0 examples credential", alumni],
  ])("they sign %s, we verify it", async (_what, make) => {
    const signed = await vc.issue({
      credential: make(),
      suite: theirSuite(name, true),
      documentLoader: theirLoader,
    });
    const proof = signed.proof as JsonObject;
    expect([proof.type, proof.cryptosuite]).toEqual(
      name === "Ed25519Signature2020" ? ["Ed25519Signature2020", undefined] : ["DataIntegrityProof", name],
    );
    const outcome = await weVerify(signed);
    expect(outcome).toMatchObject({
      ok: true,
      value: { proofs: [{ verificationMethod: vm, controller: did }] },
    });
    expect(await weVerify({ ...signed, validFrom: "2026-01-15T09:00:01Z" })).toMatchObject({
      ok: false,
      code: "PROOF_INVALID",
    });
  });
});

describe("interop with Digital Bazaar: where we are stricter", () => {
  it("their eddsa-jcs-2022 signs a term no context defines; our safe mode refuses it", async () => {
    const credential = {
      "@context": ["https://www.w3.org/ns/credentials/v2"],
      type: ["VerifiableCredential"],
      issuer: did,
      credentialSubject: { id: "did:example:abcdefgh", favouriteColour: "green" },
    };
    const signed = await vc.issue({
      credential,
      suite: theirSuite("eddsa-jcs-2022", true),
      documentLoader: theirLoader,
    });
    expect((await theyVerify(signed, "eddsa-jcs-2022")).verified).toBe(true);
    expect(await weVerify(signed)).toMatchObject({
      ok: false,
      code: "TERM_UNDEFINED",
      data: { term: "favouriteColour" },
    });
  });
});
