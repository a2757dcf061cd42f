/**
 * The OpenID4VP 1.0 Authorization Request as this verifier sends it: a Request Object (JAR, RFC 9101) signed
 * by the node's key and fetched by reference, a `decentralized_identifier:` client id naming the node's DID
 * (§5.9.3: the wallet takes the key from the DID document's verification method named by `kid`), response
 * type `vp_token` posted back with `direct_post`, or with `direct_post.jwt` encrypted to the request's own key
 * (§8.3: `client_metadata.jwks` and `encrypted_response_enc_values_supported`), and the wallet link that
 * carries only client id and URI.
 */
import { type Signer, toBase64Url, utf8 } from "@learnbridge/core";
import type { DcqlQuery } from "./dcql.ts";
import { RESPONSE_ENC_VALUES, type ResponseEncryptionJwk } from "./response-encryption.ts";

/** The Client Identifier Prefix for a verifier known by its DID (§5.9.3). */
export const CLIENT_ID_PREFIX = "decentralized_identifier";
/** The `typ` of a Request Object (§5; RFC 9101 §10.8). */
export const REQUEST_OBJECT_TYP = "oauth-authz-req+jwt";
/** The media type the request URI answers with (§5.10.1). */
export const REQUEST_OBJECT_MEDIA_TYPE = "application/oauth-authz-req+jwt";
/** The `aud` of a Request Object under static discovery (§5.8). */
export const STATIC_DISCOVERY_AUDIENCE = "https://self-issued.me/v2";

/** What this verifier accepts, per format (Appendix B.1.3): sent as `client_metadata.vp_formats_supported`. */
export const VP_FORMATS_SUPPORTED = {
  ldp_vc: {
    proof_type_values: ["DataIntegrityProof", "Ed25519Signature2020"],
    cryptosuite_values: ["eddsa-rdfc-2022", "eddsa-jcs-2022"],
  },
  jwt_vc_json: { alg_values: ["EdDSA", "Ed25519", "ES256"] },
} as const;

/** The client id of the verifier whose DID is `did`; presentations must name it as their audience in full. */
export const clientIdOf = (did: string): string => `${CLIENT_ID_PREFIX}:${did}`;

/** The parameters of one Authorization Request. */
export interface AuthorizationRequestParameters {
  readonly clientId: string;
  readonly responseUri: string;
  readonly nonce: string;
  readonly state: string;
  readonly dcqlQuery: DcqlQuery;
  /** Seconds since the epoch. */
  readonly issuedAt: number;
  /** Seconds since the epoch; the request's own expiry. */
  readonly expiresAt: number;
  /** For `direct_post.jwt`: the request's own encryption key (public); absent, the answer is `direct_post`. */
  readonly responseKey?: ResponseEncryptionJwk;
}

/** The claims of the Request Object (§5.1, §5.2, §8.2, §8.3). */
export function requestObjectClaims(request: AuthorizationRequestParameters): Record<string, unknown> {
  const encryption = request.responseKey && {
    jwks: { keys: [request.responseKey] },
    // HAIP 1.0 asks a verifier to list both.
    encrypted_response_enc_values_supported: [...RESPONSE_ENC_VALUES],
  };
  return {
    // Present only so JAR libraries that expect it do not break; wallets ignore it (§5).
    iss: request.clientId,
    aud: STATIC_DISCOVERY_AUDIENCE,
    iat: request.issuedAt,
    exp: request.expiresAt,
    client_id: request.clientId,
    response_type: "vp_token",
    response_mode: request.responseKey ? "direct_post.jwt" : "direct_post",
    response_uri: request.responseUri,
    nonce: request.nonce,
    state: request.state,
    dcql_query: request.dcqlQuery,
    client_metadata: { ...encryption, vp_formats_supported: VP_FORMATS_SUPPORTED },
  };
}

/**
 * Signs the Request Object as a compact JWS with the verifier's key; `kid` is the DID URL of that key.
 * @example const jwt = await signRequestObject(requestObjectClaims(params), await keys.signer());
 */
export async function signRequestObject(claims: Record<string, unknown>, signer: Signer): Promise<string> {
  if (!signer || typeof signer.sign !== "function")
    throw new TypeError("signRequestObject: a signer is required");
  const header = { alg: signer.algorithm, typ: REQUEST_OBJECT_TYP, kid: signer.keyId };
  const input = `${toBase64Url(utf8(JSON.stringify(header)))}.${toBase64Url(utf8(JSON.stringify(claims)))}`;
  const signature = await signer.sign(utf8(input));
  return `${input}.${toBase64Url(signature)}`;
}

/**
 * The link a wallet opens (or a QR code carries): the custom scheme of §9 with only `client_id` and
 * `request_uri`, which the wallet dereferences to get the signed request.
 */
export function walletLink(clientId: string, requestUri: string): string {
  const query = new URLSearchParams({ client_id: clientId, request_uri: requestUri });
  return `openid4vp://?${query.toString()}`;
}
