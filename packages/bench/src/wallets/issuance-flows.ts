/**
 * Issuance into a learner's wallet, each way end to end as staff and a wallet do it: an OpenID4VCI issuance
 * (staff make the offer; the wallet fetches it, trades the pre-authorized code and PIN for a token, gets a
 * nonce, and asks for the credential with a key proof), a VC-API claim exchange (offer; the wallet starts
 * the exchange, answers DIDAuth, receives the credential), and the plain VC API issue they are compared with.
 */
import type { LearnerWallet } from "./learner-wallet.ts";
import type { StepTimes } from "./step-times.ts";
import { ACHIEVEMENT_SLUG, expectStatus, type Json, type WalletCentre } from "./wallet-centre.ts";

const PRE_AUTH = "urn:ietf:params:oauth:grant-type:pre-authorized_code";

/** The two credential formats of the offers: the API's names, and OpenID4VCI's. */
export type IssuedFormat = "ldp_vc" | "jwt_vc";
export const OID4VCI_FORMAT: Readonly<Record<IssuedFormat, string>> = {
  ldp_vc: "ldp_vc",
  jwt_vc: "jwt_vc_json",
};

/** The issuer's endpoints, as a wallet reads them once from the two metadata documents and keeps them. */
export interface IssuerEndpoints {
  readonly credentialIssuer: string;
  readonly token: string;
  readonly nonce: string;
  readonly credential: string;
}

/** Reads `/.well-known/openid-credential-issuer` and `/.well-known/oauth-authorization-server`. */
export async function issuerEndpoints(centre: WalletCentre): Promise<IssuerEndpoints> {
  const issuer = (await expectStatus(centre.request("/.well-known/openid-credential-issuer"), 200)).body;
  const server = (await expectStatus(centre.request("/.well-known/oauth-authorization-server"), 200)).body;
  return {
    credentialIssuer: issuer.credential_issuer,
    token: server.token_endpoint,
    nonce: issuer.nonce_endpoint,
    credential: issuer.credential_endpoint,
  };
}

/** Staff make an offer of the achievement in one format, with a PIN unless `pin` is false. */
function makeOffer(centre: WalletCentre, format: IssuedFormat, pin: boolean) {
  const json = {
    achievement: ACHIEVEMENT_SLUG,
    learner: { name: "Amina Yusuf", language: "sw" },
    formats: [format],
    ...(pin ? {} : { txCode: false }),
  };
  return expectStatus(centre.request("/oid4vci/offers", { json, token: "staff" }), 201);
}

/** One complete OpenID4VCI issuance; resolves with the credential (a DI object, or a vc+jwt string). */
export async function oid4vciIssuance(
  centre: WalletCentre,
  endpoints: IssuerEndpoints,
  wallet: LearnerWallet,
  format: IssuedFormat,
  steps: StepTimes,
): Promise<unknown> {
  const offer = (await steps.time("offer", () => makeOffer(centre, format, true))).body;
  const offerUrl = new URL(offer.offerUri).searchParams.get("credential_offer_uri") ?? "";
  const document: Json = (await steps.time("offer JSON", () => expectStatus(centre.request(offerUrl), 200)))
    .body;
  const form = {
    grant_type: PRE_AUTH,
    "pre-authorized_code": document.grants[PRE_AUTH]["pre-authorized_code"],
    tx_code: offer.pin,
  };
  const grant = await steps.time("token + PIN", () =>
    expectStatus(centre.request(endpoints.token, { form }), 200),
  );
  const nonce = await steps.time("nonce", () =>
    expectStatus(centre.request(endpoints.nonce, { method: "POST" }), 200),
  );
  const answer = await steps.time("credential", async () => {
    const proof = await wallet.keyProof(endpoints.credentialIssuer, nonce.body.c_nonce);
    const json = {
      credential_configuration_id: document.credential_configuration_ids[0],
      proofs: { jwt: [proof] },
    };
    return expectStatus(centre.request(endpoints.credential, { json, token: grant.body.access_token }), 200);
  });
  return answer.body.credentials[0].credential;
}

/** One complete VC-API claim exchange (an offer without PIN, as LCW claims it); resolves with the credential. */
export async function claimExchange(
  centre: WalletCentre,
  wallet: LearnerWallet,
  steps: StepTimes,
): Promise<unknown> {
  const offer = (await steps.time("offer", () => makeOffer(centre, "ldp_vc", false))).body;
  const exchange: string = offer.protocols.vcapi;
  const started = await steps.time("start", () => expectStatus(centre.request(exchange, { json: {} }), 200));
  const request = started.body.verifiablePresentationRequest;
  const answer = await steps.time("DIDAuth → credential", async () => {
    const presentation = await wallet.didAuth({ nonce: request.challenge, audience: request.domain });
    return expectStatus(centre.request(exchange, { json: { verifiablePresentation: presentation } }), 200);
  });
  return answer.body.verifiablePresentation.verifiableCredential[0];
}

/** `POST /credentials/issue` of `credential` (unsigned) in `format`; resolves with the signed credential. */
export async function plainIssue(
  centre: WalletCentre,
  credential: Record<string, unknown>,
  format: IssuedFormat,
): Promise<unknown> {
  const json = { credential, options: { format } };
  const answer = await expectStatus(centre.request("/credentials/issue", { json, token: "staff" }), 201);
  return answer.body.verifiableCredential;
}

/**
 * The unsigned credential behind an issued Data Integrity one: without the proof, and without the id and
 * status entry the centre assigns to each credential it issues.
 */
export function unsignedOf(issued: unknown): Record<string, unknown> {
  if (typeof issued !== "object" || issued === null) throw new TypeError("unsignedOf: not a DI credential");
  const {
    proof: _proof,
    id: _id,
    credentialStatus: _status,
    ...unsigned
  } = issued as Record<string, unknown>;
  return unsigned;
}
