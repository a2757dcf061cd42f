/**
 * Adapts our `Signer` (bytes in, raw signature bytes out) to did-jwt's `Signer` (signing input string in,
 * base64url signature out), so that did-jwt assembles the JWS while the key stays inside our signer.
 */
import { type Signer, toBase64Url, utf8 } from "@learnbridge/core";
import type { Signer as DidJwtSigner } from "did-jwt";

/**
 * A did-jwt signer over `signer`. JOSE wants ES256 signatures as raw `r || s` (RFC 7518 §3.4), which is what
 * WebCrypto's ECDSA returns; did-jwt passes a string signature through unchanged, so a signer that returned
 * DER would yield JWTs nobody can verify. Both EdDSA and ES256 signatures are exactly 64 bytes: anything else
 * is refused here rather than emitted.
 */
export function toDidJwtSigner(signer: Signer): DidJwtSigner {
  return async (data) => {
    const signature = await signer.sign(typeof data === "string" ? utf8(data) : data);
    if (signature.length !== 64) {
      throw new TypeError(
        `${signer.algorithm} signer returned ${signature.length} bytes; JOSE needs 64 (raw r||s for ES256)`,
      );
    }
    return toBase64Url(signature);
  };
}
