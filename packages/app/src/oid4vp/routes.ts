/**
 * The OpenID4VP 1.0 verifier's HTTP face. Employers (people or HR systems) create presentation requests
 * and read their results with the read token; wallets fetch the signed request object and post their
 * answer to the response URI (`direct_post`, form-encoded, or `direct_post.jwt`: a JWE in `response`).
 * Creation and the wallet's side are public, like every verification here; only a result needs the token.
 */
import { LearnbridgeError } from "@learnbridge/core";
import {
  PresentationRequests,
  type PresentationRequestView,
  REQUEST_OBJECT_MEDIA_TYPE,
} from "@learnbridge/exchange";
import { explainReport } from "@learnbridge/i18n";
import { type Context, Hono } from "hono";
import type { AppEnv, ResolvedDeps } from "../deps.ts";
import { badRequest, readJsonObject } from "../json-body.ts";
import { isJsonMediaType, mediaTypeOf } from "../middleware/json-content-type.ts";
import { publicCors } from "../middleware/public-cors.ts";
import { ProblemError } from "../problem.ts";
import { escapeHtml, newRequestPage, qrSvg, requestPage } from "./page.ts";
import { requestPageCsp } from "./page-style.ts";

const FORM = "application/x-www-form-urlencoded";
const NO_STORE = { "Cache-Control": "no-store" };
/** Headers of the pages for people: their own CSP allows their style block (the app's allows no style). */
const pageHeaders = async (extra: Record<string, string> = {}) => ({
  ...NO_STORE,
  "Content-Security-Policy": await requestPageCsp(),
  ...extra,
});
/** Paths below the centre's base path. */
export const OID4VP_PATHS_OF = {
  start: "/oid4vp",
  requests: "/oid4vp/requests",
  response: "/oid4vp/response",
} as const;

/** The media types `POST` bodies of these routes may have besides JSON, by route (for jsonContentType). */
export const oid4vpFormRoutes = (basePath: string): Record<string, string[]> => ({
  [`POST ${basePath}${OID4VP_PATHS_OF.requests}`]: [FORM],
  [`POST ${basePath}${OID4VP_PATHS_OF.response}`]: [FORM],
});

async function readFields(c: Context<AppEnv>): Promise<{ fields: Record<string, unknown>; form: boolean }> {
  if (mediaTypeOf(c.req.header("Content-Type")) === FORM) {
    return { fields: Object.fromEntries(new URLSearchParams(await c.req.text())), form: true };
  }
  if (!isJsonMediaType(c.req.header("Content-Type"))) {
    throw new ProblemError("UNSUPPORTED_MEDIA_TYPE", `expected application/json or ${FORM}`, {
      headers: { "Accept-Post": `application/json, ${FORM}` },
    });
  }
  return { fields: await readJsonObject(c), form: false };
}

const bearerOf = (c: Context<AppEnv>): string | undefined => {
  const match = /^Bearer\s+(\S+)$/i.exec(c.req.header("Authorization") ?? "");
  return match?.[1];
};

/** The routes; mounted only when the centre has a presentation request store. */
export function oid4vpRoutes(deps: ResolvedDeps): Hono<AppEnv> {
  const options = deps.oid4vp;
  if (!options) throw new TypeError("oid4vpRoutes: deps.oid4vp is required");
  const base = deps.publicUrl;
  const requests = new PresentationRequests({
    store: options.store,
    did: deps.keys.did,
    signer: () => deps.keys.signer(),
    responseUri: `${base}${OID4VP_PATHS_OF.response}`,
    requestUriOf: (id) => `${base}${OID4VP_PATHS_OF.requests}/${id}/request-object`,
    ...(options.vault ? { vault: options.vault } : {}),
    ...(options.responseMode ? { responseMode: options.responseMode } : {}),
    verifier: deps.verifierOptions,
    clock: deps.clock,
    ...(options.requestTtlMs !== undefined ? { requestTtlMs: options.requestTtlMs } : {}),
    ...(options.resultTtlMs !== undefined ? { resultTtlMs: options.resultTtlMs } : {}),
    ...(options.replayWindowMs !== undefined ? { replayWindowMs: options.replayWindowMs } : {}),
  });
  const { i18n } = deps;
  const resultUrl = (id: string) => `${base}${OID4VP_PATHS_OF.requests}/${id}`;
  const formPage = (language: string) =>
    newRequestPage(language, `${base}${OID4VP_PATHS_OF.requests}`, {
      responseMode: options.responseMode ?? "direct_post",
      encryption: Boolean(options.vault),
    });
  /** The form again, saying to wait, for a person over the budget; an API caller keeps the problem document. */
  const formAgain = async (c: Context<AppEnv>, reason: string, status: 400 | 429) => {
    const page = formPage(c.get("language")).replace(
      "<form ",
      `<p role="alert">${escapeHtml(reason)}</p>\n<form `,
    );
    return c.html(page, status, await pageHeaders());
  };
  const busyForm = async (c: Context<AppEnv>, retryAfter: number) => {
    if (mediaTypeOf(c.req.header("Content-Type")) !== FORM) return undefined;
    const t = i18n.getFixedT(c.get("language"));
    return formAgain(c, `${t("error.RATE_LIMITED")} (${retryAfter} s)`, 429);
  };
  const pageUrl = (id: string, token: string) => `${resultUrl(id)}/page?token=${encodeURIComponent(token)}`;
  // The employer's language: the one asked for now, else the one they made the request in.
  // `Accept-Language: *` (what Node's and Miniflare's fetch send by default) names no language.
  const readerLanguage = (c: Context<AppEnv>, view: PresentationRequestView) =>
    c.req.query("lang") || namesLanguage(c.req.header("Accept-Language")) ? c.get("language") : view.language;

  return (
    new Hono<AppEnv>()
      // Public like every verification: HR systems and web wallets call these from other origins.
      .use(OID4VP_PATHS_OF.requests, publicCors())
      .use(OID4VP_PATHS_OF.response, publicCors())
      .use(`${OID4VP_PATHS_OF.requests}/:id/request-object`, publicCors())
      .use(`${OID4VP_PATHS_OF.requests}/:id/qr.svg`, publicCors())
      .get(OID4VP_PATHS_OF.start, async (c) => c.html(formPage(c.get("language")), 200, await pageHeaders()))
      .post(OID4VP_PATHS_OF.requests, deps.rateLimit("presentation-requests", busyForm), async (c) => {
        const { fields, form } = await readFields(c);
        const text = (name: string) => {
          const value = fields[name];
          if (value === undefined || (form && value === "")) return undefined;
          if (typeof value !== "string") throw badRequest(name, "must be a string");
          return value.trim();
        };
        if (fields.dcql_query !== undefined && fields.dcqlQuery !== undefined) {
          throw badRequest("dcql_query", "give dcql_query or dcqlQuery, not both");
        }
        const expiresIn = fields.expiresIn;
        if (expiresIn !== undefined && !Number.isSafeInteger(expiresIn))
          throw badRequest("expiresIn", "must be whole seconds");
        try {
          const dcqlQuery = fields.dcql_query ?? fields.dcqlQuery;
          const achievement = text("achievement");
          const issuer = text("issuer");
          const responseMode = text("responseMode");
          const { request, readToken } = await requests.create({
            ...(dcqlQuery !== undefined
              ? { dcqlQuery: form && typeof dcqlQuery === "string" ? parseJson(dcqlQuery) : dcqlQuery }
              : {}),
            ...(achievement !== undefined ? { achievement } : {}),
            ...(issuer !== undefined ? { issuer } : {}),
            ...(responseMode !== undefined ? { responseMode } : {}),
            language: c.get("language"),
            ...(typeof expiresIn === "number" ? { ttlMs: expiresIn * 1000 } : {}),
          });
          if (form) return c.redirect(pageUrl(request.id, readToken), 303);
          return c.json(
            {
              ...request,
              qrCodeUrl: `${resultUrl(request.id)}/qr.svg`,
              resultUrl: resultUrl(request.id),
              pageUrl: pageUrl(request.id, readToken),
              readToken,
            },
            201,
            { ...NO_STORE, Location: resultUrl(request.id) },
          );
        } catch (error) {
          if (!form || !(error instanceof LearnbridgeError) || error.code === "INTERNAL") throw error;
          // A person filled the form: show it again with the reason, in their language.
          const reason = `${i18n.getFixedT(c.get("language"))(`error.${error.code}`)} ${error.message}`;
          return formAgain(c, reason, 400);
        }
      })
      .get(`${OID4VP_PATHS_OF.requests}/:id`, async (c) => {
        const view = await requests.read(c.req.param("id"), bearerOf(c));
        const language = readerLanguage(c, view);
        const t = i18n.getFixedT(language);
        const result = view.result && {
          ...view.result,
          presentations: view.result.presentations.map((p) => ({
            ...p,
            explanation: explainReport(p.report, t, { lng: language }),
          })),
        };
        return c.json({ ...view, ...(result ? { result } : {}), explainedIn: language }, 200, {
          ...NO_STORE,
          "Content-Language": language,
        });
      })
      .get(`${OID4VP_PATHS_OF.requests}/:id/page`, async (c) => {
        const token = c.req.query("token");
        const view = await requests.read(c.req.param("id"), token);
        const language = readerLanguage(c, view);
        const html = await requestPage(view, {
          language,
          t: i18n.getFixedT(language),
          selfUrl: pageUrl(view.id, token ?? ""),
          newRequestUrl: `${base}${OID4VP_PATHS_OF.start}`,
        });
        return c.html(html, 200, await pageHeaders({ "Content-Language": language }));
      })
      .get(`${OID4VP_PATHS_OF.requests}/:id/request-object`, async (c) => {
        const jwt = await requests.requestObject(c.req.param("id"));
        return c.body(jwt, 200, { ...NO_STORE, "Content-Type": REQUEST_OBJECT_MEDIA_TYPE });
      })
      .get(`${OID4VP_PATHS_OF.requests}/:id/qr.svg`, async (c) => {
        const view = await requests.describe(c.req.param("id"));
        return c.body(await qrSvg(view.walletLink), 200, { ...NO_STORE, "Content-Type": "image/svg+xml" });
      })
      .post(OID4VP_PATHS_OF.response, async (c) => {
        const { fields } = await readFields(c);
        try {
          await requests.respond({
            state: fields.state,
            vpToken: fields.vp_token,
            error: fields.error,
            errorDescription: fields.error_description,
            response: fields.response,
          });
        } catch (error) {
          if (!(error instanceof LearnbridgeError) || error.code === "INTERNAL") throw error;
          // Wallets read OAuth's `error` / `error_description`; people and logs read the problem's code.
          throw new ProblemError(error.code, error.message, {
            extras: { ...error.details, error: "invalid_request", error_description: error.message },
          });
        }
        // §8.2: a processed response is 200 with a JSON object; no redirect_uri (this is a cross-device flow).
        return c.json({}, 200, NO_STORE);
      })
  );
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** True when an Accept-Language header asks for some language, not just anything (`*`). */
function namesLanguage(header: string | undefined): boolean {
  return (header ?? "").split(",").some((part) => {
    const tag = part.split(";")[0]?.trim() ?? "";
    return tag !== "" && tag !== "*";
  });
}
