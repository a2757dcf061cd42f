/**
 * The credential request (OpenID4VCI 1.0 §8): one configuration (or a granted credential identifier), the
 * key proof under `proofs.jwt`, the access token as a Bearer token. A stale nonce (`invalid_nonce`) is
 * reported as such so the caller can fetch a fresh one and try once more.
 */
import { LearnbridgeError } from "@learnbridge/core";
import { failureOf, jsonObjectOf, oauthErrorOf, type WalletHttp } from "../http/wallet-http.ts";

/** What was asked for: a configuration id, or an identifier the token response granted. */
export type CredentialTarget =
  | { readonly credentialConfigurationId: string }
  | { readonly credentialIdentifier: string };

/** The issued credential as sent (a JSON document or a compact JWS), or a note that the nonce was stale. */
export type CredentialAnswer = { readonly credential: unknown } | { readonly invalidNonce: true };

/** Sends the credential request. */
export async function requestCredential(
  endpoint: string,
  request: { readonly accessToken: string; readonly target: CredentialTarget; readonly proof?: string },
  http: WalletHttp,
): Promise<CredentialAnswer> {
  const body = {
    ...("credentialIdentifier" in request.target
      ? { credential_identifier: request.target.credentialIdentifier }
      : { credential_configuration_id: request.target.credentialConfigurationId }),
    ...(request.proof ? { proofs: { jwt: [request.proof] } } : {}),
  };
  const answer = await http.send(endpoint, {
    method: "POST",
    headers: {
      authorization: `Bearer ${request.accessToken}`,
      "content-type": "application/json",
      accept: "application/json",
    },
    body: JSON.stringify(body),
  });
  if (answer.status === 202) {
    throw new LearnbridgeError(
      "EXCHANGE_STATE_INVALID",
      "the issuer will prepare this credential later; this wallet cannot wait for deferred credentials yet",
    );
  }
  if (answer.status !== 200) {
    if (answer.status === 400 && oauthErrorOf(answer) === "invalid_nonce") return { invalidNonce: true };
    throw failureOf(answer, "the credential was not issued");
  }
  const credentials = jsonObjectOf(answer, "the credential response").credentials;
  const first = Array.isArray(credentials) ? credentials[0] : undefined;
  if (!first || typeof first !== "object" || !("credential" in first)) {
    throw new LearnbridgeError("FIELD_INVALID", "the credential response carries no credential");
  }
  return { credential: (first as { credential: unknown }).credential };
}
