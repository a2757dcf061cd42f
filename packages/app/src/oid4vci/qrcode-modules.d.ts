/**
 * Types of the two modules of the `qrcode` package the app imports directly (the encoder and its SVG
 * renderer): the package's main entry also loads its PNG and file renderers, which need Node.
 */
declare module "qrcode/lib/core/qrcode.js" {
  import type { QRCode, QRCodeOptions } from "qrcode";
  export function create(text: string, options?: QRCodeOptions): QRCode;
}

declare module "qrcode/lib/renderer/svg-tag.js" {
  import type { QRCode, QRCodeRenderersOptions } from "qrcode";
  export function render(qrData: QRCode, options?: QRCodeRenderersOptions): string;
}
