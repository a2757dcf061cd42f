/**
 * Test-only helpers for the Data Integrity tests: the vendored W3C vectors, and key resolvers that need no
 * network (did:key decoded from its Multikey; a fixed map of verification methods). Not exported by index.ts.
 */
import { readFileSync } from "node:fs";
import { createSigner, importEd25519Multikey, publicKeyFromMultibase, type Signer } from "@learnbridge/core";
import type { KeyResolver } from "../verify/key-resolver.ts";
import { err, ok } from "../verify/report.ts";
import type { JsonObject } from "./cryptosuite.ts";

const VENDOR = new URL("../../../../test/fixtures/vendor/", import.meta.url);

/** A vendored fixture file as text (trailing whitespace trimmed). */
export const readVendorText = (path: string): string => readFileSync(new URL(path, VENDOR), "utf8").trim();

/** A vendored fixture file parsed as a JSON object (a fresh copy each call). */
export const readVendorJson = (path: string): JsonObject => JSON.parse(readVendorText(path)) as JsonObject;

/** The W3C vector file `name` of a folder in w3c-vc-di-eddsa/. */
export const vector = (folder: string, name: string): string =>
  readVendorText(`w3c-vc-di-eddsa/${folder}/${name}`);

/** The did:key verification method id of an Ed25519 Multikey. */
export const didKeyVm = (publicKeyMultibase: string): string =>
  `did:key:${publicKeyMultibase}#${publicKeyMultibase}`;

/** A signer for a vector key pair, naming its did:key verification method. */
export async function vectorSigner(pair: {
  publicKeyMultibase: string;
  privateKeyMultibase: string;
}): Promise<Signer> {
  const keys = await importEd25519Multikey(pair.privateKeyMultibase, pair.publicKeyMultibase);
  return createSigner(keys, didKeyVm(pair.publicKeyMultibase));
}

/** The key pair of the single-key W3C vectors. */
export const vectorKeyPair = (): { publicKeyMultibase: string; privateKeyMultibase: string } =>
  readVendorJson("w3c-vc-di-eddsa/keyPair.json") as {
    publicKeyMultibase: string;
    privateKeyMultibase: string;
  };

/** Resolves `did:key:z…#z…` by decoding the Multikey; did:key authorises its one key for every purpose. */
export const didKeyResolver: KeyResolver = async (id) => {
  const match = /^did:key:(z[1-9A-HJ-NP-Za-km-z]+)#(z[1-9A-HJ-NP-Za-km-z]+)$/.exec(id);
  if (!match || match[1] !== match[2]) return err("DID_INVALID", `not a did:key verification method: ${id}`);
  try {
    return ok({
      id,
      controller: `did:key:${match[1]}`,
      type: "Multikey",
      publicKey: publicKeyFromMultibase(match[1] ?? ""),
    });
  } catch {
    return err("KEY_UNSUPPORTED", `not an Ed25519 or P-256 did:key: ${id}`);
  }
};

/** Resolves only the listed verification methods, as Multikeys. */
export function mapResolver(
  methods: Record<string, { controller: string; publicKeyMultibase: string }>,
): KeyResolver {
  return async (id) => {
    const method = methods[id];
    if (!method) return err("KEY_NOT_FOUND", `unknown verification method ${id}`);
    return ok({
      id,
      controller: method.controller,
      type: "Multikey",
      publicKey: publicKeyFromMultibase(method.publicKeyMultibase),
    });
  };
}
