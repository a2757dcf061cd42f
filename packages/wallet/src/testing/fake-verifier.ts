/**
 * Test support: a small OpenID4VP 1.0 verifier written from the specification (not our node): a did:web on
 * loopback, signed Request Objects by reference with a `decentralized_identifier:` client id, `direct_post`
 * answers checked with the engine's verifyPresentation (challenge = nonce, domain = client id).
 */
import { createSigner, generateKeyPair, toBase64Url, utf8 } from "@learnbridge/core";
import {
  buildDidDocument,
  didWebFromUrl,
  type VerificationReport,
  verifyPresentation,
} from "@learnbridge/credentials";

/** How a request is made; tests flip these to provoke each check of the wallet. */
export interface FakeRequestOptions {
  readonly query: Record<string, unknown>;
  /** Sign with a key that is not in the DID document. */
  readonly foreignKey?: boolean;
  /** Put another client id inside the request object than in the link. */
  readonly otherClientIdInside?: boolean;
  readonly expired?: boolean;
  readonly typ?: string;
  readonly clientName?: string;
  readonly requestUriMethod?: "post";
}

/** What the verifier recorded of one answer. */
export interface FakeAnswer {
  readonly form: URLSearchParams;
  readonly reports: Record<string, VerificationReport[]>;
}

const isLoopback = (host: string) => host.startsWith("127.0.0.1:");

/** A fake verifier as a fetch handler, for the `origin` it is served at. */
export async function fakeVerifier(origin: string) {
  const did = didWebFromUrl(origin);
  const clientId = `decentralized_identifier:${did}`;
  const pair = await generateKeyPair("EdDSA");
  const signer = createSigner(pair, `${did}#key-1`);
  const foreign = createSigner(await generateKeyPair("EdDSA"), `${did}#key-1`);
  const document = buildDidDocument({ id: did, keys: [{ fragment: "key-1", publicKey: pair.publicKey }] });
  const requests = new Map<
    string,
    { jwt: (walletNonce?: string) => Promise<string>; nonce: string; state: string }
  >();
  const answers = new Map<string, FakeAnswer>();

  async function sign(
    header: Record<string, unknown>,
    claims: Record<string, unknown>,
    withForeign: boolean,
  ) {
    const input = `${toBase64Url(utf8(JSON.stringify(header)))}.${toBase64Url(utf8(JSON.stringify(claims)))}`;
    return `${input}.${toBase64Url(await (withForeign ? foreign : signer).sign(utf8(input)))}`;
  }

  async function handle(request: Request): Promise<Response> {
    const path = new URL(request.url).pathname;
    if (path === "/.well-known/did.json") return Response.json(document);
    const id = path.split("/")[2] ?? "";
    const entry = requests.get(id);
    if (path.startsWith("/requests/") && entry) {
      const walletNonce =
        request.method === "POST"
          ? (new URLSearchParams(await request.text()).get("wallet_nonce") ?? undefined)
          : undefined;
      return new Response(await entry.jwt(walletNonce), {
        headers: { "content-type": "application/oauth-authz-req+jwt" },
      });
    }
    if (path.startsWith("/responses/") && entry && request.method === "POST") {
      if (answers.has(id))
        return Response.json(
          { error: "invalid_request", error_description: "already answered" },
          { status: 400 },
        );
      const form = new URLSearchParams(await request.text());
      if (form.get("state") !== entry.state)
        return Response.json({ error: "invalid_request" }, { status: 400 });
      const reports: Record<string, VerificationReport[]> = {};
      if (form.has("vp_token")) {
        const token = JSON.parse(form.get("vp_token") ?? "{}") as Record<string, unknown[]>;
        for (const [queryId, presentations] of Object.entries(token)) {
          reports[queryId] = await Promise.all(
            presentations.map((p) =>
              verifyPresentation(p, {
                challenge: entry.nonce,
                domain: clientId,
                network: { allowPrivateNetwork: true, allowHttp: isLoopback },
              }),
            ),
          );
        }
      }
      answers.set(id, { form, reports });
      return Response.json({});
    }
    return Response.json({ error: "not_found" }, { status: 404 });
  }

  return {
    did,
    clientId,
    handle,
    answers,
    /** Makes a request; returns its `openid4vp://` link and id. */
    createRequest(options: FakeRequestOptions): { link: string; id: string; nonce: string } {
      const id = crypto.randomUUID();
      const nonce = crypto.randomUUID();
      const state = crypto.randomUUID();
      const now = Math.floor(Date.now() / 1000);
      requests.set(id, {
        nonce,
        state,
        jwt: (walletNonce) =>
          sign(
            { alg: "EdDSA", typ: options.typ ?? "oauth-authz-req+jwt", kid: signer.keyId },
            {
              aud: "https://self-issued.me/v2",
              iat: now,
              exp: options.expired ? now - 10 : now + 300,
              client_id: options.otherClientIdInside
                ? "decentralized_identifier:did:web:evil.example"
                : clientId,
              response_type: "vp_token",
              response_mode: "direct_post",
              response_uri: `${origin}/responses/${id}`,
              nonce,
              state,
              dcql_query: options.query,
              client_metadata: {
                vp_formats_supported: {
                  ldp_vc: { cryptosuite_values: ["eddsa-rdfc-2022"] },
                  jwt_vc_json: { alg_values: ["EdDSA"] },
                },
                ...(options.clientName ? { client_name: options.clientName } : {}),
              },
              ...(walletNonce ? { wallet_nonce: walletNonce } : {}),
            },
            options.foreignKey ?? false,
          ),
      });
      const query = new URLSearchParams({ client_id: clientId, request_uri: `${origin}/requests/${id}` });
      if (options.requestUriMethod) query.set("request_uri_method", options.requestUriMethod);
      return { link: `openid4vp://?${query}`, id, nonce };
    },
  };
}
