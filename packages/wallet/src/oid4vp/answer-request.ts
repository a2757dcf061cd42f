/**
 * Answering an employer's request, in two steps so the learner decides in between: `openPresentationRequest`
 * fetches and checks the request and lists what the learner may share; `sharePresentation` signs one
 * presentation per chosen credential (by the identifier that credential is bound to) and posts the
 * `vp_token` with `state` by `direct_post` (§8.2), or both encrypted to the request's key as `response` when it
 * asks for `direct_post.jwt` (§8.3); `declinePresentationRequest` tells the verifier no, the same way.
 */
import { LearnbridgeError } from "@learnbridge/core";
import type { IIdentifier } from "@veramo/core";
import { signerOf } from "../agent/veramo-signer.ts";
import { failureOf, type WalletHttp } from "../http/wallet-http.ts";
import type { Wallet } from "../wallet.ts";
import { fetchPresentationRequest, type PresentationRequest } from "./authorization-request.ts";
import { buildPresentation } from "./build-presentation.ts";
import { encryptResponse } from "./encrypt-response.ts";
import {
  type CandidateAnswer,
  heldCandidates,
  type PresentationChoice,
  presentationChoices,
} from "./match-credentials.ts";

/** A checked request and the choices it leaves to the learner. */
export interface OpenedRequest {
  readonly request: PresentationRequest;
  readonly choices: readonly PresentationChoice[];
}

/** What the verifier said to the answer. */
export interface ShareResult {
  readonly status: number;
  /** Where the verifier asks the wallet to send the learner next, if anywhere. */
  readonly redirectUri?: string;
  readonly shared: readonly CandidateAnswer[];
}

/** Fetches and checks a request link and works out what the learner can share. */
export async function openPresentationRequest(wallet: Wallet, link: string): Promise<OpenedRequest> {
  const request = await fetchPresentationRequest(link, wallet);
  const held = await heldCandidates(await wallet.credentials.list());
  return { request, choices: presentationChoices(request.query, held) };
}

async function postForm(http: WalletHttp, url: string, form: Record<string, string>) {
  return http.send(url, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
    body: new URLSearchParams(form).toString(),
  });
}

/**
 * Posts the response parameters to the verifier: as form fields (objects as JSON text), or as the payload of
 * one JWE in `response` when the request asked for its answer encrypted.
 */
async function postAnswer(http: WalletHttp, request: PresentationRequest, fields: Record<string, unknown>) {
  const withState = { ...fields, ...(request.state !== undefined ? { state: request.state } : {}) };
  if (request.encryption) {
    return postForm(http, request.responseUri, {
      response: await encryptResponse(withState, request.encryption),
    });
  }
  const form = Object.entries(withState).map(([name, value]) => [
    name,
    typeof value === "string" ? value : JSON.stringify(value),
  ]);
  return postForm(http, request.responseUri, Object.fromEntries(form));
}

/** Signs and sends the chosen credentials (one per choice). */
export async function sharePresentation(
  wallet: Wallet,
  opened: OpenedRequest,
  chosen: readonly CandidateAnswer[],
): Promise<ShareResult> {
  const { request } = opened;
  if (chosen.length !== opened.choices.length) throw new TypeError("choose one credential for every choice");
  chosen.forEach((answer, index) => {
    const allowed = opened.choices[index]?.candidates ?? [];
    if (!allowed.some((c) => c.queryId === answer.queryId && c.credential.id === answer.credential.id)) {
      throw new TypeError(`choice ${index + 1} is not one of its candidates`);
    }
  });
  const identifiers = await wallet.dids();
  const vpToken: Record<string, (Record<string, unknown> | string)[]> = {};
  for (const { queryId, credential } of chosen) {
    const identifier = identifiers.find((i: IIdentifier) => i.did === credential.holder);
    if (!identifier) {
      throw new LearnbridgeError(
        "KEY_NOT_FOUND",
        "this wallet no longer has the key this credential is bound to",
        {
          holder: credential.holder,
        },
      );
    }
    const presentation = await buildPresentation(
      credential,
      { did: identifier.did, signer: signerOf(wallet.agent, identifier) },
      {
        nonce: request.nonce,
        audience: request.clientId,
        ...(request.formats[credential.format] ? { accepted: request.formats[credential.format] } : {}),
      },
    );
    vpToken[queryId] = [...(vpToken[queryId] ?? []), presentation];
  }
  const answer = await postAnswer(wallet.http, request, { vp_token: vpToken });
  if (answer.status !== 200) throw failureOf(answer, "the employer did not accept the credential");
  let redirectUri: string | undefined;
  try {
    const body = JSON.parse(answer.text) as { redirect_uri?: unknown };
    if (typeof body?.redirect_uri === "string") redirectUri = body.redirect_uri;
  } catch {
    // an empty or non-JSON 200 is a fine answer too
  }
  return { status: answer.status, ...(redirectUri ? { redirectUri } : {}), shared: chosen };
}

/** Tells the verifier the learner declined (`access_denied`, §8.5). Best effort: the verifier may be gone. */
export async function declinePresentationRequest(wallet: Wallet, opened: OpenedRequest): Promise<void> {
  const { request } = opened;
  await postAnswer(wallet.http, request, {
    error: "access_denied",
    error_description: "The learner declined to share a credential.",
  }).catch(() => undefined);
}
