/**
 * The look of the employer's request pages: one small style block, allowed by its hash in the pages' own
 * CSP (never 'unsafe-inline'). Large text and controls for a phone, one column, and only logical properties
 * (inline-start, not left), so that the same rules lay an Arabic page out right to left.
 */
import { sha256, toBase64, utf8 } from "@learnbridge/core";

/** The style block's text, exactly as the pages carry it (its hash is in the CSP). */
export const REQUEST_PAGE_STYLE = `body{margin:0;font:1.125rem/1.6 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:#111;background:#fff}
main{max-width:44rem;margin:0 auto;padding:1rem 1.25rem 3rem;overflow-wrap:anywhere}
h1{font-size:1.75rem;line-height:1.25;margin:1rem 0}
h2{font-size:1.4rem;line-height:1.3;margin:0 0 .75rem}
a{color:#0b4f9c}
label{font-weight:700}
input,select{box-sizing:border-box;width:100%;font:inherit;padding:.6rem .75rem;margin:.25rem 0;border:2px solid #333;border-radius:.4rem;background:#fff;color:inherit}
small{display:block;font-size:1rem;color:#333}
button{font:inherit;font-weight:700;min-height:3rem;padding:.7rem 1.5rem;color:#fff;background:#12355b;border:0;border-radius:.6rem}
a:focus,input:focus,select:focus,button:focus{outline:.25rem solid #f9a825;outline-offset:.2rem}
[role=status]{font-size:1.25rem}
[role=alert]{background:#fff4d6;border-inline-start:.4rem solid #8a5300;padding:.75rem 1rem}
.qr svg{display:block;width:100%;max-width:280px;height:auto;margin:0 auto}
.wallet-link{display:block;text-align:start}
section{border:1px solid #bbb;border-radius:.6rem;padding:1rem 1.25rem;margin:1.5rem 0}
dt{font-weight:700}
dd{margin:0 0 .75rem}
.checks{list-style:none;padding:0}
.checks li{margin:0 0 .6rem}
.mark{display:inline-block;width:1.5rem;font-weight:700}
.pass .mark,.verified{color:#1b5e20}
.fail .mark,.failed{color:#b71c1c}
.warn .mark,.warnings{color:#8a5300}
.verdict{font-size:1.25rem}`;

let styleHash: Promise<string> | undefined;

/** The pages' Content-Security-Policy: nothing may load or run; only their own style block applies. */
export async function requestPageCsp(): Promise<string> {
  styleHash ??= sha256(utf8(REQUEST_PAGE_STYLE)).then((digest) => `'sha256-${toBase64(digest)}'`);
  return `default-src 'none'; style-src ${await styleHash}; base-uri 'none'; form-action 'self'; frame-ancestors 'none'`;
}
