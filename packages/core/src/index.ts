/** @learnbridge/core: error codes, clock, ids, encodings and WebCrypto keys shared by every package. */

export { canonicalJson } from "./canonical-json.ts";
export { readCappedBody } from "./capped-body.ts";
export { type Clock, fixedClock, parseXsdDateTime, systemClock, toXsdDateTime } from "./clock.ts";
export * from "./encoding.ts";
export { ERROR_HTTP_STATUS, type ErrorCode, httpStatusOf, isErrorCode, LearnbridgeError } from "./errors.ts";
export { isAbsoluteUri, newUrnUuid, randomBytes } from "./ids.ts";
export {
  createSigner,
  exportPrivateJwk,
  generateKeyPair,
  importEd25519Multikey,
  importPrivateJwk,
  importPublicKey,
  type KeyPair,
  type PublicKey,
  publicKeyFromJwk,
  publicKeyFromMultibase,
  publicKeyToJwk,
  publicKeyToMultibase,
  type SignatureAlgorithm,
  type Signer,
  verifySignature,
} from "./keys.ts";
