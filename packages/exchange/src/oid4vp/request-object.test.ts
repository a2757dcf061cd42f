import {
  createSigner,
  fromBase64Url,
  fromUtf8,
  generateKeyPair,
  utf8,
  verifySignature,
} from "@learnbridge/core";
import { parseCompactJws } from "@learnbridge/credentials";
import { describe, expect, it } from "vitest";
import { clientIdOf, requestObjectClaims, signRequestObject, walletLink } from "./request-object.ts";

const params = {
  clientId: clientIdOf("did:web:centre.example"),
  responseUri: "https://centre.example/oid4vp/response",
  nonce: "n-0S6_WzA2Mj",
  state: "eyJhb-6-sVA",
  dcqlQuery: { credentials: [{ id: "b", format: "ldp_vc" as const, meta: { type_values: [["X"]] } }] },
  issuedAt: 1_780_000_000,
  expiresAt: 1_780_001_800,
};

describe("the Request Object", () => {
  it("carries every parameter of a direct_post vp_token request under a decentralized_identifier client id", () => {
    expect(requestObjectClaims(params)).toEqual({
      iss: "decentralized_identifier:did:web:centre.example",
      aud: "https://self-issued.me/v2",
      iat: params.issuedAt,
      exp: params.expiresAt,
      client_id: "decentralized_identifier:did:web:centre.example",
      response_type: "vp_token",
      response_mode: "direct_post",
      response_uri: params.responseUri,
      nonce: params.nonce,
      state: params.state,
      dcql_query: params.dcqlQuery,
      client_metadata: {
        vp_formats_supported: {
          ldp_vc: {
            proof_type_values: ["DataIntegrityProof", "Ed25519Signature2020"],
            cryptosuite_values: ["eddsa-rdfc-2022", "eddsa-jcs-2022"],
          },
          jwt_vc_json: { alg_values: ["EdDSA", "Ed25519", "ES256"] },
        },
      },
    });
  });

  it("asks for direct_post.jwt with the request's own key and both HAIP enc values in client_metadata", async () => {
    const responseKey = {
      kty: "EC" as const,
      crv: "P-256" as const,
      x: "YO4epjifD-KWeq1sL2tNmm36BhXnkJ0He-WqMYrp9Fk",
      y: "Hekpm0zfK7C-YccH5iBjcIXgf6YdUvNUac_0At55Okk",
      kid: "SGy6IlV6HSq4isZyk-N4Ow",
      use: "enc" as const,
      alg: "ECDH-ES" as const,
    };
    const claims = requestObjectClaims({ ...params, responseKey });
    expect(claims).toMatchObject({ response_type: "vp_token", response_mode: "direct_post.jwt" });
    expect(claims.client_metadata).toEqual({
      jwks: { keys: [responseKey] },
      encrypted_response_enc_values_supported: ["A128GCM", "A256GCM"],
      vp_formats_supported: (requestObjectClaims(params).client_metadata as Record<string, unknown>)
        .vp_formats_supported,
    });
  });

  it("is a compact JWS typed oauth-authz-req+jwt, signed by the key its kid names", async () => {
    const pair = await generateKeyPair("EdDSA");
    const kid = "did:web:centre.example#key-1";
    const jwt = await signRequestObject(requestObjectClaims(params), createSigner(pair, kid));
    const [header, payload, signature] = jwt.split(".") as [string, string, string];
    expect(JSON.parse(fromUtf8(fromBase64Url(header)))).toEqual({
      alg: "EdDSA",
      typ: "oauth-authz-req+jwt",
      kid,
    });
    expect(JSON.parse(fromUtf8(fromBase64Url(payload)))).toEqual(requestObjectClaims(params));
    expect(
      await verifySignature(pair.publicKey, utf8(`${header}.${payload}`), fromBase64Url(signature)),
    ).toBe(true);
    const tampered = `${header}.${payload.slice(0, -2)}AA`;
    expect(await verifySignature(pair.publicKey, utf8(tampered), fromBase64Url(signature))).toBe(false);
    // What a wallet's strict JWS parser (ours) reads from it: the same header, claims and signed bytes.
    const parsed = parseCompactJws(jwt);
    if (!parsed.ok) throw new Error(parsed.message);
    expect(parsed.value.payload).toEqual(requestObjectClaims(params));
    expect(await verifySignature(pair.publicKey, parsed.value.signingInput, parsed.value.signature)).toBe(
      true,
    );
  });

  it("is reached by an openid4vp:// link that carries only the client id and the request URI", () => {
    const link = walletLink(params.clientId, "https://centre.example/oid4vp/requests/abc/request-object");
    expect(link).toBe(
      "openid4vp://?client_id=decentralized_identifier%3Adid%3Aweb%3Acentre.example&request_uri=https%3A%2F%2Fcentre.example%2Foid4vp%2Frequests%2Fabc%2Frequest-object",
    );
    const parsed = new URL(link);
    expect(Object.fromEntries(parsed.searchParams)).toEqual({
      client_id: params.clientId,
      request_uri: "https://centre.example/oid4vp/requests/abc/request-object",
    });
  });
});
