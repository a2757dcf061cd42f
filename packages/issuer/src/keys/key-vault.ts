/**
 * Private keys at rest: each private JWK is sealed with AES-256-GCM under a key derived (HKDF-SHA-256) from
 * the node's MASTER_KEY, so a copied database holds no usable key. Sealed form: `v1.<iv>.<ciphertext>`,
 * base64url, with the key id as additional data so a sealed key cannot be swapped onto another record.
 */
import {
  bufferSource,
  fromBase64Url,
  fromUtf8,
  LearnbridgeError,
  randomBytes,
  toBase64Url,
  utf8,
} from "@learnbridge/core";

export interface KeyVault {
  seal(keyId: string, jwk: JsonWebKey): Promise<string>;
  open(keyId: string, sealed: string): Promise<JsonWebKey>;
}

const INFO = utf8("learnbridge key vault v1");

/** A vault keyed by a master secret of at least 32 bytes (e.g. 32 random bytes, base64url). */
export async function createKeyVault(masterSecret: Uint8Array): Promise<KeyVault> {
  if (!(masterSecret instanceof Uint8Array) || masterSecret.length < 32) {
    throw new TypeError("createKeyVault: the master secret must be at least 32 bytes");
  }
  const base = await crypto.subtle.importKey("raw", bufferSource(masterSecret), "HKDF", false, ["deriveKey"]);
  const key = await crypto.subtle.deriveKey(
    { name: "HKDF", hash: "SHA-256", salt: new Uint8Array(32), info: bufferSource(INFO) },
    base,
    { name: "AES-GCM", length: 256 },
    false,
    ["encrypt", "decrypt"],
  );
  return {
    async seal(keyId, jwk) {
      const iv = randomBytes(12);
      const params = { name: "AES-GCM", iv: bufferSource(iv), additionalData: bufferSource(utf8(keyId)) };
      const sealed = await crypto.subtle.encrypt(params, key, bufferSource(utf8(JSON.stringify(jwk))));
      return `v1.${toBase64Url(iv)}.${toBase64Url(new Uint8Array(sealed))}`;
    },
    async open(keyId, sealed) {
      const [version, iv, body] = sealed.split(".");
      if (version !== "v1" || !iv || !body)
        throw new LearnbridgeError("KEY_UNSUPPORTED", "unknown sealed key format");
      try {
        const params = {
          name: "AES-GCM",
          iv: bufferSource(fromBase64Url(iv)),
          additionalData: bufferSource(utf8(keyId)),
        };
        const plain = await crypto.subtle.decrypt(params, key, bufferSource(fromBase64Url(body)));
        return JSON.parse(fromUtf8(new Uint8Array(plain))) as JsonWebKey;
      } catch (cause) {
        throw new LearnbridgeError(
          "KEY_UNSUPPORTED",
          "the key cannot be opened: wrong MASTER_KEY or damaged record",
          { keyId },
          { cause },
        );
      }
    },
  };
}
