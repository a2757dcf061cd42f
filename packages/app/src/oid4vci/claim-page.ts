/**
 * The claim page a learner opens from the centre's message: one column, large text, a big "open in my
 * wallet" button, a large QR code for a wallet on another device, numbered steps, and what to do when it
 * fails; right to left in Arabic. No script; the one inline style block is allowed by its hash in the page's
 * own CSP.
 */
import { sha256, toBase64, utf8 } from "@learnbridge/core";
import { RTL_LANGUAGES } from "@learnbridge/i18n";
import { CLAIM_LANGUAGES, type ClaimMessages, claimMessages } from "./claim-messages.ts";

/** What the page shows: an open offer, or why it cannot be used any more. */
export type ClaimPageState = "offered" | "redeemed" | "expired" | "revoked" | "locked" | "unknown";

export interface ClaimPageInput {
  /** One of CLAIM_LANGUAGES. */
  readonly language: string;
  readonly state: ClaimPageState;
  readonly learnerName?: string;
  readonly centreName?: string;
  readonly centreEmail?: string;
  /** The centre's phone number, as people write it; the page links it as `tel:`. */
  readonly centrePhone?: string;
  readonly achievementName?: string;
  /** The `openid-credential-offer://` URI: the button's link and the QR code's content. */
  readonly offerUri?: string;
  readonly qrSvg?: string;
  /** Digits of the PIN, when the offer has one. */
  readonly txCodeLength?: number;
  readonly expiresAt?: string;
  readonly redeemedAt?: string;
  /**
   * The Learner Credential Wallet's way to the same offer (its VC-API exchange), when the centre keeps
   * exchanges: the link, or for an offer with a PIN the form that opens it, with what went wrong last time.
   */
  readonly lcw?:
    | { readonly link: string }
    | { readonly form: { readonly action: string; readonly offerId: string; readonly problem?: PinProblem } };
}

const STYLE = `body{margin:0;font:1.25rem/1.6 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:#111;background:#fff}
main{max-width:40rem;margin:0 auto;padding:1rem 1.25rem 3rem;overflow-wrap:break-word}
h1{font-size:1.9rem;line-height:1.25;margin:1rem 0}
h2{font-size:1.5rem;line-height:1.3;margin:2.25rem 0 .75rem}
a{color:#0b4f9c}
a:focus{outline:.25rem solid #f9a825;outline-offset:.2rem}
.button{display:block;text-align:center;background:#12355b;color:#fff;font-size:1.4rem;font-weight:700;padding:1.1rem 1rem;border-radius:.6rem;text-decoration:none}
.qr{max-width:22rem;margin:1.5rem auto .5rem;border:1px solid #999}
.qr svg{display:block;width:100%;height:auto}
.caption{text-align:center;font-size:1.1rem;margin:0 0 1.5rem}
.until{font-weight:700}
ol{padding-inline-start:1.75rem}
li{margin-bottom:1rem}
.notice{background:#fff4d6;border-inline-start:.4rem solid #8a5300;padding:1rem 1.25rem}
.aside{font-size:1.1rem}
nav{margin-top:2.5rem;font-size:1.1rem}
nav a{display:inline-block;padding:.5rem .75rem}
input{font:inherit;font-size:1.6rem;letter-spacing:.3rem;width:12rem;padding:.5rem;border:2px solid #333;border-radius:.4rem}
button{font:inherit;font-weight:700;background:#fff;color:#12355b;border:3px solid #12355b;border-radius:.6rem;padding:.8rem 1.2rem}
input:focus,button:focus{outline:.25rem solid #f9a825;outline-offset:.2rem}`;

let styleHash: Promise<string> | undefined;

/** The page's Content-Security-Policy: nothing at all may load or run, but its own style block. */
export async function claimPageCsp(): Promise<string> {
  styleHash ??= sha256(utf8(STYLE)).then((digest) => `'sha256-${toBase64(digest)}'`);
  return `default-src 'none'; style-src ${await styleHash}; base-uri 'none'; form-action 'self'; frame-ancestors 'none'`;
}

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};
/** Escapes text for HTML content and attribute values. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c] as string);

/** A message made HTML: fills a template (plain text, escaped here) with values that are HTML already. */
type Html = (template: string) => string;

const fillHtml = (template: string, html: Readonly<Record<string, string>>): string =>
  escapeHtml(template).replace(/\{(\w+)\}/g, (whole, key: string) => html[key] ?? whole);

const dirOf = (language: string) => (RTL_LANGUAGES.has(language) ? "rtl" : "ltr");

function longDate(iso: string | undefined, language: string): string {
  if (!iso) return "";
  return new Intl.DateTimeFormat(language, { dateStyle: "long", timeZone: "UTC" }).format(new Date(iso));
}

/**
 * A reason the PIN form shows again: the message's name, and the tries left or the seconds to wait when
 * that is the reason.
 */
export interface PinProblem {
  readonly key: "pinMissing" | "pinWrong" | "pinLocked" | "pinBusy";
  readonly tries?: number;
  readonly seconds?: number;
}

/** The Learner Credential Wallet's way: its link as a secondary line, or the PIN form that reveals it. */
function lcwSection(
  lcw: NonNullable<ClaimPageInput["lcw"]>,
  m: ClaimMessages,
  t: Html,
  lang: string,
): string[] {
  if ("link" in lcw) {
    // One big button only (the OpenID4VCI wallet link above): this other wallet gets a line of smaller text.
    // The PIN form comes back to #lcw, so after the right PIN this line is what is on screen.
    return [
      `<p class="aside" id="lcw">${t(m.lcwAside)} <a href="${escapeHtml(lcw.link)}">${t(m.lcwOpen)}</a></p>`,
    ];
  }
  // After a refusal the message itself has id lcw, focusable, so that the browser focuses it and a screen
  // reader reads it (autofocus does not work on a URL with a fragment); Tab then goes to the field, described
  // by the message. Otherwise the heading has it, so the answer to a PIN is on screen, not at the page's top.
  const { form } = lcw;
  const problem = form.problem ? t(m[form.problem.key]) : undefined;
  const section = [problem ? `<h2>${t(m.lcwHeading)}</h2>` : `<h2 id="lcw">${t(m.lcwHeading)}</h2>`];
  section.push(`<p>${t(m.lcwPinText)}</p>`);
  if (problem) section.push(`<p class="notice" id="lcw" role="alert" tabindex="-1">${problem}</p>`);
  const refused = problem ? ' aria-invalid="true" aria-describedby="lcw"' : "";
  section.push(
    `<form method="post" action="${escapeHtml(form.action)}#lcw">`,
    `<input type="hidden" name="offer" value="${escapeHtml(form.offerId)}">`,
    `<input type="hidden" name="lang" value="${lang}">`,
    `<p><label for="pin">${t(m.pinLabel)}</label><br>`,
    `<input id="pin" name="tx_code" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]*" maxlength="8" required${refused}></p>`,
    `<p><button type="submit">${t(m.pinButton)}</button></p>`,
    "</form>",
  );
  return section;
}

/** How to reach the centre, as links a phone opens: its e-mail address, and its phone number when known. */
function contactOf(input: ClaimPageInput, m: ClaimMessages): string {
  const { centreEmail: email, centrePhone: phone } = input;
  const ways: string[] = [];
  // The address was checked as one local part, one @, one domain; each is encoded for the URI.
  if (email) {
    const uri = `mailto:${email.split("@").map(encodeURIComponent).join("@")}`;
    ways.push(`<a href="${escapeHtml(uri)}" dir="ltr">${escapeHtml(email)}</a>`);
  }
  const digits = phone?.replace(/[^\d+]/g, "");
  if (phone && digits) ways.push(`<a href="tel:${escapeHtml(digits)}" dir="ltr">${escapeHtml(phone)}</a>`);
  return ways.length === 0 ? "" : fillHtml(m.contact, { ways: ways.join(escapeHtml(m.contactOr)) });
}

/** The whole HTML document; every value from the offer or the profile is escaped. */
export function renderClaimPage(input: ClaimPageInput): string {
  const lang = CLAIM_LANGUAGES.includes(input.language) ? input.language : "en";
  const m = claimMessages(lang);
  const problem = input.lcw && "form" in input.lcw ? input.lcw.form.problem : undefined;
  // In a right-to-left page a name written left to right (or the other way) is isolated, so that it cannot
  // pull the sentence's punctuation to its side.
  const name = (text: string | undefined) =>
    dirOf(lang) === "rtl" && text ? `<bdi>${escapeHtml(text)}</bdi>` : escapeHtml(text ?? "");
  const values = {
    centre: name(input.centreName),
    contact: contactOf(input, m),
    name: name(input.learnerName),
    achievement: name(input.achievementName),
    length: String(input.txCodeLength ?? ""),
    tries: String(problem?.tries ?? ""),
    seconds: String(problem?.seconds ?? ""),
    date: escapeHtml(longDate(input.state === "redeemed" ? input.redeemedAt : input.expiresAt, lang)),
  };
  const t: Html = (template) => fillHtml(template, values);
  const title = input.state === "offered" ? t(m.title) : t(m[`${input.state}Heading`]);
  const body: string[] = [`<h1>${title}</h1>`];
  if (input.state === "offered") {
    body.push(`<p>${t(m.greeting)}</p>`, `<p>${t(m.intro)}</p>`);
    if (input.offerUri)
      body.push(`<p><a class="button" href="${escapeHtml(input.offerUri)}">${t(m.openButton)}</a></p>`);
    if (input.qrSvg) {
      // The SVG is the QR library's own markup of the offer URI (paths and colours only).
      body.push(
        `<div class="qr" role="img" aria-label="${t(m.qrLabel)}">${input.qrSvg}</div>`,
        `<p class="caption">${t(m.qrLabel)}</p>`,
      );
    }
    body.push(`<p class="until">${t(m.validUntil)}</p>`, `<h2>${t(m.stepsHeading)}</h2>`, "<ol>");
    for (const step of [m.stepNeedWallet, m.stepSamePhone, m.stepOtherDevice])
      body.push(`<li>${t(step)}</li>`);
    if (input.txCodeLength) body.push(`<li>${t(m.stepPin)}</li>`);
    body.push(`<li>${t(m.stepAccept)}</li>`, "</ol>");
    if (input.lcw) body.push(...lcwSection(input.lcw, m, t, lang));
    body.push(`<h2>${t(m.helpHeading)}</h2>`, `<p>${t(m.helpText)}</p>`);
  } else {
    body.push(`<p class="notice">${t(m[`${input.state}Text`])}</p>`);
  }
  const links = CLAIM_LANGUAGES.map((code) => {
    const name = escapeHtml(claimMessages(code).languageName);
    const current = code === lang ? ' aria-current="page"' : "";
    return `<a href="?lang=${code}" hreflang="${code}" lang="${code}" dir="${dirOf(code)}"${current}>${name}</a>`;
  });
  body.push(`<nav aria-label="${t(m.languages)}">${links.join(" · ")}</nav>`);
  return [
    "<!doctype html>",
    `<html lang="${lang}" dir="${dirOf(lang)}">`,
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="robots" content="noindex">',
    `<title>${t(m.tabTitle)}</title>`,
    `<style>${STYLE}</style>`,
    "</head>",
    `<body><main>${body.join("\n")}</main></body>`,
    "</html>",
  ].join("\n");
}
