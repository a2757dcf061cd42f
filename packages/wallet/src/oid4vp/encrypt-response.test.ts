import { fromBase64Url, fromUtf8 } from "@learnbridge/core";
import { describe, expect, it } from "vitest";
import { encryptResponse, responseEncryptionOf } from "./encrypt-response.ts";

// The verifier key of the example in OpenID4VP 1.0 §8.3 (public half).
const KEY = {
  kty: "EC",
  kid: "ac",
  use: "enc",
  crv: "P-256",
  alg: "ECDH-ES",
  x: "YO4epjifD-KWeq1sL2tNmm36BhXnkJ0He-WqMYrp9Fk",
  y: "Hekpm0zfK7C-YccH5iBjcIXgf6YdUvNUac_0At55Okk",
};
const headerOf = (jwe: string) => JSON.parse(fromUtf8(fromBase64Url(jwe.split(".")[0] ?? "")));

describe("the wallet's encrypted answer (direct_post.jwt)", () => {
  it("encrypts to the first P-256 ECDH-ES key for encryption, with A256GCM when the verifier lists it", () => {
    const x25519 = { kty: "OKP", crv: "X25519", kid: "jc", use: "enc", alg: "ECDH-ES", x: "WPX7" };
    const signing = { ...KEY, kid: "sig", use: "sig" };
    const wrapped = { ...KEY, kid: "kw", alg: "ECDH-ES+A128KW" };
    const metadata = {
      jwks: { keys: [x25519, signing, wrapped, KEY] },
      encrypted_response_enc_values_supported: ["A128GCM", "A256GCM"],
    };
    expect(responseEncryptionOf(metadata)).toEqual({
      jwk: { kty: "EC", crv: "P-256", x: KEY.x, y: KEY.y, kid: "ac" },
      enc: "A256GCM",
    });
    // Without a list, §8.3's default A128GCM; with a list of others only, nothing this wallet makes.
    expect(responseEncryptionOf({ jwks: { keys: [KEY] } })?.enc).toBe("A128GCM");
    expect(
      responseEncryptionOf({
        jwks: { keys: [KEY] },
        encrypted_response_enc_values_supported: ["A128CBC-HS256"],
      }),
    ).toBeUndefined();
    expect(responseEncryptionOf({ jwks: { keys: [x25519, signing] } })).toBeUndefined();
    expect(responseEncryptionOf({ jwks: { keys: [{ ...KEY, d: "secret" }] } })).toBeUndefined();
    expect(responseEncryptionOf({})).toBeUndefined();
  });

  it("makes a compact JWE with a fresh ephemeral key, the verifier's kid, and no wrapped key", async () => {
    const encryption = responseEncryptionOf({ jwks: { keys: [KEY] } });
    if (!encryption) throw new Error("no encryption");
    const payload = { vp_token: { badge: ["…"] }, state: "s" };
    const first = await encryptResponse(payload, encryption);
    const second = await encryptResponse(payload, encryption);
    const parts = first.split(".");
    expect(parts).toHaveLength(5);
    expect(parts[1]).toBe("");
    expect(fromBase64Url(parts[2] ?? "")).toHaveLength(12);
    expect(fromBase64Url(parts[4] ?? "")).toHaveLength(16);
    expect(headerOf(first)).toEqual({
      alg: "ECDH-ES",
      enc: "A128GCM",
      kid: "ac",
      epk: { kty: "EC", crv: "P-256", x: expect.any(String), y: expect.any(String) },
    });
    expect(headerOf(second).epk.x).not.toBe(headerOf(first).epk.x);
    expect(first).not.toContain("badge");
    await expect(
      encryptResponse(payload, { ...encryption, jwk: { ...encryption.jwk, y: KEY.x } }),
    ).rejects.toMatchObject({ code: "KEY_UNSUPPORTED" });
  });
});
