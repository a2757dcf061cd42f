/** The issuer and authorization server metadata, at the origin and under a path; the OpenAPI description. */
import { testHolder } from "@learnbridge/exchange/testing";
import { describe, expect, it } from "vitest";
import { offerCentre, PRE_AUTH } from "./oid4vci-test-centre.ts";

// biome-ignore lint/suspicious/noExplicitAny: metadata is checked field by field.
const json = async (response: Response): Promise<any> => {
  expect(response.status).toBe(200);
  return response.json();
};

describe("OpenID4VCI metadata", () => {
  it("describes the issuer, its endpoints and each achievement in both formats, in every language it has", async () => {
    const centre = await offerCentre();
    const metadata = await json(await centre.app.request("/.well-known/openid-credential-issuer"));
    expect(metadata).toMatchObject({
      credential_issuer: "https://centre.example",
      credential_endpoint: "https://centre.example/oid4vci/credential",
      nonce_endpoint: "https://centre.example/oid4vci/nonce",
      display: [
        { name: "Nairobi Open Learning Centre", locale: "en" },
        { name: "内罗毕开放学习中心", locale: "zh" },
      ],
    });
    expect(metadata).not.toHaveProperty("authorization_servers");
    const configurations = metadata.credential_configurations_supported;
    expect(Object.keys(configurations).sort()).toEqual([
      "OpenBadgeCredential_jwt_vc_json",
      "OpenBadgeCredential_ldp_vc",
      "digital-skills_jwt_vc_json",
      "digital-skills_ldp_vc",
    ]);
    const common = {
      cryptographic_binding_methods_supported: ["did:key", "did:jwk"],
      proof_types_supported: { jwt: { proof_signing_alg_values_supported: ["EdDSA", "Ed25519", "ES256"] } },
    };
    expect(configurations["digital-skills_ldp_vc"]).toMatchObject({
      format: "ldp_vc",
      ...common,
      credential_signing_alg_values_supported: ["eddsa-rdfc-2022"],
      credential_definition: {
        "@context": [
          "https://www.w3.org/ns/credentials/v2",
          "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        ],
        type: ["VerifiableCredential", "OpenBadgeCredential"],
      },
    });
    expect(configurations["digital-skills_jwt_vc_json"]).toMatchObject({
      format: "jwt_vc_json",
      ...common,
      credential_signing_alg_values_supported: ["EdDSA"],
      credential_definition: { type: ["VerifiableCredential", "OpenBadgeCredential"] },
    });
    const display = configurations["digital-skills_ldp_vc"].credential_metadata.display;
    expect(display.map((d: { locale: string; name: string }) => [d.locale, d.name])).toEqual([
      ["en", "Digital Skills for Seniors"],
      ["zh", "老年人数字技能"],
      ["sw", "Ujuzi wa Kidijitali kwa Wazee"],
    ]);
    expect(display[1]).toMatchObject({
      description: "视频通话和移动支付。",
      background_color: "#12355b",
      text_color: "#ffffff",
    });
    expect(display[2]).not.toHaveProperty("description");
  });

  it("publishes the authorization server metadata of the pre-authorized grant", async () => {
    const centre = await offerCentre();
    expect(await json(await centre.app.request("/.well-known/oauth-authorization-server"))).toEqual({
      issuer: "https://centre.example",
      token_endpoint: "https://centre.example/oid4vci/token",
      grant_types_supported: [PRE_AUTH],
      token_endpoint_auth_methods_supported: ["none"],
      // No configuration has a scope: authorization_details is the way to name one (OID4VCI 1.0 §12.2.4).
      authorization_details_types_supported: ["openid_credential"],
      "pre-authorized_grant_anonymous_access_supported": true,
    });
  });

  it("under a path, puts the metadata between host and path (and answers the appended form too)", async () => {
    const centre = await offerCentre({
      publicUrl: "https://centre.example/lahore",
      did: "did:web:centre.example:lahore",
    });
    const inserted = await json(await centre.app.request("/.well-known/openid-credential-issuer/lahore"));
    expect(inserted).toMatchObject({
      credential_issuer: "https://centre.example/lahore",
      credential_endpoint: "https://centre.example/lahore/oid4vci/credential",
    });
    expect(await json(await centre.app.request("/lahore/.well-known/openid-credential-issuer"))).toEqual(
      inserted,
    );
    expect(
      await json(await centre.app.request("/.well-known/oauth-authorization-server/lahore")),
    ).toMatchObject({
      issuer: "https://centre.example/lahore",
      token_endpoint: "https://centre.example/lahore/oid4vci/token",
    });
    // The origin's own well-known documents belong to whoever serves the origin, not to this centre.
    expect((await centre.app.request("/.well-known/openid-credential-issuer")).status).toBe(404);

    // And the whole flow works under the path, with the path in the audience.
    const offer = await centre.offer();
    expect(offer.offerUri).toBe(
      `openid-credential-offer://?credential_offer_uri=${encodeURIComponent(`https://centre.example/lahore/oid4vci/offers/${offer.id}`)}`,
    );
    const access = await centre.accessToken(offer.id, offer.pin);
    const response = await centre.credential(
      access,
      await centre.credentialRequest(await testHolder("did:key"), "digital-skills_ldp_vc"),
    );
    expect(response.status).toBe(200);
  });

  it("describes every offer and OID4VCI route in the OpenAPI document", async () => {
    const centre = await offerCentre();
    const document = await json(await centre.app.request("/openapi.json"));
    const mine = (path: string) =>
      /^\/(oid4vci|claim|\.well-known\/(openid-credential-issuer|oauth-authorization-server))/.test(path);
    const routes = new Set(
      centre.app.routes
        .filter((r) => r.method !== "ALL" && mine(r.path))
        .map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:(\w+)/g, "{$1}")}`),
    );
    const described = Object.entries(document.paths as Record<string, object>)
      .filter(([path]) => mine(path))
      .flatMap(([path, operations]) =>
        Object.keys(operations)
          .filter((m) => m !== "servers")
          .map((m) => `${m} ${path}`),
      );
    expect(routes.size).toBe(12);
    expect(new Set(described)).toEqual(routes);
    expect(document.components.schemas).toHaveProperty("OAuthError");
  });
});
