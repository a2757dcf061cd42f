/**
 * A response body as text, or undefined past `maxBytes`: core's `readCappedBody` (bytes counted while they
 * stream, so a lying Content-Length is no defence and a huge body is never held), decoded. With `fatal`,
 * bytes that are not UTF-8 throw instead of becoming U+FFFD.
 */
import { readCappedBody } from "@learnbridge/core";

export async function readCapped(
  response: Response,
  maxBytes: number,
  options: { readonly fatal?: boolean } = {},
): Promise<string | undefined> {
  const bytes = await readCappedBody(response, maxBytes);
  return bytes && new TextDecoder("utf-8", { fatal: options.fatal ?? false }).decode(bytes);
}
