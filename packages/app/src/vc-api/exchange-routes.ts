/**
 * VC-API (VCALM) exchanges of the `claim` workflow, public like every wallet endpoint (the exchange id is the
 * capability):
 *   POST /workflows/claim/exchanges/:id            `{}` (or nothing): the DIDAuth request; `{ verifiablePresentation }`:
 *                                                  the credential, in a presentation
 *   GET  /workflows/claim/exchanges/:id            the exchange's state (id, sequence, expires, step, state, lastError)
 *   GET  /workflows/claim/exchanges/:id/protocols  `{ protocols: { vcapi, OID4VCI } }`
 *   POST /workflows/claim/exchanges/:id/unlock     `{ tx_code }`: opens the exchange of an offer with a PIN
 *                                                  (not VCALM: the claim page's step before the wallet link)
 */
import { ERROR_HTTP_STATUS, type ErrorCode, LearnbridgeError } from "@learnbridge/core";
import {
  type ClaimExchanges,
  exchangeExpires,
  lcwDeepLinkOf,
  type VcApiExchange,
} from "@learnbridge/exchange";
import { type Context, Hono } from "hono";
import type { AppEnv, ResolvedDeps } from "../deps.ts";
import { readJsonObject } from "../json-body.ts";
import { publicCors } from "../middleware/public-cors.ts";
import { PROBLEM_TYPE_BASE, ProblemError } from "../problem.ts";
import { claimExchangesOf } from "./claim-exchanges-of.ts";

/** The exchange URL's path below the centre's base path. */
export const CLAIM_EXCHANGE_PATH = "/workflows/claim/exchanges/:id";
const NO_STORE = { "Cache-Control": "no-store" };

/** A step's message: an empty body is the empty object the spec starts an exchange with. */
async function readMessage(c: Context<AppEnv>): Promise<Record<string, unknown>> {
  // Hono keeps the body it has read, so readJsonObject reads the same text again.
  if ((await c.req.text()).trim() === "") return {};
  return readJsonObject(c);
}

/**
 * The exchange as VCALM's "Get Exchange State" shows it; who authenticated is not shown. `lastError` is a
 * problem (VCALM's ProblemDetails: type, title, detail) with our stable `code`; `title` is in the caller's
 * language.
 */
function stateView(exchange: VcApiExchange, title: (code: string) => string) {
  const { lastError } = exchange;
  return {
    id: exchange.id,
    sequence: exchange.sequence,
    expires: exchangeExpires(exchange),
    step: "didAuthentication",
    state: exchange.state,
    ...(lastError
      ? {
          lastError: {
            type: `${PROBLEM_TYPE_BASE}${lastError.code}`,
            title: title(lastError.code),
            code: lastError.code,
            detail: lastError.detail,
          },
        }
      : {}),
  };
}

/**
 * A refused step as VCALM answers it: "Participate in an Exchange" lists 400 for input it cannot take, so a
 * step out of turn (EXCHANGE_STATE_INVALID, 409 elsewhere) and a presentation that does not verify (422
 * elsewhere) are 400 here, keeping their code. An unknown exchange stays 404, a step racing another stays
 * 409 (try again): VCALM lists nothing for either.
 */
function asVcalmRefusal(error: unknown): unknown {
  if (!(error instanceof LearnbridgeError) || error instanceof ProblemError) return error;
  const status = ERROR_HTTP_STATUS[error.code];
  if (error.code !== "EXCHANGE_STATE_INVALID" && status !== 422) return error;
  return new ProblemError(error.code, error.message, { status: 400, extras: { ...error.details } });
}

/** The claim workflow's exchange routes over `claims`. */
export function vcApiExchangeRoutes(deps: ResolvedDeps, claims: ClaimExchanges): Hono<AppEnv> {
  const { i18n } = deps;
  return new Hono<AppEnv>()
    .use(`${CLAIM_EXCHANGE_PATH}/*`, publicCors())
    .use(CLAIM_EXCHANGE_PATH, publicCors())
    .post(CLAIM_EXCHANGE_PATH, async (c) => {
      const message = await readMessage(c);
      try {
        // The centre's key exists before a presentation is checked: the verifier may read the centre's DID
        // document (which lists at least one key), and the credential is signed with it right after.
        if (message.verifiablePresentation !== undefined) await deps.keys.activeKey();
        const answer = await claims.participate(c.req.param("id"), message, c.get("clientAddress"));
        return c.json(answer, 200, NO_STORE);
      } catch (error) {
        throw asVcalmRefusal(error);
      }
    })
    .get(CLAIM_EXCHANGE_PATH, async (c) => {
      const t = i18n.getFixedT(c.get("language") ?? "en");
      const title = (code: string) => t(`error.${code as ErrorCode}`);
      return c.json(stateView(await claims.state(c.req.param("id")), title), 200, NO_STORE);
    })
    .get(`${CLAIM_EXCHANGE_PATH}/protocols`, async (c) =>
      c.json({ protocols: await claims.protocols(c.req.param("id")) }, 200, NO_STORE),
    )
    .post(`${CLAIM_EXCHANGE_PATH}/unlock`, async (c) => {
      const body = await readMessage(c);
      const { exchangeId, exchangeUrl } = await claims.unlock(c.req.param("id"), body.tx_code);
      const protocols = await claims.protocols(exchangeId);
      return c.json(
        { protocols, lcwDeepLink: lcwDeepLinkOf({ exchangeUrl, origin: deps.publicUrl }) },
        200,
        NO_STORE,
      );
    });
}

/** The routes when the centre makes offers and keeps exchanges; none otherwise. */
export function vcApiExchangeFeature(deps: ResolvedDeps): Hono<AppEnv>[] {
  const claims = claimExchangesOf(deps);
  return claims ? [vcApiExchangeRoutes(deps, claims)] : [];
}
