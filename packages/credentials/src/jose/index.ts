/** VC-JOSE: credentials and presentations secured as compact JWS (`vc+jwt`, `vp+jwt`) and their envelopes. */
export {
  DEFAULT_MAX_JWS_LENGTH,
  type JoseHeader,
  type ParsedCompactJws,
  parseCompactJws,
} from "./compact-jws.ts";
export { toDidJwtSigner } from "./did-jwt-signer.ts";
export {
  type EnvelopedVerifiableCredential,
  type EnvelopedVerifiablePresentation,
  envelopeCredential,
  envelopePresentation,
  type UnwrappedEnvelope,
  unwrapEnvelope,
} from "./envelope.ts";
export { JOSE_TYPES, type SecuredKind, VC_JWT_MEDIA_TYPE, VP_JWT_MEDIA_TYPE } from "./media-types.ts";
export {
  type SignCredentialJwtOptions,
  type SignPresentationJwtOptions,
  signCredentialJwt,
  signPresentationJwt,
} from "./sign.ts";
export { credentialFromJwtClaims, presentationFromJwtClaims } from "./vcdm11-claims.ts";
export { vcdm11JwtKind, verifyVcdm11CredentialJwt, verifyVcdm11PresentationJwt } from "./vcdm11-jwt.ts";
export {
  type VerifiedJwt,
  type VerifyCredentialJwtOptions,
  type VerifyPresentationJwtOptions,
  verifyCredentialJwt,
  verifyPresentationJwt,
} from "./verify.ts";
