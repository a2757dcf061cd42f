/**
 * Offers to learners. Staff (scope issue): `POST /oid4vci/offers` makes one and gets, once, its PIN and every
 * way to reach the learner; `GET /oid4vci/offers` lists them; `DELETE /oid4vci/offers/:id` withdraws one.
 * Wallets: `GET /oid4vci/offers/:id` is the OID4VCI Credential Offer object (with a pre-authorized code minted
 * for that fetch), `…/qr.svg` its QR code.
 */
import { isAbsoluteUri } from "@learnbridge/core";
import type { CredentialFormat } from "@learnbridge/credentials";
import {
  type CreateOfferRequest,
  type CredentialOffer,
  createOffer,
  credentialOfferDocument,
  isOfferExpired,
  lcwDeepLinkOf,
  MAX_OFFER_LIFETIME_MS,
  MAX_TX_CODE_FAILURES,
  type OfferState,
  offerUrls,
  revokeOffer,
} from "@learnbridge/exchange";
import { Hono } from "hono";
import type { AppEnv, ResolvedDeps } from "../deps.ts";
import { badRequest, isObject, optionalObject, optionalString, readJsonObject } from "../json-body.ts";
import { requireScope } from "../middleware/bearer-auth.ts";
import { publicCors } from "../middleware/public-cors.ts";
import { ProblemError } from "../problem.ts";
import { claimExchangesOf } from "../vc-api/claim-exchanges-of.ts";
import { claimLanguage, claimMessages, fill } from "./claim-messages.ts";
import { textIn } from "./display-text.ts";
import type { OfferServices } from "./offer-feature.ts";
import { qrCodeSvg } from "./qr-code.ts";

const FORMATS: readonly CredentialFormat[] = ["ldp_vc", "jwt_vc"];
const STATES: readonly OfferState[] = ["offered", "redeemed", "revoked"];
const FIELDS = ["achievement", "credentialId", "learner", "result", "formats", "expiresInDays", "txCode"];
const DAY_MS = 86_400_000;

/**
 * An offer as staff see it, never its PIN or token hashes. `exchanges`: whether the centre keeps VC-API
 * exchanges (then `protocols.vcapi` names the offer's exchange, which an offer with a PIN opens only once
 * the learner typed it on the claim page).
 */
export function offerView(offer: CredentialOffer, publicUrl: string, now: Date, exchanges: boolean) {
  const urls = offerUrls(publicUrl, offer.id);
  return {
    id: offer.id,
    state: offer.state,
    expired: offer.state === "offered" && isOfferExpired(offer, now),
    source: offer.source,
    achievementId: offer.achievementId,
    learner: { name: offer.learnerName, language: offer.language },
    formats: offer.formats,
    createdAt: offer.createdAt,
    expiresAt: offer.expiresAt,
    createdBy: offer.createdBy,
    txCode: offer.txCode
      ? {
          length: offer.txCode.length,
          failures: offer.txCodeFailures,
          locked: offer.txCodeFailures >= MAX_TX_CODE_FAILURES,
        }
      : null,
    ...(offer.grantedAt ? { grantedAt: offer.grantedAt } : {}),
    ...(offer.credentialId
      ? {
          credentialId: offer.credentialId,
          holder: offer.holder,
          redeemedAt: offer.redeemedAt,
          redeemedVia: offer.redeemedVia,
        }
      : {}),
    ...(offer.revokedAt ? { revokedAt: offer.revokedAt } : {}),
    offerUri: urls.offerUri,
    claimUrl: urls.claimPage,
    qrCodeUrl: urls.qrCode,
    protocols: { OID4VCI: urls.offerUri, ...(exchanges ? { vcapi: urls.exchange } : {}) },
  };
}

/** Reads `POST /oid4vci/offers`; a 400 names the first wrong field. */
function readCreateRequest(
  body: Record<string, unknown>,
  defaultLifetimeMs: number,
): Omit<CreateOfferRequest, "actor"> {
  const unknown = Object.keys(body).filter((k) => !FIELDS.includes(k));
  if (unknown.length) throw badRequest(unknown[0] as string, "is not a known field");
  const achievement = optionalString(body, "achievement", 64);
  const credentialId = optionalString(body, "credentialId", 2048);
  if ((achievement === undefined) === (credentialId === undefined)) {
    throw badRequest("achievement", "name exactly one of achievement (a slug) and credentialId");
  }
  if (credentialId !== undefined && !isAbsoluteUri(credentialId))
    throw badRequest("credentialId", "must be a URI");
  if (!isObject(body.learner)) throw badRequest("learner", 'is required: { "name": …, "language"?: … }');
  const learner = body.learner;
  const extra = Object.keys(learner).filter((k) => k !== "name" && k !== "language");
  if (extra.length) throw badRequest(`learner.${extra[0]}`, "is not a known field");
  const name = optionalString(learner, "name", 200, "learner.name");
  if (name === undefined)
    throw badRequest("learner.name", "is required: the claim page greets the learner by it");
  const language = optionalString(learner, "language", 35, "learner.language");
  const result = optionalObject(body, "result");
  const resultFields = Object.keys(result).filter((k) => k !== "grade" && k !== "creditsEarned");
  if (resultFields.length) throw badRequest(`result.${resultFields[0]}`, "is not a known field");
  const grade = optionalString(result, "grade", 100, "result.grade");
  const credits = result.creditsEarned;
  if (credits !== undefined && (typeof credits !== "number" || !Number.isFinite(credits) || credits < 0)) {
    throw badRequest("result.creditsEarned", "must be a number ≥ 0");
  }
  const formats = body.formats;
  if (
    formats !== undefined &&
    (!Array.isArray(formats) || formats.length === 0 || formats.some((f) => !FORMATS.includes(f)))
  ) {
    throw badRequest("formats", `must be a non-empty array of ${FORMATS.join(", ")}`);
  }
  const days = body.expiresInDays;
  if (
    days !== undefined &&
    (typeof days !== "number" || !(days > 0) || days * DAY_MS > MAX_OFFER_LIFETIME_MS)
  ) {
    throw badRequest("expiresInDays", "must be a number of days above 0 and at most 90");
  }
  const txCode = body.txCode;
  const pin =
    txCode === undefined || typeof txCode === "boolean"
      ? txCode
      : isObject(txCode) && Object.keys(txCode).length === 1 && typeof txCode.length === "number"
        ? { length: txCode.length }
        : undefined;
  if (txCode !== undefined && pin === undefined)
    throw badRequest("txCode", 'must be true, false or { "length": 4-8 }');
  return {
    ...(achievement !== undefined ? { achievement } : {}),
    ...(credentialId !== undefined ? { credentialId } : {}),
    learner: { name, ...(language !== undefined ? { language } : {}) },
    ...(grade !== undefined || credits !== undefined
      ? {
          result: {
            ...(grade !== undefined ? { grade } : {}),
            ...(credits !== undefined ? { creditsEarned: credits as number } : {}),
          },
        }
      : {}),
    ...(formats !== undefined ? { formats: formats as CredentialFormat[] } : {}),
    lifetimeMs: days === undefined ? defaultLifetimeMs : Math.round((days as number) * DAY_MS),
    ...(pin !== undefined ? { txCode: pin } : {}),
  };
}

/** The offer with `id`, or a 404 problem. */
async function offerOr404(services: OfferServices, id: string): Promise<CredentialOffer> {
  const offer = id.length <= 64 ? await services.context.offers.get(id) : undefined;
  if (!offer) throw new ProblemError("NOT_FOUND", "there is no such offer");
  return offer;
}

export function offerRoutes(deps: ResolvedDeps, services: OfferServices): Hono<AppEnv> {
  const { context } = services;
  const exchanges = claimExchangesOf(deps) !== undefined;
  return new Hono<AppEnv>()
    .post("/oid4vci/offers", requireScope(deps.apiKeys, "issue"), async (c) => {
      const request = readCreateRequest(await readJsonObject(c), services.offerLifetimeMs);
      const { offer, txCode } = await createOffer(context, {
        ...request,
        actor: c.get("apiKey").id,
        origin: c.get("clientAddress"),
      });
      const view = offerView(offer, deps.publicUrl, deps.clock(), exchanges);
      const urls = offerUrls(deps.publicUrl, offer.id);
      c.header("Location", urls.offerJson);
      return c.json(
        {
          ...view,
          // The PIN in clear, this once: staff send it to the learner by another channel.
          ...(txCode ? { pin: txCode } : {}),
          // The Learner Credential Wallet's link works as is only for an offer without a PIN.
          ...(exchanges && !txCode
            ? { lcwDeepLink: lcwDeepLinkOf({ exchangeUrl: urls.exchange, origin: deps.publicUrl }) }
            : {}),
        },
        201,
      );
    })
    .get("/oid4vci/offers", requireScope(deps.apiKeys, "issue"), async (c) => {
      const { state, limit = "50", before } = c.req.query();
      if (state !== undefined && !STATES.includes(state as OfferState)) {
        throw badRequest("state", `must be one of ${STATES.join(", ")}`);
      }
      const size = Number(limit);
      if (!/^\d+$/.test(limit) || size < 1 || size > 100)
        throw badRequest("limit", "must be an integer from 1 to 100");
      const page = await context.offers.list({
        ...(state ? { state: state as OfferState } : {}),
        ...(before ? { before } : {}),
        limit: size,
      });
      const now = deps.clock();
      const last = page.at(-1);
      return c.json({
        offers: page.map((o) => offerView(o, deps.publicUrl, now, exchanges)),
        ...(page.length === size && last ? { next: last.id } : {}),
      });
    })
    .delete("/oid4vci/offers/:id", requireScope(deps.apiKeys, "issue"), async (c) => {
      const offer = await revokeOffer(
        context.offers,
        c.req.param("id"),
        { actor: c.get("apiKey").id, origin: c.get("clientAddress") },
        deps.clock,
      );
      return c.json(offerView(offer, deps.publicUrl, deps.clock(), exchanges));
    })
    .use("/oid4vci/offers/:id", publicCors())
    .get("/oid4vci/offers/:id", async (c) => {
      const offer = await offerOr404(services, c.req.param("id"));
      // Every fetch mints a fresh, short-lived code; the offer's earlier codes keep working (its five newest).
      const preAuthorizedCode = await services.issuer.mintPreAuthorizedCode(offer);
      // The wallet shows this next to the PIN field: the learner's language, as the centre knows it.
      const profile = await deps.profile.get();
      const language = claimLanguage(offer.language);
      const description = fill(claimMessages(language).txCodeDescription, {
        length: offer.txCode?.length ?? "",
        centre: profile ? textIn(profile.name, profile.sourceLanguage, language) : "",
      });
      return c.json(
        credentialOfferDocument(offer, {
          publicUrl: deps.publicUrl,
          preAuthorizedCode,
          txCodeDescription: description,
        }),
        200,
        {
          "Cache-Control": "no-store",
        },
      );
    })
    .get("/oid4vci/offers/:id/qr.svg", async (c) => {
      const offer = await offerOr404(services, c.req.param("id"));
      return c.body(qrCodeSvg(offerUrls(deps.publicUrl, offer.id).offerUri), 200, {
        "Content-Type": "image/svg+xml",
        "Cache-Control": "no-store",
      });
    });
}
