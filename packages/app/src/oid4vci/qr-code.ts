/**
 * QR codes as SVG markup, from the `qrcode` package's encoder and SVG renderer only: they are plain
 * JavaScript, so the same code runs in Workers (the package's main entry pulls in PNG and file output,
 * which need Node).
 */
import { create } from "qrcode/lib/core/qrcode.js";
import { render } from "qrcode/lib/renderer/svg-tag.js";

/**
 * An SVG of `text` as a QR code: error correction M (a smudged or creased print still scans), a quiet zone
 * of four modules, black on white, drawn with attributes only (no style), so it fits a strict CSP.
 * @example qrCodeSvg("openid-credential-offer://?credential_offer_uri=…")
 */
export function qrCodeSvg(text: string): string {
  if (typeof text !== "string" || text === "")
    throw new TypeError("qrCodeSvg: text must be a non-empty string");
  return render(create(text, { errorCorrectionLevel: "M" }), {
    margin: 4,
    color: { dark: "#000000ff", light: "#ffffffff" },
  }).trim();
}
