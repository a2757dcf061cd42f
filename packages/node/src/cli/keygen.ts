/** `learnbridge keygen`: a new did:key with its private key, written to a private file or stdout. */
import { parseArgs } from "node:util";
import { UsageError } from "./errors.ts";
import type { CliIo } from "./io.ts";
import { writeOutput } from "./io.ts";
import { generateKeyFile } from "./key-file.ts";

export const KEYGEN_HELP = `Usage: learnbridge keygen [--alg EdDSA|ES256] [--out key.json]

Creates a signing key and its did:key. The file holds the private key as a JWK, the DID and the key id.
  --alg   EdDSA (Ed25519, default; signs both formats) or ES256 (P-256; signs jwt_vc only)
  --out   file to create with mode 0600 (never overwritten); default: stdout
The key is NOT encrypted: keep the file secret, and use a node's encrypted key store in production.`;

export async function keygen(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { alg: { type: "string", default: "EdDSA" }, out: { type: "string" } },
    strict: true,
  });
  if (values.alg !== "EdDSA" && values.alg !== "ES256") {
    throw new UsageError(`--alg must be EdDSA or ES256, not ${values.alg}`);
  }
  const key = await generateKeyFile(values.alg, new Date());
  await writeOutput(values.out, `${JSON.stringify(key, null, 2)}\n`, io, true);
  io.err(`${values.out ? `Wrote ${values.out} (mode 0600). ` : ""}DID: ${key.did}`);
  io.err("Warning: the private key is not encrypted. Keep it secret; do not commit it or send it by email.");
  return 0;
}
