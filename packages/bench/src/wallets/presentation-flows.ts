/**
 * An employer's question answered by a learner's wallet, end to end (OpenID4VP 1.0): the employer creates a
 * request for the achievement; the wallet fetches the signed request object, signs a presentation bound to
 * its nonce and client id, and posts it (`direct_post`, or encrypted to the request's key as `direct_post.jwt`
 * with the wallet's own encryption); the employer reads the verdict. Beside it, the plain
 * VC API `POST /presentations/verify` of a presentation of the same credential by the same holder.
 */
import { encryptResponse, responseEncryptionOf } from "@learnbridge/wallet";
import { jwtClaims, type LearnerWallet, type PresentationFormat } from "./learner-wallet.ts";
import type { StepTimes } from "./step-times.ts";
import { ACHIEVEMENT_URL, expectStatus, type Json, type WalletCentre } from "./wallet-centre.ts";

/** The DCQL query ids of a request for an achievement, by the format of the credential that answers it. */
const QUERY_ID: Readonly<Record<PresentationFormat, string>> = {
  ldp_vc: "open_badge",
  jwt_vc_json: "open_badge_jwt",
};

/** One answered request; resolves with the verdict the employer reads. */
export async function oid4vpAnswer(
  centre: WalletCentre,
  wallet: LearnerWallet,
  format: PresentationFormat,
  credential: unknown,
  steps: StepTimes,
  responseMode: "direct_post" | "direct_post.jwt" = "direct_post",
): Promise<Json> {
  const json = { achievement: ACHIEVEMENT_URL, responseMode };
  const created = (
    await steps.time("request", () => expectStatus(centre.request("/oid4vp/requests", { json }), 201))
  ).body;
  const requestUri = new URL(created.walletLink).searchParams.get("request_uri") ?? "";
  const requestObject = await steps.time("request object", () =>
    expectStatus(centre.request(requestUri), 200),
  );
  const claims = jwtClaims(requestObject.body) as Record<string, unknown>;
  const presentation = await steps.time("wallet signs", () =>
    wallet.present(format, [credential], {
      nonce: claims.nonce as string,
      audience: claims.client_id as string,
    }),
  );
  const answer = { vp_token: { [QUERY_ID[format]]: [presentation] }, state: claims.state as string };
  const form: Record<string, string> =
    responseMode === "direct_post.jwt"
      ? { response: await steps.time("wallet encrypts", () => encrypted(answer, claims.client_metadata)) }
      : { vp_token: JSON.stringify(answer.vp_token), state: answer.state };
  await steps.time(responseMode, () =>
    expectStatus(centre.request(claims.response_uri as string, { form }), 200),
  );
  const result = await steps.time("result", () =>
    expectStatus(centre.request(created.resultUrl, { token: created.readToken }), 200),
  );
  return result.body;
}

/** The answer encrypted to the key the request object publishes, as the learner's wallet does it. */
function encrypted(answer: Record<string, unknown>, clientMetadata: unknown): Promise<string> {
  const encryption = responseEncryptionOf(clientMetadata as Record<string, unknown>);
  if (!encryption) throw new Error("the request object names no key to encrypt the answer to");
  return encryptResponse(answer, encryption);
}

/** `POST /presentations/verify` of `presentation`, bound to `domain` (no challenge: that is single-use). */
export async function plainVerify(
  centre: WalletCentre,
  presentation: unknown,
  domain: string,
): Promise<Json> {
  const json = { verifiablePresentation: presentation, options: { domain } };
  return (await expectStatus(centre.request("/presentations/verify", { json }), 200)).body;
}
