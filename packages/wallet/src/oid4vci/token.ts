/**
 * The token step of the pre-authorized code flow (OpenID4VCI 1.0 §6): find the authorization server's token
 * endpoint (RFC 8414 metadata, or OpenID Connect discovery), trade the pre-authorized code (and the PIN) for
 * an access token, and fetch a fresh `c_nonce` from the nonce endpoint (§7).
 */
import { LearnbridgeError } from "@learnbridge/core";
import { failureOf, jsonObjectOf, type WalletHttp } from "../http/wallet-http.ts";
import { PRE_AUTHORIZED_GRANT } from "./credential-offer.ts";
import { wellKnownUrl } from "./issuer-metadata.ts";

/** An access token and the credential identifiers it was granted, by configuration id. */
export interface AccessToken {
  readonly accessToken: string;
  readonly credentialIdentifiers: ReadonlyMap<string, readonly string[]>;
}

/** The token endpoint of an authorization server (RFC 8414 first, then OpenID Connect discovery). */
export async function fetchTokenEndpoint(server: string, http: WalletHttp): Promise<string> {
  const places = [
    wellKnownUrl(server, "oauth-authorization-server"),
    `${server.replace(/\/+$/, "")}/.well-known/openid-configuration`,
  ];
  for (const place of places) {
    const answer = await http.send(place, { headers: { accept: "application/json" } });
    if (answer.status === 404) continue;
    if (answer.status !== 200) throw failureOf(answer, "the issuer's sign-in service could not be described");
    const endpoint = jsonObjectOf(answer, "the authorization server metadata").token_endpoint;
    if (typeof endpoint !== "string" || !URL.canParse(endpoint)) {
      throw new LearnbridgeError("FIELD_INVALID", "the authorization server names no valid token_endpoint");
    }
    return endpoint;
  }
  throw new LearnbridgeError("NOT_FOUND", `no authorization server metadata at ${server}`, { server });
}

/** Trades a pre-authorized code for an access token (form-encoded, §6.1). */
export async function requestAccessToken(
  tokenEndpoint: string,
  grant: { readonly preAuthorizedCode: string; readonly txCode?: string },
  http: WalletHttp,
): Promise<AccessToken> {
  const form = new URLSearchParams({
    grant_type: PRE_AUTHORIZED_GRANT,
    "pre-authorized_code": grant.preAuthorizedCode,
  });
  if (grant.txCode !== undefined) form.set("tx_code", grant.txCode);
  const answer = await http.send(tokenEndpoint, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
    body: form.toString(),
  });
  if (answer.status !== 200) throw failureOf(answer, "the offer was not accepted");
  const body = jsonObjectOf(answer, "the token response");
  if (typeof body.access_token !== "string" || body.access_token.length === 0) {
    throw new LearnbridgeError("FIELD_INVALID", "the token response has no access_token");
  }
  const type = typeof body.token_type === "string" ? body.token_type.toLowerCase() : "bearer";
  if (type !== "bearer") {
    throw new LearnbridgeError(
      "BAD_REQUEST",
      `the issuer uses ${String(body.token_type)} tokens, which this wallet cannot use`,
    );
  }
  const identifiers = new Map<string, string[]>();
  for (const detail of Array.isArray(body.authorization_details) ? body.authorization_details : []) {
    const { type: detailType, credential_configuration_id: id, credential_identifiers: ids } = detail ?? {};
    if (detailType === "openid_credential" && typeof id === "string" && Array.isArray(ids)) {
      identifiers.set(
        id,
        ids.filter((x: unknown): x is string => typeof x === "string"),
      );
    }
  }
  return { accessToken: body.access_token, credentialIdentifiers: identifiers };
}

/** A fresh `c_nonce` from the issuer's nonce endpoint (§7.2). */
export async function fetchNonce(nonceEndpoint: string, http: WalletHttp): Promise<string> {
  const answer = await http.send(nonceEndpoint, { method: "POST", headers: { accept: "application/json" } });
  if (answer.status !== 200) throw failureOf(answer, "the issuer did not give a nonce");
  const nonce = jsonObjectOf(answer, "the nonce response").c_nonce;
  if (typeof nonce !== "string" || nonce.length === 0) {
    throw new LearnbridgeError("FIELD_INVALID", "the nonce response has no c_nonce");
  }
  return nonce;
}
