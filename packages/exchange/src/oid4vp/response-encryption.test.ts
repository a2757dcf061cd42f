import { fromBase64Url, fromUtf8, toBase64Url, utf8 } from "@learnbridge/core";
import { describe, expect, it } from "vitest";
import {
  createResponseKey,
  decryptResponse,
  encryptResponse,
  readResponseHeader,
} from "./response-encryption.ts";

// OpenID4VP 1.0 §8.3 (Encrypted Responses): the example response, encrypted to the key "ac" of its request,
// and that key with its private part `d`, published "for illustrative purposes ... to decrypt" the example.
const SPEC_JWE =
  "eyJhbGciOiJFQ0RILUVTIiwiZW5jIjoiQTEyOEdDTSIsImtpZCI6ImFjIiwiZXBrIjp7Imt0eSI6IkVDIiwieCI6Im5ubVZwbTNWM2piaGNhZlFhUkJrU1ZOSGx3Wkh3dC05ck9wSnVmeVlJdWsiLCJ5IjoicjRmakRxd0p5czlxVU9QLV9iM21SNVNaRy0tQ3dPMm1pYzVWU05UWU45ZyIsImNydiI6IlAtMjU2In19..uAYcHRUSSn2X0WPX.yVzlGSYG4qbg0bq18JcUiDRw56yVnbKR8E7S7YlEtzT00RqE3Pw5oTpUG3hdLN4taHZ9gC1kwak8JOnJgQ.1wR024_3-qtAlx1oFIUpQQ";
const SPEC_KEY = {
  kty: "EC",
  crv: "P-256",
  x: "YO4epjifD-KWeq1sL2tNmm36BhXnkJ0He-WqMYrp9Fk",
  y: "Hekpm0zfK7C-YccH5iBjcIXgf6YdUvNUac_0At55Okk",
  d: "Et-3ce0omz8_TuZ96Df9lp0GAaaDoUnDe6X-CRO7Aww",
};

/** The JWE with its protected header replaced (the tag no longer matches, which is beside the point). */
function withHeader(
  jwe: string,
  change: (header: Record<string, unknown>) => Record<string, unknown>,
): string {
  const [header = "", ...rest] = jwe.split(".");
  const changed = change(JSON.parse(fromUtf8(fromBase64Url(header))));
  return [toBase64Url(utf8(JSON.stringify(changed))), ...rest].join(".");
}

/** The JWE with one byte of its ciphertext flipped. */
function tampered(jwe: string): string {
  const parts = jwe.split(".");
  const ciphertext = fromBase64Url(parts[3] ?? "");
  ciphertext[0] = (ciphertext[0] ?? 0) ^ 1;
  parts[3] = toBase64Url(ciphertext);
  return parts.join(".");
}

describe("encrypted responses (direct_post.jwt)", () => {
  it("decrypts the example of OpenID4VP 1.0 §8.3 with its published key", async () => {
    const opened = await decryptResponse(SPEC_JWE, { privateJwk: SPEC_KEY, kid: "ac" });
    expect(opened).toEqual({
      ok: true,
      header: expect.objectContaining({ alg: "ECDH-ES", enc: "A128GCM", kid: "ac" }),
      payload: { vp_token: { example_credential_id: ["eyJhb...YMetA"] } },
    });
  });

  it("makes a fresh P-256 key per request, published for ECDH-ES encryption, and reads what is encrypted to it in both enc", async () => {
    const first = await createResponseKey("req-1");
    const second = await createResponseKey("req-2");
    expect(first.publicJwk).toEqual({
      kty: "EC",
      crv: "P-256",
      x: expect.stringMatching(/^[\w-]{43}$/),
      y: expect.stringMatching(/^[\w-]{43}$/),
      kid: "req-1",
      use: "enc",
      alg: "ECDH-ES",
    });
    expect(first.publicJwk).not.toHaveProperty("d");
    expect(first.privateJwk.d).toMatch(/^[\w-]{43}$/);
    expect(second.publicJwk.x).not.toBe(first.publicJwk.x);
    for (const enc of ["A128GCM", "A256GCM"] as const) {
      const payload = { vp_token: { badge: [{ proof: "…" }] }, state: "s-1" };
      const jwe = await encryptResponse(payload, { jwk: first.publicJwk, enc });
      expect(readResponseHeader(jwe)).toEqual({
        ok: true,
        header: {
          alg: "ECDH-ES",
          enc,
          kid: "req-1",
          epk: expect.objectContaining({ kty: "EC", crv: "P-256" }),
        },
      });
      expect(await decryptResponse(jwe, { privateJwk: first.privateJwk, kid: "req-1" })).toMatchObject({
        ok: true,
        payload,
      });
      // Encrypted to one request's key, it is nothing to another's.
      const other = await decryptResponse(
        withHeader(jwe, (h) => ({ ...h, kid: "req-2" })),
        {
          privateJwk: second.privateJwk,
          kid: "req-2",
        },
      );
      expect(other).toMatchObject({ ok: false, problem: "decrypt" });
    }
  });

  it("refuses, with the reason, a wrong alg, enc or kid, a tampered ciphertext, a bad epk, and what is not a JWE", async () => {
    const { publicJwk, privateJwk } = await createResponseKey("req-1");
    const jwe = await encryptResponse({ state: "s" }, { jwk: publicJwk, enc: "A256GCM" });
    const key = { privateJwk, kid: "req-1" };
    const cases: [string, unknown, string][] = [
      ["alg", withHeader(jwe, (h) => ({ ...h, alg: "ECDH-ES+A128KW" })), "alg"],
      ["enc", withHeader(jwe, (h) => ({ ...h, enc: "A128CBC-HS256" })), "enc"],
      ["kid", withHeader(jwe, (h) => ({ ...h, kid: "req-9" })), "kid"],
      ["no kid", withHeader(jwe, ({ kid: _kid, ...h }) => h), "kid"],
      ["tampered", tampered(jwe), "decrypt"],
      ["header changed", withHeader(jwe, (h) => ({ ...h, apv: "AAAA" })), "decrypt"],
      ["zip", withHeader(jwe, (h) => ({ ...h, zip: "DEF" })), "malformed"],
      [
        "epk off the curve",
        withHeader(jwe, (h) => ({ ...h, epk: { ...(h.epk as object), y: publicJwk.x } })),
        "epk",
      ],
      [
        "epk of another curve",
        withHeader(jwe, (h) => ({ ...h, epk: { kty: "OKP", crv: "X25519", x: "AA" } })),
        "epk",
      ],
      ["wrapped key", jwe.replace("..", ".AAAA."), "malformed"],
      ["four segments", jwe.split(".").slice(1).join("."), "malformed"],
      ["a JWS", "e30.e30.c2ln", "malformed"],
      ["not a string", { vp_token: {} }, "malformed"],
    ];
    for (const [name, input, problem] of cases) {
      expect(await decryptResponse(input, key), name).toMatchObject({ ok: false, problem });
    }
    // Only the enc values the request offered are taken.
    expect(await decryptResponse(jwe, { ...key, encValues: ["A128GCM"] })).toMatchObject({
      ok: false,
      problem: "enc",
    });
    expect(await decryptResponse(jwe, key)).toMatchObject({ ok: true, payload: { state: "s" } });
  });

  it("refuses a payload that is not a JSON object", async () => {
    const { publicJwk, privateJwk } = await createResponseKey("k");
    // A JSON array is encrypted as a valid JWE; the verifier still wants response parameters.
    const jwe = await encryptResponse([1] as unknown as Record<string, unknown>, { jwk: publicJwk });
    expect(await decryptResponse(jwe, { privateJwk, kid: "k" })).toMatchObject({
      ok: false,
      problem: "payload",
    });
  });
});
