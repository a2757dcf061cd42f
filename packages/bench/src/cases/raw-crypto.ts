/**
 * The physical limit: WebCrypto signing and verifying 64 bytes (the size of Data Integrity's hashData),
 * Ed25519 and, for the ES256 rows, ECDSA P-256 with SHA-256. One more row shows what WebCrypto's async job
 * costs: Node runs each subtle call on its thread pool, where node:crypto's one-shot verify runs inline.
 */
import { KeyObject, verify as verifySync } from "node:crypto";
import { importPublicKey } from "@learnbridge/core";
import type { BenchIssuer } from "../fixtures.ts";
import type { BenchCase, BenchFixtures } from "./case.ts";

const RAW_GROUP = "Raw signatures of 64 bytes (the physical limit)";
/** The case every row is compared with. */
export const RAW_VERIFY_ID = "raw.verify.Ed25519";

const PARAMS = {
  Ed25519: { name: "Ed25519" },
  "P-256": { name: "ECDSA", hash: "SHA-256" },
} as const;

/** Sign and verify per curve. */
export async function rawCryptoCases(fixtures: BenchFixtures): Promise<BenchCase[]> {
  const data = crypto.getRandomValues(new Uint8Array(64));
  const cases: BenchCase[] = [];
  for (const [issuer, curve] of [
    [fixtures.ed25519, "Ed25519"],
    [fixtures.p256, "P-256"],
  ] as const satisfies readonly (readonly [BenchIssuer, keyof typeof PARAMS])[]) {
    const publicKey = await importPublicKey(issuer.pair.publicKey);
    const params = PARAMS[curve];
    const sign = () => crypto.subtle.sign(params, issuer.pair.privateKey, data);
    const verify = (signature: ArrayBuffer) => crypto.subtle.verify(params, publicKey, signature, data);
    const signature = await sign();
    cases.push(
      {
        id: `raw.sign.${curve}`,
        group: RAW_GROUP,
        label: `crypto.subtle.sign ${curve}`,
        kind: "sign",
        run: sign,
        check: (result) => verify(result as ArrayBuffer),
      },
      {
        id: `raw.verify.${curve}`,
        group: RAW_GROUP,
        label: `crypto.subtle.verify ${curve}`,
        kind: "verify",
        run: () => verify(signature),
        check: (result) => result === true,
      },
    );
  }
  const ed25519Key = KeyObject.from(await importPublicKey(fixtures.ed25519.pair.publicKey));
  const ed25519Signature = new Uint8Array(
    await crypto.subtle.sign(PARAMS.Ed25519, fixtures.ed25519.pair.privateKey, data),
  );
  cases.push({
    id: "raw.verify.Ed25519-sync",
    group: RAW_GROUP,
    label: "node:crypto verify Ed25519 (synchronous)",
    kind: "verify",
    run: async () => verifySync(null, data, ed25519Key, ed25519Signature),
    check: (result) => result === true,
  });
  return cases;
}
