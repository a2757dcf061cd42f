import { afterEach, describe, expect, it } from "vitest";
import { fakeIssuer } from "../testing/fake-issuer.ts";
import { type LoopbackServer, serveOnLoopback } from "../testing/serve.ts";
import { testWallet } from "../testing/test-wallet.ts";
import { acceptCredentialOffer } from "./accept-offer.ts";

const servers: LoopbackServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** A fake issuer served on loopback; the handler is bound after the port is known. */
async function issuerOnLoopback(options: Parameters<typeof fakeIssuer>[1] = {}) {
  let handle: (request: Request) => Promise<Response> = async () => new Response("starting", { status: 503 });
  const server = await serveOnLoopback((request) => handle(request));
  servers.push(server);
  const issuer = await fakeIssuer(server.url, options);
  handle = issuer.handle;
  return issuer;
}

describe("accepting an OpenID4VCI offer (pre-authorized code)", () => {
  it("receives a Data Integrity credential by reference, bound to the learner's did:key, verified and stored", async () => {
    const issuer = await issuerOnLoopback({ path: "/tenant" });
    const wallet = await testWallet();
    const [holder] = await wallet.dids();
    const result = await acceptCredentialOffer(wallet, issuer.offer(["badge_ldp_vc"]), {
      languages: ["zh-CN"],
    });

    expect(result.holder).toBe(holder?.did);
    expect(result.issuerName).toBe("假开放学习中心");
    const [received] = result.credentials;
    expect(received?.displayName).toBe("数据分析基础");
    expect(received?.added).toBe(true);
    expect(received?.report.verified).toBe(true);
    expect(received?.stored).toMatchObject({
      format: "ldp_vc",
      issuer: issuer.did,
      holder: holder?.did,
      achievementName: "数据分析基础",
      types: ["VerifiableCredential", "OpenBadgeCredential"],
    });
    expect(await wallet.credentials.get(received?.stored.id ?? "")).toEqual(received?.stored);

    // The key proof: typed, kid = the learner's DID URL, aud = the issuer, with the issuer's nonce.
    const request = issuer.seen.credentialRequests[0] as {
      proofs: { jwt: string[] };
      credential_configuration_id: string;
    };
    expect(request.credential_configuration_id).toBe("badge_ldp_vc");
    const [header] = (request.proofs.jwt[0] ?? "").split(".");
    expect(JSON.parse(Buffer.from(header ?? "", "base64url").toString())).toEqual({
      alg: "EdDSA",
      typ: "openid4vci-proof+jwt",
      kid: `${holder?.did}#${holder?.did.slice("did:key:".length)}`,
    });
    expect(issuer.payloadOf(request.proofs.jwt[0] ?? "")).toMatchObject({
      aud: issuer.issuerId,
      nonce: expect.any(String),
    });
  });

  it("receives a vc+jwt credential offered by value to a did:jwk holder, kept as the compact JWS", async () => {
    const issuer = await issuerOnLoopback();
    const wallet = await testWallet({}, "jwk");
    const result = await acceptCredentialOffer(wallet, issuer.offer(["badge_jwt_vc_json"], true));
    const stored = result.credentials[0]?.stored;
    expect(stored?.format).toBe("jwt_vc_json");
    expect(typeof stored?.credential).toBe("string");
    expect(stored?.holder).toMatch(/^did:jwk:/);
    expect(result.credentials[0]?.displayName).toBe("Data Analysis Foundations");
  });

  it("asks for the PIN, checks its shape before using the code, and sends it as tx_code", async () => {
    const issuer = await issuerOnLoopback({ pin: "493817" });
    const wallet = await testWallet();
    const asked: unknown[] = [];
    await expect(
      acceptCredentialOffer(wallet, issuer.offer(["badge_ldp_vc"]), { askTxCode: async () => "49381" }),
    ).rejects.toMatchObject({ code: "TX_CODE_INVALID" });
    await expect(acceptCredentialOffer(wallet, issuer.offer(["badge_ldp_vc"]))).rejects.toMatchObject({
      code: "TX_CODE_REQUIRED",
    });
    expect(issuer.seen.tokenRequests).toHaveLength(0);

    const result = await acceptCredentialOffer(wallet, issuer.offer(["badge_ldp_vc"]), {
      askTxCode: async (spec, issuerName) => {
        asked.push({ spec, issuerName });
        return "493817";
      },
    });
    expect(asked).toEqual([
      {
        spec: { inputMode: "numeric", length: 6, description: "The PIN in your e-mail" },
        issuerName: "Fake Open Learning Centre",
      },
    ]);
    expect(issuer.seen.tokenRequests[0]?.get("tx_code")).toBe("493817");
    expect(result.credentials).toHaveLength(1);
  });

  it("reports a wrong PIN and a used offer with the issuer's reason, storing nothing", async () => {
    const issuer = await issuerOnLoopback({ pin: "111111" });
    const wallet = await testWallet();
    const link = issuer.offer(["badge_ldp_vc"]);
    await expect(acceptCredentialOffer(wallet, link, { txCode: "222222" })).rejects.toMatchObject({
      code: "GRANT_INVALID",
      message: expect.stringContaining("wrong transaction code"),
    });
    await acceptCredentialOffer(wallet, link, { txCode: "111111" });
    await expect(acceptCredentialOffer(wallet, link, { txCode: "111111" })).rejects.toMatchObject({
      code: "GRANT_INVALID",
    });
    expect(await wallet.credentials.list()).toHaveLength(1);
  });

  it("fetches a fresh nonce and retries once when the issuer says invalid_nonce", async () => {
    const issuer = await issuerOnLoopback({ staleFirstNonce: true });
    const wallet = await testWallet();
    const result = await acceptCredentialOffer(wallet, issuer.offer(["badge_ldp_vc", "badge_jwt_vc_json"]));
    expect(result.credentials.map((c) => c.stored.format)).toEqual(["ldp_vc", "jwt_vc_json"]);
    expect(issuer.seen.credentialRequests).toHaveLength(3);
  });

  it("takes one credential when the issuer treats the offered formats as alternatives", async () => {
    const issuer = await issuerOnLoopback({ oneCredentialPerOffer: true });
    const wallet = await testWallet();
    const result = await acceptCredentialOffer(wallet, issuer.offer(["badge_jwt_vc_json", "badge_ldp_vc"]));
    expect(result.credentials.map((c) => c.stored.format)).toEqual(["jwt_vc_json"]);
    expect(result.alternativesNotIssued).toEqual(["badge_ldp_vc"]);
    expect(await wallet.credentials.list()).toHaveLength(1);
  });

  it("refuses a credential that fails verification or is about someone else, and stores nothing", async () => {
    const wallet = await testWallet();
    const tampered = await issuerOnLoopback({ tamper: true });
    await expect(acceptCredentialOffer(wallet, tampered.offer(["badge_jwt_vc_json"]))).rejects.toMatchObject({
      code: "PROOF_INVALID",
      message: expect.stringContaining("not saved"),
    });
    const foreign = await issuerOnLoopback({
      subjectOverride: "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK",
    });
    await expect(acceptCredentialOffer(wallet, foreign.offer(["badge_ldp_vc"]))).rejects.toMatchObject({
      code: "HOLDER_MISMATCH",
    });
    expect(await wallet.credentials.list()).toEqual([]);
  });

  it("refuses loopback issuers unless allowed, an unknown configuration before spending the code, and bad links", async () => {
    const issuer = await issuerOnLoopback();
    const strict = await testWallet({ allowLoopback: false });
    await expect(acceptCredentialOffer(strict, issuer.offer(["badge_ldp_vc"]))).rejects.toMatchObject({
      code: "DID_NETWORK_BLOCKED",
    });
    const wallet = await testWallet();
    await expect(acceptCredentialOffer(wallet, issuer.offer(["badge_mdoc"]))).rejects.toMatchObject({
      code: "CREDENTIAL_CONFIGURATION_UNKNOWN",
    });
    expect(issuer.seen.tokenRequests).toHaveLength(0);
    await expect(acceptCredentialOffer(wallet, "hello")).rejects.toMatchObject({ code: "URL_INVALID" });
    await expect(acceptCredentialOffer(wallet, "openid-credential-offer://?foo=1")).rejects.toMatchObject({
      code: "URL_INVALID",
    });
  });
});
