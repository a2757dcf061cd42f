import { createSigner, fixedClock, generateKeyPair, publicKeyToMultibase } from "@learnbridge/core";
import { beforeAll, describe, expect, it } from "vitest";
import { createDocumentLoader } from "../contexts/document-loader.ts";
import { createKeyResolver } from "../did/index.ts";
import type { JsonObject } from "./cryptosuite.ts";
import { type AddProofOptions, addDataIntegrityProof } from "./sign.ts";
import { didKeyResolver, mapResolver, readVendorJson, vectorKeyPair, vectorSigner } from "./test-support.ts";
import { type VerifyDataIntegrityOptions, verifyDataIntegrity } from "./verify.ts";

const documentLoader = createDocumentLoader();
const NOW = "2026-03-01T12:00:00Z";
const clock = fixedClock(NOW);
const ISSUER = `did:key:${vectorKeyPair().publicKeyMultibase}`;

const credential = (): JsonObject => ({
  "@context": [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
  ],
  id: "urn:uuid:0a3a6d5e-2f4e-4a53-a1b6-0c9a1d7c4a11",
  type: ["VerifiableCredential", "OpenBadgeCredential"],
  issuer: { id: ISSUER, type: ["Profile"], name: "Example University" },
  validFrom: "2026-01-01T00:00:00Z",
  name: "Data Integrity for Educators",
  credentialSubject: {
    id: "did:example:learner",
    type: ["AchievementSubject"],
    achievement: {
      id: "https://example.edu/achievements/di",
      type: ["Achievement"],
      name: "Data Integrity for Educators",
      description: "Signs and verifies credentials.",
      criteria: { narrative: "Pass the assessment." },
    },
  },
});

const sign = async (options: Partial<AddProofOptions> = {}, document = credential()) =>
  addDataIntegrityProof(document, {
    signer: await vectorSigner(vectorKeyPair()),
    documentLoader,
    clock,
    ...options,
  });
const verify = (document: unknown, options: Partial<VerifyDataIntegrityOptions> = {}) =>
  verifyDataIntegrity(document, { documentLoader, resolveKey: didKeyResolver, clock, ...options });
const proofOf = (document: JsonObject) => document.proof as JsonObject;

describe("verifyDataIntegrity", () => {
  let signed: JsonObject;
  beforeAll(async () => {
    signed = await sign();
  });

  it("verifies a credential we signed, naming the key and its controller", async () => {
    expect(await verify(signed, { expectedController: ISSUER })).toEqual({
      ok: true,
      value: {
        proofs: [
          {
            type: "DataIntegrityProof",
            cryptosuite: "eddsa-rdfc-2022",
            verificationMethod: `${ISSUER}#${vectorKeyPair().publicKeyMultibase}`,
            controller: ISSUER,
            created: NOW,
            proofPurpose: "assertionMethod",
          },
        ],
      },
    });
  });

  it("fails a mutated document with PROOF_INVALID", async () => {
    const mutated = structuredClone(signed);
    (mutated.credentialSubject as JsonObject).id = "did:example:someone-else";
    expect(await verify(mutated)).toMatchObject({
      ok: false,
      code: "PROOF_INVALID",
      data: { proofIndex: 0 },
    });
  });

  it("fails a mutated proof option with PROOF_INVALID", async () => {
    const mutated = { ...signed, proof: { ...proofOf(signed), created: "2026-03-01T11:59:00Z" } };
    expect(await verify(mutated)).toMatchObject({ ok: false, code: "PROOF_INVALID" });
  });

  it.each([
    ["not base58", "z0OIl"],
    ["not multibase", "x2YwC8z3ap7yx1nZYCg4L3j3ApHsF8kgPdSb5xoS1VR7vPG3F561B52hYnQF9iseab"],
    ["too short", "z2YwC8z3ap7yx1nZYCg4L3j3"],
    ["not a string", 42],
  ])("fails a proofValue that is %s with PROOF_MALFORMED", async (_name, proofValue) => {
    const broken = { ...signed, proof: { ...proofOf(signed), proofValue } };
    expect(await verify(broken)).toMatchObject({
      ok: false,
      code: "PROOF_MALFORMED",
      data: { field: "proofValue" },
    });
  });

  it.each([
    ["verificationMethod", undefined],
    ["proofPurpose", undefined],
    ["proofValue", undefined],
    ["created", "2026-02-30T00:00:00Z"],
    ["expires", "tomorrow"],
    ["previousProof", 7],
  ])("fails a proof with a missing or bad %s with PROOF_MALFORMED", async (field, value) => {
    const broken = { ...signed, proof: { ...proofOf(signed), [field]: value } };
    expect(await verify(broken)).toMatchObject({
      ok: false,
      code: "PROOF_MALFORMED",
      data: { field, proofIndex: 0 },
    });
  });

  it.each([
    ["an unknown type", { type: "RsaSignature2018" }],
    ["an unknown cryptosuite", { cryptosuite: "ecdsa-rdfc-2019" }],
    ["a legacy type with a cryptosuite", { type: "Ed25519Signature2020" }],
  ])("fails %s with PROOF_UNSUPPORTED", async (_name, change) => {
    const other = { ...signed, proof: { ...proofOf(signed), ...change } };
    expect(await verify(other)).toMatchObject({ ok: false, code: "PROOF_UNSUPPORTED" });
  });

  it("fails a document without a proof, or not an object, with PROOF_MISSING", async () => {
    expect(await verify(credential())).toMatchObject({ ok: false, code: "PROOF_MISSING" });
    expect(await verify({ ...signed, proof: [] })).toMatchObject({ ok: false, code: "PROOF_MISSING" });
    expect(await verify([signed])).toMatchObject({ ok: false, code: "PROOF_MISSING" });
    expect(await verify("{}")).toMatchObject({ ok: false, code: "PROOF_MISSING" });
  });

  it("checks the proof purpose", async () => {
    expect(await verify(signed, { expectedProofPurpose: "authentication" })).toMatchObject({
      ok: false,
      code: "PROOF_PURPOSE_MISMATCH",
      data: { expected: "authentication", actual: "assertionMethod" },
    });
    const authenticated = await sign({ proofPurpose: "authentication" });
    expect((await verify(authenticated, { expectedProofPurpose: "authentication" })).ok).toBe(true);
  });

  it("checks challenge and domain when the verifier expects them", async () => {
    const bound = await sign({
      proofPurpose: "authentication",
      challenge: "c-123",
      domain: "https://verifier.example",
    });
    const expected = {
      expectedProofPurpose: "authentication",
      challenge: "c-123",
      domain: "https://verifier.example",
    } as const;
    expect((await verify(bound, expected)).ok).toBe(true);
    expect(await verify(bound, { ...expected, challenge: "c-999" })).toMatchObject({
      ok: false,
      code: "PROOF_CHALLENGE_MISMATCH",
    });
    expect(await verify(bound, { ...expected, domain: "https://attacker.example" })).toMatchObject({
      ok: false,
      code: "PROOF_DOMAIN_MISMATCH",
    });
    const unbound = await sign({ proofPurpose: "authentication" });
    expect(await verify(unbound, expected)).toMatchObject({ ok: false, code: "PROOF_CHALLENGE_MISMATCH" });
    expect(await verify(unbound, { ...expected, challenge: undefined })).toMatchObject({
      ok: false,
      code: "PROOF_DOMAIN_MISMATCH",
    });
    // The challenge is signed: changing it in the proof breaks the signature.
    const replayed = { ...bound, proof: { ...proofOf(bound), challenge: "c-999" } };
    expect(await verify(replayed, { ...expected, challenge: "c-999" })).toMatchObject({
      ok: false,
      code: "PROOF_INVALID",
    });
  });

  it("refuses a proof created in the future beyond the allowed skew", async () => {
    const future = await sign({ created: "2026-03-01T13:00:00Z" });
    expect(await verify(future)).toMatchObject({
      ok: false,
      code: "PROOF_CREATED_IN_FUTURE",
      data: { proofIndex: 0 },
    });
    const slightlyAhead = await sign({ created: "2026-03-01T12:04:00Z" });
    expect((await verify(slightlyAhead)).ok).toBe(true);
    expect(await verify(slightlyAhead, { maxClockSkewMs: 60_000 })).toMatchObject({
      code: "PROOF_CREATED_IN_FUTURE",
    });
  });

  it("refuses an expired proof", async () => {
    const expiring = await sign({ created: "2026-02-01T00:00:00Z", expires: "2026-02-28T00:00:00Z" });
    expect(await verify(expiring)).toMatchObject({ ok: false, code: "PROOF_EXPIRED" });
    expect((await verify(expiring, { clock: fixedClock("2026-02-27T00:00:00Z") })).ok).toBe(true);
  });

  it("passes the key resolver's failure through, with the proof's index", async () => {
    const outcome = await verify(signed, { resolveKey: mapResolver({}) });
    expect(outcome).toMatchObject({ ok: false, code: "KEY_NOT_FOUND", data: { proofIndex: 0 } });
  });

  it("checks the key's controller when one is expected", async () => {
    expect(await verify(signed, { expectedController: "did:example:issuer" })).toMatchObject({
      ok: false,
      code: "KEY_CONTROLLER_MISMATCH",
      data: { expected: "did:example:issuer", actual: ISSUER },
    });
  });

  it("refuses a signature made by another key than the one the method resolves to", async () => {
    const other = await generateKeyPair("EdDSA");
    const forged = await addDataIntegrityProof(credential(), {
      signer: createSigner(other, `${ISSUER}#${vectorKeyPair().publicKeyMultibase}`),
      documentLoader,
      clock,
    });
    expect(await verify(forged)).toMatchObject({ ok: false, code: "PROOF_INVALID" });
    // The same proof verifies once the method resolves to the key that really signed it.
    const vm = proofOf(forged).verificationMethod as string;
    const resolveKey = mapResolver({
      [vm]: { controller: ISSUER, publicKeyMultibase: publicKeyToMultibase(other.publicKey) },
    });
    expect((await verify(forged, { resolveKey })).ok).toBe(true);
  });

  it("refuses a proof whose key resolves to a P-256 key with KEY_UNSUPPORTED", async () => {
    const p256 = publicKeyToMultibase((await generateKeyPair("ES256")).publicKey);
    const resolveKey = mapResolver({
      [proofOf(signed).verificationMethod as string]: { controller: ISSUER, publicKeyMultibase: p256 },
    });
    expect(await verify(signed, { resolveKey })).toMatchObject({ ok: false, code: "KEY_UNSUPPORTED" });
  });

  it("throws a TypeError at once for misuse", () => {
    expect(() => verifyDataIntegrity(signed, {} as VerifyDataIntegrityOptions)).toThrow(TypeError);
    expect(() => verify(signed, { maxClockSkewMs: -1 })).toThrow(TypeError);
  });
});

describe("the Open Badges 3.0 signed example", () => {
  const VM = "https://example.edu/issuers/565049#z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi";
  const resolveKey = mapResolver({
    [VM]: {
      controller: "https://example.edu/issuers/565049",
      publicKeyMultibase: "z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi",
    },
  });

  it("verifies, with the issuer as the key's controller", async () => {
    const badge = readVendorJson("ob3-spec-signed-example.json");
    const outcome = await verify(badge, {
      resolveKey,
      expectedController: "https://example.edu/issuers/565049",
    });
    expect(outcome).toMatchObject({
      ok: true,
      value: {
        proofs: [
          {
            verificationMethod: VM,
            controller: "https://example.edu/issuers/565049",
            created: "2010-01-01T19:23:24Z",
          },
        ],
      },
    });
  });

  it("verifies with the real key resolver given the issuer's controller document", async () => {
    const issuer = "https://example.edu/issuers/565049";
    const controllerDocument = {
      "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
      id: issuer,
      verificationMethod: [
        { id: VM, type: "Multikey", controller: issuer, publicKeyMultibase: VM.split("#")[1] },
      ],
      assertionMethod: [VM],
    };
    const real = createKeyResolver({ documents: new Map([[issuer, controllerDocument]]) });
    const badge = readVendorJson("ob3-spec-signed-example.json");
    expect(await verify(badge, { resolveKey: real, expectedController: issuer })).toMatchObject({ ok: true });
    // Listed only for authentication, the key may not sign credentials.
    const unlisted = createKeyResolver({
      documents: new Map([[issuer, { ...controllerDocument, assertionMethod: [], authentication: [VM] }]]),
    });
    expect(await verify(badge, { resolveKey: unlisted })).toMatchObject({
      ok: false,
      code: "KEY_NOT_AUTHORIZED",
      data: { proofIndex: 0 },
    });
  });

  it("fails once its achievement is renamed", async () => {
    const badge = readVendorJson("ob3-spec-signed-example.json");
    ((badge.credentialSubject as JsonObject).achievement as JsonObject).name = "Leadership";
    expect(await verify(badge, { resolveKey })).toMatchObject({ ok: false, code: "PROOF_INVALID" });
  });
});
