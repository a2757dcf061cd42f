/**
 * The plain pages of an employer's presentation request: a form to ask for a credential, and the request's
 * page with its QR code, the wallet link and, when it arrives, the result explained in the reader's
 * language. The app's CSP is `default-src 'none'`: so no script and no style, the QR code is inline SVG
 * markup, and a pending page refreshes itself with a meta refresh (which CSP does not govern).
 */
import type { PresentationRequestView } from "@learnbridge/exchange";
import { explainReport, RTL_LANGUAGES, type Translate } from "@learnbridge/i18n";
import QRCode from "qrcode";
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

/** The form that creates a request: an achievement's URL, or a centre's DID. */
export function newRequestPage(language: string, action: string): string {
  const text = pageText(language);
  return layout(
    language,
    text.newTitle,
    `<p>${escapeHtml(text.newIntro)}</p>
<form method="post" action="${escapeHtml(action)}">
<p><label for="achievement">${escapeHtml(text.achievementLabel)}</label><br>
<input id="achievement" name="achievement" type="url" size="60" aria-describedby="achievement-hint"><br>
<small id="achievement-hint">${escapeHtml(text.achievementHint)}</small></p>
<p><label for="issuer">${escapeHtml(text.issuerLabel)}</label><br>
<input id="issuer" name="issuer" type="text" size="60" aria-describedby="issuer-hint"><br>
<small id="issuer-hint">${escapeHtml(text.issuerHint)}</small></p>
<p><button type="submit">${escapeHtml(text.create)}</button></p>
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
const nameOf = (value: unknown): string | undefined => {
  const named = isObject(value) ? value.name : value;
  return typeof named === "string" ? named : undefined;
};

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
        const achievement = nameOf(isObject(subject) ? subject.achievement : undefined) ?? nameOf(doc);
        const facts = [
          achievement ? `<dt>${escapeHtml(text.achievement)}</dt><dd>${escapeHtml(achievement)}</dd>` : "",
          nameOf(doc.issuer)
            ? `<dt>${escapeHtml(text.issuer)}</dt><dd>${escapeHtml(nameOf(doc.issuer))}</dd>`
            : "",
          `<dt>${escapeHtml(text.holder)}</dt><dd>${escapeHtml(presentation.holder)}</dd>`,
        ].join("");
        const checks = explained.credentials[index]?.checks ?? [];
        return `<section>
<h2>${escapeHtml(achievement ?? presentation.queryId)}</h2>
<dl>${facts}</dl>
<ul>${checks.map((c) => `<li>${escapeHtml(`${c.mark} ${c.title}: ${c.message}`)}</li>`).join("")}</ul>
<p><strong>${escapeHtml(explained.credentials[index]?.headline ?? explained.headline)}</strong></p>
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
      `<p>${await qrSvg(view.walletLink, text.qrAlt)}</p>`,
      `<p>${escapeHtml(text.openLink)}<br><a href="${escapeHtml(view.walletLink)}">${breakable(view.walletLink)}</a></p>`,
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
