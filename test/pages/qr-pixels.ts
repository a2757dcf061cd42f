/**
 * Test support: reads a QR code off a screenshot, module by module, to compare it with the code of the text
 * it should carry. Not a decoder (no error correction, no perspective): a page shows its code head-on, so
 * the pixels at the centre of every module must be exactly dark or light as the encoding says, quiet zone
 * included. A camera that can read the expected code can then read what the page shows.
 */
import { inflateSync } from "node:zlib";

/** The modules of a QR code drawn as the `qrcode` package's SVG renderer draws it (quiet zone included). */
export function modulesOfSvg(svg: string): boolean[][] {
  const size = Number(/viewBox="0 0 (\d+) \1"/.exec(svg)?.[1]);
  const path = /<path stroke="[^"]+" d="([^"]+)"/.exec(svg)?.[1];
  if (!size || !path) throw new TypeError("modulesOfSvg: not a qrcode SVG");
  const grid = Array.from({ length: size }, () => Array<boolean>(size).fill(false));
  let x = 0;
  let y = 0;
  // Only three commands occur: M x y (absolute move), m dx dy (relative move), h n (a run of n dark modules).
  for (const [, command, a, b] of path.matchAll(/([Mmh])(-?[\d.]+)(?: (-?[\d.]+))?/g)) {
    if (command === "M") [x, y] = [Number(a), Number(b)];
    else if (command === "m") [x, y] = [x + Number(a), y + Number(b)];
    else {
      const row = grid[Math.floor(y)] as boolean[];
      for (let i = 0; i < Number(a); i++) row[x + i] = true;
      x += Number(a);
    }
  }
  return grid;
}

/** An 8-bit, non-interlaced RGB or RGBA PNG (what Chromium's screenshots are), decoded. */
export function decodePng(png: Uint8Array): {
  width: number;
  height: number;
  gray(x: number, y: number): number;
} {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  let offset = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const data: Uint8Array[] = [];
  while (offset < png.length) {
    const length = view.getUint32(offset);
    const type = String.fromCharCode(...png.subarray(offset + 4, offset + 8));
    const body = png.subarray(offset + 8, offset + 8 + length);
    if (type === "IHDR") {
      width = view.getUint32(offset + 8);
      height = view.getUint32(offset + 12);
      const [depth, colour, , , interlace] = body.subarray(8, 13);
      channels = colour === 6 ? 4 : colour === 2 ? 3 : 0;
      if (depth !== 8 || channels === 0 || interlace !== 0) throw new TypeError("decodePng: unsupported PNG");
    } else if (type === "IDAT") data.push(body);
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(data));
  const stride = width * channels;
  const pixels = new Uint8Array(height * stride);
  for (let row = 0; row < height; row++) {
    const filter = raw[row * (stride + 1)];
    const line = raw.subarray(row * (stride + 1) + 1, (row + 1) * (stride + 1));
    const out = row * stride;
    for (let i = 0; i < stride; i++) {
      const left = i >= channels ? (pixels[out + i - channels] as number) : 0;
      const up = row > 0 ? (pixels[out - stride + i] as number) : 0;
      const corner = row > 0 && i >= channels ? (pixels[out - stride + i - channels] as number) : 0;
      const paeth = () => {
        const p = left + up - corner;
        const [pa, pb, pc] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - corner)];
        return pa <= pb && pa <= pc ? left : pb <= pc ? up : corner;
      };
      const predictor = [0, left, up, (left + up) >> 1, filter === 4 ? paeth() : 0][filter as number];
      if (predictor === undefined) throw new TypeError(`decodePng: filter ${filter}`);
      pixels[out + i] = ((line[i] as number) + predictor) & 0xff;
    }
  }
  return {
    width,
    height,
    gray: (x, y) => {
      const at = y * stride + x * channels;
      return ((pixels[at] as number) + (pixels[at + 1] as number) + (pixels[at + 2] as number)) / 3;
    },
  };
}

/** The modules a screenshot of exactly the code's box shows: dark where the centre of a module is dark. */
export function modulesOfScreenshot(png: Uint8Array, size: number): boolean[][] {
  const image = decodePng(png);
  const at = (i: number, extent: number) => Math.floor(((i + 0.5) * extent) / size);
  return Array.from({ length: size }, (_, row) =>
    Array.from(
      { length: size },
      (_, column) => image.gray(at(column, image.width), at(row, image.height)) < 128,
    ),
  );
}
