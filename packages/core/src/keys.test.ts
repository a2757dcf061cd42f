import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { fromHex, toHex, utf8 } from "./encoding.ts";
import {
  createSigner,
  exportPrivateJwk,
  generateKeyPair,
  importEd25519Multikey,
  importPrivateJwk,
  publicKeyFromJwk,
  publicKeyFromMultibase,
  publicKeyToJwk,
  publicKeyToMultibase,
  verifySignature,
} from "./keys.ts";

// The key pair of the W3C Data Integrity EdDSA test vectors (shared/vectors/w3c-vc-di-eddsa/keyPair.json).
const W3C_PUBLIC = "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2";
const W3C_PRIVATE = "z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq";

describe("keys", () => {
  for (const algorithm of ["EdDSA", "ES256"] as const) {
    it(`${algorithm}: signs, verifies, and round-trips multibase and JWK`, async () => {
      const pair = await generateKeyPair(algorithm, true);
      const signer = createSigner(pair, "did:example:1#key-1");
      const data = utf8("a micro-credential");
      const signature = await signer.sign(data);
      expect(signature.length).toBe(64);
      expect(await verifySignature(pair.publicKey, data, signature)).toBe(true);
      expect(await verifySignature(pair.publicKey, utf8("a micro-credentiaL"), signature)).toBe(false);

      const multibase = publicKeyToMultibase(pair.publicKey);
      expect(multibase.startsWith(algorithm === "EdDSA" ? "z6Mk" : "zDn")).toBe(true);
      const decoded = publicKeyFromMultibase(multibase);
      expect(decoded).toEqual(pair.publicKey);
      expect(await verifySignature(decoded, data, signature)).toBe(true);

      const fromJwk = publicKeyFromJwk(publicKeyToJwk(pair.publicKey));
      expect(fromJwk).toEqual(pair.publicKey);
      expect(await verifySignature(fromJwk, data, signature)).toBe(true);

      const restored = await importPrivateJwk(await exportPrivateJwk(pair));
      expect(restored.publicKey).toEqual(pair.publicKey);
      const again = await createSigner(restored, signer.keyId).sign(data);
      expect(await verifySignature(pair.publicKey, data, again)).toBe(true);
    });
  }

  it("imports the W3C test-vector key and reproduces its Ed25519 signature", async () => {
    const pair = await importEd25519Multikey(W3C_PRIVATE, W3C_PUBLIC);
    expect(publicKeyToMultibase(pair.publicKey)).toBe(W3C_PUBLIC);
    // Ed25519 is deterministic: the vector's combined hash signs to the vector's signature.
    const vectors = "../../../test/fixtures/vendor/w3c-vc-di-eddsa/eddsa-rdfc-2022";
    const read = (name: string) =>
      readFileSync(new URL(`${vectors}/${name}`, import.meta.url), "utf8").trim();
    const combined = fromHex(read("combinedHashDataInt.txt"));
    const signature = await createSigner(pair, "k").sign(combined);
    expect(toHex(signature)).toBe(read("sigHexDataInt.txt").toLowerCase());
  });

  it("refuses keys of other types with KEY_UNSUPPORTED", () => {
    expect(() => publicKeyFromMultibase("z6LSbysY2xFMRpGMhb7tFTLMpeuPRaqaWM1yECx2AtzE3KCc")).toThrow(
      expect.objectContaining({ code: "KEY_UNSUPPORTED" }),
    );
    expect(() => publicKeyFromJwk({ kty: "RSA", n: "x", e: "AQAB" })).toThrow(
      expect.objectContaining({ code: "KEY_UNSUPPORTED" }),
    );
    expect(() => publicKeyFromJwk({ kty: "OKP", crv: "Ed25519", x: "AAAA", d: "AAAA" })).toThrow(
      expect.objectContaining({ code: "KEY_UNSUPPORTED" }),
    );
  });
});
