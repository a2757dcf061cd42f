/**
 * The key proof of OpenID4VCI 1.0 (Appendix F.1): a JWT typed `openid4vci-proof+jwt`, signed by the
 * learner's key and naming it by DID URL in `kid`, with `aud` = the credential issuer, `iat` and the issuer's
 * `c_nonce`. It proves the learner holds the key the credential will be bound to. No `iss`: in the
 * pre-authorized flow the wallet is an anonymous client.
 */
import { type Clock, type Signer, systemClock, toBase64Url, utf8 } from "@learnbridge/core";

export const KEY_PROOF_TYP = "openid4vci-proof+jwt";

/** Options of `createKeyProof`. */
export interface KeyProofOptions {
  readonly signer: Signer;
  /** The credential issuer identifier. */
  readonly audience: string;
  /** The `c_nonce` from the nonce endpoint; omitted when the issuer has none. */
  readonly nonce?: string;
  /** `EdDSA` (default) or the fully specified `Ed25519`. */
  readonly alg?: "EdDSA" | "Ed25519";
  readonly clock?: Clock;
}

/** Signs a key proof JWT. */
export async function createKeyProof(options: KeyProofOptions): Promise<string> {
  const { signer, audience, nonce } = options;
  if (signer?.algorithm !== "EdDSA") throw new TypeError("createKeyProof: an Ed25519 signer is required");
  const header = { alg: options.alg ?? "EdDSA", typ: KEY_PROOF_TYP, kid: signer.keyId };
  const payload = {
    aud: audience,
    iat: Math.floor((options.clock ?? systemClock)().getTime() / 1000),
    ...(nonce !== undefined ? { nonce } : {}),
  };
  const signingInput = `${toBase64Url(utf8(JSON.stringify(header)))}.${toBase64Url(utf8(JSON.stringify(payload)))}`;
  return `${signingInput}.${toBase64Url(await signer.sign(utf8(signingInput)))}`;
}
