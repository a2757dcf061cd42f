/**
 * Interop: a VC-API exchange completed over real loopback HTTP by a client written only from the shapes of
 * the specifications (W3C VCALM exchanges, the VP Request spec's DIDAuthentication query, the Learner
 * Credential Wallet's wallet-API request link), not from this node's code. The client holds a did:key, signs
 * its DIDAuth presentation with the credential engine's Data Integrity signing, and verifies the credential
 * it receives by resolving the issuer's did:web and status list over HTTP, like any verifier would. The
 * centre is assembled as the Node root assembles it, on a migrated libSQL file.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MemoryChallengeStore } from "../../packages/app/src/challenges.ts";
import { assembleCentre, type Centre } from "../../packages/app/src/index.ts";
import { CLAIM_ACHIEVEMENT } from "../../packages/app/src/vc-api/claim-test-centre.ts";
import {
  createSigner,
  generateKeyPair,
  publicKeyToMultibase,
  randomBytes,
} from "../../packages/core/src/index.ts";
import {
  addDataIntegrityProof,
  didKeyFromPublicKey,
  verifyCredential,
} from "../../packages/credentials/src/index.ts";
import {
  createOffer,
  lcwDeepLinkOf,
  type OfferContext,
  offerUrls,
} from "../../packages/exchange/src/index.ts";
import { Achievements } from "../../packages/issuer/src/index.ts";
import { libsqlCentreStores, migrate } from "../../packages/store/src/index.ts";
import { libsqlBackends } from "../../packages/store/src/testing/index.ts";

// biome-ignore lint/suspicious/noExplicitAny: the client reads JSON answers field by field, as a wallet does.
type Json = any;

let server: Server;
let base: string;
let centre: Centre;
/** Staff's side: makes an offer in the centre's own database. */
let makeOffer: () => Promise<{ id: string }>;
const fileBackend = libsqlBackends()[1];

/** Serves `fetch` on 127.0.0.1 with node:http: the request as the network delivered it, the answer back. */
function serveOnLoopback(handle: () => (request: Request) => Response | Promise<Response>): Promise<Server> {
  const http = createServer(async (req, res) => {
    const chunks: Uint8Array[] = [];
    for await (const chunk of req) chunks.push(chunk as Uint8Array);
    const body = Buffer.concat(chunks);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
    }
    const response = await handle()(
      new Request(`${base}${req.url}`, {
        method: req.method ?? "GET",
        headers,
        ...(body.length > 0 ? { body } : {}),
      }),
    );
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  return new Promise((resolve) => http.listen(0, "127.0.0.1", () => resolve(http)));
}

beforeAll(async () => {
  server = await serveOnLoopback(() => centre.app.fetch);
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = await fileBackend.open();
  await migrate(client);
  const stores = { ...libsqlCentreStores(client), challenges: new MemoryChallengeStore() };
  centre = await assembleCentre({ publicUrl: base, stores, masterKey: randomBytes(32) });
  const achievements = new Achievements({ repository: stores.achievements, publicUrl: base });
  await achievements.define(CLAIM_ACHIEVEMENT, { actor: "staff" });
  await stores.profile.put({
    name: { en: "Loopback Open Learning Centre" },
    sourceLanguage: "en",
    updatedAt: new Date().toISOString(),
  });
  const context: OfferContext = {
    offers: stores.offers,
    achievements,
    profile: stores.profile,
    issuance: centre.issuance,
    credentials: stores.credentials,
    did: centre.did,
  };
  makeOffer = async () =>
    (
      await createOffer(context, {
        achievement: CLAIM_ACHIEVEMENT.slug,
        learner: { name: "Wanjiru" },
        txCode: false,
        actor: "staff",
      })
    ).offer;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** The wallet: a did:key and the exchange client. */
async function wallet() {
  const pair = await generateKeyPair("EdDSA");
  const did = didKeyFromPublicKey(pair.publicKey);
  const signer = createSigner(pair, `${did}#${publicKeyToMultibase(pair.publicKey)}`);
  const post = async (url: string, message: unknown) => {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify(message),
    });
    return {
      status: response.status,
      type: response.headers.get("content-type"),
      body: (await response.json()) as Json,
    };
  };
  /** Answers a VP request's DIDAuthentication query: a presentation by this DID over its challenge and domain. */
  const authenticate = (request: Json) =>
    addDataIntegrityProof(
      { "@context": ["https://www.w3.org/ns/credentials/v2"], type: ["VerifiablePresentation"], holder: did },
      { signer, proofPurpose: "authentication", challenge: request.challenge, domain: request.domain },
    );
  return { did, post, authenticate };
}

describe("a VC-API exchange, by a client written from the specifications", () => {
  it("claims an offer from a Learner Credential Wallet link and verifies what it receives", async () => {
    const offer = await makeOffer();
    const link = lcwDeepLinkOf({ exchangeUrl: offerUrls(base, offer.id).exchange });
    const client = await wallet();

    // LCW's wallet API request: https://lcw.app/request?request=<JSON { credentialRequestOrigin, protocols }>.
    const invitation = JSON.parse(new URL(link).searchParams.get("request") as string);
    expect(invitation.credentialRequestOrigin).toBe(base);
    const exchangeUrl: string = invitation.protocols.vcapi;

    // VCALM Get Exchange Protocols.
    const discovered = (await (
      await fetch(`${exchangeUrl}/protocols`, { headers: { accept: "application/json" } })
    ).json()) as Json;
    expect(discovered.protocols.vcapi).toBe(exchangeUrl);
    expect(discovered.protocols.OID4VCI).toMatch(/^openid-credential-offer:\/\/\?credential_offer_uri=/);

    // Participate: {} -> a Verifiable Presentation Request.
    const first = await client.post(exchangeUrl, {});
    expect(first.status).toBe(200);
    const request = first.body.verifiablePresentationRequest;
    const queries = [request.query].flat();
    expect(queries.some((q: Json) => q.type === "DIDAuthentication")).toBe(true);
    expect(queries[0].acceptedMethods.map((m: Json) => m.method)).toContain("key");
    expect(typeof request.challenge).toBe("string");
    expect(typeof request.domain).toBe("string");

    // Participate: { verifiablePresentation } -> a Verifiable Presentation carrying the credential.
    const next = request.interact?.service?.[0]?.serviceEndpoint ?? exchangeUrl;
    const vp = await client.authenticate(request);
    const second = await client.post(next, { verifiablePresentation: vp });
    expect(second.status).toBe(200);
    const credentials = [second.body.verifiablePresentation.verifiableCredential].flat();
    expect(credentials).toHaveLength(1);
    const credential = credentials[0];
    expect(credential.credentialSubject.id).toBe(client.did);

    // Verified as a stranger would: the issuer's did:web and its status list fetched over HTTP.
    const report = await verifyCredential(credential, {
      network: { allowHttp: true, allowPrivateNetwork: true },
    });
    expect(report.checks.filter((c) => c.outcome === "fail")).toEqual([]);
    expect(report.verified).toBe(true);
    expect(report.checks.find((c) => c.name === "status")?.outcome).toBe("pass");

    // The same presentation again: the exchange is complete, an RFC 9457 problem says so, with the 400
    // VCALM lists for a step the exchange cannot take.
    const replay = await client.post(exchangeUrl, { verifiablePresentation: vp });
    expect(replay.status).toBe(400);
    expect(replay.type).toBe("application/problem+json");
    expect(replay.body.code).toBe("EXCHANGE_STATE_INVALID");
    const state = (await (await fetch(exchangeUrl)).json()) as Json;
    expect(state.state).toBe("complete");
  });
});
