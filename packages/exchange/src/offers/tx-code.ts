/**
 * The transaction code (PIN) of an offer: digits the centre sends the learner by another channel (text
 * message, letter, in person), so that someone who only saw the QR code cannot claim the credential.
 *
 * It is stored salted and hashed, never in clear. A PIN of six digits has a million values, so no hash keeps
 * it from an offline search of a stolen database; what protects it is that it is useless without the offer's
 * id and that five wrong tries lock the offer for good.
 */
import { bytesEqual, fromBase64Url, randomBytes, sha256, toBase64Url, utf8 } from "@learnbridge/core";
import type { TxCodeHash } from "./offer.ts";

/** The lengths a PIN may have; 6 by default. */
export const TX_CODE_MIN_LENGTH = 4;
export const TX_CODE_MAX_LENGTH = 8;
export const TX_CODE_DEFAULT_LENGTH = 6;

/** `length` random decimal digits, drawn without bias from `random` (default the platform's CSPRNG). */
export function newTxCode(length = TX_CODE_DEFAULT_LENGTH, random = randomBytes): string {
  if (!Number.isInteger(length) || length < TX_CODE_MIN_LENGTH || length > TX_CODE_MAX_LENGTH) {
    throw new TypeError(`newTxCode: length must be ${TX_CODE_MIN_LENGTH}-${TX_CODE_MAX_LENGTH}`);
  }
  let digits = "";
  while (digits.length < length) {
    for (const byte of random(length)) {
      // 250 = 25 x 10: bytes of 250 and above would favour the digits 0-5, so they are drawn again.
      if (byte < 250 && digits.length < length) digits += String(byte % 10);
    }
  }
  return digits;
}

const digest = async (salt: string, code: string) => toBase64Url(await sha256(utf8(`${salt}:${code}`)));

/** The stored form of a PIN. */
export async function hashTxCode(code: string, random = randomBytes): Promise<TxCodeHash> {
  if (!/^\d+$/.test(code)) throw new TypeError("hashTxCode: a PIN is digits only");
  const salt = toBase64Url(random(16));
  return { length: code.length, salt, hash: await digest(salt, code) };
}

/** True when `code` is the PIN `stored` was made from (compared in constant time). */
export async function txCodeMatches(stored: TxCodeHash, code: string): Promise<boolean> {
  if (typeof code !== "string" || code.length > 64) return false;
  return bytesEqual(fromBase64Url(await digest(stored.salt, code)), fromBase64Url(stored.hash));
}
