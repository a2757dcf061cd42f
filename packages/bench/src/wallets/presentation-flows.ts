/**
 * An employer's question answered by a learner's wallet, end to end (OpenID4VP 1.0): the employer creates a
 * request for the achievement; the wallet fetches the signed request object, signs a presentation bound to
 * its nonce and client id, and posts it (`direct_post`); the employer reads the verdict. Beside it, the plain
 * VC API `POST /presentations/verify` of a presentation of the same credential by the same holder.
 */
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
): Promise<Json> {
  const created = (
    await steps.time("request", () =>
      expectStatus(centre.request("/oid4vp/requests", { json: { achievement: ACHIEVEMENT_URL } }), 201),
    )
  ).body;
  const requestUri = new URL(created.walletLink).searchParams.get("request_uri") ?? "";
  const requestObject = await steps.time("request object", () =>
    expectStatus(centre.request(requestUri), 200),
  );
  const claims = jwtClaims(requestObject.body) as Record<string, string>;
  const presentation = await steps.time("wallet signs", () =>
    wallet.present(format, [credential], {
      nonce: claims.nonce as string,
      audience: claims.client_id as string,
    }),
  );
  await steps.time("direct_post", () =>
    expectStatus(
      centre.request(claims.response_uri as string, {
        form: {
          vp_token: JSON.stringify({ [QUERY_ID[format]]: [presentation] }),
          state: claims.state as string,
        },
      }),
      200,
    ),
  );
  const result = await steps.time("result", () =>
    expectStatus(centre.request(created.resultUrl, { token: created.readToken }), 200),
  );
  return result.body;
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
