/**
 * Test support for the OpenID4VP routes: the test centre with a presentation request store (it issues the
 * credentials and verifies the answers), a learner's wallet key (did:key), and the wallet's side of the
 * protocol done by hand from the specification: fetch the request object, sign a presentation bound to its
 * nonce and client id, post it form-encoded (`direct_post`), or encrypted to the request's key in `response`
 * (`direct_post.jwt`).
 */
import { type Clock, createSigner, fromBase64Url, fromUtf8, generateKeyPair } from "@learnbridge/core";
import {
  addDataIntegrityProof,
  createKeyResolver,
  didKeyFromPublicKey,
  signPresentationJwt,
  type VerifierOptions,
} from "@learnbridge/credentials";
import {
  encryptResponse,
  MemoryPresentationRequestStore,
  type ResponseEnc,
  type ResponseEncryptionJwk,
  type ResponseMode,
} from "@learnbridge/exchange";
import { createKeyVault } from "@learnbridge/issuer";
import { createCentreApp } from "../app.ts";
import {
  CENTRE_DID,
  CENTRE_URL,
  issueViaApi,
  NOW,
  postJson,
  testCentre,
} from "../test-support/test-centre.ts";

/** A clock the test moves. */
export function movableClock(start = NOW) {
  let now = start.getTime();
  const clock: Clock = () => new Date(now);
  const advance = (ms: number) => {
    now += ms;
  };
  return { clock, advance };
}

/** The test centre, with the verifier's routes on and its store at hand. */
export async function verifierCentre(
  options: { clock?: Clock; resultTtlMs?: number; responseMode?: ResponseMode } = {},
) {
  const clock = options.clock ?? (() => NOW);
  const centre = await testCentre({ clock });
  const store = new MemoryPresentationRequestStore();
  const verifier: VerifierOptions = {
    // The centre's DID document as published now; did:key holders resolve by themselves.
    resolveKey: async (id, purpose) =>
      createKeyResolver({ documents: new Map([[CENTRE_DID, await centre.keys.didDocument()]]) })(id, purpose),
    fetchStatusList: async (url) => {
      const response = await centre.app.request(url);
      if (!response.ok)
        return { ok: false, code: "STATUS_LIST_UNAVAILABLE", message: `HTTP ${response.status}` };
      return { ok: true, value: await response.json() };
    },
  };
  // Its own master key, as a centre has: the vault seals each encrypted request's key in the store.
  const vault = await createKeyVault(crypto.getRandomValues(new Uint8Array(32)));
  const app = createCentreApp({
    publicUrl: CENTRE_URL,
    keys: centre.keys,
    issuance: centre.issuance,
    credentials: centre.credentials,
    statusLists: centre.statusLists,
    apiKeys: centre.apiKeys,
    audit: centre.audit,
    challenges: centre.challenges,
    achievements: centre.achievements,
    profile: centre.profile,
    jobs: centre.jobs,
    jobRunner: centre.jobRunner,
    verifier,
    clock,
    oid4vp: {
      store,
      vault,
      ...(options.resultTtlMs ? { resultTtlMs: options.resultTtlMs } : {}),
      ...(options.responseMode ? { responseMode: options.responseMode } : {}),
    },
  });
  return { ...centre, app, store, vault, verifier };
}

/** A learner's wallet key: an Ed25519 did:key and its signer. */
export async function learnerWallet() {
  const pair = await generateKeyPair("EdDSA");
  const did = didKeyFromPublicKey(pair.publicKey);
  return { did, signer: createSigner(pair, `${did}#${did.slice("did:key:".length)}`) };
}

export type VerifierCentre = Awaited<ReturnType<typeof verifierCentre>>;
export type LearnerWallet = Awaited<ReturnType<typeof learnerWallet>>;

/** What `POST /oid4vp/requests` answers. */
export interface CreatedRequest {
  id: string;
  status: string;
  clientId: string;
  requestUri: string;
  walletLink: string;
  responseMode: ResponseMode;
  readToken: string;
  resultUrl: string;
  pageUrl: string;
  qrCodeUrl: string;
  expiresAt: string;
}

/** Creates a request (the default asks for the test centre's data-101 badge). */
export async function createRequest(
  centre: VerifierCentre,
  body: unknown = { achievement: "https://centre.example/achievements/data-101" },
  headers: Record<string, string> = {},
): Promise<CreatedRequest> {
  const response = await postJson(centre.app, "/oid4vp/requests", body, { headers });
  if (response.status !== 201) throw new Error(`create failed: ${response.status} ${await response.text()}`);
  return (await response.json()) as CreatedRequest;
}

/** The decoded request object (header and claims), as a wallet gets it from the link's request_uri. */
export async function fetchRequestObject(centre: VerifierCentre, walletLink: string) {
  const link = new URL(walletLink);
  const response = await centre.app.request(link.searchParams.get("request_uri") ?? "");
  if (response.status !== 200) throw new Error(`request object: ${response.status} ${await response.text()}`);
  const jwt = await response.text();
  const [header, payload] = jwt
    .split(".")
    .slice(0, 2)
    .map((part) => JSON.parse(fromUtf8(fromBase64Url(part))));
  return {
    jwt,
    contentType: response.headers.get("content-type"),
    linkClientId: link.searchParams.get("client_id"),
    header: header as Record<string, unknown>,
    claims: payload as {
      client_id: string;
      response_uri: string;
      nonce: string;
      state: string;
      dcql_query: { credentials: { id: string; format: string }[] };
      [claim: string]: unknown;
    },
  };
}

/** A credential issued by the test centre to `learner`, in `format`. */
export const issueTo = (centre: VerifierCentre, learner: string, format: "ldp_vc" | "jwt_vc" = "ldp_vc") =>
  issueViaApi(centre, { learner, format });

/** A Data Integrity presentation signed by the holder, bound to `challenge` and `domain`. */
export function ldpPresentation(
  wallet: LearnerWallet,
  credentials: unknown[],
  binding: { challenge: string; domain: string },
) {
  return addDataIntegrityProof(
    {
      "@context": ["https://www.w3.org/ns/credentials/v2"],
      type: ["VerifiablePresentation"],
      holder: wallet.did,
      verifiableCredential: credentials,
    },
    { signer: wallet.signer, proofPurpose: "authentication", ...binding, clock: () => NOW },
  );
}

/** A VC-JOSE presentation (vp+jwt) signed by the holder, bound by `nonce` and `aud`. */
export function jwtPresentation(
  wallet: LearnerWallet,
  credentials: unknown[],
  binding: { nonce: string; audience: string },
) {
  return signPresentationJwt(
    {
      "@context": ["https://www.w3.org/ns/credentials/v2"],
      type: ["VerifiablePresentation"],
      holder: wallet.did,
      verifiableCredential: credentials,
    },
    { signer: wallet.signer, ...binding },
  );
}

/** Posts an Authorization Response to the response URI, form-encoded as direct_post requires. */
export function postAnswer(centre: VerifierCentre, responseUri: string, fields: Record<string, unknown>) {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) {
    body.set(name, typeof value === "string" ? value : JSON.stringify(value));
  }
  return Promise.resolve(
    centre.app.request(responseUri, {
      method: "POST",
      body: body.toString(),
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    }),
  );
}

/** The request's encryption key from its request object's client_metadata (direct_post.jwt), if any. */
export function responseKeyOf(claims: Record<string, unknown>): ResponseEncryptionJwk | undefined {
  const metadata = claims.client_metadata as { jwks?: { keys?: ResponseEncryptionJwk[] } } | undefined;
  return metadata?.jwks?.keys?.[0];
}

/**
 * An encrypted Authorization Response (direct_post.jwt): the fields (vp_token as an object, state) as the
 * payload of a JWE to the request's key, posted as `response`. `header` rewrites the JWE's protected header
 * to provoke a refusal.
 */
export async function postEncryptedAnswer(
  centre: VerifierCentre,
  claims: Record<string, unknown>,
  fields: Record<string, unknown>,
  options: { enc?: ResponseEnc; jwk?: ResponseEncryptionJwk; extra?: Record<string, unknown> } = {},
) {
  const jwk = options.jwk ?? responseKeyOf(claims);
  if (!jwk) throw new Error("the request object names no encryption key");
  const response = await encryptResponse(fields, { jwk, enc: options.enc ?? "A256GCM" });
  return postAnswer(centre, String(claims.response_uri), { response, ...options.extra });
}

/** Reads the result with the read token (or another, or none). */
export async function readResult(
  centre: VerifierCentre,
  created: CreatedRequest,
  token: string | null = created.readToken,
) {
  return centre.app.request(
    created.resultUrl,
    token ? { headers: { Authorization: `Bearer ${token}` } } : {},
  );
}
