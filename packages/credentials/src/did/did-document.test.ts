import { generateKeyPair, publicKeyToMultibase } from "@learnbridge/core";
import { describe, expect, it } from "vitest";
import type { ProofPurpose } from "../verify/key-resolver.ts";
import { buildDidDocument, type DidDocumentInput } from "./did-document.ts";
import { createKeyResolver } from "./key-resolver.ts";

const DID = "did:web:node.example";
const oldKey = (await generateKeyPair("EdDSA")).publicKey;
const newKey = (await generateKeyPair("EdDSA")).publicKey;

async function purposesAllowed(input: DidDocumentInput, fragment: string): Promise<ProofPurpose[]> {
  const document = buildDidDocument(input);
  const resolve = createKeyResolver({ documents: new Map([[document.id, document]]) });
  const purposes: ProofPurpose[] = [
    "assertionMethod",
    "authentication",
    "capabilityInvocation",
    "capabilityDelegation",
  ];
  const allowed: ProofPurpose[] = [];
  for (const purpose of purposes) {
    const result = await resolve(`${DID}#${fragment}`, { purpose });
    if (result.ok) allowed.push(purpose);
    else expect(result.code).toBe("KEY_NOT_AUTHORIZED"); // never KEY_NOT_FOUND: the key stays listed
  }
  return allowed;
}

describe("buildDidDocument", () => {
  it("builds the document a node serves, with Multikey methods", () => {
    const service = [
      { id: `${DID}#vc-api`, type: "VerifiableCredentialService", serviceEndpoint: "https://node.example/" },
    ];
    const document = buildDidDocument({
      id: DID,
      keys: [{ fragment: "key-1", publicKey: newKey }],
      alsoKnownAs: ["https://node.example/"],
      service,
    });
    expect(document).toEqual({
      "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
      id: DID,
      alsoKnownAs: ["https://node.example/"],
      verificationMethod: [
        {
          id: `${DID}#key-1`,
          type: "Multikey",
          controller: DID,
          publicKeyMultibase: publicKeyToMultibase(newKey),
        },
      ],
      authentication: [`${DID}#key-1`],
      assertionMethod: [`${DID}#key-1`],
      service,
    });
  });

  it("after rotation, keeps the retired key for credentials but not for authentication", async () => {
    const rotated: DidDocumentInput = {
      id: DID,
      keys: [
        { fragment: "key-2026", publicKey: newKey },
        { fragment: "key-2025", publicKey: oldKey, status: "retired" },
      ],
    };
    expect(await purposesAllowed(rotated, "key-2026")).toEqual(["assertionMethod", "authentication"]);
    expect(await purposesAllowed(rotated, "key-2025")).toEqual(["assertionMethod"]);
  });

  it("lists a revoked key under no purpose, so its proofs fail with KEY_NOT_AUTHORIZED", async () => {
    const revoked: DidDocumentInput = {
      id: DID,
      keys: [
        { fragment: "key-2026", publicKey: newKey },
        { fragment: "key-2025", publicKey: oldKey, status: "revoked" },
      ],
    };
    expect(await purposesAllowed(revoked, "key-2025")).toEqual([]);
    expect(buildDidDocument(revoked).verificationMethod).toHaveLength(2);
  });

  it("honours explicit purposes", async () => {
    const input: DidDocumentInput = {
      id: DID,
      keys: [
        { fragment: "cap", publicKey: newKey, purposes: ["capabilityInvocation", "capabilityDelegation"] },
      ],
    };
    expect(await purposesAllowed(input, "cap")).toEqual(["capabilityInvocation", "capabilityDelegation"]);
  });

  const misuse: [string, DidDocumentInput][] = [
    ["a non-DID id", { id: "https://node.example", keys: [{ fragment: "k", publicKey: newKey }] }],
    ["no keys", { id: DID, keys: [] }],
    [
      "a duplicate fragment",
      {
        id: DID,
        keys: [
          { fragment: "k", publicKey: newKey },
          { fragment: "k", publicKey: oldKey },
        ],
      },
    ],
    ["a fragment with #", { id: DID, keys: [{ fragment: "#k", publicKey: newKey }] }],
    [
      "an unknown purpose",
      { id: DID, keys: [{ fragment: "k", publicKey: newKey, purposes: ["keyAgreement" as ProofPurpose] }] },
    ],
    [
      "an unknown status",
      { id: DID, keys: [{ fragment: "k", publicKey: newKey, status: "expired" as "retired" }] },
    ],
  ];
  for (const [name, input] of misuse) {
    it(`throws a TypeError for ${name}`, () => expect(() => buildDidDocument(input)).toThrow(TypeError));
  }
});
