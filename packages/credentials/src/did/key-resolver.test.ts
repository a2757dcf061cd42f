import { readFileSync } from "node:fs";
import {
  generateKeyPair,
  type PublicKey,
  publicKeyFromMultibase,
  publicKeyToJwk,
  publicKeyToMultibase,
  toBase58btc,
} from "@learnbridge/core";
import { describe, expect, it } from "vitest";
import type { ProofPurpose } from "../verify/key-resolver.ts";
import { didJwkFromPublicKey } from "./did-jwk.ts";
import { didKeyFromPublicKey } from "./did-key.ts";
import type { FetchLike } from "./fetch-document.ts";
import { createKeyResolver } from "./key-resolver.ts";

const ed = (await generateKeyPair("EdDSA")).publicKey;
const p256 = (await generateKeyPair("ES256")).publicKey;
// The issuer of the Open Badges 3.0 signed example and the key its proof names.
const ISSUER = "https://example.edu/issuers/565049";
const OB_KEY = "z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi";
const DID = "did:web:issuer.example";

const noFetch: FetchLike = () => Promise.reject(new Error("no network in this test"));
type Doc = { id: string } & Record<string, unknown>;
function resolverFor(...docs: Doc[]) {
  return createKeyResolver({ fetch: noFetch, documents: new Map(docs.map((d) => [d.id, d])) });
}
const multikey = (id: string, key: PublicKey, controller = DID) => ({
  id,
  type: "Multikey",
  controller,
  publicKeyMultibase: publicKeyToMultibase(key),
});
async function codeOf(resolve: ReturnType<typeof createKeyResolver>, id: string, purpose: ProofPurpose) {
  const result = await resolve(id, { purpose });
  return result.ok ? "ok" : result.code;
}

describe("createKeyResolver with known documents", () => {
  it("resolves an Open Badges issuer profile key (a non-DID controller)", async () => {
    const vm = `${ISSUER}#${OB_KEY}`;
    const profile = {
      id: ISSUER,
      type: ["Profile"],
      verificationMethod: [{ id: vm, type: "Multikey", controller: ISSUER, publicKeyMultibase: OB_KEY }],
      assertionMethod: [vm],
    };
    const result = await resolverFor(profile)(vm, { purpose: "assertionMethod" });
    expect(result).toEqual({
      ok: true,
      value: { id: vm, controller: ISSUER, type: "Multikey", publicKey: publicKeyFromMultibase(OB_KEY) },
    });
  });

  it("matches relative `#fragment` ids in the document", async () => {
    const doc = {
      id: DID,
      verificationMethod: [{ ...multikey("#key-1", ed), controller: DID }],
      assertionMethod: ["#key-1"],
    };
    const result = await resolverFor(doc)(`${DID}#key-1`, { purpose: "assertionMethod" });
    expect(result.ok && result.value.publicKey).toEqual(ed);
  });

  it("refuses a key listed only under authentication for assertionMethod", async () => {
    const doc = {
      id: DID,
      verificationMethod: [multikey(`${DID}#auth`, ed)],
      authentication: [`${DID}#auth`],
    };
    const resolve = resolverFor(doc);
    expect(await codeOf(resolve, `${DID}#auth`, "assertionMethod")).toBe("KEY_NOT_AUTHORIZED");
    expect(await codeOf(resolve, `${DID}#auth`, "authentication")).toBe("ok");
  });

  it("accepts a key embedded under the relationship itself", async () => {
    const doc = { id: DID, assertionMethod: [multikey(`${DID}#embedded`, ed)] };
    expect(await codeOf(resolverFor(doc), `${DID}#embedded`, "assertionMethod")).toBe("ok");
    expect(await codeOf(resolverFor(doc), `${DID}#embedded`, "authentication")).toBe("KEY_NOT_AUTHORIZED");
  });

  it("refuses a key whose controller is not the document", async () => {
    const vm = `${DID}#borrowed`;
    const doc = {
      id: DID,
      verificationMethod: [multikey(vm, ed, "did:web:someone.else")],
      assertionMethod: [vm],
    };
    expect(await codeOf(resolverFor(doc), vm, "assertionMethod")).toBe("KEY_CONTROLLER_MISMATCH");
    const noController = {
      id: DID,
      verificationMethod: [{ ...multikey(vm, ed), controller: undefined }],
      assertionMethod: [vm],
    };
    expect(await codeOf(resolverFor(noController), vm, "assertionMethod")).toBe("KEY_CONTROLLER_MISMATCH");
  });

  it("reads Ed25519VerificationKey2020, Ed25519VerificationKey2018, JsonWebKey and JsonWebKey2020", async () => {
    const methods = [
      {
        id: `${DID}#k2020`,
        type: "Ed25519VerificationKey2020",
        controller: DID,
        publicKeyMultibase: publicKeyToMultibase(ed),
      },
      {
        id: `${DID}#k2018`,
        type: "Ed25519VerificationKey2018",
        controller: DID,
        publicKeyBase58: toBase58btc(ed.bytes),
      },
      { id: `${DID}#jwk`, type: "JsonWebKey", controller: DID, publicKeyJwk: publicKeyToJwk(p256) },
      { id: `${DID}#jwk2020`, type: "JsonWebKey2020", controller: DID, publicKeyJwk: publicKeyToJwk(ed) },
    ];
    const resolve = resolverFor({
      id: DID,
      verificationMethod: methods,
      assertionMethod: methods.map((m) => m.id),
    });
    const expected: [string, PublicKey][] = [
      ["k2020", ed],
      ["k2018", ed],
      ["jwk", p256],
      ["jwk2020", ed],
    ];
    for (const [fragment, key] of expected) {
      const result = await resolve(`${DID}#${fragment}`, { purpose: "assertionMethod" });
      if (!result.ok) throw new Error(`${fragment}: ${result.message}`);
      expect(result.value.publicKey).toEqual(key);
    }
  });

  it("refuses unsupported or malformed key material with KEY_UNSUPPORTED", async () => {
    const methods = [
      { id: `${DID}#secp`, type: "EcdsaSecp256k1VerificationKey2019", controller: DID, publicKeyHex: "02" },
      {
        id: `${DID}#p256-as-2020`,
        type: "Ed25519VerificationKey2020",
        controller: DID,
        publicKeyMultibase: publicKeyToMultibase(p256),
      },
      {
        id: `${DID}#short2018`,
        type: "Ed25519VerificationKey2018",
        controller: DID,
        publicKeyBase58: toBase58btc(ed.bytes.slice(1)),
      },
      {
        id: `${DID}#private`,
        type: "JsonWebKey",
        controller: DID,
        publicKeyJwk: { ...publicKeyToJwk(ed), d: "AA" },
      },
      { id: `${DID}#missing`, type: "Multikey", controller: DID },
    ];
    const resolve = resolverFor({
      id: DID,
      verificationMethod: methods,
      assertionMethod: methods.map((m) => m.id),
    });
    for (const method of methods)
      expect(await codeOf(resolve, method.id, "assertionMethod")).toBe("KEY_UNSUPPORTED");
  });

  it("answers KEY_NOT_FOUND for an unknown fragment, a relative id, or an unknown controller URL (never fetched)", async () => {
    let fetched = 0;
    const fetch: FetchLike = () => {
      fetched++;
      return Promise.reject(new Error("must not fetch"));
    };
    const resolve = createKeyResolver({
      fetch,
      documents: new Map([[DID, { id: DID, verificationMethod: [] }]]),
    });
    expect(await codeOf(resolve, `${DID}#nope`, "assertionMethod")).toBe("KEY_NOT_FOUND");
    expect(await codeOf(resolve, "#key-1", "assertionMethod")).toBe("KEY_NOT_FOUND");
    expect(await codeOf(resolve, "https://unknown.example/issuer#key-1", "assertionMethod")).toBe(
      "KEY_NOT_FOUND",
    );
    expect(await codeOf(resolve, "urn:uuid:8f1f8f5e-1b1e-4c43-9b5c-1a2b3c4d5e6f#k", "assertionMethod")).toBe(
      "KEY_NOT_FOUND",
    );
    expect(fetched).toBe(0);
  });

  it("passes on the DID resolver's codes", async () => {
    const resolve = resolverFor();
    expect(await codeOf(resolve, "did:example:123#k", "assertionMethod")).toBe("DID_METHOD_UNSUPPORTED");
    expect(await codeOf(resolve, "did:key:zNotAKey#zNotAKey", "assertionMethod")).toBe("DID_INVALID");
    expect(await codeOf(resolve, "did:web:issuer.example/path#k", "assertionMethod")).toBe("DID_INVALID");
    expect(await codeOf(resolve, "did:web:issuer.example#k", "assertionMethod")).toBe(
      "DID_RESOLUTION_FAILED",
    );
  });

  it("follows a fragment-less key document to its controller", async () => {
    const keyUrl = "https://example.edu/keys/1";
    const keyDoc = {
      id: keyUrl,
      type: "Ed25519VerificationKey2020",
      controller: ISSUER,
      publicKeyMultibase: OB_KEY,
    };
    const listed = { id: ISSUER, assertionMethod: [keyUrl] };
    expect(await codeOf(resolverFor(keyDoc, listed), keyUrl, "assertionMethod")).toBe("ok");
    expect(
      await codeOf(resolverFor(keyDoc, { id: ISSUER, assertionMethod: [] }), keyUrl, "assertionMethod"),
    ).toBe("KEY_NOT_AUTHORIZED");
  });

  it("throws a TypeError when a known document's id is not its key", () => {
    expect(() =>
      createKeyResolver({ documents: new Map([["https://a.example", { id: "https://b.example" }]]) }),
    ).toThrow(TypeError);
  });
});

describe("createKeyResolver with did:key and did:jwk", () => {
  it("resolves did:key under every proof purpose", async () => {
    const did = didKeyFromPublicKey(p256);
    const vm = `${did}#${did.slice("did:key:".length)}`;
    const resolve = resolverFor();
    for (const purpose of [
      "assertionMethod",
      "authentication",
      "capabilityInvocation",
      "capabilityDelegation",
    ] as const) {
      const result = await resolve(vm, { purpose });
      expect(result).toEqual({
        ok: true,
        value: { id: vm, controller: did, type: "Multikey", publicKey: p256 },
      });
    }
    expect(await codeOf(resolve, `${did}#other`, "assertionMethod")).toBe("KEY_NOT_FOUND");
  });

  it("resolves the proof key of the W3C eddsa-rdfc-2022 signed vector", async () => {
    const path = "../../../../test/fixtures/vendor/w3c-vc-di-eddsa/eddsa-rdfc-2022/signedDataInt.json";
    const signed = JSON.parse(readFileSync(new URL(path, import.meta.url), "utf8"));
    const result = await resolverFor()(signed.proof.verificationMethod, {
      purpose: signed.proof.proofPurpose,
    });
    expect(result.ok && publicKeyToMultibase(result.value.publicKey)).toBe(
      "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2",
    );
  });

  it("resolves did:jwk#0", async () => {
    const did = didJwkFromPublicKey(ed);
    const result = await resolverFor()(`${did}#0`, { purpose: "assertionMethod" });
    expect(result).toEqual({
      ok: true,
      value: { id: `${did}#0`, controller: did, type: "JsonWebKey", publicKey: ed },
    });
  });
});
