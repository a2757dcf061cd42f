/**
 * Interop with an OpenID4VCI client nobody here wrote: `@sphereon/oid4vci-client` 0.20.1 against the Node
 * centre running as a real process on loopback HTTP (an embedded libSQL file, its sample achievements).
 *
 * The client resolves our offer URI (credential_offer_uri), reads our issuer and authorization server
 * metadata, exchanges the pre-authorized code and PIN at our token endpoint, fetches a c_nonce from our nonce
 * endpoint, builds and signs the key proof with its ProofOfPossessionBuilder, and posts the credential
 * request. Its newest mode (VER_1_0_15, draft 15) sends the draft's singular `proof`, which OpenID4VCI 1.0
 * replaced by `proofs`; it has no 1.0 mode. Our issuer reads that `proof` as `proofs.jwt[0]` when `proofs` is
 * absent (specs/wallets.md, compatibility), so the client's stock call, `acquireCredentials`, obtains
 * credentials in both formats, which the centre's own verify endpoint then verifies. The strict 1.0 body,
 * `proofs: {jwt: [<its proof>]}`, handed to the client's own request client, still works; a body with both is
 * refused as ambiguous. The pre-authorized code the client reads is minted for its fetch of the offer: short
 * lived, single use, never the offer's id.
 */

import {
  CredentialRequestClientBuilderV1_0_15,
  OpenID4VCIClientV1_0_15,
  ProofOfPossessionBuilder,
} from "@sphereon/oid4vci-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createSigner,
  generateKeyPair,
  type KeyPair,
  type SignatureAlgorithm,
  toBase64Url,
  utf8,
} from "../../packages/core/src/index.ts";
// The root has no workspace links: the engine is imported from its source.
import { didJwkFromPublicKey, didKeyFromPublicKey } from "../../packages/credentials/src/index.ts";
import { type CentreProcess, freePort, startCentreProcess, tempDir } from "../node/centre-process.ts";

const ACHIEVEMENT = "digital-skills-for-seniors";

interface Centre {
  readonly base: string;
  readonly token: string;
  readonly process: CentreProcess;
}

const running: CentreProcess[] = [];
afterAll(async () => {
  await Promise.all(running.splice(0).map((c) => c.stop("SIGKILL")));
});

async function startCentre(path = ""): Promise<Centre> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}${path}`;
  const process = await startCentreProcess(
    { PORT: String(port), PUBLIC_URL: base },
    await tempDir("learnbridge-interop-"),
  );
  running.push(process);
  return { base, token: process.adminToken ?? "", process };
}

// biome-ignore lint/suspicious/noExplicitAny: JSON answers are checked field by field below.
type Answer = { status: number; body: any };

async function call(centre: Centre, path: string, body: unknown, token?: string): Promise<Answer> {
  const response = await fetch(`${centre.base}${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

/** A wallet key: its DID, the kid its proofs name, and the sign callback Sphereon's builder calls. */
async function walletKey(method: "key" | "jwk", algorithm: SignatureAlgorithm) {
  const pair: KeyPair = await generateKeyPair(algorithm);
  const did = method === "key" ? didKeyFromPublicKey(pair.publicKey) : didJwkFromPublicKey(pair.publicKey);
  const kid = method === "key" ? `${did}#${did.slice("did:key:".length)}` : `${did}#0`;
  const signer = createSigner(pair, kid);
  const signCallback = async (args: { header: unknown; payload: unknown }) => {
    const input = `${toBase64Url(utf8(JSON.stringify(args.header)))}.${toBase64Url(utf8(JSON.stringify(args.payload)))}`;
    return `${input}.${toBase64Url(await signer.sign(utf8(input)))}`;
  };
  return { did, kid, algorithm, signCallback };
}

/** Staff offer the sample achievement; the answer carries the offer URI and the PIN. */
async function makeOffer(centre: Centre) {
  const offer = await call(
    centre,
    "/oid4vci/offers",
    { achievement: ACHIEVEMENT, learner: { name: "Amina Yusuf", language: "en" } },
    centre.token,
  );
  expect(offer.status).toBe(201);
  return offer.body as { id: string; offerUri: string; pin: string };
}

/** Sphereon resolves the offer and the metadata, and gets an access token with the PIN. */
async function sphereonClient(
  offer: { offerUri: string; pin: string },
  key: Awaited<ReturnType<typeof walletKey>>,
) {
  const client = await OpenID4VCIClientV1_0_15.fromURI({
    uri: offer.offerUri,
    kid: key.kid,
    alg: key.algorithm,
  });
  await client.acquireAccessToken({ pin: offer.pin });
  return client;
}

type WalletKey = Awaited<ReturnType<typeof walletKey>>;

const formatOf = (configurationId: string) =>
  configurationId.endsWith("_ldp_vc") ? ("ldp_vc" as const) : ("jwt_vc_json" as const);

/** The client's stock path: it builds the draft-15 request (singular `proof`) and posts it. */
function acquireStock(client: OpenID4VCIClientV1_0_15, key: WalletKey, configurationId: string) {
  return client.acquireCredentials({
    credentialConfigurationId: configurationId,
    format: formatOf(configurationId),
    proofCallbacks: { signCallback: key.signCallback },
    kid: key.kid,
    alg: key.algorithm,
  });
}

/**
 * A credential request of our own shape, with a key proof built and signed by Sphereon's builder on a fresh
 * c_nonce, posted by Sphereon's request client: `1.0` is `proofs: {jwt: [...]}`, `both` adds the draft `proof`.
 */
async function requestCredential(
  client: OpenID4VCIClientV1_0_15,
  key: WalletKey,
  configurationId: string,
  shape: "1.0" | "both" = "1.0",
) {
  const nonce = await client.acquireNonce();
  const proof = await ProofOfPossessionBuilder.fromAccessTokenResponse({
    accessTokenResponse: { ...client.accessTokenResponse, c_nonce: nonce },
    callbacks: { signCallback: key.signCallback },
    version: client.version(),
  })
    .withIssuer(client.getIssuer())
    .withAlg(key.algorithm)
    .withKid(key.kid)
    .withAccessTokenNonce(nonce)
    .build();
  const requestClient = CredentialRequestClientBuilderV1_0_15.fromCredentialOffer({
    credentialOffer: client.credentialOffer as NonNullable<typeof client.credentialOffer>,
    metadata: client.endpointMetadata,
  })
    .withTokenFromResponse(client.accessTokenResponse)
    .build();
  // biome-ignore lint/suspicious/noExplicitAny: the 1.0 body is not among the draft-15 request types of 0.20.1.
  const request: any = {
    credential_configuration_id: configurationId,
    proofs: { jwt: [proof.jwt] },
    ...(shape === "both" ? { proof } : {}),
  };
  return requestClient.acquireCredentialsUsingRequest(request, formatOf(configurationId));
}

/** The one credential of a credential response, verified by the centre's own verify endpoint. */
async function expectVerified(centre: Centre, body: unknown, holder: string) {
  const credentials = (body as { credentials: { credential: unknown }[] }).credentials;
  expect(credentials).toHaveLength(1);
  const credential = credentials[0]?.credential;
  const verifiableCredential =
    typeof credential === "string"
      ? {
          "@context": "https://www.w3.org/ns/credentials/v2",
          type: "EnvelopedVerifiableCredential",
          id: `data:application/vc+jwt,${credential}`,
        }
      : credential;
  const verified = await call(centre, "/credentials/verify", { verifiableCredential });
  expect(verified.status).toBe(200);
  expect(verified.body.verified).toBe(true);
  expect(verified.body.document.credentialSubject.id).toBe(holder);
}

/** How many credentials the centre has issued. */
async function issuedCount(centre: Centre): Promise<number> {
  const listed = await fetch(`${centre.base}/credentials?limit=100`, {
    headers: { Authorization: `Bearer ${centre.token}` },
  });
  return ((await listed.json()) as { credentials: unknown[] }).credentials.length;
}

describe("@sphereon/oid4vci-client 0.20.1 against our OpenID4VCI 1.0 issuer over loopback HTTP", () => {
  let centre: Centre;
  beforeAll(async () => {
    centre = await startCentre();
  });

  it("resolves the offer and metadata, gets a token with the PIN; its stock request carries the draft `proof`", async () => {
    const offer = await makeOffer(centre);
    const key = await walletKey("key", "EdDSA");
    const client = await sphereonClient(offer, key);
    expect(client.getIssuer()).toBe(centre.base);
    expect(client.endpointMetadata.token_endpoint).toBe(`${centre.base}/oid4vci/token`);
    expect(client.endpointMetadata.credential_endpoint).toBe(`${centre.base}/oid4vci/credential`);
    // A code minted for this fetch of the offer, not the offer's id.
    expect(client.credentialOffer?.preAuthorizedCode).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(client.credentialOffer?.preAuthorizedCode).not.toBe(offer.id);
    expect(client.credentialOffer?.txCode).toMatchObject({ input_mode: "numeric", length: 6 });
    expect(client.accessTokenResponse).toMatchObject({ token_type: "Bearer", expires_in: 300 });
    // The body its request client builds is draft 15's: the singular `proof`, no `proofs`.
    const nonce = await client.acquireNonce();
    const requestClient = CredentialRequestClientBuilderV1_0_15.fromCredentialOffer({
      credentialOffer: client.credentialOffer as NonNullable<typeof client.credentialOffer>,
      metadata: client.endpointMetadata,
    })
      .withTokenFromResponse(client.accessTokenResponse)
      .withCredentialConfigurationId(`${ACHIEVEMENT}_ldp_vc`)
      .build();
    const draft = await requestClient.createCredentialRequest({
      proofInput: ProofOfPossessionBuilder.fromAccessTokenResponse({
        accessTokenResponse: { ...client.accessTokenResponse, c_nonce: nonce },
        callbacks: { signCallback: key.signCallback },
        version: client.version(),
      })
        .withIssuer(client.getIssuer())
        .withAlg(key.algorithm)
        .withKid(key.kid)
        .withAccessTokenNonce(nonce),
      version: client.version(),
    });
    expect(draft).toMatchObject({
      credential_configuration_id: `${ACHIEVEMENT}_ldp_vc`,
      proof: { proof_type: "jwt", jwt: expect.any(String) },
    });
    expect(draft).not.toHaveProperty("proofs");
  });

  for (const [method, algorithm, configuration] of [
    ["key", "EdDSA", `${ACHIEVEMENT}_ldp_vc`],
    ["jwk", "ES256", `${ACHIEVEMENT}_jwt_vc_json`],
  ] as const) {
    it(`obtains ${configuration} for a did:${method} (${algorithm}) holder through the stock acquireCredentials`, async () => {
      const offer = await makeOffer(centre);
      const key = await walletKey(method, algorithm);
      const client = await sphereonClient(offer, key);
      const before = await issuedCount(centre);
      const response = await acquireStock(client, key, configuration);
      await expectVerified(centre, response, key.did);
      expect(await issuedCount(centre)).toBe(before + 1);
      // The same access token works once: the offer is spent, and nothing more is issued.
      await expect(acquireStock(client, key, configuration)).rejects.toThrow(/failed with status: 400/);
      const again = await requestCredential(client, key, configuration);
      expect(again.errorBody).toMatchObject({ error: "credential_request_denied", code: "GRANT_USED" });
      expect(await issuedCount(centre)).toBe(before + 1);
    });

    it(`obtains ${configuration} for a did:${method} (${algorithm}) holder with the strict 1.0 request`, async () => {
      const offer = await makeOffer(centre);
      const key = await walletKey(method, algorithm);
      const client = await sphereonClient(offer, key);
      const response = await requestCredential(client, key, configuration);
      expect(response.errorBody).toBeUndefined();
      expect(response.origResponse.status).toBe(200);
      await expectVerified(centre, response.successBody, key.did);
      // The same access token and PIN work once: the offer is spent.
      const again = await requestCredential(client, key, configuration);
      expect(again.errorBody).toMatchObject({ error: "credential_request_denied", code: "GRANT_USED" });
    });
  }

  it("refuses a request with both `proof` and `proofs` as ambiguous; nothing is issued, the offer stays", async () => {
    const offer = await makeOffer(centre);
    const key = await walletKey("key", "EdDSA");
    const client = await sphereonClient(offer, key);
    const before = await issuedCount(centre);
    const both = await requestCredential(client, key, `${ACHIEVEMENT}_ldp_vc`, "both");
    expect(both.errorBody).toMatchObject({ error: "invalid_credential_request", code: "BAD_REQUEST" });
    expect(both.errorBody?.error_description).toMatch(/not both/);
    expect(await issuedCount(centre)).toBe(before);
    await expectVerified(centre, await acquireStock(client, key, `${ACHIEVEMENT}_ldp_vc`), key.did);
  });

  it("wrong PINs are refused to the client, and the sixth try is locked", async () => {
    const offer = await makeOffer(centre);
    const key = await walletKey("key", "EdDSA");
    const wrong = offer.pin === "000000" ? "111111" : "000000";
    for (let i = 0; i < 6; i++) {
      const client = await OpenID4VCIClientV1_0_15.fromURI({
        uri: offer.offerUri,
        kid: key.kid,
        alg: key.algorithm,
      });
      await expect(client.acquireAccessToken({ pin: i < 5 ? wrong : offer.pin })).rejects.toThrow(
        /failed with status: 400/,
      );
    }
    const document = (await (await fetch(`${centre.base}/oid4vci/offers/${offer.id}`)).json()) as {
      grants: Record<string, { "pre-authorized_code": string }>;
    };
    const token = await fetch(`${centre.base}/oid4vci/token`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "urn:ietf:params:oauth:grant-type:pre-authorized_code",
        "pre-authorized_code": Object.values(document.grants)[0]?.["pre-authorized_code"] as string,
        tx_code: offer.pin,
      }),
    });
    expect(await token.json()).toMatchObject({ error: "invalid_grant", code: "TX_CODE_LOCKED" });
  });
});

describe("@sphereon/oid4vci-client with a centre under a path", () => {
  it("finds the metadata where it looks (<issuer>/.well-known/…) and obtains a credential", async () => {
    const centre = await startCentre("/lahore");
    const offer = await makeOffer(centre);
    const key = await walletKey("key", "EdDSA");
    const client = await sphereonClient(offer, key);
    expect(client.getIssuer()).toBe(centre.base);
    await expectVerified(centre, await acquireStock(client, key, `${ACHIEVEMENT}_ldp_vc`), key.did);
  });
});
