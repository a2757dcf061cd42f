/**
 * Reading an employer's presentation request (OpenID4VP 1.0 §5): the `openid4vp://` link carries the
 * verifier's `client_id` and a `request_uri`; the wallet fetches the signed Request Object there (GET, or
 * POST when `request_uri_method=post`) and checks it before showing the learner anything: `typ`, a signature
 * by a key of the DID that the `decentralized_identifier:` client id names (§5.9.3, resolved with the
 * engine), the same client id inside, `vp_token` by `direct_post` (or `direct_post.jwt`, with a key this
 * wallet can encrypt to), a nonce, a live `exp`, and a DCQL query.
 */
import { type Clock, LearnbridgeError, randomBytes, toBase64Url, verifySignature } from "@learnbridge/core";
import { createKeyResolver, isDid, parseCompactJws, splitFragment } from "@learnbridge/credentials";
import { failureOf, type WalletHttp } from "../http/wallet-http.ts";
import { type DcqlQuery, readDcqlQuery } from "./dcql.ts";
import { type ResponseEncryption, responseEncryptionOf } from "./encrypt-response.ts";

export const CLIENT_ID_PREFIX = "decentralized_identifier:";
const REQUEST_OBJECT_TYP = "oauth-authz-req+jwt";
const ALGORITHMS: Record<string, "EdDSA" | "ES256"> = { EdDSA: "EdDSA", Ed25519: "EdDSA", ES256: "ES256" };

/** What this wallet can present, as `wallet_metadata` (§10) for `request_uri_method=post`. */
export const WALLET_METADATA = {
  vp_formats_supported: {
    ldp_vc: {
      proof_type_values: ["DataIntegrityProof"],
      cryptosuite_values: ["eddsa-rdfc-2022", "eddsa-jcs-2022"],
    },
    jwt_vc_json: { alg_values: ["EdDSA"] },
  },
  client_id_prefixes_supported: ["decentralized_identifier"],
};

/** A checked presentation request. */
export interface PresentationRequest {
  /** The full client id (with its prefix): the audience every presentation names. */
  readonly clientId: string;
  readonly verifierDid: string;
  /** The name the verifier gives itself (`client_metadata.client_name`), unverified. */
  readonly verifierName?: string;
  readonly responseUri: string;
  /** How the answer is posted: plain, or encrypted to `encryption`. */
  readonly responseMode: "direct_post" | "direct_post.jwt";
  /** With `direct_post.jwt`: the verifier's key for this request and the content encryption chosen. */
  readonly encryption?: ResponseEncryption;
  readonly nonce: string;
  readonly state?: string;
  readonly query: DcqlQuery;
  readonly expiresAt?: Date;
  /** `client_metadata.vp_formats_supported`, to pick proof types the verifier accepts. */
  readonly formats: Readonly<Record<string, Record<string, unknown>>>;
}

const bad = (message: string, details: Record<string, unknown> = {}) =>
  new LearnbridgeError("BAD_REQUEST", `the request ${message}`, details);
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** Reads an `openid4vp://` link (or any link with the same query). */
export function parseRequestLink(link: string): {
  clientId: string;
  requestUri: string;
  method: "get" | "post";
} {
  const text = String(link ?? "").trim();
  const url = URL.canParse(text) ? new URL(text) : undefined;
  const clientId = url?.searchParams.get("client_id");
  const requestUri = url?.searchParams.get("request_uri");
  if (!url || !clientId || !requestUri) {
    throw new LearnbridgeError(
      "URL_INVALID",
      "this is not a presentation request link (it needs client_id and request_uri)",
    );
  }
  const method = url.searchParams.get("request_uri_method") ?? "get";
  if (method !== "get" && method !== "post") throw bad(`asks to be fetched with ${method}`);
  return { clientId, requestUri, method };
}

/** Fetches and checks the request a link points to. */
export async function fetchPresentationRequest(
  link: string,
  context: { readonly http: WalletHttp; readonly clock: Clock },
): Promise<PresentationRequest> {
  const { clientId, requestUri, method } = parseRequestLink(link);
  if (!clientId.startsWith(CLIENT_ID_PREFIX) || !isDid(clientId.slice(CLIENT_ID_PREFIX.length))) {
    throw new LearnbridgeError("BAD_REQUEST", "this wallet answers only verifiers identified by a DID", {
      clientId,
    });
  }
  const verifierDid = clientId.slice(CLIENT_ID_PREFIX.length);
  const walletNonce = method === "post" ? toBase64Url(randomBytes(16)) : undefined;
  const answer = await context.http.send(requestUri, {
    method: method === "post" ? "POST" : "GET",
    headers: {
      accept: "application/oauth-authz-req+jwt",
      ...(method === "post" ? { "content-type": "application/x-www-form-urlencoded" } : {}),
    },
    ...(walletNonce
      ? {
          body: new URLSearchParams({
            wallet_metadata: JSON.stringify(WALLET_METADATA),
            wallet_nonce: walletNonce,
          }).toString(),
        }
      : {}),
  });
  if (answer.status !== 200) throw failureOf(answer, "the employer's request could not be fetched");
  const parsed = parseCompactJws(answer.text.trim());
  if (!parsed.ok) throw bad("is not a signed request object", { reason: parsed.message });
  const { header, payload, signingInput, signature } = parsed.value;
  if (header.typ !== REQUEST_OBJECT_TYP)
    throw bad(`object has typ ${String(header.typ)}, not ${REQUEST_OBJECT_TYP}`);
  const algorithm = ALGORITHMS[header.alg];
  if (!algorithm)
    throw new LearnbridgeError("JWT_ALG_UNSUPPORTED", `the request is signed with ${header.alg}`);
  if (typeof header.kid !== "string" || splitFragment(header.kid).base !== verifierDid) {
    throw new LearnbridgeError("PROOF_INVALID", "the request is not signed by a key of the verifier's DID", {
      kid: header.kid,
      verifierDid,
    });
  }
  const resolveKey = createKeyResolver({ ...context.http.network, clock: context.clock });
  let key = await resolveKey(header.kid, { purpose: "authentication" });
  if (!key.ok) key = await resolveKey(header.kid, { purpose: "assertionMethod" });
  if (!key.ok)
    throw new LearnbridgeError(key.code, `the verifier's key could not be found: ${key.message}`, {
      kid: header.kid,
    });
  if (
    key.value.publicKey.algorithm !== algorithm ||
    !(await verifySignature(key.value.publicKey, signingInput, signature))
  ) {
    throw new LearnbridgeError("PROOF_INVALID", "the request's signature does not match the verifier's key", {
      kid: header.kid,
    });
  }
  return readClaims(payload, { clientId, verifierDid, walletNonce, now: context.clock() });
}

function readClaims(
  payload: Record<string, unknown>,
  expected: { clientId: string; verifierDid: string; walletNonce: string | undefined; now: Date },
): PresentationRequest {
  if (payload.client_id !== expected.clientId) throw bad("names another client_id inside than its link");
  if (expected.walletNonce !== undefined && payload.wallet_nonce !== expected.walletNonce) {
    throw bad("does not answer this wallet's nonce");
  }
  if (typeof payload.exp === "number" && payload.exp * 1000 <= expected.now.getTime()) {
    throw new LearnbridgeError(
      "PRESENTATION_REQUEST_EXPIRED",
      "the employer's request has expired; ask them for a new one",
    );
  }
  if (payload.response_type !== "vp_token")
    throw bad(`asks for ${String(payload.response_type)}, not vp_token`);
  const responseMode = payload.response_mode;
  if (responseMode !== "direct_post" && responseMode !== "direct_post.jwt") {
    throw bad(
      `wants the answer by ${String(responseMode)}; this wallet answers by direct_post or direct_post.jwt`,
    );
  }
  const responseUri = payload.response_uri;
  if (typeof responseUri !== "string" || !URL.canParse(responseUri)) throw bad("has no valid response_uri");
  if (typeof payload.nonce !== "string" || payload.nonce.length === 0) throw bad("has no nonce");
  if (payload.state !== undefined && typeof payload.state !== "string") throw bad("has a malformed state");
  if (payload.dcql_query === undefined)
    throw bad("has no dcql_query (presentation definitions are not supported)");
  const metadata = isObject(payload.client_metadata) ? payload.client_metadata : {};
  const formats = isObject(metadata.vp_formats_supported) ? metadata.vp_formats_supported : {};
  const encryption = responseMode === "direct_post.jwt" ? responseEncryptionOf(metadata) : undefined;
  if (responseMode === "direct_post.jwt" && !encryption) {
    throw bad("asks for an encrypted answer without a P-256 ECDH-ES key and an enc this wallet can use");
  }
  return {
    clientId: expected.clientId,
    verifierDid: expected.verifierDid,
    ...(typeof metadata.client_name === "string" ? { verifierName: metadata.client_name.slice(0, 200) } : {}),
    responseUri,
    responseMode,
    ...(encryption ? { encryption } : {}),
    nonce: payload.nonce,
    ...(typeof payload.state === "string" ? { state: payload.state } : {}),
    query: readDcqlQuery(payload.dcql_query),
    ...(typeof payload.exp === "number" ? { expiresAt: new Date(payload.exp * 1000) } : {}),
    formats: Object.fromEntries(
      Object.entries(formats).filter((e): e is [string, Record<string, unknown>] => isObject(e[1])),
    ),
  };
}
