/**
 * The learner's page for an offer, in the learner's language: `?lang=` first, then the language staff gave
 * for the learner, then the browser's Accept-Language, then English. Every state has a page (open, received,
 * expired, withdrawn, unknown), never a JSON error: a learner opened a link.
 *
 *   GET  /claim/:id   the page
 *   POST /claim       form `offer`, `tx_code`, `lang`: for an offer with a PIN, opens its VC-API exchange and
 *                     shows the page again with the Learner Credential Wallet link (or what went wrong)
 */
import { LearnbridgeError } from "@learnbridge/core";
import { textFor } from "@learnbridge/credentials";
import {
  type CredentialOffer,
  credentialOfRecord,
  isOfferExpired,
  lcwDeepLinkOf,
  MAX_TX_CODE_FAILURES,
  offerUrls,
} from "@learnbridge/exchange";
import { type Context, Hono } from "hono";
import type { AppEnv, ResolvedDeps } from "../deps.ts";
import { claimExchangesOf } from "../vc-api/claim-exchanges-of.ts";
import { claimLanguage } from "./claim-messages.ts";
import { type ClaimPageInput, claimPageCsp, type PinProblem, renderClaimPage } from "./claim-page.ts";
import { textIn } from "./display-text.ts";
import type { OfferServices } from "./offer-feature.ts";
import { qrCodeSvg } from "./qr-code.ts";

const STATUS = {
  offered: 200,
  redeemed: 200,
  expired: 410,
  revoked: 410,
  locked: 410,
  unknown: 404,
} as const;

/** The Learner Credential Wallet part of the page: what H2's exchanges make possible for this offer. */
type LcwPart = ClaimPageInput["lcw"];

export function claimRoutes(deps: ResolvedDeps, services: OfferServices): Hono<AppEnv> {
  const formAction = `${deps.basePath}/claim`;

  async function find(id: string | undefined): Promise<CredentialOffer | undefined> {
    return typeof id === "string" && id !== "" && id.length <= 64
      ? services.context.offers.get(id)
      : undefined;
  }

  /** The page for `offer` (or for an unknown one), with `lcw` replacing the default wallet section. */
  async function page(
    c: Context<AppEnv>,
    offer: CredentialOffer | undefined,
    lang: string | undefined,
    lcw?: LcwPart,
    status?: number,
  ) {
    const language = claimLanguage(lang, offer?.language, c.req.header("Accept-Language"));
    const profile = await deps.profile.get();
    let input: ClaimPageInput = {
      language,
      state: "unknown",
      ...(profile
        ? {
            centreName: textIn(profile.name, profile.sourceLanguage, language),
            ...(profile.email ? { centreEmail: profile.email } : {}),
            ...(profile.phone ? { centrePhone: profile.phone } : {}),
          }
        : {}),
    };
    if (offer) {
      const expired = offer.state === "offered" && isOfferExpired(offer, deps.clock());
      const locked = offer.state === "offered" && !expired && offer.txCodeFailures >= MAX_TX_CODE_FAILURES;
      const open = offer.state === "offered" && !expired && !locked;
      const urls = offerUrls(deps.publicUrl, offer.id);
      input = {
        ...input,
        state: expired ? "expired" : locked ? "locked" : offer.state,
        learnerName: offer.learnerName,
        expiresAt: offer.expiresAt,
        ...(offer.redeemedAt ? { redeemedAt: offer.redeemedAt } : {}),
        ...(await achievementName(offer, language)),
        ...(open
          ? {
              offerUri: urls.offerUri,
              qrSvg: qrCodeSvg(urls.offerUri),
              ...(offer.txCode ? { txCodeLength: offer.txCode.length } : {}),
              ...((lcw ?? defaultLcw(offer)) ? { lcw: lcw ?? defaultLcw(offer) } : {}),
            }
          : {}),
      };
    }
    return c.html(renderClaimPage(input), (status ?? STATUS[input.state]) as 200, {
      "Content-Security-Policy": await claimPageCsp(),
      "Content-Language": language,
      "Cache-Control": "no-store",
      "X-Robots-Tag": "noindex",
    });
  }

  /** Without a PIN the exchange is open at the offer's id; with one, the form that opens it. */
  function defaultLcw(offer: CredentialOffer): LcwPart {
    if (!claimExchangesOf(deps)) return undefined;
    if (offer.txCode) return { form: { action: formAction, offerId: offer.id } };
    return {
      link: lcwDeepLinkOf({
        exchangeUrl: offerUrls(deps.publicUrl, offer.id).exchange,
        origin: deps.publicUrl,
      }),
    };
  }

  async function achievementName(
    offer: CredentialOffer,
    language: string,
  ): Promise<{ achievementName?: string }> {
    const slug = offer.source.kind === "award" ? offer.source.slug : offer.achievementId.split("/").at(-1);
    const achievement = slug ? await services.context.achievements.get(slug) : undefined;
    if (achievement) {
      return {
        achievementName: textIn(achievement.content.name, achievement.content.sourceLanguage, language),
      };
    }
    // A credential offered again may name an achievement of another centre: its own name is in it.
    if (offer.source.kind !== "record") return {};
    const record = await services.context.credentials.get(offer.source.credentialId);
    if (!record) return {};
    const credential = credentialOfRecord(record);
    return { achievementName: textFor(credential.name, credential.nameMap, [language]) ?? "" };
  }

  /** Over the PIN form's budget: the same form again, saying how long to wait; the PIN was not checked. */
  async function busyPage(c: Context<AppEnv>, seconds: number) {
    const form = new URLSearchParams(await c.req.text());
    const offer = await find(form.get("offer") ?? undefined);
    const lang = form.get("lang") ?? undefined;
    if (!offer?.txCode) return page(c, offer, lang, undefined, 429);
    const problem: PinProblem = { key: "pinBusy", seconds };
    return page(c, offer, lang, { form: { action: formAction, offerId: offer.id, problem } }, 429);
  }

  return new Hono<AppEnv>()
    .get("/claim/:id", async (c) => page(c, await find(c.req.param("id")), c.req.query("lang")))
    .post("/claim", deps.rateLimit("claim", busyPage), async (c) => {
      const form = new URLSearchParams(await c.req.text());
      const offer = await find(form.get("offer") ?? undefined);
      const lang = form.get("lang") ?? undefined;
      const claims = claimExchangesOf(deps);
      if (!offer || !claims || !offer.txCode) return page(c, offer, lang);
      try {
        const { exchangeUrl } = await claims.unlock(offer.id, form.get("tx_code") ?? "");
        return page(c, offer, lang, { link: lcwDeepLinkOf({ exchangeUrl, origin: deps.publicUrl }) });
      } catch (error) {
        if (!(error instanceof LearnbridgeError)) throw error;
        const tries = error.details.triesLeft;
        const problem: PinProblem | undefined =
          error.code === "TX_CODE_REQUIRED"
            ? { key: "pinMissing" }
            : error.code === "TX_CODE_INVALID" && typeof tries === "number" && tries > 0
              ? { key: "pinWrong", tries }
              : error.code === "TX_CODE_INVALID" || error.code === "TX_CODE_LOCKED"
                ? { key: "pinLocked" }
                : undefined;
        // Anything else (the offer was taken or closed meanwhile) shows the offer as it now stands.
        if (!problem) return page(c, await find(offer.id), lang);
        return page(c, offer, lang, { form: { action: formAction, offerId: offer.id, problem } }, 400);
      }
    });
}
