/**
 * HTTP Message Signatures (RFC 9421) and Content-Digest (RFC 9530) for the requests nodes send each other.
 *
 * Written here rather than taken from `http-message-signatures` 1.0.6: that package's entry
 * point requires Node's `crypto` and `constants` modules, and its signature paths build `Buffer`s, so it
 * cannot run in workerd without Node compatibility, and it has no Content-Digest support. What we need is
 * small: the signature base for the derived components of a request and plain fields, strict parsing of
 * Signature-Input / Signature dictionaries, and Ed25519 (and ES256) through WebCrypto.
 */
export {
  checkContentDigest,
  contentDigest,
  type DigestAlgorithm,
  type DigestCheck,
} from "./content-digest.ts";
export {
  HINT_COMPONENTS,
  HTTP_SIGNATURE_ALGORITHMS,
  type SignRequestOptions,
  signedJsonPost,
  signRequest,
} from "./sign-request.ts";
export { DERIVED_COMPONENTS, type SignableRequest, signatureBase } from "./signature-base.ts";
export {
  type RejectedRequestSignature,
  type RequestSignatureResult,
  type SignatureParameter,
  type VerifiedRequestSignature,
  type VerifyRequestOptions,
  verifyRequest,
} from "./verify-request.ts";
