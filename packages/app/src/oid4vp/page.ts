/**
 * The plain pages of an employer's presentation request: a form to ask for a credential, and the request's
 * page with its QR code, the wallet link and, when it arrives, the result explained in the reader's
 * language, right to left in Arabic. No script: the QR code is inline SVG markup, a pending page refreshes
 * itself with a meta refresh (which CSP does not govern), and the one style block is allowed by its hash
 * (page-style.ts).
 */
import { textFor } from "@learnbridge/credentials";
import type { PresentationRequestView, ResponseMode } from "@learnbridge/exchange";
import { explainReport, RTL_LANGUAGES, type Translate } from "@learnbridge/i18n";
import QRCode from "qrcode";
import { REQUEST_PAGE_STYLE } from "./page-style.ts";
import { type PageText, pageText } from "./page-text.ts";

const ESCAPES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};
/** Text made safe for HTML content and attribute values. */
export const escapeHtml = (value: unknown): string =>
  String(value).replace(/[&<>"']/g, (ch) => ESCAPES[ch] ?? ch);
// No CSS may wrap a long link: <wbr> after its separators lets a phone screen break it.
const breakable = (link: string) => escapeHtml(link).replace(/(&amp;|%2F|%3A)/g, "$1<wbr>");
const fill = (template: string, value: string) => escapeHtml(template).replace("{x}", value);

function when(iso: string, language: string): string {
  try {
    const text = new Intl.DateTimeFormat(language, {
      dateStyle: "long",
      timeStyle: "short",
      timeZone: "UTC",
    }).format(new Date(iso));
    return escapeHtml(`${text} UTC`);
  } catch {
    return escapeHtml(iso);
  }
}

function layout(language: string, title: string, body: string, head = ""): string {
  const dir = RTL_LANGUAGES.has(language) ? "rtl" : "ltr";
  return `<!doctype html>
<html lang="${escapeHtml(language)}" dir="${dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">${head}
<title>${escapeHtml(title)}</title>
<style>${REQUEST_PAGE_STYLE}</style>
</head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
${body}
</main>
</body>
</html>
`;
}

/** How the form offers the response modes: which one is chosen at first, and whether encryption is there. */
export interface ResponseModeChoice {
  readonly responseMode: ResponseMode;
  readonly encryption: boolean;
}

function responseModeField(text: PageText, choice: ResponseModeChoice): string {
  if (!choice.encryption) return "";
  const option = (value: ResponseMode, label: string) =>
    `<option value="${value}"${choice.responseMode === value ? " selected" : ""}>${escapeHtml(label)}</option>`;
  return `<p><label for="responseMode">${escapeHtml(text.responseModeLabel)}</label>
<select id="responseMode" name="responseMode" aria-describedby="responseMode-hint">
${option("direct_post", text.responseModePlain)}
${option("direct_post.jwt", text.responseModeEncrypted)}
</select>
<small id="responseMode-hint">${escapeHtml(text.responseModeHint)}</small></p>
`;
}

/** The form that creates a request: an achievement's URL, or a centre's DID; and how the wallet answers. */
export function newRequestPage(
  language: string,
  action: string,
  choice: ResponseModeChoice = { responseMode: "direct_post", encryption: false },
): string {
  const text = pageText(language);
  return layout(
    language,
    text.newTitle,
    `<p>${escapeHtml(text.newIntro)}</p>
<form method="post" action="${escapeHtml(action)}">
<p><label for="achievement">${escapeHtml(text.achievementLabel)}</label>
<input id="achievement" name="achievement" type="url" dir="ltr" aria-describedby="achievement-hint">
<small id="achievement-hint">${escapeHtml(text.achievementHint)}</small></p>
<p><label for="issuer">${escapeHtml(text.issuerLabel)}</label>
<input id="issuer" name="issuer" type="text" dir="ltr" aria-describedby="issuer-hint">
<small id="issuer-hint">${escapeHtml(text.issuerHint)}</small></p>
${responseModeField(text, choice)}<p><button type="submit">${escapeHtml(text.create)}</button></p>
</form>`,
  );
}

/** The wallet link as an inline SVG QR code, labelled for screen readers. */
export async function qrSvg(link: string, label?: string): Promise<string> {
  const svg = await QRCode.toString(link, { type: "svg", margin: 2, errorCorrectionLevel: "M" });
  if (label === undefined) return svg;
  return svg.replace(/^<svg /, `<svg width="280" height="280" role="img" aria-label="${escapeHtml(label)}" `);
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);
/** The name of an issuer or achievement in `language` when its `nameMap` has it, else the signed `name`. */
const nameOf = (value: unknown, language: string): string | undefined => {
  if (typeof value === "string") return value; // an issuer given as a bare id: the id names it
  return isObject(value) ? textFor(value.name, value.nameMap, [language]) : undefined;
};
// A name or an identifier may be written in either direction: each is isolated (<bdi>) to keep its own,
// while it stands on the page's side under its term.
const fact = (term: string, value: string) =>
  `<dt>${escapeHtml(term)}</dt><dd><bdi>${escapeHtml(value)}</bdi></dd>`;

function resultSection(
  view: PresentationRequestView,
  text: PageText,
  t: Translate,
  language: string,
): string {
  const result = view.result;
  if (!result) return "";
  if (result.walletError) {
    return `<p>${fill(text.declined, escapeHtml(result.walletError.description ?? result.walletError.error))}</p>`;
  }
  return result.presentations
    .map((presentation) => {
      const explained = explainReport(presentation.report, t, { lng: language });
      const credentials = (presentation.report.credentials ?? []).map((credential, index) => {
        const doc = isObject(credential.document) ? credential.document : {};
        const subject = [doc.credentialSubject].flat()[0];
        const achievement =
          nameOf(isObject(subject) ? subject.achievement : undefined, language) ?? nameOf(doc, language);
        const issuer = nameOf(doc.issuer, language);
        const facts = [
          achievement ? fact(text.achievement, achievement) : "",
          issuer ? fact(text.issuer, issuer) : "",
          fact(text.holder, presentation.holder),
        ].join("");
        const own = explained.credentials[index] ?? explained;
        const checks = own.checks.map(
          (c) =>
            `<li class="${c.outcome}"><span class="mark">${escapeHtml(c.mark)}</span> <strong>${escapeHtml(c.title)}</strong>: ${escapeHtml(c.message)}</li>`,
        );
        return `<section>
<h2><bdi>${escapeHtml(achievement ?? presentation.queryId)}</bdi></h2>
<dl>${facts}</dl>
<ul class="checks">${checks.join("")}</ul>
<p class="verdict ${own.verdict}"><strong>${escapeHtml(own.headline)}</strong></p>
</section>`;
      });
      return credentials.join("\n");
    })
    .join("\n");
}

/** The request's page; `selfUrl` is its own URL (with the read token), for "check now". */
export async function requestPage(
  view: PresentationRequestView,
  options: { language: string; t: Translate; selfUrl: string; newRequestUrl: string },
): Promise<string> {
  const { language, t } = options;
  const text = pageText(language);
  const status = {
    pending: text.pending,
    completed: text.completed,
    failed: text.failed,
    expired: text.expired,
  }[view.status];
  const parts = [`<p role="status"><strong>${escapeHtml(status)}</strong></p>`];
  if (view.status === "pending") {
    parts.push(
      `<p>${escapeHtml(text.scan)}</p>`,
      `<p class="qr">${await qrSvg(view.walletLink, text.qrAlt)}</p>`,
      `<p>${escapeHtml(text.openLink)}<br><a class="wallet-link" href="${escapeHtml(view.walletLink)}" dir="ltr">${breakable(view.walletLink)}</a></p>`,
      `<p>${fill(text.expires, when(view.expiresAt, language))}</p>`,
      `<p>${escapeHtml(text.refreshing)} <a href="${escapeHtml(options.selfUrl)}">${escapeHtml(text.checkAgain)}</a></p>`,
    );
    if (view.lastRefusal) {
      const reason = t(`error.${view.lastRefusal.code}`, { defaultValue: view.lastRefusal.message });
      parts.push(`<p>${fill(text.refused, escapeHtml(reason))}</p>`);
    }
  }
  parts.push(resultSection(view, text, t, language));
  if (view.status !== "pending") parts.push(`<p>${fill(text.deleted, when(view.deleteAfter, language))}</p>`);
  parts.push(`<p><a href="${escapeHtml(options.newRequestUrl)}">${escapeHtml(text.newRequest)}</a></p>`);
  const refresh = view.status === "pending" ? '\n<meta http-equiv="refresh" content="10">' : "";
  return layout(language, text.title, parts.filter(Boolean).join("\n"), refresh);
}
