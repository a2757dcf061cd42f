/**
 * Test support: a small OpenID4VCI 1.0 issuer written from the specification (not our node), so the wallet's
 * client is tested against the spec's messages on its own. Pre-authorized code with an optional PIN, a nonce
 * endpoint, key proofs checked with the engine, credentials issued with the engine by a did:key issuer.
 */
import {
  createSigner,
  fromBase64Url,
  fromUtf8,
  generateKeyPair,
  publicKeyToMultibase,
  verifySignature,
} from "@learnbridge/core";
import {
  buildAchievementCredential,
  createKeyResolver,
  didKeyFromPublicKey,
  issueCredential,
  parseCompactJws,
} from "@learnbridge/credentials";
import { SAMPLE_ACHIEVEMENT } from "@learnbridge/credentials/testing";

/** How the fake behaves; tests flip these to provoke each branch of the client. */
export interface FakeIssuerOptions {
  /** Path under the origin the issuer identifier has (`/tenant` tests the path-insertion rule). */
  readonly path?: string;
  readonly pin?: string;
  /** Refuse the first credential request with `invalid_nonce`. */
  readonly staleFirstNonce?: boolean;
  /** Issue the credential to this subject instead of the proof's DID. */
  readonly subjectOverride?: string;
  /** Corrupt the issued credential's signature. */
  readonly tamper?: boolean;
  /** Treat the offered configurations as alternatives: one credential per access token (as our node does). */
  readonly oneCredentialPerOffer?: boolean;
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", "cache-control": "no-store" },
  });
const oauthError = (error: string, description: string, status = 400) =>
  json({ error, error_description: description }, status);

/** A fake issuer as a fetch handler; `origin` is where it will be served. Returns the handler and its state. */
export async function fakeIssuer(origin: string, options: FakeIssuerOptions = {}) {
  const issuerId = `${origin}${options.path ?? ""}`;
  const pair = await generateKeyPair("EdDSA");
  const did = didKeyFromPublicKey(pair.publicKey);
  const signer = createSigner(pair, `${did}#${publicKeyToMultibase(pair.publicKey)}`);
  const codes = new Map<string, { configurationIds: string[]; used: boolean }>();
  const tokens = new Set<string>();
  const issuedTo = new Set<string>();
  const nonces = new Set<string>();
  const seen = {
    tokenRequests: [] as URLSearchParams[],
    credentialRequests: [] as Record<string, unknown>[],
  };
  let staleNonce = options.staleFirstNonce ?? false;
  const resolveKey = createKeyResolver();

  const metadata = {
    credential_issuer: issuerId,
    credential_endpoint: `${issuerId}/credential`,
    nonce_endpoint: `${issuerId}/nonce`,
    display: [
      { name: "Fake Open Learning Centre", locale: "en" },
      { name: "假开放学习中心", locale: "zh" },
    ],
    credential_configurations_supported: Object.fromEntries(
      (["ldp_vc", "jwt_vc_json"] as const).map((format) => [
        `badge_${format}`,
        {
          format,
          cryptographic_binding_methods_supported: ["did:key", "did:jwk"],
          credential_signing_alg_values_supported: format === "ldp_vc" ? ["eddsa-rdfc-2022"] : ["EdDSA"],
          proof_types_supported: { jwt: { proof_signing_alg_values_supported: ["EdDSA"] } },
          credential_definition: { type: ["VerifiableCredential", "OpenBadgeCredential"] },
          credential_metadata: {
            display: [
              { name: "Data Analysis Foundations", locale: "en" },
              { name: "数据分析基础", locale: "zh-CN" },
            ],
          },
        },
      ]),
    ),
  };

  async function checkProof(jwt: unknown): Promise<string | undefined> {
    const parsed = parseCompactJws(jwt);
    if (!parsed.ok) return undefined;
    const { header, payload, signingInput, signature } = parsed.value;
    if (header.typ !== "openid4vci-proof+jwt" || typeof header.kid !== "string") return undefined;
    if (payload.aud !== issuerId || typeof payload.nonce !== "string" || !nonces.delete(payload.nonce))
      return undefined;
    const key = await resolveKey(header.kid, { purpose: "authentication" });
    if (!key.ok || !(await verifySignature(key.value.publicKey, signingInput, signature))) return undefined;
    return key.value.controller;
  }

  async function handle(request: Request): Promise<Response> {
    const path = new URL(request.url).pathname;
    const base = options.path ?? "";
    if (path === `/.well-known/openid-credential-issuer${base}`) return json(metadata);
    if (path === `/.well-known/oauth-authorization-server${base}`) {
      return json({
        issuer: issuerId,
        token_endpoint: `${issuerId}/token`,
        "pre-authorized_grant_anonymous_access_supported": true,
      });
    }
    if (path.startsWith("/offers/")) {
      const code = path.slice("/offers/".length);
      const entry = codes.get(code);
      if (!entry) return oauthError("not_found", "no such offer", 404);
      return json({
        credential_issuer: issuerId,
        credential_configuration_ids: entry.configurationIds,
        grants: {
          "urn:ietf:params:oauth:grant-type:pre-authorized_code": {
            "pre-authorized_code": code,
            ...(options.pin
              ? {
                  tx_code: {
                    input_mode: "numeric",
                    length: options.pin.length,
                    description: "The PIN in your e-mail",
                  },
                }
              : {}),
          },
        },
      });
    }
    if (path === `${base}/token` && request.method === "POST") {
      if (!(request.headers.get("content-type") ?? "").startsWith("application/x-www-form-urlencoded")) {
        return oauthError("invalid_request", "form-encoded body expected");
      }
      const form = new URLSearchParams(await request.text());
      seen.tokenRequests.push(form);
      const entry = codes.get(form.get("pre-authorized_code") ?? "");
      if (
        form.get("grant_type") !== "urn:ietf:params:oauth:grant-type:pre-authorized_code" ||
        !entry ||
        entry.used
      ) {
        return oauthError("invalid_grant", "the pre-authorized code is unknown or was used");
      }
      if (options.pin && form.get("tx_code") !== options.pin)
        return oauthError("invalid_grant", "wrong transaction code");
      entry.used = true;
      const token = crypto.randomUUID();
      tokens.add(token);
      return json({ access_token: token, token_type: "Bearer", expires_in: 300 });
    }
    if (path === `${base}/nonce` && request.method === "POST") {
      const nonce = crypto.randomUUID();
      nonces.add(nonce);
      return json({ c_nonce: nonce });
    }
    if (path === `${base}/credential` && request.method === "POST") {
      const token = /^Bearer (.+)$/.exec(request.headers.get("authorization") ?? "")?.[1];
      if (!token || !tokens.has(token)) return oauthError("invalid_token", "unknown access token", 401);
      const body = (await request.json()) as Record<string, unknown>;
      seen.credentialRequests.push(body);
      if (staleNonce) {
        staleNonce = false;
        return oauthError("invalid_nonce", "the nonce is stale");
      }
      if (options.oneCredentialPerOffer && issuedTo.has(token)) {
        return json(
          { error: "credential_request_denied", error_description: "issued already", code: "GRANT_USED" },
          400,
        );
      }
      const id = body.credential_configuration_id;
      const jwt = (body.proofs as { jwt?: unknown[] } | undefined)?.jwt?.[0];
      const holder = await checkProof(jwt);
      if (!holder) return oauthError("invalid_proof", "the key proof is not valid");
      const format = id === "badge_ldp_vc" ? "ldp_vc" : id === "badge_jwt_vc_json" ? "jwt_vc" : undefined;
      if (!format) return oauthError("unknown_credential_configuration", `unknown ${String(id)}`);
      const unsigned = await buildAchievementCredential({
        issuer: { id: did, name: { en: "Fake Open Learning Centre", zh: "假开放学习中心" } },
        achievement: SAMPLE_ACHIEVEMENT,
        learner: { did: options.subjectOverride ?? holder },
      });
      const issued = await issueCredential(unsigned, { signer, format });
      issuedTo.add(token);
      let credential: unknown = issued.credential;
      if (options.tamper) {
        credential =
          typeof credential === "string"
            ? `${credential.slice(0, -4)}AAAA`
            : { ...(credential as object), name: "Tampered" };
      }
      return json({ credentials: [{ credential }] });
    }
    return oauthError("not_found", `no route ${request.method} ${path}`, 404);
  }

  return {
    issuerId,
    did,
    seen,
    handle,
    /** Makes an offer for these configurations; returns its `openid-credential-offer://` link. */
    offer(configurationIds: string[], byValue = false): string {
      const code = crypto.randomUUID();
      codes.set(code, { configurationIds, used: false });
      if (!byValue)
        return `openid-credential-offer://?credential_offer_uri=${encodeURIComponent(`${origin}/offers/${code}`)}`;
      const offer = {
        credential_issuer: issuerId,
        credential_configuration_ids: configurationIds,
        grants: { "urn:ietf:params:oauth:grant-type:pre-authorized_code": { "pre-authorized_code": code } },
      };
      return `openid-credential-offer://?credential_offer=${encodeURIComponent(JSON.stringify(offer))}`;
    },
    /** The payload of a compact JWS, for assertions. */
    payloadOf: (jws: string) =>
      JSON.parse(fromUtf8(fromBase64Url(jws.split(".")[1] ?? ""))) as Record<string, unknown>,
  };
}
