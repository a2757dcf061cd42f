/**
 * The whole verifier against real parts: a did:web issuer whose DID document is served over loopback HTTP,
 * and a VC 1.1 credential signed by Digital Bazaar's stack with the legacy Ed25519Signature2020.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import * as Ed25519Multikey from "@digitalbazaar/ed25519-multikey";
import { Ed25519Signature2020 } from "@digitalbazaar/ed25519-signature-2020";
import * as vc from "@digitalbazaar/vc";
import {
  createSigner,
  exportPrivateJwk,
  generateKeyPair,
  publicKeyToMultibase,
  toXsdDateTime,
} from "@learnbridge/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDocumentLoader } from "../contexts/document-loader.ts";
import { buildDidDocument } from "../did/did-document.ts";
import { didWebFromUrl } from "../did/did-web.ts";
import { issueCredential } from "../issue/issue-credential.ts";
import { buildAchievementCredential } from "../model/achievement-credential.ts";
import type { VerificationReport } from "./report.ts";
import { NOW, SAMPLE_ACHIEVEMENT } from "./test-fixtures.ts";
import { verifyCredential } from "./verify-credential.ts";

const DAY = 24 * 60 * 60 * 1000;
const outcomes = (report: VerificationReport) =>
  Object.fromEntries(report.checks.map((c) => [c.name, `${c.outcome}:${c.code}`]));

describe("a did:web issuer served over loopback HTTP", () => {
  let server: Server;
  let did: string;
  let requests = 0;
  const keys = generateKeyPair("EdDSA");

  beforeAll(async () => {
    const pair = await keys;
    server = createServer((req, res) => {
      requests++;
      if (req.url !== "/.well-known/did.json") return res.writeHead(404).end();
      const document = buildDidDocument({
        id: did,
        keys: [{ fragment: "key-1", publicKey: pair.publicKey }],
      });
      res.writeHead(200, { "content-type": "application/did+json" }).end(JSON.stringify(document));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    did = didWebFromUrl(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const local = { allowPrivateNetwork: true, allowHttp: true } as const;

  for (const format of ["ldp_vc", "jwt_vc"] as const) {
    it(`${format}: resolves the issuer's key over HTTP and verifies; refuses loopback unless allowed`, async () => {
      const pair = await keys;
      const unsigned = await buildAchievementCredential({
        issuer: { id: did, name: "Lahore Open Learning Centre", country: "PK" },
        achievement: SAMPLE_ACHIEVEMENT,
        learner: { email: "amina@example.org" },
        validFrom: new Date("2026-01-01T00:00:00Z"),
      });
      const { credential } = await issueCredential(unsigned, {
        signer: createSigner(pair, `${did}#key-1`),
        format,
        clock: () => NOW,
      });

      const before = requests;
      const report = await verifyCredential(credential, { clock: () => NOW, network: local });
      expect(outcomes(report)).toMatchObject({ proof: "pass:OK", issuer: "pass:OK", schema: "pass:OK" });
      expect(report.verified).toBe(true);
      expect(requests).toBeGreaterThan(before);

      const guarded = await verifyCredential(credential, { clock: () => NOW });
      expect(guarded.verified).toBe(false);
      expect(outcomes(guarded).issuer).toBe("fail:DID_NETWORK_BLOCKED");
    });
  }
});

describe("a VC 1.1 credential with Ed25519Signature2020, signed by Digital Bazaar", () => {
  it("verifies with every check, and fails validity after expirationDate", async () => {
    const pair = await generateKeyPair("EdDSA", true);
    const multibase = publicKeyToMultibase(pair.publicKey);
    const issuerDid = `did:key:${multibase}`;
    const vm = `${issuerDid}#${multibase}`;
    const key = await Ed25519Multikey.fromJwk({
      jwk: await exportPrivateJwk(pair),
      secretKey: true,
      id: vm,
      controller: issuerDid,
    });
    const method = { id: vm, type: "Multikey", controller: issuerDid, publicKeyMultibase: multibase };
    const base = createDocumentLoader();
    const documentLoader = async (url: string) =>
      url === vm
        ? {
            contextUrl: null,
            documentUrl: url,
            document: { "@context": "https://w3id.org/security/multikey/v1", ...method },
          }
        : base(url);
    const expires = new Date(Date.now() + 365 * DAY);
    const credential = {
      "@context": [
        "https://www.w3.org/2018/credentials/v1",
        "https://www.w3.org/2018/credentials/examples/v1",
      ],
      id: "urn:uuid:0b5f1d8e-1c1f-4f7e-9a3b-2a2f0c9d1e11",
      type: ["VerifiableCredential", "UniversityDegreeCredential"],
      issuer: issuerDid,
      issuanceDate: toXsdDateTime(new Date(Date.now() - DAY)),
      expirationDate: toXsdDateTime(expires),
      credentialSubject: {
        id: "did:example:graduate",
        degree: { type: "BachelorDegree", name: "Bachelor of Arts" },
      },
    };
    const signed = await vc.issue({
      credential,
      suite: new Ed25519Signature2020({ signer: key.signer() }),
      documentLoader,
    });
    expect((signed as { proof: { type: string } }).proof.type).toBe("Ed25519Signature2020");

    // Their signer stamps `created` with the real time, so verify a minute after it.
    const soon = new Date(Date.now() + 60_000);
    const report = await verifyCredential(signed, { clock: () => soon });
    expect(outcomes(report)).toEqual({
      structure: "pass:OK",
      context: "pass:OK",
      proof: "pass:OK",
      issuer: "pass:OK",
      validity: "pass:OK",
      status: "skipped:NOT_APPLICABLE",
      schema: "skipped:NOT_APPLICABLE",
      trust: "skipped:NOT_CONFIGURED",
    });
    const later = await verifyCredential(signed, { clock: () => new Date(expires.getTime() + DAY) });
    expect(outcomes(later).validity).toBe("fail:EXPIRED");
  });
});
