/**
 * The OpenID4VCI 1.0 protocol endpoints a wallet calls: `POST /oid4vci/token` (form-encoded, pre-authorized
 * code and PIN), `POST /oid4vci/nonce`, `POST /oid4vci/credential` (bearer token, JSON). They answer errors
 * the OAuth way, `{ error, error_description, code }`, never as problem documents: wallets read `error`.
 */
import { LearnbridgeError } from "@learnbridge/core";
import { type Oid4vciEndpoint, oauthErrorOf } from "@learnbridge/exchange";
import { type Context, Hono, type MiddlewareHandler } from "hono";
import { cors } from "hono/cors";
import type { AppEnv } from "../deps.ts";
import { isJsonMediaType, mediaTypeOf } from "../middleware/json-content-type.ts";
import type { OfferServices } from "./offer-feature.ts";

/** The media type of a token request. */
export const FORM_MEDIA_TYPE = "application/x-www-form-urlencoded";

/** The routes that take a form-encoded body (for the app's content-type check), below `basePath`. */
export const oid4vciFormRoutes = (basePath: string): Record<string, string[]> => ({
  [`POST ${basePath}/oid4vci/token`]: [FORM_MEDIA_TYPE],
  // Some wallets post an empty form to the nonce endpoint.
  [`POST ${basePath}/oid4vci/nonce`]: [FORM_MEDIA_TYPE],
  // The claim page's PIN form (an HTML form, no script).
  [`POST ${basePath}/claim`]: [FORM_MEDIA_TYPE],
});

const NO_STORE = { "Cache-Control": "no-store", Pragma: "no-cache" };

/** Runs `handler`; a domain failure becomes the endpoint's OAuth error answer. */
async function oauthAnswer(c: Context<AppEnv>, endpoint: Oid4vciEndpoint, handler: () => Promise<Response>) {
  try {
    return await handler();
  } catch (error) {
    if (!(error instanceof LearnbridgeError) || error.code === "INTERNAL") throw error;
    const override = typeof error.details.oauthError === "string" ? error.details.oauthError : undefined;
    const { status, body } = oauthErrorOf(endpoint, error.code, error.message, override);
    const headers: Record<string, string> = { ...NO_STORE };
    if (status === 401) headers["WWW-Authenticate"] = `Bearer error="${body.error}"`;
    return c.json(body, status, headers);
  }
}

/** The form's parameters; BAD_REQUEST when it is not a form or names a parameter twice (RFC 6749 §3.2). */
async function readForm(c: Context<AppEnv>): Promise<Record<string, string>> {
  if (mediaTypeOf(c.req.header("Content-Type")) !== FORM_MEDIA_TYPE) {
    throw new LearnbridgeError("BAD_REQUEST", `a token request is ${FORM_MEDIA_TYPE}`);
  }
  const params: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(await c.req.text())) {
    if (Object.hasOwn(params, name)) throw new LearnbridgeError("BAD_REQUEST", `${name} is given twice`);
    params[name] = value;
  }
  return params;
}

async function readJson(c: Context<AppEnv>): Promise<unknown> {
  if (!isJsonMediaType(c.req.header("Content-Type"))) {
    throw new LearnbridgeError("BAD_REQUEST", "a credential request is application/json");
  }
  try {
    return JSON.parse(await c.req.text());
  } catch {
    throw new LearnbridgeError("BAD_REQUEST", "the credential request is not JSON");
  }
}

/**
 * Over the token endpoint's budget, an OAuth error as every other refusal there (429; `code` RATE_LIMITED):
 * a wallet reads `error`, not a problem document. Nothing was checked, no PIN try was taken.
 */
export function tokenEndpointBusy(c: Context<AppEnv>, retryAfter: number): Response {
  const description = `too many token requests from this address; try again in ${retryAfter} s`;
  return c.json(
    { error: "invalid_request", error_description: description, code: "RATE_LIMITED" },
    429,
    NO_STORE,
  );
}

/** The protocol endpoints; `limitTokens` rate-limits the token endpoint (a PIN guess each). */
export function protocolRoutes(
  services: OfferServices,
  limitTokens: MiddlewareHandler<AppEnv> = async (_c, next) => next(),
): Hono<AppEnv> {
  const { issuer } = services;
  // Browser-based wallets call these from their own origin; no cookies are involved, only bearer tokens.
  const walletCors = cors({
    origin: "*",
    allowMethods: ["POST"],
    allowHeaders: ["Content-Type", "Authorization", "DPoP"],
    maxAge: 600,
  });
  return new Hono<AppEnv>()
    .use("/oid4vci/token", walletCors)
    .use("/oid4vci/nonce", walletCors)
    .use("/oid4vci/credential", walletCors)
    .post("/oid4vci/token", limitTokens, (c) =>
      oauthAnswer(c, "token", async () => c.json(await issuer.token(await readForm(c)), 200, NO_STORE)),
    )
    .post("/oid4vci/nonce", (c) =>
      oauthAnswer(c, "nonce", async () => c.json(await issuer.nonce(), 200, NO_STORE)),
    )
    .post("/oid4vci/credential", (c) =>
      oauthAnswer(c, "credential", async () => {
        const token = /^Bearer +([^\s]+) *$/i.exec(c.req.header("Authorization") ?? "")?.[1];
        if (!token) throw new LearnbridgeError("ACCESS_TOKEN_INVALID", "a bearer access token is required");
        const offer = await issuer.authorize(token);
        return c.json(
          await issuer.credential(offer, await readJson(c), c.get("clientAddress")),
          200,
          NO_STORE,
        );
      }),
    );
}
