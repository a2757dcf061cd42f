/**
 * Signing with a Veramo-held key, wrapped as the engine's `Signer` (a function closing over the key, which
 * never leaves Veramo's KMS). With it the wallet reuses the engine's signing of presentations — VC-JOSE
 * `vp+jwt` (signPresentationJwt) and Data Integrity `eddsa-rdfc-2022` / `eddsa-jcs-2022` — rather than
 * Veramo's credential plugin, which speaks VC Data Model 1.1 only (`vc`/`vp` JWT claims, no Data Integrity
 * cryptosuites): our centres issue VC 2.0 Open Badges that its verifier cannot even read.
 */
import { fromBase64Url, type Signer, toHex } from "@learnbridge/core";
import type { IIdentifier, IKey } from "@veramo/core";
import type { HolderAgent } from "./holder-agent.ts";

/**
 * A signer over Veramo's `keyManagerSign` (EdDSA); `keyId` is the DID URL that proofs name.
 * @example const signer = veramoSigner(agent, identifier.keys[0], verificationMethodOf(identifier));
 */
export function veramoSigner(agent: HolderAgent, key: Pick<IKey, "kid" | "type">, keyId: string): Signer {
  if (key?.type !== "Ed25519")
    throw new TypeError(`the wallet signs with Ed25519 keys, not ${String(key?.type)}`);
  return {
    algorithm: "EdDSA",
    keyId,
    async sign(data) {
      // kms-local answers EdDSA signatures in base64url.
      const signature = await agent.keyManagerSign({
        keyRef: key.kid,
        algorithm: "EdDSA",
        data: toHex(data),
        encoding: "base16",
      });
      return fromBase64Url(signature);
    },
  };
}

/** The DID URL of an identifier's signing key: `did:key:z…#z…`, or `did:jwk:…#0`. */
export function verificationMethodOf(identifier: Pick<IIdentifier, "did">): string {
  const { did } = identifier;
  if (did.startsWith("did:key:")) return `${did}#${did.slice("did:key:".length)}`;
  if (did.startsWith("did:jwk:")) return `${did}#0`;
  throw new TypeError(`the wallet cannot sign for ${did}`);
}

/** The signer of an identifier's Ed25519 key. */
export function signerOf(agent: HolderAgent, identifier: IIdentifier): Signer {
  const key = identifier.keys.find((k) => k.kid === identifier.controllerKeyId) ?? identifier.keys[0];
  if (!key) throw new TypeError(`${identifier.did} has no key`);
  return veramoSigner(agent, key, verificationMethodOf(identifier));
}
