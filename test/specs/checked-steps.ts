/**
 * The steps of the wallet protocols as test/specs/wallet-messages.test.ts takes them, each checked against
 * specs/schemas/exchange on both sides: what the test sends as a wallet, staff or an employer would, and
 * what the node answers. They drive the app through the test centres and helpers of packages/app.
 */
import { expect } from "vitest";
import { offerCentre, PRE_AUTH } from "../../packages/app/src/oid4vci/oid4vci-test-centre.ts";
import {
  createRequest,
  fetchRequestObject,
  postAnswer,
  readResult,
  type verifierCentre,
} from "../../packages/app/src/oid4vp/test-verifier.ts";
import { postJson } from "../../packages/app/src/test-support/test-centre.ts";
import { decodeJwt, expectValid, isValid, jsonOf } from "./schema-check.ts";

/** The OpenID4VCI test centre. */
export type Centre = Awaited<ReturnType<typeof offerCentre>>;
/** The OpenID4VP test centre. */
export type Verifier = Awaited<ReturnType<typeof verifierCentre>>;

/** An OAuth error answer of an OID4VCI endpoint: status, `error`, our `code`, and the schema. */
export async function expectOAuthError(response: Response, status: number, error: string, code: string) {
  const body = await jsonOf(response, status);
  expectValid("oauth-error", body, `${error}/${code}`);
  // The schema holds the mapping from code to OAuth error: another error for the same code is refused.
  if (code !== "BAD_REQUEST") {
    const other = body.error === "invalid_proof" ? "invalid_nonce" : "invalid_proof";
    expect(isValid("oauth-error", { ...body, error: other })).toBe(false);
  }
  expect({ error: body.error, code: body.code }).toEqual({ error, code });
  expect(response.headers.get("cache-control")).toContain("no-store");
  return body;
}

/** A problem answer (RFC 9457): status, code, and the schema. */
export async function expectProblem(response: Response, status: number, code: string) {
  const body = await jsonOf(response, status, "application/problem+json");
  expectValid("problem", body, code);
  expect(body.code).toBe(code);
  return body;
}

/** Sends a token request, checking it against its schema first. */
export function tokenRequest(centre: Centre, params: Record<string, string>) {
  expectValid("token-request", params);
  return centre.tokenEndpoint(params);
}

export const keyProofOf = (body: Record<string, unknown>) =>
  (body.proofs as { jwt?: string[] } | undefined)?.jwt?.[0];

/** Sends a credential request, checking it (and its key proof) against their schemas first. */
export function credentialRequest(centre: Centre, token: string | undefined, body: Record<string, unknown>) {
  expectValid("credential-request", body);
  const jwt = keyProofOf(body);
  if (jwt) expectValid("key-proof-jwt", decodeJwt(jwt));
  return centre.credential(token, body);
}

/** True when a credential request and its key proof both validate. */
export function conforms(body: Record<string, unknown>): boolean {
  const jwt = keyProofOf(body);
  return isValid("credential-request", body) && (!jwt || isValid("key-proof-jwt", decodeJwt(jwt)));
}

/** A fresh c_nonce, its answer checked. */
export async function nonceOf(centre: Centre): Promise<string> {
  const response = await centre.app.request(`${centre.base}/oid4vci/nonce`, { method: "POST" });
  expect(response.headers.get("cache-control")).toContain("no-store");
  const body = await jsonOf(response, 200);
  expectValid("nonce-response", body);
  return body.c_nonce;
}

/** Makes an offer as staff, checking the request and the answer. */
export async function makeOffer(centre: Centre, extra: Record<string, unknown> = {}) {
  const body = { achievement: "digital-skills", learner: { name: "Amina Yusuf", language: "sw" }, ...extra };
  expectValid("offer-create-request", body);
  const created = await jsonOf(
    await postJson(centre.app, `${centre.base}/oid4vci/offers`, body, { token: centre.staff }),
    201,
  );
  expectValid("offer", created);
  return created;
}

/** The offer object a wallet fetches from the offer URI, checked. */
export async function fetchOffer(centre: Centre, offerUri: string) {
  expectValid("credential-offer-uri", offerUri);
  const url = new URL(offerUri).searchParams.get("credential_offer_uri") ?? "";
  const offer = await jsonOf(await centre.app.request(url), 200);
  expectValid("credential-offer", offer);
  return offer;
}

export const grantOf = (offer: { grants: Record<string, { "pre-authorized_code": string }> }) =>
  offer.grants[PRE_AUTH]?.["pre-authorized_code"] as string;

export const exchangePath = (id: string) => `/workflows/claim/exchanges/${id}`;

/** A centre that makes offers and keeps VC-API exchanges; it has its key before it serves, as assembled. */
export async function claimingCentre(): Promise<Centre> {
  const centre = await offerCentre({ exchanges: true });
  await centre.keys.activeKey();
  return centre;
}

/** Posts one exchange message, checked against the client schema first. */
export function participate(centre: Centre, path: string, message: Record<string, unknown>) {
  expectValid("exchange-client-message", message);
  return postJson(centre.app, path, message);
}

/** Creates a request as an employer would, checking both sides. */
export async function create(centre: Verifier, body: Record<string, unknown>) {
  expectValid("presentation-request-create", body);
  const created = await createRequest(centre, body);
  expectValid("presentation-request-created", created);
  expectValid("wallet-link", created.walletLink);
  return created;
}

/** Fetches and checks the request object of `created`. */
export async function requestObject(centre: Verifier, created: { walletLink: string }) {
  const fetched = await fetchRequestObject(centre, created.walletLink);
  expect(fetched.contentType).toBe("application/oauth-authz-req+jwt");
  const decoded = decodeJwt(fetched.jwt);
  expectValid("request-object-jwt", decoded);
  const draft = { ...decoded.payload, presentation_definition: {} };
  expect(isValid("request-object-jwt", { ...decoded, payload: draft })).toBe(false);
  return fetched.claims;
}

/** Posts an Authorization Response by direct_post, its form fields (vp_token decoded) checked first. */
export function answer(centre: Verifier, uri: string, fields: Record<string, unknown>) {
  expectValid("authorization-response", fields);
  return postAnswer(centre, uri, fields);
}

/** The result as the employer reads it, checked. */
export async function result(centre: Verifier, created: { readToken: string; resultUrl: string }) {
  // biome-ignore lint/suspicious/noExplicitAny: the test's created request carries more than it needs.
  const body = await jsonOf(await readResult(centre, created as any), 200);
  expectValid("presentation-request-result", body);
  return body;
}
